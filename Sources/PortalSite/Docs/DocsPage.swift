import PortalKit
import PortalMarkdown

/// The navigation of one docs site as pages see it: the nav tree with every page's title, and
/// the reading order for previous/next.
struct DocsNavigation: Sendable {
    /// The nav entries, titles filled in from the pages where the nav gave none.
    indirect enum Entry: Sendable {
        case page(title: String, page: Int)
        case section(title: String, children: [Entry])
        case link(title: String, url: String)
    }

    let entries: [Entry]
    /// Page positions in reading order (nav order).
    let order: [Int]
    private let orderIndex: [Int: Int]
    let entryCount: Int
    /// Each page's URL path below the site's folder, percent-encoded for use in links.
    let encodedURLPaths: [String]
    /// The same, HTML-escaped, as the nav writes them: page `p`'s is `escapedURLBytes[escapedURLRanges[p]]`.
    private let escapedURLBytes: [UInt8]
    private let escapedURLRanges: [Range<Int>]
    /// The nav's HTML, cut where it depends on the current page.
    private let pieces: [Piece]
    /// The HTML that is the same on every page (``Piece/fixed(_:)`` ranges), and the pages of
    /// each section (``Piece/section(_:)`` numbers). Kept apart so the pieces hold no references:
    /// making a page's nav then retains and releases nothing per piece.
    private let fixedBytes: [UInt8]
    private let sectionPages: [Set<Int>]
    /// About the bytes of the nav's HTML, less the `../` of its links.
    private let estimatedBytes: Int
    /// Every section is open when the nav is short.
    private let openAll: Bool

    init(site: DocSite, pages: [ConvertedPage?]) {
        encodedURLPaths = site.pages.map { SitePaths.encodedPath($0.urlPath) }
        var index: [String: Int] = [:]
        for (position, page) in site.pages.enumerated() { index[page.relativePath] = position }
        var order: [Int] = []
        var count = 0
        func convert(_ items: [NavItem]) -> [Entry] {
            items.compactMap { item in
                count += 1
                switch item {
                case .page(let title, let path):
                    guard let position = index[path] else { return nil }
                    order.append(position)
                    return .page(title: title ?? pages[position]?.title ?? DocsConverter.title(fromFileName: path), page: position)
                case .section(let title, let children):
                    let converted = convert(children)
                    return converted.isEmpty ? nil : .section(title: title, children: converted)
                case .link(let title, let url):
                    return .link(title: title, url: url)
                }
            }
        }
        entries = convert(site.nav)
        self.order = order
        entryCount = count
        openAll = count <= 40
        var escapedURLBytes: [UInt8] = []
        escapedURLRanges = encodedURLPaths.map { path in
            let start = escapedURLBytes.count
            HTMLEscaping.append(path, to: &escapedURLBytes)
            return start..<escapedURLBytes.count
        }
        self.escapedURLBytes = escapedURLBytes
        (pieces, fixedBytes, sectionPages) = Self.pieces(of: entries)
        estimatedBytes = fixedBytes.count + pieces.reduce(0) { $0 + $1.estimatedBytes }
        var orderIndex: [Int: Int] = [:]
        for (position, page) in order.enumerated() where orderIndex[page] == nil { orderIndex[page] = position }
        self.orderIndex = orderIndex
    }

    func neighbours(of page: Int) -> (previous: Int?, next: Int?) {
        guard let position = orderIndex[page] else { return (nil, nil) }
        return (position > 0 ? order[position - 1] : nil, position + 1 < order.count ? order[position + 1] : nil)
    }

    /// The nav as nested lists, the current page marked; sections open when they hold it (or when
    /// the whole nav is short). `up` leads from the current page's folder to the site's folder
    /// (`../` per level). Made from ``pieces``: only links and section openings differ by page.
    func html(current: Int, up: String) -> [UInt8] {
        var html: [UInt8] = []
        html.reserveCapacity(estimatedBytes + entryCount * up.utf8.count)
        fixedBytes.withUnsafeBufferPointer { fixed in
            escapedURLBytes.withUnsafeBufferPointer { urls in
                for index in pieces.indices {
                    switch pieces[index] {
                    case .fixed(let range):
                        html.append(contentsOf: UnsafeBufferPointer(rebasing: fixed[range]))
                    case .pageLink(let page):
                        let down = UnsafeBufferPointer(rebasing: urls[escapedURLRanges[page]])
                        if page == current || (up.isEmpty && down.isEmpty) {
                            html.append(contentsOf: "./".utf8)
                        } else {
                            HTMLEscaping.appendUnescaped(up, to: &html)  // `../` needs no escaping
                            html.append(contentsOf: down)
                        }
                        html.append(contentsOf: page == current ? "\" aria-current=\"page\">".utf8 : "\">".utf8)
                    case .section(let number):
                        html.append(contentsOf: openAll || sectionPages[number].contains(current)
                            ? "<li class=\"docs-nav-section\"><details open><summary>".utf8
                            : "<li class=\"docs-nav-section\"><details><summary>".utf8)
                    }
                }
            }
        }
        return html
    }

