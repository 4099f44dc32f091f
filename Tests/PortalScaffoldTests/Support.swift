import Foundation
import PortalKit
import PortalScaffold

/// A new temporary folder holding `files` (path → text); the caller removes it.
func folder(_ files: [String: String]) throws -> String {
    let base = FileManager.default.temporaryDirectory.path + "/portal-scaffold-" + UUID().uuidString
    for (path, text) in files {
        let url = URL(fileURLWithPath: base + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return base
}

/// `../shared/corpus` beside the repository; tests that need it are skipped without it.
let sharedCorpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/corpus").standardized.path
let sharedCorpusPresent = FileManager.default.fileExists(atPath: sharedCorpus)

/// Every Template in the catalog read from `root`, with what running it needs.
func templates(in root: String) -> [(entity: Entity, file: String, repository: String)] {
    let graph = BuildPipeline(roots: [root]).runCatalog().graph
    return graph.entities.filter { $0.ref.kind == "template" }.map { entity in
        let sources = ScaffoldRequest.sources(of: entity, in: graph)
        return (entity, sources.templateFile, sources.repositoryRoot)
    }
}

/// Runs the only Template under `root` with `values` (validated first) into `output`.
func scaffold(_ root: String, values: [String: ScaffoldValue], output: String, dryRun: Bool = false) -> (ScaffoldReport, Diagnostics) {
    var diagnostics = Diagnostics()
    guard let template = templates(in: root).first else {
        var report = ScaffoldReport()
        report.diagnostics.add(.error, .scaffoldTemplateNotFound, at: SourceLocation(file: root), "no Template under \(root)")
        return (report, diagnostics)
    }
    let parameters = TemplateParameters(spec: template.entity.spec)
    let validated = ParameterValidator(parameters: parameters, file: template.entity.source.file)
        .validate(TemplateValues(values), into: &diagnostics)
    let request = ScaffoldRequest(template: template.entity, templateFile: template.file, repositoryRoot: template.repository,
                                  parameters: validated, output: output, dryRun: dryRun)
    return (ScaffoldRunner().run(request), diagnostics)
}

func contents(_ path: String) -> String? {
    try? String(contentsOfFile: path, encoding: .utf8)
}

extension ScaffoldReport {
    /// Each diagnostic as `severity id: message` without its position, for compact assertions.
    var summaries: [String] { diagnostics.sorted.map { "\($0.severity.rawValue) \($0.id.rawValue): \($0.message)" } }
}
