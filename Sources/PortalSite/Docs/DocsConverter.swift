public import PortalKit
internal import PortalMarkdown
internal import PortalYAML

/// One docs page converted: its body and what the page around it shows.
struct ConvertedPage: Sendable {
    /// Front matter title, else first h1, else nav title, else the file name.
    var title: String
    var description: String?
    var tags: [String]
    var headings: [DocumentHeading]
    /// Whether the body's first element is the page's own h1 (the page then shows no other title).
    var hasOwnTitle: Bool
    var hasMermaid: Bool
    /// The page cut at its h1–h3 headings, for the search index.
    var sections: [DocumentSection]
}

/// Every docs page converted, by site and page position, and the problems found.
struct DocsConversion: Sendable {
    var pages: [[ConvertedPage?]]
    /// The pages' HTML bodies, kept apart so each can be freed once its page is made.
    var bodies: DocsBodies
    /// Each page's own problems, by site and page position.
    var pageDiagnostics: [[[Diagnostic]]]
    /// Each page's links into other pages' headings, by site and page position.
    var anchors: [[[AnchorCheck]]]
    /// Links to headings that are not on the target page.
    var anchorDiagnostics: [Diagnostic]
    /// Bytes of Markdown read.
    var markdownBytes: Int
    /// Each page read, by absolute path: its stamp as it was opened and its content's hash (the
    /// build cache's records, so `build` need not read the pages again).
    var readRecords: [String: BuildCache.Record] = [:]

    var diagnostics: [Diagnostic] {
        Array(pageDiagnostics.joined().joined()) + anchorDiagnostics
    }
}

/// A link to `#fragment` on a docs page, checked once every page's headings are known.
struct AnchorCheck: Sendable {
    var target: DocsPageID
    var fragment: String
    var at: SourceLocation
}

/// The docs stage: reads every page's Markdown, converts it with ``DocumentRenderer`` (links
/// resolved by ``DocsLinkResolver``) on all cores, then checks every `#fragment` against the
/// target page's headings.
struct DocsConverter: Sendable {
    let docs: DocsCatalog
    let resolver: DocsLinkResolver
    let limits: InputLimits
    /// Whether pages are cut into sections for the search index.
    let collectsSections: Bool

    init(docs: DocsCatalog, resolver: DocsLinkResolver, limits: InputLimits = InputLimits(), collectsSections: Bool = false) {
        self.docs = docs
        self.resolver = resolver
        self.limits = limits
        self.collectsSections = collectsSections
    }

    /// One page converted: the page (nil when it could not be read), its body and problems.
    struct PageResult: Sendable {
        var page: ConvertedPage?
        var body: [UInt8] = []
        var diagnostics: [Diagnostic] = []
        var anchors: [AnchorCheck] = []
        var bytes = 0
        /// The page's stamp as read and its content's hash; nil when it could not be read.
        var record: BuildCache.Record?
    }

    func convert() -> DocsConversion {
        var ids: [DocsPageID] = []
        for (site, docSite) in docs.sites.enumerated() {
            for page in docSite.pages.indices { ids.append(DocsPageID(site: site, page: page)) }
        }
        // Largest first, so one big page does not finish last on its own.
        ids.sort { docs.sites[$0.site].pages[$0.page].size > docs.sites[$1.site].pages[$1.page].size }
        // Pages evicted from the system's cache are read from disk while earlier ones convert.
        FileSystem.prefetch(ids.map { docs.sites[$0.site].pages[$0.page].absolutePath })
        let navTitles = docs.sites.map(Self.navTitles)
        var results = parallelMap(ids) { convertPage($0, navTitle: navTitles[$0.site][docs.sites[$0.site].pages[$0.page].relativePath]) }

        var pages = docs.sites.map { [ConvertedPage?](repeating: nil, count: $0.pages.count) }
        var bodies = docs.sites.map { [[UInt8]](repeating: [], count: $0.pages.count) }
        var pageDiagnostics = docs.sites.map { [[Diagnostic]](repeating: [], count: $0.pages.count) }
        var anchors = docs.sites.map { [[AnchorCheck]](repeating: [], count: $0.pages.count) }
        var markdownBytes = 0
        var readRecords: [String: BuildCache.Record] = [:]
        readRecords.reserveCapacity(ids.count)
        // Moved, not copied: this part runs on one core, and a copy would retain every string of every page.
        for (position, id) in ids.enumerated() {
            if let record = results[position].record { readRecords[docs.sites[id.site].pages[id.page].absolutePath] = record }
            swap(&pages[id.site][id.page], &results[position].page)
            swap(&bodies[id.site][id.page], &results[position].body)
            swap(&pageDiagnostics[id.site][id.page], &results[position].diagnostics)
            swap(&anchors[id.site][id.page], &results[position].anchors)
            markdownBytes += results[position].bytes
        }
        return DocsConversion(pages: pages, bodies: DocsBodies(bodies), pageDiagnostics: pageDiagnostics, anchors: anchors,
                              anchorDiagnostics: anchorDiagnostics(anchors, pages: pages), markdownBytes: markdownBytes, readRecords: readRecords)
    }

