/// How long one named stage took.
public struct StageTiming: Sendable {
    public var name: String
    public var seconds: Double
}

/// The outcome of the catalog stages: the linked graph, every diagnostic, and timings.
public struct CatalogBuild: Sendable {
    public var graph: CatalogGraph
    /// Every entity's TechDocs site, found but not yet converted.
    public var docs: DocsCatalog
    /// Diagnostics in stable order.
    public var diagnostics: [Diagnostic]
    public var timings: [StageTiming]
    /// What the plugins added (empty when none are configured or they did not run).
    public var plugins = PluginContributions()

    public func count(_ severity: Severity) -> Int {
        diagnostics.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }
}

/// What rendering produced: the site's files and any problems found on the way.
public struct RenderedSite: Sendable {
    public var files: [SiteFile]
    public var diagnostics: [Diagnostic]

    public init(files: [SiteFile], diagnostics: [Diagnostic] = []) {
        self.files = files
        self.diagnostics = diagnostics
    }
}

/// Wires the stages in order — discover, load, link, then render and write — and times each.
/// It is the only place that knows the order; commands and tests call it.
public struct BuildPipeline: Sendable {
    public var roots: [String]
    public var limits: InputLimits
    /// Folders discovery must not enter (the output folder).
    public var excludedPaths: [String]
    /// Published catalogs (`catalog.json`) the roots are previewed inside (`--overlay`).
    public var overlays: [String]
    /// Called with a line per finished stage (`[2/3] Loading entities … 12 ms`), if set.
    public var progress: (@Sendable (String) -> Void)?
    /// The plugins to run after the catalog stages; with any, a build has a seventh stage.
    public var plugins: PluginRunner?

    public init(roots: [String], limits: InputLimits = InputLimits(), excludedPaths: [String] = [], overlays: [String] = [],
                progress: (@Sendable (String) -> Void)? = nil) {
        self.roots = roots
        self.limits = limits
        self.excludedPaths = excludedPaths
        self.overlays = overlays
        self.progress = progress
    }

    /// Runs discovery, loading and linking. With overlays, loading also reads them, and linking
    /// first drops the published entities the roots replace and reports what that breaks.
    public func runCatalog() -> CatalogBuild {
        runCatalog(stageCount: 4)
    }

    /// Runs the catalog stages and then the plugins (`check --plugins`).
    public func runCatalogAndPlugins() -> CatalogBuild {
        guard let plugins, !plugins.specs.isEmpty else { return runCatalog() }
        var build = runCatalog(stageCount: 5)
        var timings = build.timings
        runPlugins(plugins, on: &build, step: 5, of: 5, timings: &timings)
        build.timings = timings
        return build
    }

    /// The plugins stage: their contributions and diagnostics join `build`; returns what to
    /// record in the plugin cache.
    @discardableResult
    private func runPlugins(_ runner: PluginRunner, on build: inout CatalogBuild, step: Int, of total: Int,
                            timings: inout [StageTiming]) -> [PluginCache.Entry] {
        let count = runner.specs.count
        let run = timed("Running \(count) plugin\(count == 1 ? "" : "s")", step, total, &timings) { runner.run(build) }
        build.plugins = run.contributions
        var diagnostics = Diagnostics(build.diagnostics)
        diagnostics.add(contentsOf: run.diagnostics)
        build.diagnostics = diagnostics.sorted
        return run.cacheEntries
    }

    /// The catalog stages, numbered out of `stageCount` in progress lines (a build has 6, 7 with plugins).
    private func runCatalog(stageCount: Int) -> CatalogBuild {
        var diagnostics = Diagnostics()
        var timings: [StageTiming] = []
        let scan = timed("Discovering repositories", 1, stageCount, &timings) {
            RepositoryScanner(excludedPaths: excludedPaths).scan(roots, into: &diagnostics)
        }
        let (catalog, overlay) = timed("Loading entities", 2, stageCount, &timings) {
            (CatalogLoader(limits: limits).load(scan, into: &diagnostics),
             overlays.isEmpty ? OverlayCatalog() : OverlayLoader(limits: limits, excludedPaths: excludedPaths).load(overlays, into: &diagnostics))
        }
        let graph = timed("Linking entities", 3, stageCount, &timings) {
            let replacement = OverlayReplacer().replace(overlay, with: catalog)
            diagnostics.add(contentsOf: OverlayBreakageCheck().diagnostics(replacement))
            return EntityLinker().link(catalog, overlay: replacement.kept, into: &diagnostics)
        }
        let docs = timed("Locating docs", 4, stageCount, &timings) {
            DocsLocator(limits: limits).locate(graph, into: &diagnostics)
        }
        return CatalogBuild(graph: graph, docs: docs, diagnostics: diagnostics.sorted, timings: timings)
    }

    /// Runs every stage and writes the site that `render` makes to `output`, unless `accept`
    /// turns the finished build down (the preview server keeps serving the last good site).
    /// With `previous` (the outputs the cache recorded) only changed files are written.
    /// Returns the catalog build, with the renderer's diagnostics added, and what was written
    /// (nil when turned down).
    public func build(output: String, previous: [String: BuildCache.Record]? = nil, accept: (CatalogBuild) -> Bool = { _ in true },
                      render: (CatalogBuild) -> RenderedSite) throws(SiteWriteError) -> (CatalogBuild, written: SiteWriteReport?) {
        let hasPlugins = !(plugins?.specs.isEmpty ?? true)
        let total = hasPlugins ? 7 : 6
        var result = runCatalog(stageCount: total)
        var timings = result.timings
        var pluginEntries: [PluginCache.Entry] = []
        if let plugins, hasPlugins {
            pluginEntries = runPlugins(plugins, on: &result, step: 5, of: total, timings: &timings)
        }
        let site = timed("Rendering site", total - 1, total, &timings) { render(result) }
        var diagnostics = Diagnostics(result.diagnostics)
        diagnostics.add(contentsOf: site.diagnostics)
        result.diagnostics = diagnostics.sorted
        guard accept(result) else {
            result.timings = timings
            return (result, nil)
        }
        let start = ContinuousClock.now
        let report = try SiteWriter().write(site.files, to: output, roots: roots, previous: previous)
        // After the site: writing it may replace the output folder whole.
        PluginCache(folder: output).write(pluginEntries)
        let seconds = (ContinuousClock.now - start).seconds
        timings.append(StageTiming(name: "Writing site", seconds: seconds))
        progress?("[\(total)/\(total)] Writing site … \(Self.milliseconds(seconds))")
        result.timings = timings
        return (result, report)
    }

    private func timed<T>(_ name: String, _ step: Int, _ total: Int, _ timings: inout [StageTiming], _ work: () -> T) -> T {
        let start = ContinuousClock.now
        let value = work()
        let seconds = (ContinuousClock.now - start).seconds
        timings.append(StageTiming(name: name, seconds: seconds))
        progress?("[\(step)/\(total)] \(name) … \(Self.milliseconds(seconds))")
        return value
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 10 ? "\(Int((seconds * 1000).rounded())) ms" : "\(Int(seconds.rounded())) s"
    }
}
