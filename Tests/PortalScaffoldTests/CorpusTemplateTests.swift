import Foundation
import Testing
import PortalKit
@testable import PortalScaffold

/// Every Template of `../shared/corpus` run with sample values made from its schema.
@Suite("Templates of the real-world corpus", .enabled(if: sharedCorpusPresent, "../shared/corpus is not present"))
struct CorpusTemplateTests {
    /// What one corpus template does with sample values.
    struct Outcome: Equatable, CustomStringConvertible {
        var files: [String]
        var logs: [String] = []
        /// `severity id: message` of each warning and error, positions left out.
        var problems: [String]
        var description: String { "files: \(files)\nlogs: \(logs)\nproblems:\n" + problems.joined(separator: "\n") }
    }

    /// Descriptor files of the corpus that declare `kind: Template`, relative to it.
    static var templateFiles: [String] {
        let enumerator = FileManager.default.enumerator(atPath: sharedCorpus)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".yaml") || path.hasSuffix(".yml"),
                  let text = contents(sharedCorpus + "/" + path), text.contains("\nkind: Template") else { continue }
            files.append(path)
        }
        return files.sorted()
    }

    /// Loads `file` as a ROOT and runs each Template in it with sample values; a file whose
    /// Template does not load gives the loading errors instead.
    private static func contents(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    static func run(_ file: String) throws -> Outcome {
        let graph = BuildPipeline(roots: [sharedCorpus + "/" + file]).runCatalog()
        guard let entity = graph.graph.entities.first(where: { $0.ref.kind == "template" }) else {
            return Outcome(files: [], problems: graph.diagnostics.filter { $0.severity == .error }.map { "\($0.severity.rawValue) \($0.id.rawValue)" })
        }
        let sources = ScaffoldRequest.sources(of: entity, in: graph.graph)
        let scratch = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var diagnostics = Diagnostics()
        let parameters = TemplateParameters(spec: entity.spec)
        let values = ParameterValidator(parameters: parameters, file: entity.source.file)
            .validate(SampleValues.make(parameters), into: &diagnostics)
        let request = ScaffoldRequest(template: entity, templateFile: sources.templateFile, repositoryRoot: sources.repositoryRoot,
                                      parameters: values, user: .object(["ref": .string("user:default/guest")]), output: scratch + "/out")
        let report = ScaffoldRunner().run(request)
        diagnostics.add(contentsOf: report.diagnostics)
        let contents = report.files.map { "\($0): " + (Self.contents(scratch + "/out/" + $0) ?? "") }
        return Outcome(files: contents, logs: report.logs,
                       problems: diagnostics.sorted.filter { $0.severity != .info }.map { "\($0.severity.rawValue) \($0.id.rawValue): \($0.message)" })
    }

    private static let unsupported = "warning scaffold.unsupported-action"

    /// Per Template file: the files written (name: contents), the debug:log messages, and each warning or error (`severity id` and the step).
    static let expected: [String: (files: [String], logs: [String], problems: [String])] = [
        "0GiS0__nodejs-backstage-template/catalog-info.yaml": ([], [], [
            "error scaffold.missing-source fetch-base", "\(unsupported) acme:file:create", "\(unsupported) publish",
            "\(unsupported) github:ghas:configure", "\(unsupported) github-action", "\(unsupported) register",
        ]),
        "7K-Group__backstage-catalog/templates/new-domain/template.yaml": (
            ["catalog/domains/example-name.yaml: apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: example-name\n  description: >-\n    example-description\nspec:\n  owner: group:default/example-group\n"],
            [], ["warning scaffold.remote-source fetch-repo", "\(unsupported) register-domain", "\(unsupported) create-pr"]),
        "7K-Group__backstage-catalog/templates/new-system/template.yaml": (
            ["catalog/systems/example-name.yaml: apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: example-name\n  description: >-\n    example-description\nspec:\n  owner: group:default/example-group\n  domain: domain:default/example-domain\n"],
            [], ["warning scaffold.remote-source fetch-repo", "\(unsupported) register-system", "\(unsupported) create-pr"]),
        "C-Nell__devhub-catalog/catalog/templates/api-notifications/template.yaml": ([], [], ["\(unsupported) test-with-backend-token"]),
        "C-Nell__devhub-catalog/catalog/templates/aws-rbac-test/template.yaml": ([], [], ["\(unsupported) provision"]),
        "C-Nell__devhub-catalog/catalog/templates/github_api_call/template.yaml": (
            [], ["Repo metadata for po-org/example-reponame:\n\n"], ["\(unsupported) get_repo"]),
        "C-Nell__devhub-catalog/catalog/templates/hello_world/template.yaml": ([], ["Hello, example-name!"], []),
        "C-Nell__devhub-catalog/catalog/templates/repo-test/template.yaml": (
            [], ["=== USER DATA DEBUG ===\nuser.entity.metadata.name: \n"], ["\(unsupported) publish"]),
        "C-Nell__devhub-catalog/catalog/templates/template-attribution/template.yaml": ([], [], [
            "error scaffold.missing-source fetch", "\(unsupported) create-metadata", "\(unsupported) publish", "\(unsupported) register",
        ]),
        "C-Nell__devhub-catalog/catalog/templates/testing-metadata/template.yaml": ([], [], ["\(unsupported) publish"]),
        // `title:` followed by more-indented `type:` lines: the descriptor does not parse, so there is no Template.
        "C-Nell__devhub-catalog/catalog/templates/update_json_file/template.yaml": ([], [], ["error yaml.syntax"]),
        "C-Nell__devhub-catalog/catalog/templates/update_yaml_file/template.yaml": ([], [], ["error yaml.syntax"]),
        "C-Nell__devhub-catalog/catalog/templates/vm-rbac-test/template.yaml": ([], [], ["\(unsupported) provision"]),
        "C-Nell__devhub-catalog/examples/template/template.yaml": (
            ["catalog-info.yaml: apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: \"example-name\"\nspec:\n  type: service\n  owner: user:guest\n  lifecycle: experimental\n"],
            [], ["\(unsupported) publish", "\(unsupported) register", "\(unsupported) notify"]),
    ]

    @Test("every Template file of the corpus is listed here")
    func inventory() {
        #expect(Self.templateFiles == Self.expected.keys.sorted())
    }

    @Test("each Template scaffolds with sample values, or says exactly what it cannot do", arguments: expected.keys.sorted())
    func template(_ file: String) throws {
        let outcome = try Self.run(file)
        let expected = Self.expected[file]!
        #expect(outcome.files == expected.files)
        #expect(outcome.logs == expected.logs)
        let problems = outcome.problems.map { problem in
            // `severity id: step 'x' …` → `severity id x`
            let head = problem.prefix { $0 != ":" }
            let step = problem.split(separator: "'").dropFirst().first.map { " " + $0 } ?? ""
            return String(head) + step
        }
        #expect(problems == expected.problems)
    }
}
