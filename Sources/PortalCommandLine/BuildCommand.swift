import ArgumentParser
import Synchronization
public import PortalKit
public import PortalSite

/// `portal-build build`: validates the catalog and writes the site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the portal into an output folder (default site/).",
        discussion: """
            Problems are printed as in `check`; the site is written all the same (with --strict the \
            exit status is still 1 on any error or warning). The output folder is written only if \
            portal-build wrote it before (or it is empty). A cache in it (.portal-build-cache) lets \
            the next build skip everything when no input changed, and write only the files that \
            differ otherwise; --clean ignores it.
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var site: SiteOptions

    @Option(name: .customLong("base-url"), help: "The absolute URL the site is served at; enables sitemap.xml and canonical links.")
    var baseURL: String?

    @OptionGroup var report: ReportOptions

    @Flag(help: "Ignore the cache in the output folder: render everything and replace the folder whole.")
    var clean = false

    func run() throws {
        let action = BuildAction(roots: input.roots, output: site.output, configPath: site.config, theme: site.theme, baseURL: baseURL,
                                 overlays: input.overlays, overlayBaseURL: input.overlayBaseURL,
                                 strict: report.strict, quiet: report.quiet, limits: InputLimits(maxFileBytes: input.maxFileSize),
                                 clean: clean, runsPlugins: !site.noPlugins)
        // The process ends after this build: what the build lets go of is not freed piece by piece.
        LateRelease.keepUntilExit()
        let outcome = action.perform { line in
            StandardError.write(line + "\n")
        }
        print(outcome.output, terminator: "")
        if !outcome.passed { throw ExitCode(1) }
    }
}

/// The work of `build`, testable without parsing arguments.
public struct BuildAction: Sendable {
    public var roots: [String]
    /// Overrides the config's output folder.
    public var output: String?
    public var configPath: String?
    /// Overrides the config's theme folder.
    public var theme: String?
    /// Overrides the config's base URL.
    public var baseURL: String?
    /// Published catalogs to preview the roots inside; when not empty, overrides the config's.
    public var overlays: [String]
    /// Overrides the config's URL of the overlay's portal.
    public var overlayBaseURL: String?
    public var strict: Bool
    public var quiet: Bool
    public var limits: InputLimits
    /// Whether to ignore the cache: render everything and replace the output folder whole.
    public var clean: Bool
    /// Whether the config's plugins run (`--no-plugins` turns them off).
    public var runsPlugins: Bool

    public init(roots: [String], output: String? = nil, configPath: String? = nil, theme: String? = nil, baseURL: String? = nil,
                overlays: [String] = [], overlayBaseURL: String? = nil,
                strict: Bool = false, quiet: Bool = false, limits: InputLimits = InputLimits(), clean: Bool = false, runsPlugins: Bool = true) {
        self.roots = roots
        self.output = output
        self.configPath = configPath
        self.theme = theme
        self.baseURL = baseURL
        self.overlays = overlays
        self.overlayBaseURL = overlayBaseURL
        self.strict = strict
        self.quiet = quiet
        self.limits = limits
        self.clean = clean
        self.runsPlugins = runsPlugins
    }

    public struct Outcome: Sendable {
        public var output: String
        public var passed: Bool
        /// The catalog build; nil when the site could not be written, or was up to date.
        public var build: CatalogBuild?
        /// Every diagnostic of the build (as recorded by the last build when up to date).
        public var diagnostics: [Diagnostic] = []
        /// Whether the output folder now holds this build's site (false when it could not be
        /// written, or `accept` turned it down).
        public var written: Bool = true
        /// What was written; nil when nothing was (up to date, turned down or failed).
        public var report: SiteWriteReport?
        /// What the render computed, when asked to keep it and the site was rendered.
        public var session: PreviewSession?
        /// The cache written into the output folder, if one was.
        public var cache: BuildCache?
    }

    /// The config file's settings with the command-line overrides applied, and problems found reading it.
    public func resolvedConfig() -> (PortalConfig, [Diagnostic]) {
        var diagnostics = Diagnostics()
        var config = PortalConfig.load(path: resolvedConfigPath, explicit: configPath != nil, into: &diagnostics)
        if let output { config.output = output }
        if let theme { config.theme = theme }
        if let baseURL { config.baseURL = baseURL }
        if !overlays.isEmpty { config.overlays = overlays }
        if let overlayBaseURL { config.overlayBaseURL = overlayBaseURL }
        if !runsPlugins { config.plugins = [] }
        return (config, diagnostics.items)
    }

    private var resolvedConfigPath: String {
        configPath ?? PortalConfig.defaultPath(roots: roots)
    }

    /// Everything a build reads: the ROOTs (a descriptor file's whole folder), the config file,
    /// the logo, the overlay files, the theme folder and the git state of the work trees holding the ROOTs, without
    /// the output folder. `serve` watches them; the cache records them.
    public func inputs(config: PortalConfig) -> WatchedInputs {
        let folders = roots.map { root in
            FileSystem.resolvedType(of: root) == .file ? Path.directory(of: root) : root
        }
        var files = [resolvedConfigPath]
        if let logo = config.logo, !PortalConfig.isURL(logo) { files.append(logo) }
        // An overlay inside the output folder is refused (each build replaces it); watching it would rebuild forever.
        let output = config.output ?? "site"
        let outputPath = FileSystem.realPath(output) ?? output
        files += config.overlays.filter { !Path.isInside(FileSystem.realPath($0) ?? $0, outputPath) }
        // A rebuilt plugin program must not leave the site "up to date".
        let plugins = PluginRunner(specs: config.plugins)
        files += config.plugins.compactMap { plugins.resolve($0) }
        var workTrees: Set<String> = []
        for folder in folders {
            let absolute = FileSystem.realPath(folder) ?? folder
            if let top = GitHistory.workTree(containing: absolute), workTrees.insert(top).inserted {
                files += WatchedInputs.gitStateFiles(in: top + "/.git")
            }
        }
        return WatchedInputs(folders: folders + (config.theme.map { [$0] } ?? []), files: files, excluded: [output])
    }

    /// Builds and writes the site, or, when the cache in the output folder shows that no input
    /// changed, prints the last build's report and writes nothing. `accept` sees the finished
    /// build before it is written and may turn it down, leaving the previous site in place (the
    /// preview server does). The preview server also asks to keep the render's ``PreviewSession``
    /// and, to make one, to render even when the site is up to date. `progress` hears a wait for
    /// another build's lock and, unless `quiet`, each stage.
    public func perform(progress: (@Sendable (String) -> Void)? = nil, accept: (CatalogBuild) -> Bool = { _ in true },
                        keepsSession: Bool = false, rendersWhenUpToDate: Bool = false) -> Outcome {
        var (config, setupDiagnostics) = resolvedConfig()
        let output = config.output ?? "site"
        config.output = output
        // Held until the cache is written, so the cache always describes the site beside it;
        // a second build into the same folder waits here.
        let lock = SiteLock.acquire(output: output) { progress?($0) }
        defer { withExtendedLifetime(lock) {} }
        // Quiet leaves out the stage lines; a wait for another build (above) is still told.
        let stages = quiet ? nil : progress
        var themeDiagnostics = Diagnostics(setupDiagnostics)
        let theme = config.theme.map { Theme.overlay(folder: $0, into: &themeDiagnostics) } ?? .standard
        setupDiagnostics = themeDiagnostics.items
        let formatter = DiagnosticFormatter(format: .text, minimumSeverity: quiet ? .warning : .info)

        let inputs = inputs(config: config)
        // Roots as given (diagnostics show them) and as resolved (a relative root names another
        // folder from another working folder).
        let settings = BuildCache.settingsHash([String(reflecting: config), String(reflecting: roots),
                                                String(reflecting: roots.map { FileSystem.realPath($0) ?? $0 }),
                                                String(reflecting: limits), FileSystem.realPath(resolvedConfigPath) ?? resolvedConfigPath])
        let checkStart = ContinuousClock.now
        // The cache is read while the inputs are walked (on all cores).
        let (cache, snapshot) = Trace.phase("reading the cache and the inputs' stamps") {
            let cache = clean ? nil : BackgroundValue { BuildCache.read(from: output) }
            let snapshot = inputs.snapshot()
            return (cache?.value, snapshot)
        }
        if !rendersWhenUpToDate, let cache, case .upToDate(let refreshed) = cache.freshness(settings: settings, inputs: snapshot, outputFolder: output) {
            if let refreshed {
                var touched = cache
                touched.inputs = refreshed
                _ = touched.write(to: output)
            }
            let elapsed = ContinuousClock.now - checkStart
            stages?("Up to date: \(CheckSummary.plural(snapshot.stamps.count, "input")) and \(CheckSummary.plural(cache.outputs.count, "output")) "
                      + "checked against the cache in \(elapsed.milliseconds) ms")
            let recorded = cache.report
            let text = formatter.render(recorded.diagnostics, summary: recorded.summary)
                + "\(output)/ is up to date (\(CheckSummary.plural(cache.outputs.count, "file"))); nothing written\n"
            return Outcome(output: text, passed: passes(recorded.summary), build: nil, diagnostics: recorded.diagnostics)
        }

        var pipeline = BuildPipeline(roots: roots, limits: limits, excludedPaths: [output], overlays: config.overlays, progress: stages)
        if !config.plugins.isEmpty {
            pipeline.plugins = PluginRunner(specs: config.plugins, cacheFolder: clean ? nil : output, title: config.title, baseURL: config.baseURL)
        }
        var session: PreviewSession?
        // The inputs' records for the next cache; like the snapshot, they describe the inputs as the
        // build began. Docs pages are hashed as the docs conversion reads them (their records are
        // put together in the background as soon as it is done); the other inputs here, while the
        // site is built, on the cores its serial stages leave idle.
        let (pageInputs, otherInputs) = snapshot.partitioned(BuildCache.mayBeDocsPage)
        let knownInputs = cache?.inputs ?? [:]
        let otherRecords = BackgroundValue { BuildCache.records(of: otherInputs, known: knownInputs) }
        let pageRecords: @Sendable (_ docsRead: [String: BuildCache.Record]) -> [String: BuildCache.Record] = { read in
            BuildCache.records(of: pageInputs, known: knownInputs, read: read)
        }
        let docsRecords = Handover<BackgroundValue<[String: BuildCache.Record]>>()
        func render(_ catalog: CatalogBuild, into sink: any SiteSink) -> [Diagnostic] {
            var renderer = SiteRenderer(config: config, theme: theme, earlierDiagnostics: setupDiagnostics, limits: limits)
            if config.gitHistory {
                // Read while the docs convert: git's processes mostly wait, the conversion keeps the cores.
                let history = GitHistory()
                let changes = BackgroundValue {
                    Trace.phase("git history") {
                        concurrently({ history.lastChanges(of: catalog.graph.scan) }, { history.lastChanges(inFolders: catalog.docs.docsFolders) })
                    }
                }
                renderer.lastChanges = { changes.value }
            }
            renderer.docsRead = { read in docsRecords.put(BackgroundValue { pageRecords(read) }) }
            guard keepsSession else { return renderer.render(catalog, into: sink) }
            let (diagnostics, kept) = PreviewSession.render(renderer, catalog, into: sink)
            session = kept
            return diagnostics
        }
        func records() -> [String: BuildCache.Record] {
            let pages = docsRecords.take()?.value ?? pageRecords([:])
            return pages.merging(otherRecords.value) { page, _ in page }
        }
        do {
            let (build, written) = try pipeline.build(output: output, previous: cache?.outputs, accept: accept, render: render)
            let summary = CheckSummary(build)
            var text = formatter.render(build.diagnostics, summary: summary)
            var cacheWritten: BuildCache?
            if let written {
                let next = BuildCache(settings: settings, inputs: records(), outputs: written.outputs,
                                      report: BuildCache.Report(diagnostics: build.diagnostics, summary: summary))
                if Trace.phase("writing the cache", { next.write(to: output) }) {
                    cacheWritten = next
                } else {
                    text += "warning: cannot write \(output)/\(BuildCache.fileName); the next build starts from scratch\n"
                }
                text += Self.describe(written, output: output)
            } else {
                text += "kept the previous site in \(output)/\n"
            }
            return Outcome(output: text, passed: passes(summary), build: build, diagnostics: build.diagnostics,
                           written: written != nil, report: written, session: session, cache: cacheWritten)
        } catch {
            let diagnostic = Diagnostic(.error, .outputRefused, at: SourceLocation(file: output), error.description)
            return Outcome(output: diagnostic.formatted + "\n", passed: false, build: nil, diagnostics: [diagnostic], written: false)
        }
    }

    private func passes(_ summary: CheckSummary) -> Bool {
        !strict || (summary.errors == 0 && summary.warnings == 0)
    }

    /// `wrote 30604 files to site/`, or for an update in place
    /// `wrote 3 files to site/ (30601 unchanged, 1 removed)`.
    static func describe(_ report: SiteWriteReport, output: String) -> String {
        let wrote = "wrote \(CheckSummary.plural(report.written.count, "file")) to \(output)/"
        guard !report.replacedWhole else { return wrote + "\n" }
        let unchanged = report.outputs.count - report.written.count
        return wrote + " (\(unchanged) unchanged, \(report.removed.count) removed)\n"
    }
}

/// A value one thread hands to another: put once, taken later (nil if never put).
private final class Handover<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func put(_ value: sending Value) {
        self.value.withLock { $0 = value }
    }

    func take() -> Value? {
        value.withLock { $0.take() }
    }
}
