import ArgumentParser
public import PortalKit

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

    @Option(name: .shortAndLong, help: "The folder to write the site to.")
    var output = "site"

    @OptionGroup var report: ReportOptions

    func run() throws {
        let action = BuildAction(roots: input.roots, output: output, strict: report.strict, quiet: report.quiet,
                                 limits: InputLimits(maxFileBytes: input.maxFileSize))
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
    public var output: String
    public var strict: Bool
    public var quiet: Bool
    public var limits: InputLimits

    public init(roots: [String], output: String, strict: Bool = false, quiet: Bool = false, limits: InputLimits = InputLimits()) {
        self.roots = roots
        self.output = output
        self.strict = strict
        self.quiet = quiet
        self.limits = limits
    }

    public struct Outcome: Sendable {
        public var output: String
        public var passed: Bool
        /// Nil when the site could not be written.
        public var build: CatalogBuild?
    }

    public func perform(progress: (@Sendable (String) -> Void)? = nil) -> Outcome {
        let pipeline = BuildPipeline(roots: roots, limits: limits, excludedPaths: [output], progress: progress)
        do {
            let (build, files) = try pipeline.build(output: output)
            let summary = CheckSummary(build)
            let formatter = DiagnosticFormatter(format: .text, minimumSeverity: quiet ? .warning : .info)
            var text = formatter.render(build.diagnostics, summary: summary)
            text += "wrote \(CheckSummary.plural(files, "file")) to \(output)/\n"
            let passed = !strict || (summary.errors == 0 && summary.warnings == 0)
            return Outcome(output: text, passed: passed, build: build)
        } catch {
            let diagnostic = Diagnostic(.error, .outputRefused, at: SourceLocation(file: output), error.description)
            return Outcome(output: diagnostic.formatted + "\n", passed: false, build: nil)
        }
    }
}
