internal import ArgumentParser
public import PortalKit
public import PortalScaffold

/// `portal-build scaffold`: runs a Software Template from the catalog on this machine.
struct ScaffoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaffold",
        abstract: "Run a Software Template's local steps into a new folder.",
        discussion: """
            Finds TEMPLATE (template:default/NAME, or NAME) in the catalog read from the ROOTs, checks the values \
            against its parameters, and runs fetch:template, fetch:plain, fetch:plain:file, catalog:write, debug:log, \
            fs:rename and fs:delete. Other actions need Backstage's backend and are skipped with a warning. \
            Exits 1 when a value is invalid or a step fails.
            """
    )

    @Argument(help: ArgumentHelp("The Template to run: template:[namespace/]name, or its name.", valueName: "template"))
    var template: String

    @Argument(help: ArgumentHelp("Folders of repositories, single repositories, or descriptor files to find the Template in.",
                                 valueName: "root"))
    var roots: [String] = ["content"]

    @Option(name: .customLong("max-file-size"), help: "The largest descriptor or placeholder file read, in bytes.")
    var maxFileSize: Int = 16 << 20

    @Option(help: ArgumentHelp("A YAML or JSON file of parameter values.", valueName: "file"))
    var values: String?

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "A parameter value, key=value (repeatable; a.b=c nests; typed by the parameter's schema).", valueName: "key=value"))
    var assignments: [String] = []

    @Option(name: .shortAndLong, help: "The folder to create (it must not exist, or be empty).")
    var output: String?

    @Flag(help: "Print the plan and the files that would be written; write nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("The user running the template, e.g. user:default/jane: user.entity and user.ref in expressions.",
                               valueName: "ref"))
    var userEntity: String?

    func validate() throws {
        if output == nil && !dryRun { throw ValidationError("give --output FOLDER (or --dry-run)") }
    }

    func run() throws {
        let action = ScaffoldAction(template: template, roots: roots, valuesFile: values, assignments: assignments,
                                    output: output ?? "scaffold-output", dryRun: dryRun, userEntity: userEntity,
                                    limits: InputLimits(maxFileBytes: maxFileSize))
        let outcome = action.perform()
        print(outcome.output, terminator: "")
        if !outcome.succeeded { throw ExitCode(1) }
    }
}

/// The work of `scaffold`, testable without parsing arguments.
public struct ScaffoldAction: Sendable {
    public var template: String
    public var roots: [String]
    public var valuesFile: String?
    public var assignments: [String]
    public var output: String
    public var dryRun: Bool
    public var userEntity: String?
    public var limits: InputLimits

    public init(template: String, roots: [String] = ["content"], valuesFile: String? = nil, assignments: [String] = [],
                output: String, dryRun: Bool = false, userEntity: String? = nil, limits: InputLimits = InputLimits()) {
        self.template = template
        self.roots = roots
        self.valuesFile = valuesFile
        self.assignments = assignments
        self.output = output
        self.dryRun = dryRun
        self.userEntity = userEntity
        self.limits = limits
    }

    /// What `scaffold` printed, its diagnostics, and the run (nil when it never started).
    public struct Outcome: Sendable {
        public var output: String
        public var diagnostics: [Diagnostic]
        public var report: ScaffoldReport?
        public var succeeded: Bool
    }

    private static let commandLine = SourceLocation(file: "<command line>")

