import Foundation
import Testing
@testable import PortalCommandLine
import PortalKit

/// The package's own `content/` folder, found from this file.
private let contentFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../content").standardized.path

@Suite("scaffold action")
struct ScaffoldActionTests {
    /// A Template owned by `jane` with these `steps:` (indented by four spaces).
    static func template(named name: String, steps: String) -> String {
        """
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: \(name) }
        spec:
          owner: jane
          type: service
          steps:
        \(steps)
        """
    }

    @Test("the go-service golden path scaffolds a repository that check accepts")
    func goServiceEndToEnd() throws {
        let base = try folder(["values.yaml": "description: Pays drivers every week\nowner: group:default/payments-team\n"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let output = base + "/driver-payouts"
        let outcome = ScaffoldAction(template: "template:default/go-service", roots: [contentFolder], valuesFile: base + "/values.yaml",
                                     assignments: ["name=driver-payouts", "database=postgres", "tier=critical",
                                                   "repoUrl=github.com?owner=northwind&repo=driver-payouts"],
                                     output: output).perform()
        #expect(outcome.succeeded, "\(outcome.output)")
        #expect(outcome.report?.files == [".gitignore", "README.md", "catalog-info.yaml", "cmd/service/main.go", "db/README.md",
                                          "db/migrations/0001_init.sql", "docs/index.md", "go.mod", "mkdocs.yml"])
        #expect(outcome.output.contains("  2. database (fetch:template): ran\n"))
        #expect(outcome.output.contains("  5. publish (publish:github): skipped: 'publish:github' needs the Backstage backend and is not run locally\n"))
        #expect(outcome.output.contains("debug:log: Created driver-payouts for group:default/payments-team (northwind/driver-payouts)\n"))
        #expect(try String(contentsOfFile: output + "/go.mod", encoding: .utf8) == "module github.com/northwind/driver-payouts\n\ngo 1.22\n")
        let readme = try String(contentsOfFile: output + "/README.md", encoding: .utf8)
        #expect(readme.contains("## Database") && readme.contains("Critical: paged 24/7") && !readme.contains("{%"))

        let check = CheckAction(roots: [output]).perform()
        #expect(check.passed)
        #expect(check.build.count(.error) == 0, "\(check.output)")
        let entity = try #require(check.build.graph.entities.first)
        #expect(entity.ref.description == "component:default/driver-payouts")
        #expect(entity.specString("owner") == "group:default/payments-team")
        #expect(entity.metadata?["labels"]?["tier"]?.stringValue == "critical")
    }

