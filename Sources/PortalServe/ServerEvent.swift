internal import PortalKit

/// A message to the open pages, sent as a server-sent event.
public enum ServerEvent: Sendable, Equatable {
    /// The site being served, by build id (sent when a page connects).
    case build(id: String)
    /// A new site was swapped in: reload.
    case reload(buildID: String)
    /// The last build was not swapped in because of these errors (`path:line:col: error: … [id]`).
    case problems([String])

    /// The event in `text/event-stream` form: `event:` and one `data:` line, then a blank line.
    public var text: String {
        switch self {
        case .build(let id): "event: build\ndata: \(id)\n\n"
        case .reload(let id): "event: reload\ndata: \(id)\n\n"
        case .problems(let lines):
            // Compact JSON escapes newlines, so the list fits one data line.
            "event: problems\ndata: \(JSONWriter(pretty: false).string(.array(lines.map { .string($0) })))\n\n"
        }
    }
}
