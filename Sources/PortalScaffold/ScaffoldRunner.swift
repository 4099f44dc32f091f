import Foundation
public import PortalKit
import PortalYAML

/// What to run: a Template from the catalog, the validated form values, and where to write.
public struct ScaffoldRequest: Sendable {
    public var template: Entity
    /// The Template's descriptor file, absolute.
    public var templateFile: String
    /// The repository holding the Template, absolute: no source path may leave it.
    public var repositoryRoot: String
    /// Form values after validation (defaults filled in): `parameters.*` in step inputs.
    public var parameters: [String: ScaffoldValue]
    /// `user.entity` and `user.ref`, when `--user-entity` names one.
    public var user: ScaffoldValue
    /// The folder to create; it must not exist or be empty.
    public var output: String
    /// Run into a scratch folder and discard it: report what would be written.
    public var dryRun: Bool

    public init(template: Entity, templateFile: String, repositoryRoot: String, parameters: [String: ScaffoldValue],
                user: ScaffoldValue = .undefined, output: String, dryRun: Bool = false) {
        self.template = template
        self.templateFile = templateFile
        self.repositoryRoot = repositoryRoot
        self.parameters = parameters
        self.user = user
        self.output = output
        self.dryRun = dryRun
    }
}

extension ScaffoldRequest {
    /// The absolute Template file and repository folder of a Template in `graph`.
    public static func sources(of template: Entity, in graph: CatalogGraph) -> (templateFile: String, repositoryRoot: String) {
        let file = graph.files.first { $0.displayPath == template.source.file }?.path ?? template.source.file
        return (file, graph.scan.repositories[template.source.repository].path)
    }
}

/// What a run did: each step's fate, the files written, `debug:log` messages, and problems.
public struct ScaffoldReport: Sendable {
    /// A step and what became of it.
    public struct StepResult: Sendable, Equatable {
        public enum Status: Sendable, Equatable {
            case ran
            case skipped(String)
            case failed
            /// Not reached because an earlier step failed.
            case notReached
        }

        public var id: String
        public var action: String
        public var status: Status
    }

    public var steps: [StepResult] = []
    /// Paths written, relative to the output folder, sorted.
    public var files: [String] = []
    public var logs: [String] = []
    public var diagnostics = Diagnostics()

    public init() {}

    /// Whether every supported step ran and the output was written (or, dry, could be).
    public var succeeded: Bool { diagnostics.count(.error) == 0 }
}

/// Runs a Template's supported steps into a staging folder beside `--output`, then renames it into
/// place: the output appears whole or not at all, and an existing non-empty folder is never touched.
public struct ScaffoldRunner: Sendable {
    public init() {}

    public func run(_ request: ScaffoldRequest) -> ScaffoldReport {
        var report = ScaffoldReport()
        let display = request.template.source.file
        let output = Path.join(FileSystem.currentDirectory, request.output)
        if let problem = Self.outputProblem(output) {
            report.diagnostics.add(.error, .scaffoldOutputExists, at: SourceLocation(file: request.output), problem)
            return report
        }
        let parent = Path.directory(of: output)
        let scratch = request.dryRun ? FileSystem.realPath(NSTemporaryDirectory()) ?? "/tmp" : parent
        let staging = Path.join(scratch, ".\(Path.fileName(of: output)).scaffold-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            report.diagnostics.add(.error, .scaffoldStepFailed, at: SourceLocation(file: request.output), "cannot create a staging folder in \(request.dryRun ? "the temporary folder" : parent): \(error.localizedDescription)")
            return report
        }
        defer { try? FileManager.default.removeItem(atPath: staging) }
        var context = StepContext(request: request, display: display, workspace: staging)
        let plan = ScaffoldPlan(spec: request.template.spec)
        // Skipped steps are told up front, whatever happens to the others.
        for step in plan.skipped {
            report.diagnostics.add(.warning, step.skip!.id, at: context.location(step.mark), "step '\(step.id)' is skipped: \(step.skip!.reason)")
        }
        var failed = false
        for step in plan.steps {
            if let skip = step.skip {
                report.steps.append(.init(id: step.id, action: step.action, status: .skipped(skip.reason)))
                continue
            }
            if failed {
                report.steps.append(.init(id: step.id, action: step.action, status: .notReached))
                continue
            }
            do throws(StepFailure) {
                if let condition = step.condition, !(try context.evaluate(condition)).isTruthy {
                    report.steps.append(.init(id: step.id, action: step.action, status: .skipped("its if: condition is false")))
                    continue
                }
                let input = try context.evaluate(step.input)
                try context.perform(step, input: input)
                context.outputs[step.id] = .object(["output": .object([:])])
                report.steps.append(.init(id: step.id, action: step.action, status: .ran))
            } catch {
                report.diagnostics.add(error.severity, error.id, at: error.location ?? context.location(step.mark),
                                       "step '\(step.id)' (\(step.action)) failed: \(error.message)")
                report.steps.append(.init(id: step.id, action: step.action, status: .failed))
                failed = true
            }
        }
        report.diagnostics.add(contentsOf: context.notes)
        report.logs = context.logs
        report.files = Self.files(under: staging)
        guard !failed, !request.dryRun else { return report }
        if FileSystem.type(of: output) == .directory { rmdir(output) }
        if rename(staging, output) != 0 {
            report.diagnostics.add(.error, .scaffoldStepFailed, at: SourceLocation(file: request.output),
                                   "cannot move the result into place: \(String(cString: strerror(errno)))")
        }
        return report
    }

    /// Why `output` cannot be written: it is a file, or a folder with something in it.
    static func outputProblem(_ output: String) -> String? {
        switch FileSystem.type(of: output) {
        case nil: return nil
        case .directory: return FileSystem.entries(of: output).isEmpty ? nil : "the output folder exists and is not empty; scaffold never overwrites it"
        default: return "the output path exists and is not a folder"
        }
    }

    /// Regular files under `folder`, relative and sorted.
    static func files(under folder: String) -> [String] {
        var result: [String] = []
        func walk(_ relative: String) {
            for entry in FileSystem.entries(of: relative.isEmpty ? folder : folder + "/" + relative) {
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.type == .directory { walk(path) } else { result.append(path) }
            }
        }
        walk("")
        return result.sorted()
    }
}

/// Why a step stopped.
struct StepFailure: Error {
    var message: String
    var id: DiagnosticID = .scaffoldStepFailed
    var location: SourceLocation?
    var severity: Severity = .error
}