    public func perform() -> Outcome {
        var diagnostics = Diagnostics()
        let build = BuildPipeline(roots: roots, limits: limits).runCatalog()
        let graph = build.graph
        let ref: EntityRef
        do {
            ref = try EntityRef.parse(template, defaultKind: "template", defaultNamespace: "default")
        } catch {
            diagnostics.add(.error, .scaffoldTemplateNotFound, at: Self.commandLine, "'\(template)' is not an entity reference: \(error)")
            return finish(diagnostics, report: nil, plan: nil, header: "")
        }
        guard let entity = graph.entity(ref), entity.ref.kind == "template" else {
            let templates = graph.entities.filter { $0.ref.kind == "template" }.map { $0.ref.description }
            let hint = NearMiss.closest(to: ref.description, among: templates).map { " (did you mean \($0)?)" }
                ?? (templates.isEmpty ? " (the catalog has no Template)" : " (templates: \(templates.prefix(8).joined(separator: ", ")))")
            diagnostics.add(.error, .scaffoldTemplateNotFound, at: Self.commandLine, "\(ref) is not a Template in the catalog read from \(roots.joined(separator: " "))\(hint)")
            diagnostics.add(contentsOf: build.diagnostics.filter { $0.severity == .error })
            return finish(diagnostics, report: nil, plan: nil, header: "")
        }
        diagnostics.add(contentsOf: build.diagnostics.filter { $0.location.file == entity.source.file && $0.severity != .info })
        let (templateFile, repositoryRoot) = ScaffoldRequest.sources(of: entity, in: graph)

        let parameters = TemplateParameters(spec: entity.spec)
        var values = TemplateValues()
        if let valuesFile {
            guard let loaded = TemplateValues.load(file: valuesFile, into: &diagnostics) else {
                return finish(diagnostics, report: nil, plan: nil, header: "")
            }
            values = loaded
        }
        for assignment in assignments {
            if let problem = values.set(assignment, parameters: parameters) {
                diagnostics.add(.error, .scaffoldValues, at: Self.commandLine, problem)
            }
        }
        let validated = ParameterValidator(parameters: parameters, file: entity.source.file).validate(values, into: &diagnostics)
        let plan = ScaffoldPlan(spec: entity.spec)
        let header = "Template \(entity.ref) (\(entity.source.file))\n"
        guard diagnostics.count(.error) == 0 else { return finish(diagnostics, report: nil, plan: plan, header: header) }

        let request = ScaffoldRequest(template: entity, templateFile: templateFile, repositoryRoot: repositoryRoot,
                                      parameters: validated, user: user(in: graph, into: &diagnostics), output: output, dryRun: dryRun)
        let report = ScaffoldRunner().run(request)
        diagnostics.add(contentsOf: report.diagnostics)
        return finish(diagnostics, report: report, plan: plan, header: header)
    }

    /// `user.entity` (the catalog entity, when found) and `user.ref`.
    private func user(in graph: CatalogGraph, into diagnostics: inout Diagnostics) -> ScaffoldValue {
        guard let userEntity else { return .undefined }
        guard let ref = try? EntityRef.parse(userEntity, defaultKind: "user", defaultNamespace: "default") else {
            diagnostics.add(.warning, .scaffoldValues, at: Self.commandLine, "--user-entity '\(userEntity)' is not an entity reference; user is left empty")
            return .undefined
        }
        guard let entity = graph.entity(ref) else {
            diagnostics.add(.warning, .scaffoldValues, at: Self.commandLine, "--user-entity \(ref) is not in the catalog; only user.ref is set")
            return .object(["ref": .string(ref.description)])
        }
        return .object(["ref": .string(ref.description), "entity": ScaffoldValue(entity.document)])
    }

    private func finish(_ diagnostics: Diagnostics, report: ScaffoldReport?, plan: ScaffoldPlan?, header: String) -> Outcome {
        var text = header
        if let plan, !plan.steps.isEmpty {
            text += "Steps:\n"
            for step in plan.steps {
                let status: String
                switch report?.steps.first(where: { $0.id == step.id })?.status {
                case .ran?: status = dryRun ? "would run" : "ran"
                case .skipped(let reason)?: status = "skipped: \(reason)"
                case .failed?: status = "FAILED"
                case .notReached?: status = "not reached"
                case nil: status = step.skip.map { "will be skipped: \($0.reason)" } ?? "not run"
                }
                text += "  \(step.number). \(step.id) (\(step.action)): \(status)\n"
            }
        }
        for diagnostic in diagnostics.sorted {
            text += diagnostic.formatted + "\n"
        }
        for log in report?.logs ?? [] {
            text += "debug:log: " + log.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n           ") + "\n"
        }
        let succeeded = diagnostics.count(.error) == 0 && report != nil
        if report == nil, plan != nil { text += "no step was run: fix the values above\n" }
        if let report, succeeded {
            let count = CheckSummary.plural(report.files.count, "file")
            text += dryRun ? "would write \(count) to \(output)/ (dry run: nothing written)\n" : "wrote \(count) to \(output)/\n"
            for file in report.files { text += "  \(file)\n" }
        }
        return Outcome(output: text, diagnostics: diagnostics.sorted, report: report, succeeded: succeeded)
    }
}
