public import ArgumentParser
public import PortalKit
import PortalSite

extension DiagnosticFormat: ExpressibleByArgument {}

/// `portal-build check`: validates the catalog and prints every problem.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate descriptors as Backstage would and report problems as path:line:col.",
        discussion: "Exits 1 when there is an error (with --strict, also a warning), else 0."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: text, json, github (workflow annotations) or sarif (SARIF 2.1.0).")
    var format: DiagnosticFormat = .text

    @OptionGroup var report: ReportOptions

    @Flag(help: "Do not convert TechDocs pages to check their links, anchors and images.")
    var skipDocs = false

    @Flag(help: "Also run the plugins of portal.yaml and report their diagnostics (check never runs them otherwise).")
    var plugins = false

    @Option(help: "The config file whose plugins --plugins runs (default: portal.yaml in the first ROOT).")
    var config: String?

    func run() throws {
        let action = CheckAction(roots: input.roots, format: format, strict: report.strict, quiet: report.quiet,
                                 limits: InputLimits(maxFileBytes: input.maxFileSize), checksDocs: !skipDocs, overlays: input.overlays,
                                 runsPlugins: plugins, configPath: config)
        let outcome = action.perform()
        print(outcome.output, terminator: "")
        if !outcome.passed { throw ExitCode(1) }
    }
}

/// The work of `check`, testable without parsing arguments.
public struct CheckAction: Sendable {
    public var roots: [String]
    public var format: DiagnosticFormat
    public var strict: Bool
    public var quiet: Bool
    public var limits: InputLimits
    /// Whether docs pages are converted to check their links, anchors and images.
    public var checksDocs: Bool
    /// Published catalogs to check the roots inside (`--overlay`).
    public var overlays: [String]
    /// Whether the config's plugins run and their diagnostics are reported (`--plugins`).
    public var runsPlugins: Bool
    /// The config file `--plugins` reads; nil for `portal.yaml` in the first ROOT.
    public var configPath: String?

    public init(roots: [String], format: DiagnosticFormat = .text, strict: Bool = false, quiet: Bool = false,
                limits: InputLimits = InputLimits(), checksDocs: Bool = true, overlays: [String] = [],
                runsPlugins: Bool = false, configPath: String? = nil) {
        self.runsPlugins = runsPlugins
        self.configPath = configPath
        self.checksDocs = checksDocs
        self.overlays = overlays
        self.roots = roots
        self.format = format
        self.strict = strict
        self.quiet = quiet
        self.limits = limits
    }

    /// What `check` printed and whether the catalog passed.
    public struct Outcome: Sendable {
        public var output: String
        public var passed: Bool
        public var build: CatalogBuild
    }

    public func perform() -> Outcome {
        var pipeline = BuildPipeline(roots: roots, limits: limits, overlays: overlays)
        var configDiagnostics: [Diagnostic] = []
        if runsPlugins {
            var diagnostics = Diagnostics()
            let config = PortalConfig.load(path: configPath ?? PortalConfig.defaultPath(roots: roots), explicit: configPath != nil, into: &diagnostics)
            configDiagnostics = diagnostics.items
            pipeline.plugins = PluginRunner(specs: config.plugins, title: config.title, baseURL: config.baseURL)
        }
        var build = pipeline.runCatalogAndPlugins()
        if checksDocs || !configDiagnostics.isEmpty {
            var diagnostics = Diagnostics(build.diagnostics + configDiagnostics)
            if checksDocs { diagnostics.add(contentsOf: DocsCheck.diagnostics(of: build, limits: limits)) }
            build.diagnostics = diagnostics.sorted
        }
        let summary = CheckSummary(build)
        let formatter = DiagnosticFormatter(format: format, minimumSeverity: quiet ? .warning : .info)
        let output = formatter.render(build.diagnostics, summary: summary)
        let passed = summary.errors == 0 && (!strict || summary.warnings == 0)
        return Outcome(output: output, passed: passed, build: build)
    }
}
