import PortalYAML

/// A link shown in the portal's header.
public struct HeaderLink: Sendable, Equatable {
    public var title: String
    public var url: String

    public init(title: String, url: String) {
        self.title = title
        self.url = url
    }
}

/// The settings of `portal.yaml`. Every key is optional; command-line options win over it.
///
/// ```yaml
/// title: Northwind Developer Portal
/// description: Services, APIs and docs of Northwind Mobility.
/// logo: org/logo.svg          # a file inside the first ROOT, or an https:// URL
/// baseUrl: https://portal.example.com/
/// theme: Themes/northwind     # relative to this file
/// output: site                # relative to this file
/// graphDepth: 1              # relation graphs: 1 = direct relations, 2 = two steps
/// gitHistory: true           # list recently changed entities on the home page, "Last updated" on docs pages
/// mermaidScript: https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs   # draw Mermaid diagrams in docs
/// overlay: published/catalog.json   # or a list: preview the ROOTs inside published catalogs
/// overlayBaseUrl: https://portal.example.com/   # where those are published
/// links:
///   - title: Status
///     url: https://status.example.com
/// annotations:               # annotations as links, badges or cards on entity pages
///   - preset: pagerduty.com/service-id
///     baseUrl: https://acme.pagerduty.com
/// plugins:                   # external programs adding cards, pages, search documents and diagnostics
///   - name: tech-radar
///     command: [portal-tech-radar, radar.yaml]
/// ```
public struct PortalConfig: Sendable, Equatable {
    public var title: String = "Developer Portal"
    public var description: String?
    /// A path (resolved against the config file's folder) or an http(s) URL.
    public var logo: String?
    public var baseURL: String?
    /// A theme folder, resolved against the config file's folder.
    public var theme: String?
    /// The output folder, resolved against the config file's folder.
    public var output: String?
    public var links: [HeaderLink] = []
    /// Whether the home page lists recently changed entities from git history.
    public var gitHistory: Bool = true
    /// How far the relation graph on entity pages reaches: 1 (direct relations) or 2.
    public var graphDepth: Int = 1
    /// An https URL of Mermaid's ES module; when set, docs pages draw Mermaid diagrams with it
    /// (otherwise their source is shown).
    public var mermaidScript: String?
    /// Published catalogs (`catalog.json`) the ROOTs are previewed inside, resolved against the
    /// config file's folder.
    public var overlays: [String] = []
    /// The published portal's URL: pages link overlay entities to their pages there.
    public var overlayBaseURL: String?
    /// Annotations shown as links, badges or cards on entity pages (`annotations:`).
    public var annotationCards: [AnnotationCardSpec] = []
    /// External programs run before rendering (README "Plugins").
    public var plugins: [PluginSpec] = []

    public init() {}

    /// Where `portal.yaml` is looked for when `--config` is not given: the first ROOT.
    public static func defaultPath(roots: [String]) -> String {
        Path.join(roots.first ?? ".", "portal.yaml")
    }

    /// The keys this version understands, for README and diagnostics.
    public static let keys = ["title", "description", "logo", "baseUrl", "theme", "output", "links", "gitHistory", "graphDepth", "mermaidScript",
                              "overlay", "overlayBaseUrl", "annotations", "plugins"]

