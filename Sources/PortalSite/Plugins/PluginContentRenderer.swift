import PortalKit
internal import PortalMarkdown

/// Turns the plugins' untrusted contributions into safe HTML once per build: Markdown through
/// the docs renderer (raw HTML in it sanitised), HTML through the same sanitiser as raw HTML in
/// docs, SVG through the sanitiser of docs images. `portal:<entity-ref>` links are replaced with
/// the entity page's URL relative to the page the content lands on.
struct PluginContentRenderer {
    let graph: CatalogGraph

    /// One card on an entity page, ready for the template.
    struct Card: Sendable {
        var plugin: String
        var title: String
        var html: [UInt8]
    }

    /// One page of a plugin, ready for the template.
    struct Page: Sendable {
        var plugin: String
        var path: String
        var title: String
        var description: String?
        var svg: [UInt8]?
        var html: [UInt8]
    }

    /// Everything rendered: cards by entity, pages in plugin order, and the problems found.
    struct Rendered: Sendable {
        var cards: [EntityRef: [Card]] = [:]
        var pages: [Page] = []
        var diagnostics: [Diagnostic] = []
    }

    func render(_ contributions: PluginContributions, specs: [PluginSpec]) -> Rendered {
        var rendered = Rendered()
        let locations = Dictionary(specs.map { ($0.name, $0.location) }, uniquingKeysWith: { first, _ in first })
        for plugin in contributions.plugins {
            let location = locations[plugin.name] ?? SourceLocation(file: "portal.yaml")
            var problems: [String] = []
            for content in plugin.entityContent {
                guard let entity = graph.entity(content.entity) else { continue }
                let folder = SitePaths.entityFolder(entity)
                let html = Self.prefixingIDs(body(content.body, folder: folder, problems: &problems), with: "plugin-\(plugin.name)-")
                rendered.cards[content.entity, default: []].append(Card(plugin: plugin.name, title: content.title, html: html))
            }
            for page in plugin.pages {
                let folder = plugin.folder(of: page)
                let html = body(page.body, folder: folder, problems: &problems)
                var svg: [UInt8]?
                if let source = page.svg {
                    svg = SVGSanitizer.sanitize(Array(resolvingLinks(in: source, folder: folder, problems: &problems).utf8)).map(Self.inlineSVG)
                    if svg == nil { problems.append("page '\(page.path)': its \"svg\" is not a readable SVG image; it is left out") }
                }
                rendered.pages.append(Page(plugin: plugin.name, path: page.path, title: page.title, description: page.description, svg: svg, html: html))
            }
            for problem in Set(problems).sorted() {
                rendered.diagnostics.append(Diagnostic(.warning, .pluginInvalidOutput, at: location, "plugin '\(plugin.name)': \(problem)"))
            }
        }
        return rendered
    }

    private func body(_ body: PluginBody, folder: String, problems: inout [String]) -> [UInt8] {
        switch body {
        case .markdown(let markdown):
            let document = DocumentRenderer().render(markdown) { link in resolve(link.destination, folder: folder, problems: &problems) }
            for link in document.unsafeLinks {
                problems.append("link to '\(link.destination.prefix(60))' removed: only relative, http(s), mailto, tel and ftp links are kept")
            }
            return document.htmlBytes
        case .html(let html):
            var removed: [HTMLSanitizer.RemovedURL] = []
            var found: [String] = []
            let safe = HTMLSanitizer.sanitize(html, removedURLs: &removed) { url, _ in resolve(url, folder: folder, problems: &found) }
            problems += found
            for url in removed { problems.append("link to '\(url.url.prefix(60))' removed: only relative, http(s), mailto, tel and ftp links are kept") }
            return Array(safe.utf8)
        }
    }

    /// The entity page's URL for `portal:<ref>`, `#` (with a problem) for an unknown entity, nil for any other URL.
    private func resolve(_ url: String, folder: String, problems: inout [String]) -> String? {
        guard url.hasPrefix("portal:") else { return nil }
        let text = String(url.dropFirst("portal:".count))
        guard let ref = try? EntityRef.parse(text, defaultKind: nil, defaultNamespace: "default"), let entity = graph.entity(ref) else {
            problems.append("link to '\(url.prefix(80))' names no entity of the catalog; it leads nowhere")
            return "#"
        }
        return SitePaths.relativeURL(from: folder, to: SitePaths.entityFolder(entity))
    }

    /// `text` with every quoted `"portal:<ref>"` (an SVG link) resolved.
    private func resolvingLinks(in text: String, folder: String, problems: inout [String]) -> String {
        guard text.contains("portal:") else { return text }
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "portal:") {
            let before = rest[..<start.lowerBound]
            guard let quote = before.last, quote == "\"" || quote == "'" else {
                output += rest[..<start.upperBound]
                rest = rest[start.upperBound...]
                continue
            }
            let end = rest[start.lowerBound...].firstIndex(of: quote) ?? rest.endIndex
            output += before
            output += resolve(String(rest[start.lowerBound..<end]), folder: folder, problems: &problems) ?? "#"
            rest = rest[end...]
        }
        return output + rest
    }

    /// A card's HTML with every `id` (headings get them) and every same-page `#` link prefixed,
    /// so a card's "Relations" heading cannot take the id of the entity page's own.
    static func prefixingIDs(_ html: [UInt8], with prefix: String) -> [UInt8] {
        let text = String(decoding: html, as: UTF8.self)
        guard text.contains(" id=\"") || text.contains("href=\"#") else { return html }
        return Array(text.replacingAll(" id=\"", " id=\"" + prefix).replacingAll("href=\"#", "href=\"#" + prefix).utf8)
    }

    /// A sanitised SVG document as an element to inline: without its XML declaration.
    static func inlineSVG(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.starts(with: Array("<?xml".utf8)), let end = bytes.firstIndex(of: UInt8(ascii: ">")) else { return bytes }
        return Array(bytes[(end + 1)...].drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 })
    }
}