    @Test("the docs-site golden path writes a TechDocs repository through catalog:write and fetch:plain:file; its docs build")
    func docsSiteEndToEnd() throws {
        let base = try folder(["notes.txt": "the output goes beside this"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let assignments = ["name=payments-handbook", "title=Payments <handbook>", "owner=group:default/payments-team"]
        let outcome = ScaffoldAction(template: "docs-site", roots: [contentFolder], assignments: assignments, output: base + "/with").perform()
        #expect(outcome.succeeded, "\(outcome.output)")
        #expect(outcome.report?.files == ["catalog-info.yaml", "docs/index.md", "docs/style-guide.md", "mkdocs.yml"])
        #expect(try String(contentsOfFile: base + "/with/mkdocs.yml", encoding: .utf8).hasPrefix("site_name: Payments <handbook>\n"))

        let build = BuildAction(roots: [base + "/with"], output: base + "/site").perform()
        #expect(build.passed, "\(build.output)")
        #expect(!build.output.contains("error:"), "\(build.output)")
        let entity = try String(contentsOfFile: base + "/site/catalog/default/component/payments-handbook/index.html", encoding: .utf8)
        #expect(entity.contains("<h1>Payments &lt;handbook&gt;</h1>"))
        #expect(FileManager.default.fileExists(atPath: base + "/site/docs/default/component/payments-handbook/style-guide/index.html"))

        let without = ScaffoldAction(template: "docs-site", roots: [contentFolder], assignments: assignments + ["withStyleGuide=false"],
                                     output: base + "/without").perform()
        #expect(without.succeeded, "\(without.output)")
        #expect(without.output.contains("  2. style-guide (fetch:plain:file): skipped: its if: condition is false\n"))
        #expect(without.report?.files == ["catalog-info.yaml", "docs/index.md", "mkdocs.yml"])
    }

    @Test("without postgres the conditional step is skipped; a second run into the same folder is refused")
    func conditionalAndRefusal() throws {
        let base = try folder(["notes.txt": "the output goes beside this"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = ScaffoldAction(template: "go-service", roots: [contentFolder],
                                    assignments: ["name=fleet-api", "description=Fleet", "owner=group:default/fleet-team",
                                                  "repoUrl=github.com?owner=northwind&repo=fleet-api"],
                                    output: base + "/out")
        let first = action.perform()
        #expect(first.succeeded)
        #expect(first.output.contains("  2. database (fetch:template): skipped: its if: condition is false\n"))
        #expect(first.report?.files.contains("db/README.md") == false)
        let second = action.perform()
        #expect(!second.succeeded)
        #expect(second.output.contains("\(base)/out:1:1: error: the output folder exists and is not empty; scaffold never overwrites it [scaffold.output-exists]"))
    }

    @Test("invalid values are reported per field and nothing runs; a dry run writes nothing")
    func validationAndDryRun() throws {
        let base = try folder(["notes.txt": "the output goes beside this"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let invalid = ScaffoldAction(template: "go-service", roots: [contentFolder], assignments: ["name=X", "tier=gold"], output: base + "/out").perform()
        #expect(!invalid.succeeded)
        #expect(invalid.report == nil)
        let file = "\(contentFolder)/golden-paths/templates/go-service/template.yaml"
        #expect(invalid.output.contains("\(file):33:11: error: parameters.name is \"X\", which does not match the pattern ^[a-z][a-z0-9-]{2,38}[a-z0-9]$ [scaffold.invalid-value]"))
        #expect(invalid.output.contains("error: parameters.description (Description) is required: give it with --set description=… or in the values file [scaffold.invalid-value]"))
        #expect(invalid.output.contains("error: parameters.tier is \"gold\", which is not one of: \"critical\", \"high\", \"standard\" [scaffold.invalid-value]"))

        let dry = ScaffoldAction(template: "go-service", roots: [contentFolder],
                                 assignments: ["name=fleet-api", "description=Fleet", "owner=group:default/fleet-team",
                                               "repoUrl=github.com?owner=northwind&repo=fleet-api"],
                                 output: base + "/out", dryRun: true).perform()
        #expect(dry.succeeded)
        #expect(dry.output.contains("would write 7 files to \(base)/out/ (dry run: nothing written)\n"))
        #expect(!FileManager.default.fileExists(atPath: base + "/out"))
    }

    @Test("--user-entity gives user.ref and the catalog's user.entity; a values file that does not parse is reported at its line")
    func userAndValuesFile() throws {
        let template = Self.template(named: "hello", steps: """
            - id: log
              action: debug:log
              input: { message: "${{ user.ref }} is ${{ user.entity.spec.profile.displayName | default('nobody') }}" }
        """) + """

        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata: { name: jane }
        spec: { profile: { displayName: Jane Doe }, memberOf: [] }
        """
        let base = try folder(["repo/catalog-info.yaml": template, "values.yaml": "name: [unclosed\n"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let known = ScaffoldAction(template: "hello", roots: [base + "/repo"], output: base + "/a", userEntity: "jane").perform()
        #expect(known.output.contains("debug:log: user:default/jane is Jane Doe\n"), "\(known.output)")
        let unknown = ScaffoldAction(template: "hello", roots: [base + "/repo"], output: base + "/b", userEntity: "user:default/joe").perform()
        #expect(unknown.output.contains("debug:log: user:default/joe is nobody\n"))
        #expect(unknown.output.contains("<command line>:1:1: warning: --user-entity user:default/joe is not in the catalog; only user.ref is set [scaffold.values]"))
        let broken = ScaffoldAction(template: "hello", roots: [base + "/repo"], valuesFile: base + "/values.yaml", output: base + "/c").perform()
        #expect(!broken.succeeded)
        #expect(broken.output.contains("\(base)/values.yaml:2:1: error: the values file does not parse:"), "\(broken.output)")
    }

    @Test("an expression error in a step input is reported at its line and column, in a block scalar too")
    func expressionPositions() throws {
        let template = Self.template(named: "t", steps: """
            - id: inline
              action: debug:log
              input:
                message: "hello ${{ parameters.name | now }}"
            - id: block
              action: debug:log
              input:
                message: |
                  first line
                    second ${{ parameters.name | shout }}
        """)
        let base = try folder(["repo/catalog-info.yaml": template])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let file = base + "/repo/catalog-info.yaml"
        let inline = ScaffoldAction(template: "t", roots: [base + "/repo"], output: base + "/a").perform()
        #expect(inline.output.contains("\(file):11:47: error: step 'inline' (debug:log) failed: unknown filter 'now' (supported: "))
        try template.replacingOccurrences(of: " | now", with: "").write(toFile: file, atomically: true, encoding: .utf8)
        let block = ScaffoldAction(template: "t", roots: [base + "/repo"], output: base + "/a").perform()
        #expect(block.output.contains("\(file):17:42: error: step 'block' (debug:log) failed: unknown filter 'shout'"), "\(block.output)")
    }

    @Test("an unknown template gets a suggestion")
    func unknownTemplate() {
        let outcome = ScaffoldAction(template: "go-servce", roots: [contentFolder], output: "unused").perform()
        #expect(!outcome.succeeded)
        #expect(outcome.output.hasPrefix("<command line>:1:1: error: template:default/go-servce is not a Template in the catalog read from \(contentFolder) (did you mean template:default/go-service?) [scaffold.template-not-found]"))
    }

    @Test("scaffold parses its arguments")
    func parsing() throws {
        let command = try ScaffoldCommand.parse(["go-service", "content", "--set", "a=1", "--set", "b.c=2", "--values", "v.yaml", "-o", "out", "--dry-run", "--user-entity", "user:jane"])
        #expect(command.template == "go-service" && command.roots == ["content"])
        #expect(command.assignments == ["a=1", "b.c=2"] && command.values == "v.yaml" && command.output == "out")
        #expect(command.dryRun && command.userEntity == "user:jane")
        #expect(try ScaffoldCommand.parse(["go-service", "--dry-run"]).roots == ["content"])
        #expect(throws: (any Error).self) { try ScaffoldCommand.parse(["go-service"]) }
        #expect(throws: (any Error).self) { try ScaffoldCommand.parse(["go-service", "-o", "x", "--overlay", "c.json"]) }
    }
}
