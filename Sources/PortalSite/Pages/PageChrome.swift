import PortalKit

/// The parts every page shares: the site's title and header links, the path back to the
/// root, which section is current, and the asset URLs (with a content hash against stale caches).
struct PageChrome: Sendable {
    enum Section: String, Sendable {
        case home, catalog, create, docs, health, search, other
    }

    let config: PortalConfig
    /// `?v=…` per asset path, so a changed stylesheet is never served stale.
    let assetVersions: [String: String]
    /// The logo's URL relative to the site root, when there is one.
    let logoPath: String?
    /// Whether the catalog has Templates: the menu then links the Create page.
    var hasTemplates = false
    /// Header links to the plugins' pages that asked for one (site-relative folders).
    var pluginLinks: [(title: String, folder: String)] = []

    /// The model of a whole page: chrome fields plus `content`, the page's own HTML (UTF-8).
    /// `root` overrides the relative path back to the site root (404.html uses the base path).
    func page(path: String, title: String, section: Section, description: String? = nil, content: [UInt8],
              extraScripts: [String] = [], root: String? = nil, scriptSource: String? = nil) -> TemplateValue {
        let root = root ?? SitePaths.root(from: path)
        var fields: TemplateFields = [
            "root": .text(root),
            "siteTitle": .text(config.title),
            "pageTitle": .text(title == config.title ? title : "\(title) · \(config.title)"),
            "content": .utf8(content),
            "section": .object([section.rawValue: true]),
            "hasCreatePage": .flag(hasTemplates),
            "headerLinks": .list(config.links.compactMap { link in
                guard let href = SafeURL.href(link.url) else { return nil }
                return ["title": .text(link.title), "href": .text(href)]
            }),
            "css": .text(asset("portal.css", root: root)),
            "js": .text(asset("portal.js", root: root)),
            "favicon": .text(asset("favicon.svg", root: root)),
            "scripts": .list(extraScripts.map { .text(asset($0, root: root)) }),
            // The Content-Security-Policy's script sources: the site's own, plus a configured Mermaid script's origin.
            "scriptSources": .text(scriptSource.flatMap(Self.origin).map { "'self' " + $0 } ?? "'self'"),
        ]
        if !pluginLinks.isEmpty {
            let folder = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
            fields["pluginLinks"] = .list(pluginLinks.map { link in
                ["title": .text(link.title), "href": .text(root + SitePaths.encodedPath(link.folder)), "current": .flag(link.folder == folder)]
            })
        }
        if assetVersions["search.js"] != nil { fields["searchJS"] = .text(asset("search.js", root: root)) }
        if let scriptSource { fields["mermaidScript"] = .text(scriptSource) }
        fields.setIfPresent("description", .optional(description ?? config.description))
        if let logoPath {
            fields["logo"] = .text(PortalConfig.isURL(logoPath) ? logoPath : root + logoPath)
        }
        if let base = config.baseURL {
            fields["canonical"] = .text(SiteURLs.absolute(base: base, path: path))
        }
        return .object(fields)
    }

    /// `https://cdn.example` for `https://cdn.example/x/mermaid.esm.min.mjs`; nil unless https.
    static func origin(_ url: String) -> String? {
        guard url.hasPrefix("https://") else { return nil }
        let rest = url.dropFirst(8)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" }) else { return nil }
        return "https://" + host
    }

    func asset(_ name: String, root: String) -> String {
        root + "assets/" + name + (assetVersions[name].map { "?v=" + $0 } ?? "")
    }
}

/// Absolute URLs for `sitemap.xml`, `llms.txt` and canonical links, from `--base-url`.
enum SiteURLs {
    /// `https://x.example/portal/` + `catalog/index.html` → `https://x.example/portal/catalog/`.
    static func absolute(base: String, path: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        let pretty = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        return prefix + pretty
    }
}
