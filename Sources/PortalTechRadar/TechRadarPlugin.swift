import PortalKit
import PortalYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The example plugin `portal-tech-radar RADAR.yaml` (README "Tech Radar"): reads the plugin
/// input on stdin and the radar file, and answers with a Tech Radar page (an SVG radar and one
/// table per quadrant), a card on every catalog entity an entry names, a search document per
/// entry, and the radar file's problems as positioned diagnostics.
public enum TechRadarPlugin {
    /// The command-line entry point: exits 2 on a usage error, else writes the answer and exits 0.
    public static func main() -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count == 1, !arguments[0].hasPrefix("-") else {
            writeAll(Array("usage: portal-tech-radar RADAR.yaml  (run by portal-build as a plugin: plugin input on stdin, plugin output on stdout)\n".utf8), to: 2)
            exit(2)
        }
        let output = answer(input: readStandardInput(), radarPath: arguments[0], radarText: readFile(arguments[0]))
        writeAll(output, to: 1)
        exit(0)
    }

    /// An entity of the catalog, as the input lists it.
    struct CatalogEntity {
        var ref: String
        var kind: String
        var name: String
        var title: String?
    }

    /// The plugin's answer (`portal-build/plugin-v1` JSON) for `input` and the radar file's text
    /// (nil when it cannot be read). Pure: the same arguments give the same bytes.
    public static func answer(input: [UInt8], radarPath: String, radarText: String?) -> [UInt8] {
        let root = YAMLParser.parse(String(decoding: input, as: UTF8.self)).first?.root
        let pluginName = root?["plugin"]?["name"]?.stringValue ?? "tech-radar"
        let entities = (root?["catalog"]?["items"]?.items ?? []).compactMap { item -> CatalogEntity? in
            guard let kind = item["kind"]?.stringValue, let name = item["metadata"]?["name"]?.stringValue else { return nil }
            let namespace = item["metadata"]?["namespace"]?.stringValue ?? "default"
            return CatalogEntity(ref: "\(kind.lowercased()):\(namespace)/\(name)", kind: kind.lowercased(), name: name,
                                 title: item["metadata"]?["title"]?.stringValue)
        }
        var diagnostics: [JSONValue] = []
        func diagnostic(_ severity: String, _ id: String, _ message: String, line: Int = 1, column: Int = 1) {
            diagnostics.append(.object([("severity", .string(severity)), ("id", .string(id)), ("message", .string(message)),
                                        ("file", .string(radarPath)), ("line", .int(line)), ("column", .int(column))]))
        }
        func finish(_ fields: [(String, JSONValue)]) -> [UInt8] {
            JSONWriter().write(.object([("protocol", .string("portal-build/plugin-v1"))] + fields + [("diagnostics", .array(diagnostics))]))
        }
        guard let radarText else {
            diagnostic("error", "unreadable", "cannot read the radar file")
            return finish([])
        }
        let (parsed, problems) = Radar.parse(radarText)
        for problem in problems { diagnostic("error", "invalid-radar", problem.message, line: problem.line, column: problem.column) }
        guard let radar = parsed else { return finish([]) }

        let numbered = radar.numbered
        var matches: [String?] = []
        for entry in numbered {
            if let written = entry.entity {
                let ref = written.contains(":") ? written : "component:" + written
                let full = ref.contains("/") ? ref : ref.replacingFirst(":", with: ":default/")
                if entities.contains(where: { $0.ref == full.lowercased() || $0.ref == full }) {
                    matches.append(entities.first { $0.ref == full.lowercased() || $0.ref == full }!.ref)
                } else {
                    diagnostic("warning", "unknown-entity", "entry '\(entry.name)' names the entity '\(written)', which is not in the catalog", line: entry.line)
                    matches.append(nil)
                }
            } else {
                matches.append(match(entry.name, in: entities)?.ref)
            }
        }
        let pageFolder = "plugins/\(pluginName)/radar/"
        var html = "<p>\(numbered.count) entries in \(radar.quadrants.count) quadrants. Rings from the centre: "
            + radar.rings.map(RadarSVG.escape).joined(separator: ", ") + ". ▲ moved in, ▼ moved out, a ringed blip is new.</p>\n"
        var search: [JSONValue] = []
        var cards: [JSONValue] = []
        for (quadrant, name) in radar.quadrants.enumerated() {
            html += "<h2 id=\"quadrant-\(quadrant + 1)\">\(RadarSVG.escape(name))</h2>\n"
            let rows = numbered.indices.filter { numbered[$0].quadrant == quadrant }
            guard !rows.isEmpty else {
                html += "<p>No entries.</p>\n"
                continue
            }
            html += "<div class=\"table-scroll\"><table>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Entry</th><th scope=\"col\">Ring</th>"
                + "<th scope=\"col\">Change</th><th scope=\"col\">Description</th></tr></thead>\n<tbody>\n"
            for index in rows {
                let entry = numbered[index]
                let label = RadarSVG.escape(entry.name)
                let link = matches[index].map { "<a href=\"portal:\($0)\">\(label)</a>" } ?? label
                html += "<tr id=\"entry-\(index + 1)\"><td>\(index + 1)</td><td>\(link)</td><td>\(RadarSVG.escape(radar.rings[entry.ring]))</td>"
                    + "<td>\(change(entry))</td><td>\(RadarSVG.escape(entry.description))</td></tr>\n"
                let ring = radar.rings[entry.ring]
                search.append(.object([("title", .string("\(entry.name) (\(radar.title))")),
                                       ("text", .string("\(ring) in \(name). \(entry.description)")),
                                       ("url", .string("radar#entry-\(index + 1)")), ("kind", .string(radar.title))]))
                if let ref = matches[index] {
                    let depth = 4  // entity pages live at catalog/<namespace>/<kind>/<name>/
                    let url = String(repeating: "../", count: depth) + pageFolder + "#entry-\(index + 1)"
                    cards.append(.object([("entity", .string(ref)), ("title", .string("\(radar.title): \(ring) in \(name)")), ("placement", .string("card")),
                                          ("markdown", .string(markdownEscape(entry.name) + " is **" + markdownEscape(ring) + "**" + changeText(entry)
                                                                + (entry.description.isEmpty ? "" : ": " + markdownEscape(entry.description))
                                                                + "\n\n[See entry \(index + 1) on the \(markdownEscape(radar.title))](\(url))\n"))]))
                }
            }
            html += "</tbody>\n</table></div>\n"
        }
        let page: JSONValue = .object([
            ("path", .string("radar")), ("title", .string(radar.title)), ("nav", .bool(true)),
            ("description", .string("\(numbered.count) technologies in four quadrants, in rings from \(radar.rings.first!) to \(radar.rings.last!).")),
            ("svg", .string(RadarSVG.render(radar))), ("html", .string(html)),
        ])
        return finish([("entityContent", .array(cards)), ("pages", .array([page])), ("search", .array(search))])
    }

    /// The entity an entry's name names: its `metadata.name` is the name in kebab case, or its
    /// title is the name; components first, then by reference.
    static func match(_ name: String, in entities: [CatalogEntity]) -> CatalogEntity? {
        let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        let found = entities.filter { $0.name.lowercased() == slug || $0.title?.lowercased() == name.lowercased() }
        return found.min { ($0.kind == "component" ? 0 : 1, $0.ref) < ($1.kind == "component" ? 0 : 1, $1.ref) }
    }

    static func change(_ entry: Radar.Entry) -> String {
        entry.isNew ? "New" : entry.moved == .up ? "▲ Moved in" : entry.moved == .down ? "▼ Moved out" : "—"
    }

    static func changeText(_ entry: Radar.Entry) -> String {
        entry.isNew ? " (new)" : entry.moved == .up ? " (moved in)" : entry.moved == .down ? " (moved out)" : ""
    }

    /// Markdown's punctuation escaped, so a radar's text stays text.
    static func markdownEscape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\`*_{}[]()#+-.!<>|&".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return }
            written += count
        }
    }

    static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return bytes
    }

    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[..<count]
            if bytes.count > 4 << 20 { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }
}