    /// A part of the nav's HTML: the same on every page, or a part that depends on the current page.
    enum Piece: Sendable {
        /// Bytes of ``DocsNavigation/fixedBytes``.
        case fixed(Range<Int>)
        /// A page's href and the end of its `<a>` tag (`aria-current` on the current page).
        case pageLink(Int)
        /// A section's opening tags (its pages are ``DocsNavigation/sectionPages``[n]): `open`
        /// when it holds the current page.
        case section(Int)

        /// Bytes written beyond the fixed ones.
        var estimatedBytes: Int {
            switch self {
            case .fixed: 0
            case .pageLink: 24
            case .section: 56
            }
        }
    }

    /// The nav's pieces, titles and external links escaped once for every page of the site, with
    /// the fixed bytes and each section's pages they point into.
    private static func pieces(of entries: [Entry]) -> (pieces: [Piece], fixed: [UInt8], sectionPages: [Set<Int>]) {
        var pieces: [Piece] = []
        var fixed: [UInt8] = []
        var sectionPages: [Set<Int>] = []
        var pendingStart = 0
        func raw(_ text: String) { HTMLEscaping.appendUnescaped(text, to: &fixed) }
        func text(_ text: String) { HTMLEscaping.append(text, to: &fixed) }
        func flush(then piece: Piece) {
            if fixed.count > pendingStart { pieces.append(.fixed(pendingStart..<fixed.count)) }
            pendingStart = fixed.count
            pieces.append(piece)
        }
        func pages(in entries: [Entry]) -> Set<Int> {
            var found: Set<Int> = []
            for entry in entries {
                switch entry {
                case .page(_, let page): found.insert(page)
                case .section(_, let children): found.formUnion(pages(in: children))
                case .link: break
                }
            }
            return found
        }
        func list(_ entries: [Entry]) {
            raw("<ul>")
            for entry in entries {
                switch entry {
                case .page(let title, let page):
                    raw("<li><a href=\"")
                    flush(then: .pageLink(page))
                    text(title)
                    raw("</a></li>")
                case .section(let title, let children):
                    sectionPages.append(pages(in: children))
                    flush(then: .section(sectionPages.count - 1))
                    text(title)
                    raw("</summary>")
                    list(children)
                    raw("</details></li>")
                case .link(let title, let url):
                    if let target = SafeURL.href(url) ?? (URLText.hasScheme(url) ? nil : url) {
                        raw("<li><a class=\"external\" href=\"")
                        text(target)
                        raw("\" rel=\"noopener noreferrer\">")
                        text(title)
                        raw("</a></li>")
                    } else {
                        raw("<li><span>")
                        text(title)
                        raw("</span></li>")
                    }
                }
            }
            raw("</ul>")
        }
        list(entries)
        if fixed.count > pendingStart { pieces.append(.fixed(pendingStart..<fixed.count)) }
        return (pieces, fixed, sectionPages)
    }
}

/// A docs page: the converted body in the portal's docs layout with the site's nav, the page's
/// table of contents, breadcrumbs back to the entity, previous/next, "Edit this page" and "Last updated".
struct DocsPage {
    let catalog: SiteCatalog
    let resolver: DocsLinkResolver
    let id: DocsPageID
    let page: ConvertedPage
    /// The converted body (``ConvertedPage/html`` once taken from ``DocsBodies``).
    let body: [UInt8]
    let navigation: DocsNavigation
    let pages: [ConvertedPage?]
    let lastUpdated: Int?

    var site: DocSite { resolver.docs.sites[id.site] }
    var path: String { SitePaths.file(ofFolder: resolver.pageFolder(id)) }

