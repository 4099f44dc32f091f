import ArgumentParser
public import PortalKit
import PortalSite

/// `portal-build build`: validates the catalog and writes the site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the portal into an output folder (default site/).",
        discussion: """
            Problems are printed as in `check`; the site is written all the same (with --strict the \
            exit status is still 1 on any error or warning). The output folder is replaced whole, \
            and only if portal-build wrote it before (or it is empty).
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var site: SiteOptions

    @Option(name: .customLong("base-url"), help: "The absolute URL the site is served at; enables sitemap.xml and canonical links.")
    var baseURL: String?

    @OptionGroup var report: ReportOptions

    func run() throws {
        let action = BuildAction(roots: input.roots, output: site.output, configPath: site.config, theme: site.theme, baseURL: baseURL,
                                 overlays: input.overlays, overlayBaseURL: input.overlayBaseURL,
                                 strict: report.strict, quiet: report.quiet, limits: InputLimits(maxFileBytes: input.maxFileSize))
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

    public init(roots: [String], output: String? = nil, configPath: String? = nil, theme: String? = nil, baseURL: String? = nil,
                overlays: [String] = [], overlayBaseURL: String? = nil,
                strict: Bool = false, quiet: Bool = false, limits: InputLimits = InputLimits()) {
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
    }

    public struct Outcome: Sendable {
        public var output: String
        public var passed: Bool
        /// Nil when the site could not be written.
        public var build: CatalogBuild?
        /// Whether the site was written (false when it could not be, or `accept` turned it down).
        public var written: Bool = true
    }

    /// The config file's settings with the command-line overrides applied, and problems found reading it.
    public func resolvedConfig() -> (PortalConfig, [Diagnostic]) {
        var diagnostics = Diagnostics()
        var config = PortalConfig.load(path: configPath ?? PortalConfig.defaultPath(roots: roots), explicit: configPath != nil,
                                       into: &diagnostics)
        if let output { config.output = output }
        if let theme { config.theme = theme }
        if let baseURL { config.baseURL = baseURL }
        if !overlays.isEmpty { config.overlays = overlays }
        if let overlayBaseURL { config.overlayBaseURL = overlayBaseURL }
        return (config, diagnostics.items)
    }

    /// Builds and writes the site. `accept` sees the finished build before it is written and
    /// may turn it down, leaving the previous site in place (the preview server does).
    public func perform(progress: (@Sendable (String) -> Void)? = nil, accept: (CatalogBuild) -> Bool = { _ in true }) -> Outcome {
        var (config, setupDiagnostics) = resolvedConfig()
        let output = config.output ?? "site"
        config.output = output
        var themeDiagnostics = Diagnostics(setupDiagnostics)
        let theme = config.theme.map { Theme.overlay(folder: $0, into: &themeDiagnostics) } ?? .standard
        setupDiagnostics = themeDiagnostics.items
        let pipeline = BuildPipeline(roots: roots, limits: limits, excludedPaths: [output], overlays: config.overlays, progress: progress)
        do {
            let (build, files) = try pipeline.build(output: output, accept: accept) { catalog in
                let history = GitHistory()
                let lastChanges = config.gitHistory ? history.lastChanges(of: catalog.graph.scan) : [:]
                let docsChanges = config.gitHistory ? history.lastChanges(inFolders: catalog.docs.docsFolders) : [:]
                return SiteRenderer(config: config, theme: theme, lastChanges: lastChanges, docsLastChanges: docsChanges,
                                    earlierDiagnostics: setupDiagnostics, limits: limits).render(catalog)
            }
            let summary = CheckSummary(build)
            let formatter = DiagnosticFormatter(format: .text, minimumSeverity: quiet ? .warning : .info)
            var text = formatter.render(build.diagnostics, summary: summary)
            if let files {
                text += "wrote \(CheckSummary.plural(files, "file")) to \(output)/\n"
            } else {
                text += "kept the previous site in \(output)/\n"
            }
            let passed = !strict || (summary.errors == 0 && summary.warnings == 0)
            return Outcome(output: text, passed: passed, build: build, written: files != nil)
        } catch {
            let diagnostic = Diagnostic(.error, .outputRefused, at: SourceLocation(file: output), error.description)
            return Outcome(output: diagnostic.formatted + "\n", passed: false, build: nil, written: false)
        }
    }
}
