import Foundation
import Testing
@testable import PortalKit

@Suite("catalog.json and the site writer")
struct OutputTests {
    @Test("entities in Backstage's API shape with relations and managed-by-location")
    func catalogShape() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": group("team-a"),
            "svc/catalog-info.yaml": component("svc").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  annotations:\n    a.io/x: y\n  tags: [go]"),
        ])
        let build = workspace.check()
        let json = String(decoding: CatalogJSONRenderer().render(build.graph), as: UTF8.self)
        #expect(json == """
            {
              "items": [
                {
                  "apiVersion": "backstage.io/v1alpha1",
                  "kind": "Component",
                  "metadata": {
                    "name": "svc",
                    "namespace": "default",
                    "tags": [
                      "go"
                    ],
                    "annotations": {
                      "backstage.io/managed-by-location": "file:svc/catalog-info.yaml",
                      "backstage.io/managed-by-origin-location": "file:svc/catalog-info.yaml",
                      "a.io/x": "y"
                    }
                  },
                  "spec": {
                    "type": "service",
                    "lifecycle": "production",
                    "owner": "team-a"
                  },
                  "relations": [
                    {
                      "type": "ownedBy",
                      "targetRef": "group:default/team-a"
                    }
                  ]
                },
                {
                  "apiVersion": "backstage.io/v1alpha1",
                  "kind": "Group",
                  "metadata": {
                    "name": "team-a",
                    "namespace": "default",
                    "annotations": {
                      "backstage.io/managed-by-location": "file:org/catalog-info.yaml",
                      "backstage.io/managed-by-origin-location": "file:org/catalog-info.yaml"
                    }
                  },
                  "spec": {
                    "type": "team",
                    "children": []
                  },
                  "relations": [
                    {
                      "type": "ownerOf",
                      "targetRef": "component:default/svc"
                    }
                  ]
                }
              ]
            }

            """)
    }

    @Test("entities reached through a Location name the file that led there as their origin")
    func originLocation() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  targets: [./a.yaml]\n",
            "org/a.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: a\nspec:\n  targets: [./teams/b.yaml]\n",
            "org/teams/b.yaml": group("team-b"),
        ])
        let build = workspace.check()
        let team = build.graph.entity(EntityRef(kind: "group", namespace: "default", name: "team-b"))!
        let json = CatalogJSONRenderer().entityJSON(team, relations: [])
        #expect(json["metadata"]?["annotations"]?["backstage.io/managed-by-location"] == .string("file:org/teams/b.yaml"))
        #expect(json["metadata"]?["annotations"]?["backstage.io/managed-by-origin-location"] == .string("file:org/catalog-info.yaml"))
    }

    @Test("JSON strings escape quotes, control characters and HTML-significant characters")
    func escaping() {
        let text = JSONWriter(pretty: false).string(.string("a\"b\\c\n<script>&\u{1}é"))
        #expect(text == #""a\"b\\c\n\u003cscript\u003e\u0026\u0001é""#)
    }

    @Test("a list written item by item has the bytes of the whole value", arguments: [0, 1, 3])
    func listItemByItem(count: Int) {
        let items: [JSONValue] = (0..<count).map { .object([("n", .int($0)), ("tags", .array([.string("a<b"), .null]))]) }
        for writer in [JSONWriter(), JSONWriter(pretty: false)] {
            #expect(writer.write(key: "items", count: count) { items[$0] } == writer.write(.object([("items", .array(items))])))
        }
    }

    @Test("the same input gives byte-identical catalog.json")
    func deterministic() throws {
        guard let shared = sharedFolder else { return }
        let first = BuildPipeline(roots: [shared + "/corpus"]).runCatalog()
        let second = BuildPipeline(roots: [shared + "/corpus"]).runCatalog()
        #expect(CatalogJSONRenderer().render(first.graph) == CatalogJSONRenderer().render(second.graph))
        #expect(first.diagnostics == second.diagnostics)
    }

    @Test("the writer replaces its own previous output whole")
    func replacesOwnOutput() throws {
        let workspace = try Workspace()
        let output = workspace.path + "/site"
        try SiteWriter().write([SiteFile(path: "a/old.txt", bytes: Array("old".utf8))], to: output, roots: [])
        try SiteWriter().write([SiteFile(path: "catalog.json", bytes: Array("{}".utf8))], to: output, roots: [])
        #expect(try workspace.read("site/catalog.json") == "{}")
        #expect(!FileManager.default.fileExists(atPath: output + "/a/old.txt"))
        #expect(FileManager.default.fileExists(atPath: output + "/.portal-build"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.path)
        #expect(leftovers == ["site"])
    }

    #if os(Linux)
    @Test("a server reading the site never finds it missing while a new one is swapped in")
    func swapIsAtomic() throws {
        let workspace = try Workspace()
        let output = workspace.path + "/site"
        try SiteWriter().write([SiteFile(path: "index.html", bytes: Array("0".utf8))], to: output, roots: [])
        final class Watch: @unchecked Sendable {
            var stop = false
            var missing = 0
            var checks = 0
        }
        let watch = Watch()
        let reader = Thread {
            while !watch.stop {
                if !FileManager.default.fileExists(atPath: output + "/index.html") { watch.missing += 1 }
                watch.checks += 1
            }
        }
        reader.start()
        for round in 1...30 {
            try SiteWriter().write([SiteFile(path: "index.html", bytes: Array("\(round)".utf8))], to: output, roots: [])
        }
        watch.stop = true
        while !reader.isFinished { usleep(1000) }
        #expect(watch.checks > 0)
        #expect(watch.missing == 0)
        #expect(try workspace.read("site/index.html") == "30")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path) == ["site"])
    }
    #endif

    @Test("the writer refuses folders it did not write, the home folder, / and ROOTs")
    func refusesUnsafeOutput() throws {
        let workspace = try Workspace(["mine/notes.txt": "precious", "repos/a/catalog-info.yaml": group("a")])
        #expect(throws: SiteWriteError.self) {
            try SiteWriter().write([], to: workspace.path + "/mine", roots: [])
        }
        #expect(try workspace.read("mine/notes.txt") == "precious")
        #expect(throws: SiteWriteError.self) { try SiteWriter().write([], to: "/", roots: []) }
        #expect(throws: SiteWriteError.self) {
            try SiteWriter().write([], to: workspace.path + "/repos", roots: [workspace.path + "/repos/a"])
        }
        do {
            try SiteWriter().write([], to: workspace.path + "/mine", roots: [])
        } catch {
            #expect(error.description.hasPrefix("refusing to replace '"))
            #expect(error.description.hasSuffix("/mine': it is not empty and was not written by portal-build (no .portal-build file); choose another --output or empty it"))
        }
    }

    @Test("the writer refuses paths that climb out of the site")
    func refusesEscapingFiles() throws {
        let workspace = try Workspace()
        #expect(throws: SiteWriteError.self) {
            try SiteWriter().write([SiteFile(path: "../escape.txt", bytes: [])], to: workspace.path + "/site", roots: [])
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/escape.txt"))
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/site"))
    }
}

@Suite("Diagnostic formats")
struct FormatterTests {
    private let diagnostics = [
        Diagnostic(.error, .invalidName, at: SourceLocation(file: "repo a/catalog-info.yaml", line: 4, column: 9), "bad, name: x"),
        Diagnostic(.warning, .unresolvedRef, at: SourceLocation(file: "b.yaml", line: 2, column: 3), "50% done\nsecond line"),
        Diagnostic(.info, .locationRemote, at: SourceLocation(file: "c.yaml", line: 1, column: 1), "note"),
    ]

    private var summary: CheckSummary {
        var summary = CheckSummary(BuildPipeline(roots: []).runCatalog())
        summary.errors = 1
        summary.warnings = 1
        return summary
    }

    @Test("text: path:line:col: severity: message [id] and a summary")
    func text() {
        let output = DiagnosticFormatter(format: .text).render(diagnostics, summary: summary)
        #expect(output == """
            repo a/catalog-info.yaml:4:9: error: bad, name: x [entity.invalid-name]
            b.yaml:2:3: warning: 50% done\\nsecond line [ref.unresolved]
            c.yaml:1:1: info: note [location.remote]
            0 files in 0 repositories, 0 entities: 1 error, 1 warning

            """)
        let quiet = DiagnosticFormatter(format: .text, minimumSeverity: .warning).render(diagnostics, summary: summary)
        #expect(!quiet.contains("info:"))
    }

    @Test("github: workflow commands with escaped properties and data")
    func github() {
        let output = DiagnosticFormatter(format: .github).render(diagnostics, summary: summary)
        #expect(output.split(separator: "\n").prefix(3) == [
            "::error file=repo a/catalog-info.yaml,line=4,col=9,title=entity.invalid-name::bad, name: x",
            "::warning file=b.yaml,line=2,col=3,title=ref.unresolved::50%25 done%0Asecond line",
            "::notice file=c.yaml,line=1,col=1,title=location.remote::note",
        ])
    }

    @Test("json: every field and the summary")
    func json() throws {
        let output = DiagnosticFormatter(format: .json).render(diagnostics, summary: summary)
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        let first = (parsed["diagnostics"] as! [[String: Any]])[0]
        #expect(first["file"] as? String == "repo a/catalog-info.yaml")
        #expect(first["line"] as? Int == 4)
        #expect(first["column"] as? Int == 9)
        #expect(first["id"] as? String == "entity.invalid-name")
        #expect(first["severity"] as? String == "error")
        #expect((parsed["summary"] as! [String: Any])["errors"] as? Int == 1)
    }

    @Test("sarif: 2.1.0 with rules, levels and regions")
    func sarif() throws {
        let output = DiagnosticFormatter(format: .sarif).render(diagnostics, summary: summary)
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Any]
        #expect(parsed["version"] as? String == "2.1.0")
        let run = (parsed["runs"] as! [[String: Any]])[0]
        let driver = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
        #expect(driver["name"] as? String == "portal-build")
        let rules = (driver["rules"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(rules == ["entity.invalid-name", "location.remote", "ref.unresolved"])
        let results = run["results"] as! [[String: Any]]
        #expect(results.map { $0["level"] as! String } == ["error", "warning", "note"])
        #expect(results.map { $0["ruleIndex"] as! Int } == [0, 2, 1])
        let location = ((results[0]["locations"] as! [[String: Any]])[0]["physicalLocation"]) as! [String: Any]
        #expect((location["artifactLocation"] as! [String: Any])["uri"] as? String == "repo%20a/catalog-info.yaml")
        #expect((location["region"] as! [String: Any])["startLine"] as? Int == 4)
        #expect((location["region"] as! [String: Any])["startColumn"] as? Int == 9)
    }

    @Test("every diagnostic id has a summary for SARIF rules")
    func summaries() {
        for id in DiagnosticID.allCases {
            #expect(id.summary != id.rawValue, "\(id.rawValue) has no summary")
        }
    }

    @Test("a formatted diagnostic is one line: control characters from content are shown as escapes")
    func formattedIsOneLine() {
        let diagnostic = Diagnostic(.warning, .unsafeURL, at: SourceLocation(file: "repo/new\nline.md", line: 3, column: 7),
                                    "link to 'java\tscript:\u{1B}[31malert(1)\u{9B}' removed")
        #expect(diagnostic.formatted == "repo/new\\nline.md:3:7: warning: link to 'java\\tscript:\\u{1B}[31malert(1)\\u{9B}' removed [page.unsafe-url]")
        let plain = Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: "a/ü.yaml", line: 1, column: 2), "did not find « : »")
        #expect(plain.formatted == "a/ü.yaml:1:2: error: did not find « : » [yaml.syntax]")
    }

    @Test("README's table of diagnostic ids lists exactly the ids there are")
    func readmeListsEveryID() throws {
        let readme = try String(contentsOfFile: repositoryFolder + "/README.md", encoding: .utf8)
        let table = try #require(readme.components(separatedBy: "### Diagnostic ids").dropFirst().first?.components(separatedBy: "\n## ").first)
        var documented: Set<String> = []
        for row in table.split(separator: "\n") where row.hasPrefix("| `") {
            let firstCell = row.split(separator: "|").first ?? ""
            for piece in firstCell.split(separator: "`") where piece.contains(".") && !piece.contains("<") { documented.insert(String(piece)) }
        }
        let known = Set(DiagnosticID.allCases.map(\.rawValue))
        #expect(known.subtracting(documented).isEmpty, "not in README: \(known.subtracting(documented).sorted())")
        #expect(documented.subtracting(known).isEmpty, "not in DiagnosticID.allCases: \(documented.subtracting(known).sorted())")
        #expect(known.count == DiagnosticID.allCases.count, "allCases repeats an id")
    }
}
