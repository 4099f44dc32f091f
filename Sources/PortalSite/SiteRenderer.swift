public import PortalKit
internal import PortalMarkdown
public import PortalSearch

/// Turns a linked catalog into the files of the portal: pages through the theme's templates,
/// the theme's assets, and the data files (`catalog.json`, `graph.json`, `docs.json`, `health.json`,
/// `llms.txt`, `sitemap.xml`). Entity pages are rendered on all cores.
public struct SiteRenderer: Sendable {
    public var config: PortalConfig
    public var theme: Theme
    /// When each descriptor file and each docs page last changed (absolute path → seconds since
    /// 1970), from git; nil: no dates. Asked for once the docs are converted (`build` reads them
    /// in the background meanwhile).
    public var lastChanges: (@Sendable () -> (descriptors: [String: Int], docs: [String: Int]))?
    /// Told, once the docs are converted, what reading each docs page found (absolute path → its
    /// stamp as opened and its content's hash): `build` keeps these in its cache instead of
    /// reading every page a second time.
    public var docsRead: (@Sendable ([String: BuildCache.Record]) -> Void)?
    /// Problems found before rendering (in the config file or theme), shown on the health
    /// page and returned with the renderer's own.
    public var earlierDiagnostics: [Diagnostic]
    public var limits: InputLimits

    public init(config: PortalConfig, theme: Theme = .standard, earlierDiagnostics: [Diagnostic] = [], limits: InputLimits = InputLimits()) {
        self.config = config
        self.theme = theme
        self.earlierDiagnostics = earlierDiagnostics
        self.limits = limits
    }

    /// What to render: the whole site, or (for the docs benchmark) only the docs pages, their
    /// files and the docs index.
    public enum Scope: Sendable {
        case all, docsOnly
    }

    /// Every file of the site, held in memory, and the problems found while rendering.
    public func render(_ build: CatalogBuild, scope: Scope = .all) -> RenderedSite {
        let collector = SiteCollector()
        let rendered = render(build, scope: scope, into: collector)
        return RenderedSite(files: collector.files(at: rendered.paths), diagnostics: rendered.diagnostics)
    }

    /// Renders the whole site into `sink`, each file handed over as soon as it is made (from
    /// any thread, none kept); the problems found while rendering.
    public func render(_ build: CatalogBuild, into sink: any SiteSink) -> [Diagnostic] {
        let (_, diagnostics, context) = render(build, scope: .all, into: sink)
        LateRelease.release(consume context)
        return diagnostics
    }

    /// Renders into `sink`: the paths of the files made (in a stable order), the problems found,
    /// and what rendering computed before making pages (a ``PreviewSession`` keeps it).
    func render(_ build: CatalogBuild, scope: Scope, into sink: any SiteSink) -> (paths: [String], diagnostics: [Diagnostic], context: RenderContext) {
        var diagnostics = Diagnostics(earlierDiagnostics)
        let templates = ThemeRenderer(theme: theme, into: &diagnostics)
        let catalog = SiteCatalog(graph: build.graph, publishedBaseURL: config.overlayBaseURL)
        var paths: [String] = []
        func add(_ file: SiteFile) {
            sink.add(file)
            paths.append(file.path)
        }

        var assets = theme.assets
        var logoPath: String?
        if let logo = config.logo {
            if PortalConfig.isURL(logo) {
                logoPath = logo
            } else if let bytes = readLogo(logo, into: &diagnostics) {
                let name = "logo" + Self.fileExtension(logo)
                assets[name] = bytes
                logoPath = "assets/" + name
            }
        }
        var chrome = PageChrome(config: config, assetVersions: assets.mapValues(ContentHash.short), logoPath: logoPath)
        chrome.hasTemplates = CreatePage.isNeeded(catalog)
        let plugins = PluginContentRenderer(graph: build.graph).render(build.plugins, specs: config.plugins)
        diagnostics.add(contentsOf: plugins.diagnostics)
        chrome.pluginLinks = build.plugins.plugins.flatMap { plugin in
            plugin.pages.filter(\.nav).map { (title: $0.title, folder: plugin.folder(of: $0)) }
        }
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) {
            add(SiteFile(path: "assets/" + name, bytes: bytes))
        }
        if let favicon = assets["favicon.svg"] { add(SiteFile(path: "favicon.svg", bytes: favicon)) }

