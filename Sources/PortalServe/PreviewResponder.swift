public import Hummingbird
import NIOCore
internal import PortalKit

/// Answers the preview server's requests: the live-reload script and event stream under
/// `/__portal/`, and otherwise the site's files by the rules of ``StaticSite``.
///
/// Only GET and HEAD are allowed. Every response says `Cache-Control: no-cache` (a preview
/// changes under the browser) and `X-Content-Type-Options: nosniff`; HTML gets the reload tag.
public struct PreviewResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    public var site: StaticSite
    public var hub: EventHub
    /// Whether requests must name a loopback host (`localhost`, `127.0.0.1`, `[::1]`), so a web
    /// page cannot reach the preview through a DNS name it controls (DNS rebinding).
    public var loopbackOnly: Bool

    /// Files larger than this are not served (the site's own files are far smaller).
    static let maxFileBytes = 1 << 30

    public init(site: StaticSite, hub: EventHub, loopbackOnly: Bool) {
        self.site = site
        self.hub = hub
        self.loopbackOnly = loopbackOnly
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            var response = text(.methodNotAllowed, "Only GET and HEAD are allowed.\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        if loopbackOnly, !Self.isLoopback(authority: request.head.authority) {
            return text(.forbidden, "The preview answers only to localhost, 127.0.0.1 and [::1].\n")
        }
        let response = switch request.uri.path {
        case LiveReload.scriptPath:
            bytes(.ok, Array(LiveReload.script.utf8), contentType: MediaTypes.contentType(of: "reload.js"))
        case LiveReload.eventsPath:
            request.method == .head ? Response(status: .ok, headers: Self.eventHeaders) : await events()
        default:
            file(request.uri.path, query: request.uri.query)
        }
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func file(_ path: String, query: String?) -> Response {
        switch site.resolve(requestPath: path) {
        case .file(let file, let contentType):
            guard let body = read(file) else { return notFound() }
            return bytes(.ok, body, contentType: contentType)
        case .redirect(let location):
            var response = text(.movedPermanently, "Moved to \(location)\n")
            response.headers[.location] = location + (query.map { "?" + $0 } ?? "")
            return response
        case .notFound:
            return notFound()
        }
    }

    /// The site's `404.html` with status 404, or a line of text if the site has none.
    private func notFound() -> Response {
        if case .file(let page, let contentType) = site.resolve(requestPath: "/404.html"), let body = read(page) {
            return bytes(.notFound, body, contentType: contentType)
        }
        return text(.notFound, "Not found.\n")
    }

    /// A `text/event-stream` that lasts until the page goes away or the server stops.
    private func events() async -> Response {
        let stream = await hub.subscribe()
        let body = ResponseBody { writer in
            // Reconnect quickly after a restart of the server.
            try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
            for await event in stream {
                try await writer.write(ByteBuffer(string: event.text))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: Self.eventHeaders, body: body)
    }

    private static let eventHeaders = commonHeaders(contentType: "text/event-stream; charset=utf-8")

    private func read(_ path: String) -> [UInt8]? {
        guard case .bytes(let content) = FileSystem.read(path, limit: Self.maxFileBytes) else { return nil }
        return content
    }

    private func bytes(_ status: HTTPResponse.Status, _ content: [UInt8], contentType: String) -> Response {
        let isHTML = contentType.hasPrefix("text/html")
        let body = isHTML ? LiveReload.inject(into: content) : content
        return Response(status: status, headers: Self.commonHeaders(contentType: contentType),
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: Self.commonHeaders(contentType: MediaTypes.contentType(of: "message.txt")),
                 body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    private static func commonHeaders(contentType: String) -> HTTPFields {
        [.contentType: contentType, .cacheControl: "no-cache", .init("X-Content-Type-Options")!: "nosniff"]
    }

    /// Whether a `Host` value names this machine's loopback interface, with any port.
    static func isLoopback(authority: String?) -> Bool {
        guard let authority else { return false }
        var host = Substring(authority.lowercased())
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        return host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
            && host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
    }
}
