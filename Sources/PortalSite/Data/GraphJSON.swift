import PortalKit

/// `graph.json`: entities as nodes and relations as edges, for tools that draw or query the
/// catalog. Dangling targets appear as nodes with `inCatalog: false` (entities of the published
/// portal in an overlay preview also with `published: true`, and `url` when it is known); edges carry both
/// directions exactly as the catalog records them. Written straight to bytes (the same bytes
/// as a compact ``JSONWriter``), without a tree of values for tens of thousands of edges.
enum GraphJSON {
    static func render(_ catalog: SiteCatalog) -> [UInt8] {
        var json = CompactJSON()
        var missing: Set<EntityRef> = []
        json.raw(#"{"nodes":["#)
        for (position, facts) in catalog.facts.enumerated() {
            json.separator()
            json.field("id", catalog.ids[position], first: true)
            json.field("kind", facts.kind)
            json.field("namespace", facts.namespace)
            json.field("name", facts.name)
            json.field("title", facts.title)
            json.field("url", facts.folder)
            json.raw(#","inCatalog":true"#)
            if let type = facts.type { json.field("type", type) }
            if let owner = facts.owner { json.field("owner", owner.description) }
            json.raw("}")
            for (relation, target) in zip(catalog.graph.relations[position], catalog.targetPositions[position]) where target == nil {
                missing.insert(relation.target)
            }
        }
        for ref in missing.sorted() {
            json.separator()
            json.field("id", ref.description, first: true)
            if let published = catalog.graph.overlay.entity(ref) {
                json.field("kind", published.kind)
                json.field("namespace", published.namespace)
                json.field("name", published.name)
                json.field("title", published.displayTitle)
                if let url = catalog.publishedURL(published) { json.field("url", url) }
                json.raw(#","inCatalog":false,"published":true}"#)
                continue
            }
            json.field("kind", ref.kind)
            json.field("namespace", ref.namespace)
            json.field("name", ref.name)
            json.raw(#","inCatalog":false}"#)
        }
        json.raw(#"],"edges":["#)
        for (position, relations) in catalog.graph.relations.enumerated() {
            for relation in relations {
                json.separator()
                json.field("source", catalog.ids[position], first: true)
                json.field("type", relation.type)
                json.field("target", relation.target.description)
                json.raw("}")
            }
        }
        json.raw("]}")
        return json.bytes
    }
}

/// Compact JSON written piece by piece.
private struct CompactJSON {
    private(set) var bytes: [UInt8] = []

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `,` before every list item but the first (right after `[`), then `{`.
    mutating func separator() {
        if bytes.last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "{"))
    }

    /// `"key":"value"`, after a comma unless it is the object's first field.
    mutating func field(_ key: StaticString, _ value: String, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(key)
        bytes.append(contentsOf: "\":".utf8)
        JSONWriter.appendString(value, to: &bytes)
    }
}

/// `llms.txt` (llmstxt.org): a plain-text map of the portal for agents and tools, entities
/// grouped by kind with their page URL and description.
enum LLMSText {
    static func render(_ catalog: SiteCatalog, config: PortalConfig) -> [UInt8] {
        func url(_ path: String) -> String {
            config.baseURL.map { SiteURLs.absolute(base: $0, path: path) } ?? path
        }
        var text = "# \(oneLine(config.title))\n\n"
        text += "> \(oneLine(config.description ?? "A developer portal of \(catalog.facts.count) catalog entities: who owns what, what depends on what, where the docs and APIs are."))\n\n"
        text += "Machine-readable data: [catalog.json](\(url("catalog.json"))) (every entity as written), "
        text += "[graph.json](\(url("graph.json"))) (relations), [docs.json](\(url("docs.json"))) (docs pages and their problems), "
        text += "[health.json](\(url("health.json"))) (catalog health).\n"
        var byKind: [String: [EntityFacts]] = [:]
        for facts in catalog.facts { byKind[facts.kind, default: []].append(facts) }
        for kind in byKind.keys.sorted() {
            text += "\n## \(oneLine(kind))\n\n"
            for facts in byKind[kind]! {
                text += "- [\(oneLine(facts.title))](\(url(facts.folder)))"
                var details: [String] = []
                if let type = facts.type { details.append("type \(type)") }
                if let owner = facts.owner { details.append("owner \(owner)") }
                if let lifecycle = facts.lifecycle { details.append(lifecycle) }
                if let description = facts.description { details.append(description) }
                if !details.isEmpty { text += ": " + oneLine(details.joined(separator: "; ")) }
                text += "\n"
            }
        }
        return Array(text.utf8)
    }

    /// Text on one line that cannot start a Markdown link, image, HTML tag, autolink or code span:
    /// brackets become parentheses, and `<`, `>` and backticks are escaped with a backslash, as is a
    /// backslash before punctuation (so `\<` stays two characters of text).
    static func oneLine(_ text: String) -> String {
        // Most text is ASCII without line breaks or any of these: nothing to change.
        let unchanged = text.utf8.allSatisfy { $0 < 0x80 && !(0x0A...0x0D).contains($0) && !specials.contains($0) }
        if unchanged { return text }
        var result = ""
        var characters = text.makeIterator()
        var next = characters.next()
        while let character = next {
            next = characters.next()
            switch character {
            case _ where character.isNewline: result.append(" ")
            case "[": result.append("(")
            case "]": result.append(")")
            case "<", ">", "`": result += "\\" + String(character)
            case "\\" where next.map(isASCIIPunctuation) == true: result += "\\\\"
            default: result.append(character)
            }
        }
        return result
    }

    private static func isASCIIPunctuation(_ character: Character) -> Bool {
        guard let byte = character.asciiValue else { return false }
        return (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private static let specials: Set<UInt8> = Set("[]<>`\\".utf8)
}

/// `sitemap.xml`, written only when the base URL is known (sitemaps need absolute URLs).
enum Sitemap {
    static func render(paths: [String], baseURL: String) -> [UInt8] {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths {
            xml += "  <url><loc>\(XMLText.escape(SiteURLs.absolute(base: baseURL, path: path)))</loc></url>\n"
        }
        xml += "</urlset>\n"
        return Array(xml.utf8)
    }
}

/// Escaping for text placed in HTML or XML (the same escaping templates apply).
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        HTMLEscaping.append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        return String(flatMap { $0 == target ? Array(replacement) : [$0] })
    }
}