        let apis = APIDefinitions(catalog: catalog)
        diagnostics.add(contentsOf: apis.diagnostics)
        let annotationCards = AnnotationCards(specs: config.annotationCards).cards(for: build.graph)
        diagnostics.add(contentsOf: annotationCards.diagnostics)
        let docsLinks = DocsLinkResolver(docs: build.docs, graph: build.graph, publishedBaseURL: config.overlayBaseURL)
        let docs = Trace.phase("converting docs") { DocsConverter(docs: build.docs, resolver: docsLinks, limits: limits, collectsSections: scope == .all).convert() }
        docsRead?(docs.readRecords)
        let changes = lastChanges.map { read in Trace.phase("waiting for git history") { read() } } ?? (descriptors: [:], docs: [:])
        var context = RenderContext(build: build, catalog: catalog, chrome: chrome, templates: templates, apis: apis, docsLinks: docsLinks,
                                    docs: docs, otherDiagnostics: diagnostics.items, graphs: NeighbourhoodGraph(catalog: catalog, depth: config.graphDepth),
                                    recent: Self.recentEntities(catalog, lastChanges: changes.descriptors), docsLastChanges: changes.docs,
                                    annotationCards: annotationCards.cards, plugins: plugins)
        diagnostics.add(contentsOf: docs.diagnostics)

        // The search index is built after the pages (below), when their bodies are freed; its
        // paths keep their place here, before the pages'.
        let searchPosition = paths.count

