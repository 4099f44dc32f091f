#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How long one named stage took: wall-clock seconds, and the CPU seconds (user and system,
/// every thread of the process) it used.
public struct StageTiming: Sendable {
    public var name: String
    public var seconds: Double
    public var cpuSeconds: Double

    public init(name: String, seconds: Double, cpuSeconds: Double = 0) {
        self.name = name
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
    }

    /// `Rendering site … 4034 ms (CPU 7610 ms)`: the stage's progress line, after its number.
    var line: String {
        "\(name) … \(BuildPipeline.milliseconds(seconds)) (CPU \(BuildPipeline.milliseconds(cpuSeconds)))"
    }
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

    /// Runs every stage and writes the site that `render` hands to its sink, file by file as
    /// they are made, into a staging folder beside `output` that is swapped in at the end, unless
    /// `accept` turns the finished build down (the preview server keeps serving the last good
    /// site). `render` returns the problems it found. With `previous` (the outputs the cache
    /// recorded) only changed files are written, the others linked. Returns the catalog build,
    /// with the renderer's diagnostics added, and what was written (nil when turned down).
    public func build(output: String, previous: [String: BuildCache.Record]? = nil, accept: (CatalogBuild) -> Bool = { _ in true },
                      render: (CatalogBuild, any SiteSink) -> [Diagnostic]) throws(SiteWriteError) -> (CatalogBuild, written: SiteWriteReport?) {
        mapLargeBlocksApart()
        let hasPlugins = !(plugins?.specs.isEmpty ?? true)
        let total = hasPlugins ? 7 : 6
        var result = runCatalog(stageCount: total)
        var timings = result.timings
        var pluginEntries: [PluginCache.Entry] = []
        if let plugins, hasPlugins {
            pluginEntries = runPlugins(plugins, on: &result, step: 5, of: total, timings: &timings)
        }
        let staging = try SiteWriter().stage(output, roots: roots, previous: previous)
        let siteDiagnostics = timed("Rendering site", total - 1, total, &timings) { render(result, staging) }
        var diagnostics = Diagnostics(result.diagnostics)
        diagnostics.add(contentsOf: siteDiagnostics)
        result.diagnostics = diagnostics.sorted
        guard accept(result) else {
            result.timings = timings
            return (result, nil)  // the staging folder is removed with `staging`
        }
        let start = ContinuousClock.now, cpuStart = Self.cpuSeconds()
        let report = try staging.finish()
        // After the site: swapping it in replaces the output folder whole.
        PluginCache(folder: output).write(pluginEntries)
        let timing = StageTiming(name: "Writing site", seconds: (ContinuousClock.now - start).seconds, cpuSeconds: Self.cpuSeconds() - cpuStart)
        timings.append(timing)
        progress?("[\(total)/\(total)] " + timing.line)
        result.timings = timings
        return (result, report)
    }

    private func timed<T>(_ name: String, _ step: Int, _ total: Int, _ timings: inout [StageTiming], _ work: () -> T) -> T {
        let start = ContinuousClock.now, cpuStart = Self.cpuSeconds()
        let value = work()
        let timing = StageTiming(name: name, seconds: (ContinuousClock.now - start).seconds, cpuSeconds: Self.cpuSeconds() - cpuStart)
        timings.append(timing)
        progress?("[\(step)/\(total)] " + timing.line)
        return value
    }

    /// User and system CPU seconds the process has used so far (all its threads).
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 10 ? "\(Int((seconds * 1000).rounded())) ms" : "\(Int(seconds.rounded())) s"
    }
}