    func model() -> TemplateValue {
        let here = resolver.pageFolder(id)
        let siteHome = SitePaths.relativeURL(from: here, to: resolver.siteFolders[id.site])
        // Every page of a site sits under the site's folder: up to it, then down to the page.
        let up = String(repeating: "../", count: site.pages[id.page].urlPath.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) })
        let href = { [id] (page: Int) -> String in
            if page == id.page { return "./" }
            let down = navigation.encodedURLPaths[page]
            return up.isEmpty && down.isEmpty ? "./" : up + down
        }
        var fields: TemplateFields = [
            "title": .text(page.title),
            "hasOwnTitle": .flag(page.hasOwnTitle),
            "body": .utf8(body),
            "siteName": .text(site.siteName),
            "siteHome": .text(siteHome),
            "docsIndex": .text(SitePaths.relativeURL(from: here, to: DocsIndexPage.folder)),
            "nav": .utf8(navigation.html(current: id.page, up: up)),
            "sourcePath": .text(site.pages[id.page].displayPath),
        ]
        let toc = page.headings.filter { $0.level == 2 || $0.level == 3 }
        fields["toc"] = .list(toc.map { ["id": .text($0.id), "text": .text($0.text), "nested": .flag($0.level == 3)] })
        fields["hasToc"] = .flag(toc.count > 1)
        if let position = catalog.graph.index[site.entity] {
            let facts = catalog.facts[position]
            fields["entity"] = [
                "title": .text(facts.title), "kind": .text(facts.kind),
                "href": .text(SitePaths.relativeURL(from: here, to: SitePaths.entityFolder(catalog.graph.entities[position]))),
            ]
        } else {
            fields["entity"] = .absent
        }
        let (previous, next) = navigation.neighbours(of: id.page)
        fields["previous"] = previous.map { ["title": .text(title(of: $0)), "href": .text(href($0))] } ?? .absent
        fields["next"] = next.map { ["title": .text(title(of: $0)), "href": .text(href($0))] } ?? .absent
        fields["editURL"] = DocsEditLinks.editURL(site: site, page: site.pages[id.page], catalog: catalog).map(TemplateValue.text) ?? .absent
        if let lastUpdated {
            fields["lastUpdated"] = .text(HomePage.date(lastUpdated))
        } else {
            fields["lastUpdated"] = .absent
        }
        fields["tags"] = .list(page.tags.map { .text($0) })
        return .object(fields)
    }

    private func title(of position: Int) -> String {
        pages[position]?.title ?? DocsConverter.title(fromFileName: site.pages[position].relativePath)
    }
}

/// "Edit this page" links: MkDocs `repo_url` + `edit_uri`, else the entity's
/// `backstage.io/source-location` (GitHub and GitLab tree URLs become edit URLs), else
/// `backstage.io/edit-url` with the descriptor's path swapped for the page's.
enum DocsEditLinks {
    static func editURL(site: DocSite, page: DocPage, catalog: SiteCatalog) -> String? {
        let graph = catalog.graph
        let repository = graph.scan.repositories[site.repository]
        let repositoryPath = Path.relative(Path.join(site.docsFolder, page.relativePath), to: repository.path)
        if let editURI = site.editURI, !editURI.isEmpty {
            if URLText.hasScheme(editURI) { return SafeURL.href(joined(editURI, page.relativePath)) }
            if let repoURL = site.repoURL { return SafeURL.href(joined(joined(repoURL, editURI), page.relativePath)) }
        }
        guard let position = graph.index[site.entity] else { return nil }
        let entity = graph.entities[position]
        if let source = entity.annotation("backstage.io/source-location"), source.hasPrefix("url:") {
            var base = String(source.dropFirst(4)).trimmingWhitespace
            for (view, edit) in [("/-/tree/", "/-/edit/"), ("/-/blob/", "/-/edit/"), ("/tree/", "/edit/"), ("/blob/", "/edit/")] {
                if let range = base.range(of: view) {
                    base.replaceSubrange(range, with: edit)
                    return SafeURL.href(joined(base, repositoryPath))
                }
            }
        }
        if let edit = entity.annotation("backstage.io/edit-url")?.trimmingWhitespace {
            let descriptor = Path.relative(catalog.descriptorPaths[entity.source.file] ?? "", to: repository.path)
            if !descriptor.isEmpty, edit.hasSuffix("/" + descriptor) {
                return SafeURL.href(String(edit.dropLast(descriptor.count)) + repositoryPath)
            }
        }
        return nil
    }

    private static func joined(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }
}

/// `docs/index.html`: every entity with docs (its own or shared), with its site's name and page count.
struct DocsIndexPage {
    static let folder = "docs/"
    static let path = "docs/index.html"
    let catalog: SiteCatalog
    let resolver: DocsLinkResolver

    func model() -> TemplateValue {
        var rows: [TemplateValue] = []
        for (position, entity) in catalog.graph.entities.enumerated() {
            guard let sitePosition = resolver.sitePosition(showing: entity.ref) else { continue }
            let site = resolver.docs.sites[sitePosition]
            let facts = catalog.facts[position]
            var row: TemplateFields = [
                "title": .text(facts.title),
                "kind": .text(facts.kind),
                "href": .text(SitePaths.relativeURL(from: Self.folder, to: resolver.siteFolders[sitePosition])),
                "entityHref": .text(SitePaths.relativeURL(from: Self.folder, to: SitePaths.entityFolder(entity))),
                "siteName": .text(site.siteName),
                "pages": .number(site.pages.count),
            ]
            row.setIfPresent("description", .optional(site.siteDescription ?? facts.description))
            row["owner"] = facts.owner.map { catalog.link($0, root: SitePaths.root(from: Self.path)) } ?? .absent
            row["shared"] = site.entity == entity.ref ? .absent : .text(catalog.label(site.entity))
            rows.append(.object(row))
        }
        return ["rows": .list(rows), "count": .number(rows.count)]
    }
}