        var jobs: [SiteJob] = scope == .docsOnly ? [] : [.catalogPage, .catalogJSON, .graphJSON, .docsJSON, .healthPage, .healthJSON, .llmsText, .home, .notFound, .searchPage]
            + catalog.facts.indices.map(SiteJob.entity) + plugins.pages.indices.map(SiteJob.pluginPage)
        if scope != .docsOnly && chrome.hasTemplates { jobs.append(.createPage) }
        jobs.append(.docsIndex)
        for (site, pages) in docs.pages.enumerated() {
            for (page, converted) in pages.enumerated() where converted != nil { jobs.append(.docsPage(DocsPageID(site: site, page: page))) }
        }
        paths += Trace.phase("rendering pages") { render(jobs, context, into: sink) { docs.bodies.take($0) } }
        // The pages' bodies are freed: their memory goes back before the search index is built.
        releaseFreedMemory()
        let docsFiles = Trace.phase("copying docs files") { docsAssets(build.docs, folders: docsLinks.siteFolders, into: sink) }
        paths += docsFiles.paths
        if scope == .all {
            paths.insert(contentsOf: Trace.phase("search index") { searchFiles(context, into: sink) }, at: searchPosition)
        }
        diagnostics.add(contentsOf: docsFiles.diagnostics)
        context.assetDiagnostics = docsFiles.diagnostics
        if let base = config.baseURL {
            let pagePaths = paths.filter { $0.hasSuffix(".html") && $0 != "404.html" }.sorted()
            add(SiteFile(path: "sitemap.xml", bytes: Sitemap.render(paths: pagePaths, baseURL: base)))
        }
        return (paths, diagnostics.items, context)
    }

    /// `docs.json` alone: every docs page converted (links resolved and checked), without
    /// rendering any page. `diff` compares two of these.
    public func docsJSON(_ build: CatalogBuild) -> [UInt8] {
        let resolver = DocsLinkResolver(docs: build.docs, graph: build.graph, publishedBaseURL: config.overlayBaseURL)
        let conversion = DocsConverter(docs: build.docs, resolver: resolver, limits: limits).convert()
        return DocsJSON.render(docs: build.docs, conversion: conversion, resolver: resolver)
    }

    /// The search index's files, in memory (serve rebuilds the index in the background).
    func searchFiles(_ context: RenderContext) -> [SiteFile] {
        let collector = SiteCollector()
        return collector.files(at: searchFiles(context, into: collector))
    }

    /// The search index's files, each handed to `sink` as soon as it is made; their paths, sorted.
    func searchFiles(_ context: RenderContext, into sink: any SiteSink) -> [String] {
        let catalog = Trace.phase("search documents") {
            SiteSearch.catalog(context.catalog, docs: context.build.docs, conversion: context.docs, resolver: context.docsLinks,
                               plugins: context.build.plugins)
        }
        let index = SearchIndex(catalog) { sink.add(SiteFile(path: $0.path, bytes: $0.bytes)) }
        LateRelease.release(consume catalog)
        for phase in index.figures.phases { Trace.note("search index: \(phase.name)", seconds: phase.seconds) }
        return index.emittedPaths
    }

    /// Renders `jobs` on all cores, in memory; `body` hands over a docs page's converted body.
    func render(_ jobs: [SiteJob], _ context: RenderContext, body: @escaping @Sendable (DocsPageID) -> [UInt8]) -> [SiteFile] {
        let collector = SiteCollector()
        return collector.files(at: render(jobs, context, into: collector, body: body))
    }

    /// Renders `jobs` on all cores, handing each file to `sink` as it is made; the files' paths, in job order.
    func render(_ jobs: [SiteJob], _ context: RenderContext, into sink: any SiteSink,
                body: @escaping @Sendable (DocsPageID) -> [UInt8]) -> [String] {
        let build = context.build, catalog = context.catalog, docs = context.docs, docsLinks = context.docsLinks
        let navigations = parallelMap(Array(zip(build.docs.sites, docs.pages))) { DocsNavigation(site: $0, pages: $1) }
        let needsHealth = jobs.contains { if case .healthPage = $0 { true } else if case .healthJSON = $0 { true } else { false } }
        let health = needsHealth ? CatalogHealth(graph: build.graph, diagnostics: context.otherDiagnostics + docs.diagnostics + build.diagnostics) : nil

        /// A page: its own template's output placed in the layout.
        func page(_ templates: ThemeRenderer, _ path: String, _ title: String, _ section: PageChrome.Section, _ template: String, _ model: TemplateValue,
                  description: String? = nil, scripts: [String] = [], scriptSource: String? = nil) -> SiteFile {
            // 404.html is served for missing URLs at any depth: its links start from the base path.
            let root = path == "404.html" ? config.baseURL.map(Self.basePath) ?? "/" : SitePaths.root(from: path)
            let body = templates.render(template, model, adding: ["root": .text(root), "siteTitle": .text(config.title)])
            let layout = context.chrome.page(path: path, title: title, section: section, description: description,
                                             content: body, extraScripts: scripts, root: root, scriptSource: scriptSource)
            return SiteFile(path: path, bytes: templates.render("layout", layout, around: body))
        }

        /// One job's file.
        func renderJob(_ templates: ThemeRenderer, _ job: SiteJob) -> SiteFile? {
            switch job {
            case .docsPage(let id):
                let converted = docs.pages[id.site][id.page]!
                let docPage = build.docs.sites[id.site].pages[id.page]
                let model = DocsPage(catalog: catalog, resolver: docsLinks, id: id, page: converted, body: body(id), navigation: navigations[id.site],
                                     pages: docs.pages[id.site], lastUpdated: context.docsLastChanges[docPage.absolutePath])
                return page(templates, model.path, converted.title, .docs, "docs-page", model.model(), description: converted.description,
                            scripts: converted.hasMermaid && config.mermaidScript != nil ? ["docs.js", "mermaid-loader.js"] : ["docs.js"],
                            scriptSource: converted.hasMermaid ? config.mermaidScript : nil)
            case .docsIndex:
                return page(templates, DocsIndexPage.path, "Docs", .docs, "docs-index", DocsIndexPage(catalog: catalog, resolver: docsLinks).model())

            case .entity(let position):
                var entityPage = EntityPage(catalog: catalog, position: position)
                let entity = catalog.graph.entities[position]
                if let site = docsLinks.sitePosition(showing: entity.ref) {
                    entityPage.docsHref = SitePaths.relativeURL(from: SitePaths.entityFolder(entity),
                                                                to: docsLinks.docsFolder(site: site, path: entity.annotation("backstage.io/techdocs-entity-path")))
                } else if let shared = build.docs.sharedDocs[entity.ref], build.graph.overlay.index[shared] != nil {
                    entityPage.publishedDocs = true
                    entityPage.docsHref = docsLinks.publishedDocsURL(showing: entity.ref)
                }
                entityPage.graphHTML = context.graphs.html(around: position, root: SiteCatalog.entityPageRoot)
                entityPage.annotationCards = context.annotationCards[position]
                if let api = context.apis.references[position] {
                    entityPage.apiHTML = api.html
                    entityPage.apiOutline = api.outline
                }
                entityPage.pluginCards = context.plugins.cards[entity.ref] ?? []
                let facts = catalog.facts[position]
                // Template pages have copy buttons on their scaffold commands.
                return page(templates, entityPage.path, facts.title, .catalog, "entity", entityPage.model(), description: facts.description,
                            scripts: entity.ref.kind == "template" ? ["docs.js"] : [])
            case .pluginPage(let index):
                let plugin = context.plugins.pages[index]
                let path = SitePaths.file(ofFolder: "plugins/\(plugin.plugin)/\(plugin.path)/")
                return page(templates, path, plugin.title, .other, "plugin-page", PluginPageModel.model(plugin), description: plugin.description)
            case .home:
                return page(templates, HomePage.path, config.title, .home, "home", HomePage(catalog: catalog, recent: context.recent).model())
            case .catalogPage:
                return page(templates, CatalogPage.path, "Catalog", .catalog, "catalog", CatalogPage(catalog: catalog).model(),
                            scripts: ["catalog-filter.js"])
            case .healthPage:
                return page(templates, HealthPage.path, "Catalog health", .health, "health", HealthPage(catalog: catalog, health: health!).model())
            case .createPage:
                return page(templates, CreatePage.path, "Create", .create, "create", CreatePage(catalog: catalog).model())
            case .searchPage:
                return page(templates, SiteSearch.page, "Search", .search, "search", .object([:]))
            case .notFound:
                return page(templates, "404.html", "Page not found", .other, "404", ["entityCount": .number(catalog.facts.count)])
            case .catalogJSON:
                return SiteFile(path: "catalog.json", bytes: CatalogJSONRenderer().render(build.graph))
            case .graphJSON:
                return SiteFile(path: "graph.json", bytes: GraphJSON.render(catalog))
            case .docsJSON:
                return SiteFile(path: "docs.json", bytes: DocsJSON.render(docs: build.docs, conversion: docs, resolver: docsLinks))
            case .healthJSON:
                return SiteFile(path: "health.json", bytes: JSONWriter().write(health!.json))
            case .llmsText:
                return SiteFile(path: "llms.txt", bytes: LLMSText.render(catalog, config: config))
            }
        }

        // Each thread renders with its own copy of the templates (see ThemeRenderer.independentCopy),
        // and hands each file to the sink (which writes it) as soon as it is made.
        return parallelMap(jobs, state: { context.templates.independentCopy() }) { templates, job -> String? in
            guard let file = renderJob(templates, job) else { return nil }
            sink.add(file)
            return file.path
        }.compactMap { $0 }
    }

    /// Every file of the docs folders, copied under the sites' docs folders, on all cores. SVG
    /// images are sanitised (opened directly, an SVG runs its scripts in the portal's origin); one
    /// that cannot be made safe, or a file that cannot be read, is left out with a warning.
    private func docsAssets(_ docs: DocsCatalog, folders: [String], into sink: any SiteSink) -> (paths: [String], diagnostics: [Diagnostic]) {
        var jobs: [(site: DocSite, asset: DocAsset, folder: String)] = []
        for (site, folder) in zip(docs.sites, folders) {
            jobs += site.assets.map { (site, $0, folder) }
        }
        let limit = max(limits.maxFileBytes, 50 << 20)
        let results = parallelMap(jobs) { site, asset, folder -> (String?, Diagnostic?) in
            let display = SourceLocation(file: site.docsFolderDisplay + "/" + asset.relativePath)
            switch FileSystem.read(asset.absolutePath, limit: limit) {
            case .bytes(let bytes):
                let path = folder + asset.relativePath
                guard asset.relativePath.lowercased().hasSuffix(".svg") else {
                    sink.add(SiteFile(path: path, bytes: bytes))
                    return (path, nil)
                }
                if let safe = SVGSanitizer.sanitize(bytes) {
                    sink.add(SiteFile(path: path, bytes: safe))
                    return (path, nil)
                }
                return (nil, Diagnostic(.warning, .docsUnsupported, at: display, "not a readable SVG image (or in an unsupported encoding); not published"))
            case .tooLarge(let size):
                return (nil, Diagnostic(.warning, .inputTooLarge, at: display, "file is \(size) bytes, over the limit of \(limit); not published"))
            case .failed(let reason):
                return (nil, Diagnostic(.warning, .inputUnreadable, at: display, reason))
            }
        }
        var seen: Set<Diagnostic> = []
        return (results.compactMap(\.0), results.compactMap(\.1).filter { seen.insert($0).inserted })
    }

    /// What the search index is built from (for the search benchmark): the catalog's entities and
    /// every docs section, the docs converted as `build` converts them.
    public static func searchCatalog(for build: CatalogBuild) -> SearchCatalog {
        let catalog = SiteCatalog(graph: build.graph)
        let resolver = DocsLinkResolver(docs: build.docs, graph: build.graph)
        let docs = DocsConverter(docs: build.docs, resolver: resolver, collectsSections: true).convert()
        return SiteSearch.catalog(catalog, docs: build.docs, conversion: docs, resolver: resolver)
    }

    /// Entities whose descriptor changed recently, newest first.
    private static func recentEntities(_ catalog: SiteCatalog, lastChanges: [String: Int]) -> [(ref: EntityRef, time: Int)] {
        guard !lastChanges.isEmpty else { return [] }
        var pathsByDisplay: [String: String] = [:]
        for file in catalog.graph.files { pathsByDisplay[file.displayPath] = file.path }
        var recent: [(ref: EntityRef, time: Int)] = []
        for entity in catalog.graph.entities {
            guard let path = pathsByDisplay[entity.source.file], let time = lastChanges[path] else { continue }
            recent.append((entity.ref, time))
        }
        return recent.sorted { ($1.time, $0.ref) < ($0.time, $1.ref) }
    }

    private func readLogo(_ path: String, into diagnostics: inout Diagnostics) -> [UInt8]? {
        switch FileSystem.read(path, limit: 2 << 20) {
        case .bytes(let bytes): return bytes
        case .tooLarge(let size):
            diagnostics.add(.warning, .configInvalid, at: SourceLocation(file: path), "the logo is too large (\(size) bytes); it is left out")
        case .failed(let reason):
            diagnostics.add(.warning, .configInvalid, at: SourceLocation(file: path), "cannot read the logo: \(reason)")
        }
        return nil
    }

    /// `.svg` for `org/logo.svg`; only image extensions are kept.
    static func fileExtension(_ path: String) -> String {
        let name = Path.fileName(of: path).lowercased()
        guard let dot = name.lastIndex(of: ".") else { return "" }
        let ext = String(name[dot...])
        return [".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"].contains(ext) ? ext : ""
    }

    /// `/portal/` for `https://example.com/portal`.
    static func basePath(_ baseURL: String) -> String {
        var rest = Substring(baseURL)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = rest[slash...]
        return path.hasSuffix("/") ? String(path) : path + "/"
    }
}

