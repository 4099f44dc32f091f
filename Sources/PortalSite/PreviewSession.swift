public import PortalKit
internal import PortalMarkdown

/// What a full render computed, kept by the preview server so that after an edit to docs
/// pages only what those pages affect is made again: the pages themselves (every page of their
/// site when a title changed, since the navigation shows titles) and, when the docs' problems
/// changed, the health page and data. The search index is rebuilt separately, after the pages
/// are out (``searchIndexBuild()``).
///
/// Any other change (a descriptor, `mkdocs.yml`, a page added or removed, an image, the theme,
/// a page that a descriptor reads through a `$text`/`$json`/`$yaml` placeholder) needs a full
/// build: ``update(changedPaths:)`` returns nil.
///
/// Not thread-safe: the preview server uses it from its one rebuild queue.
public final class PreviewSession: @unchecked Sendable {
    private let renderer: SiteRenderer
    private var context: RenderContext
    /// Diagnostics of the last build besides the docs pages' own (catalog, config, theme, APIs, docs assets).
    private let otherDiagnostics: [Diagnostic]
    /// Docs pages by absolute, link-free path.
    private let pagesByPath: [String: DocsPageID]
    /// Files the catalog read through `$text`/`$json`/`$yaml` placeholders: a page among them needs a full build.
    private let placeholderFiles: Set<String>
    /// The search index's files as last written.
    private var searchPaths: Set<String>

    /// Renders the whole site in memory and keeps what the render computed.
    public static func render(_ renderer: SiteRenderer, _ build: CatalogBuild) -> (RenderedSite, PreviewSession) {
        let collector = SiteCollector()
        let (paths, diagnostics, session) = render(renderer, build, into: collector)
        return (RenderedSite(files: collector.files(at: paths), diagnostics: diagnostics), session)
    }

    /// Renders the whole site into `sink` (each file handed over as it is made) and keeps what
    /// the render computed; the problems found while rendering.
    public static func render(_ renderer: SiteRenderer, _ build: CatalogBuild, into sink: any SiteSink) -> ([Diagnostic], PreviewSession) {
        let (_, diagnostics, session) = render(renderer, build, into: sink)
        return (diagnostics, session)
    }

    private static func render(_ renderer: SiteRenderer, _ build: CatalogBuild, into sink: any SiteSink) -> ([String], [Diagnostic], PreviewSession) {
        let (paths, diagnostics, context) = renderer.render(build, scope: .all, into: sink)
        let others = context.otherDiagnostics + context.assetDiagnostics + build.diagnostics
        let searchPaths = Set(paths.filter { $0.hasPrefix(SiteSearch.folder + "/") && $0 != SiteSearch.page })
        return (paths, diagnostics, PreviewSession(renderer: renderer, context: context, otherDiagnostics: others, searchPaths: searchPaths))
    }

    private init(renderer: SiteRenderer, context: RenderContext, otherDiagnostics: [Diagnostic], searchPaths: Set<String>) {
        self.renderer = renderer
        self.context = context
        self.otherDiagnostics = otherDiagnostics
        self.searchPaths = searchPaths
        var pages: [String: DocsPageID] = [:]
        for (site, docSite) in context.build.docs.sites.enumerated() {
            for (page, docPage) in docSite.pages.enumerated() { pages[docPage.absolutePath] = DocsPageID(site: site, page: page) }
        }
        pagesByPath = pages
        placeholderFiles = Set(context.build.graph.files.flatMap(\.placeholderFiles))
    }

    /// The files to write after `changedPaths` changed (only those whose bytes may differ), and
    /// every diagnostic of the build as it now stands; nil when the change needs a full build.
    public func update(changedPaths: [String]) -> (files: [SiteFile], diagnostics: [Diagnostic])? {
        var changed: [DocsPageID] = []
        for path in changedPaths {
            guard let real = FileSystem.realPath(path), let id = pagesByPath[real], !placeholderFiles.contains(real) else { return nil }
            changed.append(id)
        }
        guard !changed.isEmpty else { return nil }
        let converter = DocsConverter(docs: context.build.docs, resolver: context.docsLinks, limits: renderer.limits, collectsSections: true)
        let diagnosticsBefore = context.docs.diagnostics
        var bodies: [DocsPageID: [UInt8]] = [:]
        var sitesToRender: Set<Int> = []
        var pagesToRender: Set<DocsPageID> = []
        for (id, result) in zip(changed, converter.convertPages(changed)) {
            let before = context.docs.pages[id.site][id.page]
            // A page that can no longer be read drops out of the site: a full build says so.
            guard let page = result.page, before != nil else { return nil }
            if page.title != before?.title { sitesToRender.insert(id.site) }
            context.docs.pages[id.site][id.page] = page
            context.docs.pageDiagnostics[id.site][id.page] = result.diagnostics
            context.docs.anchors[id.site][id.page] = result.anchors
            bodies[id] = result.body
            pagesToRender.insert(id)
        }
        context.docs.anchorDiagnostics = converter.anchorDiagnostics(context.docs.anchors, pages: context.docs.pages)
        for site in sitesToRender {
            for (page, converted) in context.docs.pages[site].enumerated() where converted != nil {
                pagesToRender.insert(DocsPageID(site: site, page: page))
            }
        }
        // Pages of a retitled site that did not change are converted again for their bodies.
        let others = pagesToRender.filter { bodies[$0] == nil }.sorted { ($0.site, $0.page) < ($1.site, $1.page) }
        for (id, result) in zip(others, converter.convertPages(others)) { bodies[id] = result.body }
        var jobs = pagesToRender.sorted { ($0.site, $0.page) < ($1.site, $1.page) }.map(SiteJob.docsPage)
        if context.docs.diagnostics != diagnosticsBefore { jobs += [.healthPage, .healthJSON] }
        // docs.json lists every page's title and problems.
        if context.docs.diagnostics != diagnosticsBefore || !sitesToRender.isEmpty { jobs.append(.docsJSON) }
        let taken = bodies
        let files = renderer.render(jobs, context) { taken[$0] ?? [] }
        return (files, diagnostics)
    }

    /// Every diagnostic of the build as it now stands, sorted.
    public var diagnostics: [Diagnostic] {
        Diagnostics(otherDiagnostics + context.docs.diagnostics).sorted
    }

    /// The catalog build with every diagnostic as it now stands.
    public var catalogBuild: CatalogBuild {
        var build = context.build
        build.diagnostics = diagnostics
        return build
    }

    /// Builds the search index from the pages as they stand now; the function may run on
    /// another thread while the session takes further edits.
    public func searchIndexBuild() -> @Sendable () -> [SiteFile] {
        let renderer = self.renderer, context = self.context
        return { renderer.searchFiles(context) }
    }

    /// Records the search index's files as now written; returns those of the previous index it no longer has.
    public func replaceSearchPaths(with paths: Set<String>) -> [String] {
        let removed = searchPaths.subtracting(paths).sorted()
        searchPaths = paths
        return removed
    }
}
