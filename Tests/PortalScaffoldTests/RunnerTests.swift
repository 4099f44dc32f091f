import Foundation
import Testing
import PortalKit
import PortalYAML
@testable import PortalScaffold

@Suite("Running a template's steps")
struct RunnerTests {
    private static func template(steps: String, parameters: String = "") -> String {
        """
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata:
          name: t
        spec:
          owner: team-a
          type: service
          parameters:
            - properties:
                name: { type: string }
                database: { type: string, default: none }
        \(parameters)
          steps:
        \(steps)
        """
    }

    private let fetch = """
        - id: fetch
          action: fetch:template
          input:
            url: ./skeleton
            copyWithoutTemplating: ['.github/workflows/*']
            values:
              name: ${{ parameters.name }}
              slug: ${{ ('github.com?owner=o&repo=' ~ parameters.name) | projectSlug }}
    """

    @Test("fetch:template renders contents and file names, copies globs verbatim, honours if:, renames and deletes")
    func fetchTemplate() throws {
        let steps = fetch + """

            - id: db
              if: ${{ parameters.database === 'postgres' }}
              action: fetch:plain
              input: { url: ./db, targetPath: migrations }
            - id: notes
              if: ${{ parameters.database == 'none' }}
              action: fetch:plain:file
              input: { url: ./NOTES.md, targetPath: docs/NOTES.md }
            - id: rename
              action: fs:rename
              input:
                files: [{ from: dot-gitignore, to: .gitignore }]
            - id: delete
              action: fs:delete
              input: { files: ['**/*.tmp'] }
            - id: log
              action: debug:log
              input: { message: 'made ${{ parameters.name }}' }
            - id: write
              action: catalog:write
              input:
                filePath: extra/catalog-info.yaml
                entity:
                  apiVersion: backstage.io/v1alpha1
                  kind: Component
                  metadata: { name: '${{ parameters.name }}', description: 'a: b' }
                  spec: { type: service, owner: team-a, lifecycle: experimental }
        """
        let root = try folder([
            "repo/catalog-info.yaml": Self.template(steps: steps),
            "repo/skeleton/${{ values.name }}/main.go": "package ${{ values.name }} // ${{ values.slug }}\n",
            "repo/skeleton/.github/workflows/ci.yml": "ref: ${{ github.ref }}\n",
            "repo/skeleton/{% if values.name == 'x' %}only-x.txt{% endif %}": "never\n",
            "repo/skeleton/dot-gitignore": "*.o\n",
            "repo/skeleton/scratch.tmp": "gone\n",
            "repo/db/001.sql": "create table ${{ values.name }};\n",
            "repo/NOTES.md": "notes\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = root + "/out"
        let (report, diagnostics) = scaffold(root, values: ["name": .string("payouts")], output: output)
        #expect(diagnostics.count(.error) == 0)
        #expect(report.succeeded, "\(report.summaries)")
        #expect(report.files == [".github/workflows/ci.yml", ".gitignore", "docs/NOTES.md", "extra/catalog-info.yaml", "payouts/main.go"])
        #expect(contents(output + "/payouts/main.go") == "package payouts // o/payouts\n")
        #expect(contents(output + "/.github/workflows/ci.yml") == "ref: ${{ github.ref }}\n")
        #expect(contents(output + "/extra/catalog-info.yaml") == """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: payouts
              description: 'a: b'
            spec:
              type: service
              lifecycle: experimental
              owner: team-a

            """.replacingOccurrences(of: "'a: b'", with: "\"a: b\""))
        #expect(report.steps.map(\.status) == [.ran, .skipped("its if: condition is false"), .ran, .ran, .ran, .ran, .ran])
        #expect(report.logs == ["made payouts"])
        #expect(report.summaries == ["info scaffold.skipped-file: not written: its rendered name has an empty part"])
        // No staging folder is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["out", "repo"])
    }

    @Test("an existing non-empty output is refused and left alone; --dry-run writes nothing")
    func output() throws {
        let root = try folder(["repo/catalog-info.yaml": Self.template(steps: fetch), "repo/skeleton/a.txt": "${{ values.name }}", "out/keep": "mine"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (refused, _) = scaffold(root, values: ["name": .string("n")], output: root + "/out")
        #expect(refused.summaries == ["error scaffold.output-exists: the output folder exists and is not empty; scaffold never overwrites it"])
        #expect(contents(root + "/out/keep") == "mine")
        let (dry, _) = scaffold(root, values: ["name": .string("n")], output: root + "/new", dryRun: true)
        #expect(dry.succeeded && dry.files == ["a.txt"], "\(dry.summaries)")
        #expect(!FileManager.default.fileExists(atPath: root + "/new"))
    }

    @Test("paths out of the repository or the output are refused; links in a skeleton are not followed")
    func escapes() throws {
        let root = try folder([
            "secret/key": "s3cr3t",
            "repo/skeleton/a.txt": "a",
            "repo/catalog-info.yaml": Self.template(steps: fetch),
            "repo2/catalog-info.yaml": Self.template(steps: "    - id: up\n      action: fetch:plain\n      input: { url: ../../secret }\n"),
            "repo3/catalog-info.yaml": Self.template(steps: "    - id: abs\n      action: fetch:template\n      input: { url: ./s, targetPath: /tmp/x }\n"),
            "repo3/s/a": "a",
            "repo4/catalog-info.yaml": Self.template(steps: "    - id: remote\n      action: fetch:template\n      input: { url: 'https://github.com/o/r' }\n"),
            "repo5/catalog-info.yaml": Self.template(steps: fetch),
            "repo5/skeleton/${{ values.name }}.txt": "x",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/repo/skeleton/leak", withDestinationPath: root + "/secret/key")
        let (linked, _) = scaffold(root + "/repo", values: ["name": .string("n")], output: root + "/out1")
        #expect(linked.succeeded && linked.files == ["a.txt"])
        #expect(linked.summaries == ["warning scaffold.symlink: not copied: symbolic links and special files in a skeleton are not followed"])
        let (up, _) = scaffold(root + "/repo2", values: [:], output: root + "/out2")
        #expect(up.summaries == ["error scaffold.outside-repository: step 'up' (fetch:plain) failed: url '../../secret' leads outside the template's repository"])
        #expect(!FileManager.default.fileExists(atPath: root + "/out2"))
        let (absolute, _) = scaffold(root + "/repo3", values: [:], output: root + "/out3")
        #expect(absolute.summaries == ["error scaffold.outside-repository: step 'abs' (fetch:template) failed: targetPath '/tmp/x' is absolute; it must be a path inside the output folder"])
        let (remote, _) = scaffold(root + "/repo4", values: [:], output: root + "/out4")
        let (climbing, _) = scaffold(root + "/repo5", values: ["name": .string("../../escaped")], output: root + "/out5")
        #expect(climbing.summaries == ["error scaffold.outside-repository: step 'fetch' (fetch:template) failed: the rendered path './../../escaped.txt' leads outside the output folder"])
        #expect(!FileManager.default.fileExists(atPath: root + "/escaped.txt"))
        #expect(remote.summaries == ["warning scaffold.remote-source: step 'remote' is skipped: its source https://github.com/o/r is remote, and remote sources are never fetched"])
    }

    @Test("an expression error in a skeleton file names the file, line and column; later steps are not reached")
    func expressionError() throws {
        let root = try folder([
            "repo/catalog-info.yaml": Self.template(steps: fetch + "\n    - id: log\n      action: debug:log\n      input: { message: hi }\n"),
            "repo/skeleton/README.md": "# Title\n\nBuilt ${{ values.name | shout }}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (report, _) = scaffold(root, values: ["name": .string("n")], output: root + "/out")
        #expect(report.diagnostics.sorted.map(\.formatted).first?.hasPrefix(
            "\(root)/repo/skeleton/README.md:3:25: error: step 'fetch' (fetch:template) failed: unknown filter 'shout'") == true)
        #expect(report.steps.map(\.status) == [.failed, .notReached])
        #expect(!FileManager.default.fileExists(atPath: root + "/out"))
    }

    @Test("templateFileExtension renders only .njk files, copyWithoutRender keeps names too, binary files are copied as they are")
    func extensionsAndBinary() throws {
        let steps = """
            - id: fetch
              action: fetch:template
              input:
                url: ./skeleton
                templateFileExtension: true
                copyWithoutRender: ['raw/**']
                values: { name: '${{ parameters.name }}' }
        """
        let root = try folder([
            "repo/catalog-info.yaml": Self.template(steps: steps),
            "repo/skeleton/README.md.njk": "# ${{ values.name }}\n",
            "repo/skeleton/Makefile": "echo ${{ values.name }}\n",
            "repo/skeleton/raw/${{ values.name }}.txt": "${{ values.name }}\n",
            "repo/skeleton/${{ values.name }}.njk": "{% if values.name %}named{% endif %}",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let binary: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x00, 0x24, 0x7B, 0x7B, 0x20, 0x78, 0x20, 0x7D, 0x7D]
        try Data(binary).write(to: URL(fileURLWithPath: root + "/repo/skeleton/logo.png"))
        let (report, _) = scaffold(root, values: ["name": .string("svc")], output: root + "/out")
        #expect(report.succeeded, "\(report.summaries)")
        #expect(report.files == ["Makefile", "README.md", "logo.png", "raw/${{ values.name }}.txt", "svc"])
        #expect(contents(root + "/out/README.md") == "# svc\n")
        #expect(contents(root + "/out/Makefile") == "echo ${{ values.name }}\n")
        #expect(contents(root + "/out/svc") == "named")
        #expect(FileManager.default.contents(atPath: root + "/out/logo.png") == Data(binary))
    }

    @Test("the plan knows before running which steps are skipped and why")
    func plan() {
        let spec = YAMLParser.parse("""
        steps:
          - { id: a, action: fetch:template, input: { url: ./skeleton } }
          - { id: b, action: fetch:plain, input: { url: 'https://github.com/o/r' } }
          - { id: c, action: publish:github }
          - { id: d, action: debug:log, each: [1, 2] }
          - { id: e }
        """)[0].root
        let plan = ScaffoldPlan(spec: spec)
        #expect(plan.steps.map(\.skip) == [nil, .remoteSource("https://github.com/o/r"), .unsupportedAction("publish:github"), .loop, .unsupportedAction("")])
        #expect(plan.skipped.map(\.skip!.reason) == [
            "its source https://github.com/o/r is remote, and remote sources are never fetched",
            "'publish:github' needs the Backstage backend and is not run locally",
            "steps repeated with each: are not run by portal-build scaffold",
            "the step has no action",
        ])
    }
}