    /// Reads a config file. A missing file at the default path is not an error; a missing file
    /// given explicitly is. Problems are reported and the rest of the file still applies.
    public static func load(path: String, explicit: Bool, into diagnostics: inout Diagnostics) -> PortalConfig {
        var config = PortalConfig()
        guard FileSystem.resolvedType(of: path) != nil else {
            if explicit {
                diagnostics.add(.error, .configInvalid, at: SourceLocation(file: path), "the config file does not exist")
            }
            return config
        }
        let text: String
        switch FileSystem.read(path, limit: 1 << 20) {
        case .bytes(let bytes): text = String(decoding: bytes, as: UTF8.self)
        case .tooLarge(let size):
            diagnostics.add(.error, .configInvalid, at: SourceLocation(file: path), "the config file is too large (\(size) bytes)")
            return config
        case .failed(let reason):
            diagnostics.add(.error, .configInvalid, at: SourceLocation(file: path), "cannot read the config file: \(reason)")
            return config
        }
        let documents = YAMLParser.parse(text)
        let folder = Path.directory(of: path)
        guard let document = documents.first else { return config }
        if let error = document.error {
            diagnostics.add(.error, .configInvalid, at: SourceLocation(file: path, line: error.mark.line, column: error.mark.column), error.message)
            return config
        }
        guard let root = document.root else { return config }
        guard let pairs = root.pairs else {
            diagnostics.add(.error, .configInvalid, at: location(path, root), "the config file must be a mapping of keys")
            return config
        }
        var reader = Reader(path: path, diagnostics: diagnostics)
        for pair in pairs {
            let key = pair.key.scalarText ?? ""
            let value = pair.value
            switch key {
            case "title": config.title = reader.string(value, key) ?? config.title
            case "description": config.description = reader.string(value, key)
            case "logo": config.logo = reader.string(value, key).map { isURL($0) ? $0 : Path.join(folder, $0) }
            case "baseUrl": config.baseURL = reader.string(value, key)
            case "theme": config.theme = reader.string(value, key).map { Path.join(folder, $0) }
            case "output": config.output = reader.string(value, key).map { Path.join(folder, $0) }
            case "gitHistory": config.gitHistory = reader.bool(value, key) ?? config.gitHistory
            case "links": config.links = reader.links(value)
            case "graphDepth": config.graphDepth = reader.int(value, key, in: 1...2) ?? config.graphDepth
            case "plugins": config.plugins = PluginSpec.list(value, path: path, into: &reader.diagnostics)
            case "overlay": config.overlays = reader.strings(value, key).map { Path.join(folder, $0) }
            case "overlayBaseUrl":
                if let url = reader.string(value, key) {
                    if isURL(url) {
                        config.overlayBaseURL = url
                    } else {
                        reader.diagnostics.add(.error, .configInvalid, at: location(path, value), "overlayBaseUrl must be an http:// or https:// URL")
                    }
                }
            case "annotations":
                var cards = AnnotationCardsReader(path: path, diagnostics: reader.diagnostics)
                config.annotationCards = cards.read(value)
                reader.diagnostics = cards.diagnostics
            case "mermaidScript":
                if let url = reader.string(value, key) {
                    if url.hasPrefix("https://"), !url.contains(where: { $0 == "'" || $0 == "\"" || $0 == " " || $0 == ";" }) {
                        config.mermaidScript = url
                    } else {
                        reader.diagnostics.add(.warning, .configInvalid, at: location(path, value), "mermaidScript must be an https:// URL")
                    }
                }
            default:
                let hint = NearMiss.closest(to: key, among: keys).map { "; did you mean '\($0)'?" } ?? ""
                reader.diagnostics.add(.warning, .configUnknownKey, at: location(path, pair.key),
                                       "unknown config key '\(key)'\(hint)")
            }
        }
        diagnostics = reader.diagnostics
        return config
    }

    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("https://") || text.hasPrefix("http://")
    }

    static func location(_ path: String, _ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: path, line: node.mark.line, column: node.mark.column)
    }

    /// Reads typed values, reporting the wrong type at the value's position.
    private struct Reader {
        let path: String
        var diagnostics: Diagnostics

        mutating func string(_ node: YAMLNode, _ key: String) -> String? {
            if let text = node.stringValue { return text }
            if case .scalar(let text, _) = node.content, node.scalarValue != .null { return text }
            diagnostics.add(.error, .configInvalid, at: location(path, node), "'\(key)' must be a string")
            return nil
        }

        /// A string, or a list of strings.
        mutating func strings(_ node: YAMLNode, _ key: String) -> [String] {
            guard let items = node.items else { return string(node, key).map { [$0] } ?? [] }
            return items.compactMap { string($0, key) }
        }

        mutating func bool(_ node: YAMLNode, _ key: String) -> Bool? {
            if case .bool(let flag) = node.scalarValue { return flag }
            diagnostics.add(.error, .configInvalid, at: location(path, node), "'\(key)' must be true or false")
            return nil
        }

        mutating func int(_ node: YAMLNode, _ key: String, in range: ClosedRange<Int>) -> Int? {
            if case .int(let number) = node.scalarValue, range.contains(number) { return number }
            diagnostics.add(.error, .configInvalid, at: location(path, node), "'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }

        mutating func links(_ node: YAMLNode) -> [HeaderLink] {
            guard let items = node.items else {
                diagnostics.add(.error, .configInvalid, at: location(path, node), "'links' must be a list of {title, url}")
                return []
            }
            var links: [HeaderLink] = []
            for item in items {
                guard let title = item["title"]?.scalarText, let url = item["url"]?.scalarText else {
                    diagnostics.add(.error, .configInvalid, at: location(path, item), "each link needs a 'title' and a 'url'")
                    continue
                }
                links.append(HeaderLink(title: title, url: url))
            }
            return links
        }
    }
}