/// One unit of rendering work; all run in parallel, the big single files first.
enum SiteJob: Sendable {
    case catalogJSON, graphJSON, docsJSON, healthJSON, llmsText, home, catalogPage, healthPage, notFound, docsIndex, searchPage, createPage
    case entity(Int)
    case docsPage(DocsPageID)
    /// A page of a plugin's (its position in ``RenderContext/plugins``).
    case pluginPage(Int)
}

/// What rendering computes before it makes pages: the models every page draws on.
struct RenderContext: Sendable {
    var build: CatalogBuild
    var catalog: SiteCatalog
    var chrome: PageChrome
    var templates: ThemeRenderer
    var apis: APIDefinitions
    var docsLinks: DocsLinkResolver
    var docs: DocsConversion
    /// The problems found before the docs: in the config, the theme and API definitions.
    var otherDiagnostics: [Diagnostic]
    /// The problems found copying the docs folders' other files.
    var assetDiagnostics: [Diagnostic] = []
    var graphs: NeighbourhoodGraph
    var recent: [(ref: EntityRef, time: Int)]
    /// When each docs page last changed (absolute path → seconds since 1970), from git.
    var docsLastChanges: [String: Int]
    /// Each entity's annotation cards (by position in the graph), from `annotations:` in portal.yaml.
    var annotationCards: [[AnnotationCards.Card]]
    /// The plugins' cards and pages, sanitised.
    var plugins = PluginContentRenderer.Rendered()
}

/// A short content hash (FNV-1a, 8 hex digits) for cache-busting asset URLs.
enum ContentHash {
    static func short(_ bytes: [UInt8]) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