    /// A warning for every link to a `#fragment` that is not a heading of its target page.
    func anchorDiagnostics(_ anchors: [[[AnchorCheck]]], pages: [[ConvertedPage?]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for check in anchors.joined().joined() {
            guard let target = pages[check.target.site][check.target.page] else { continue }
            let fragment = PercentDecoding.decoded(check.fragment)
            if fragment.isEmpty || fragment == "top" || target.headings.contains(where: { $0.id == fragment }) { continue }
            let page = docs.sites[check.target.site].pages[check.target.page]
            diagnostics.append(Diagnostic(.warning, .docsMissingAnchor, at: check.at,
                                          "'#\(fragment)' is not a heading on \(page.relativePath)"
                                          + (NearMiss.closest(to: fragment, among: target.headings.map(\.id)).map { "; did you mean '#\($0)'?" } ?? "")))
        }
        return diagnostics
    }

    /// Converts some pages again, on all cores (the preview server does, when their files change).
    func convertPages(_ ids: [DocsPageID]) -> [PageResult] {
        var navTitles: [Int: [String: String]] = [:]
        for site in Set(ids.map(\.site)) { navTitles[site] = Self.navTitles(docs.sites[site]) }
        return parallelMap(ids) { convertPage($0, navTitle: navTitles[$0.site]?[docs.sites[$0.site].pages[$0.page].relativePath]) }
    }

    private func convertPage(_ id: DocsPageID, navTitle: String?) -> PageResult {
        let page = docs.sites[id.site].pages[id.page]
        var result = PageResult()
        let bytes: [UInt8]
        let (read, stamp) = FileSystem.readStamped(page.absolutePath, limit: limits.maxFileBytes)
        switch read {
        case .bytes(let read):
            bytes = read
            result.record = BuildCache.Record(stamp: stamp, hash: XXHash64.hash(read))
        case .tooLarge(let size):
            result.diagnostics.append(Diagnostic(.warning, .inputTooLarge, at: SourceLocation(file: page.displayPath),
                                                 "page is \(size) bytes, over the limit of \(limits.maxFileBytes); not published"))
            return result
        case .failed(let reason):
            result.diagnostics.append(Diagnostic(.error, .inputUnreadable, at: SourceLocation(file: page.displayPath), reason))
            return result
        }
        result.bytes = bytes.count
        let markdown = String(decoding: bytes, as: UTF8.self)
        let document = DocumentRenderer().render(markdown) { link in
            let resolved = resolver.resolve(link, on: id)
            let location = SourceLocation(file: page.displayPath, line: link.line, column: link.column)
            if let problem = resolved.problem {
                result.diagnostics.append(Diagnostic(.warning, problem.id, at: location, problem.message))
            }
            if let anchor = resolved.anchor { result.anchors.append(AnchorCheck(target: anchor.page, fragment: anchor.fragment, at: location)) }
            return resolved.url
        }
        for link in document.unsafeLinks {
            result.diagnostics.append(Diagnostic(.warning, .unsafeURL, at: SourceLocation(file: page.displayPath, line: link.line, column: link.column),
                                                 "link to '\(link.destination.prefix(60))' removed: only relative, http(s), mailto, tel and ftp links (and data: images) are kept"))
        }
        for line in document.snippetLines {
            result.diagnostics.append(Diagnostic(.warning, .docsUnsupported, at: SourceLocation(file: page.displayPath, line: line, column: 1),
                                                 "snippet includes (--8<--) are not supported: they would read files outside the page; the line is shown as written"))
        }
        if let tables = document.tablesLeftAsText {
            result.diagnostics.append(Diagnostic(.warning, .docsTableTooLarge, at: SourceLocation(file: page.displayPath),
                                                 "the page's tables have up to \(tables.cells) cells (the widest \(tables.columns) columns), over the limit of "
                                                 + "\(TableBudget.maximumCells) cells and \(TableBudget.maximumColumns) columns; they are shown as text"))
        }
        let front = document.frontMatter.map { parseFrontMatter($0, file: page.displayPath, into: &result.diagnostics) } ?? FrontMatterFields()
        let title = front.title ?? document.firstTitle ?? navTitle ?? Self.title(fromFileName: page.relativePath)
        let hasOwnTitle = document.headings.first.map { $0.level == 1 && document.htmlBytes.starts(with: "<h1".utf8) } ?? false
        result.body = document.htmlBytes
        result.page = ConvertedPage(title: title, description: front.description, tags: front.tags,
                                    headings: document.headings, hasOwnTitle: hasOwnTitle, hasMermaid: document.hasMermaid,
                                    sections: collectsSections ? DocumentSections.extract(document.htmlBytes) : [])
        return result
    }

    private struct FrontMatterFields {
        var title: String?
        var description: String?
        var tags: [String] = []
    }

    private func parseFrontMatter(_ frontMatter: FrontMatter, file: String, into diagnostics: inout [Diagnostic]) -> FrontMatterFields {
        var fields = FrontMatterFields()
        guard let document = YAMLParser.parse(frontMatter.text).first else { return fields }
        let lineOffset = frontMatter.firstLine - 1
        if let error = document.error {
            diagnostics.append(Diagnostic(.warning, .docsFrontMatter, at: SourceLocation(file: file, line: error.mark.line + lineOffset, column: error.mark.column),
                                          "front matter is not valid YAML: \(error.message)"))
            return fields
        }
        guard let root = document.root, root.pairs != nil else { return fields }
        fields.title = root["title"]?.scalarText?.trimmingWhitespace.nonEmpty
        fields.description = root["description"]?.scalarText?.trimmingWhitespace.nonEmpty
        if let tags = root["tags"] {
            if let items = tags.items {
                fields.tags = items.compactMap(\.scalarText)
            } else if let text = tags.scalarText {
                fields.tags = text.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
            }
        }
        return fields
    }

    /// Titles written in an explicit nav, by page path.
    static func navTitles(_ site: DocSite) -> [String: String] {
        var titles: [String: String] = [:]
        func visit(_ items: [NavItem]) {
            for item in items {
                switch item {
                case .page(let title, let path): if let title, titles[path] == nil { titles[path] = title }
                case .section(_, let children): visit(children)
                case .link: break
                }
            }
        }
        visit(site.nav)
        return titles
    }

    /// `guides/getting-started.md` → `Getting started`, as MkDocs names pages without a title
    /// (and folders: the same rule as the generated nav's sections).
    static func title(fromFileName path: String) -> String {
        var name = Path.fileName(of: path)
        if let dot = name.lastIndex(of: ".") { name = String(name[..<dot]) }
        if name == "index" || name == "README" {
            let folder = Path.directory(of: path)
            name = folder == "." ? "Home" : Path.fileName(of: folder)
        }
        return name.isEmpty ? "Page" : DocsNavBuilder.sectionTitle(name)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }

}

/// The converted bodies, each taken exactly once by the job that wraps it in its page, so a
/// body's memory is freed as soon as its page is made (the docs of a large organisation would
/// otherwise be held twice: as bodies and as pages).
final class DocsBodies: @unchecked Sendable {
    private var bodies: UnsafeMutableBufferPointer<[UInt8]>
    private let offsets: [Int]

    init(_ sites: [[[UInt8]]]) {
        var offsets: [Int] = []
        var count = 0
        for site in sites {
            offsets.append(count)
            count += site.count
        }
        self.offsets = offsets
        bodies = .allocate(capacity: count)
        _ = bodies.initialize(from: sites.joined())
    }

    /// The body of a page; each page's body may be taken once, from any thread.
    func take(_ id: DocsPageID) -> [UInt8] {
        let index = offsets[id.site] + id.page
        let body = bodies[index]
        bodies[index] = []
        return body
    }

    deinit {
        bodies.deinitialize()
        bodies.deallocate()
    }
}

/// The docs problems `check` reports without writing a site: every page converted, its links,
/// anchors and images checked.
public enum DocsCheck {
    public static func diagnostics(of build: CatalogBuild, limits: InputLimits = InputLimits()) -> [Diagnostic] {
        guard !build.docs.sites.isEmpty else { return [] }
        let resolver = DocsLinkResolver(docs: build.docs, graph: build.graph)
        return DocsConverter(docs: build.docs, resolver: resolver, limits: limits).convert().diagnostics
    }
}
