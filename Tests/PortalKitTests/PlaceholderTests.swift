import Testing
@testable import PortalKit

@Suite("Placeholders")
struct PlaceholderTests {
    private func api(_ definition: String) -> String {
        """
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata:
          name: orders-api
        spec:
          type: openapi
          lifecycle: production
          owner: team-a
          definition:
            \(definition)
        """
    }

    private func definition(_ workspace: Workspace) -> JSONValue? {
        let build = workspace.check()
        return build.graph.entities.first { $0.kind == "API" }.flatMap { $0.spec?["definition"] }.map(JSONValue.init)
    }

    @Test("$text reads the file as a string")
    func text() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": api("$text: ./openapi.yaml"),
            "repo/openapi.yaml": "openapi: 3.0.0\n",
            "org/catalog-info.yaml": group("team-a"),
        ])
        #expect(workspace.diagnostics() == [])
        #expect(definition(workspace) == .string("openapi: 3.0.0\n"))
    }

    @Test("$json and $yaml parse the file; placeholders work at any depth")
    func structured() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": component("svc", extra: "  extra:\n    nested:\n      - $json: ./data/a.json\n      - {$yaml: ./data/b.yaml}"),
            "repo/data/a.json": #"{"b": [1, true, null, "x"]}"#,
            "repo/data/b.yaml": "k: v\n",
            "org/catalog-info.yaml": group("team-a"),
        ])
        #expect(workspace.diagnostics(minimum: .warning) == [])
        let entity = workspace.check().graph.entities.first { $0.name == "svc" }!
        #expect(JSONWriter(pretty: false).string(JSONValue(entity.spec!["extra"]!))
            == #"{"nested":[{"b":[1,true,null,"x"]},{"k":"v"}]}"#)
    }

    @Test("objects with a $ key and other keys, and JSON-schema $ref, are left alone")
    func leftAlone() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": component("svc", extra: "  schema:\n    $ref: '#/definitions/x'\n  both:\n    $text: ./a\n    other: 1"),
            "org/catalog-info.yaml": group("team-a"),
        ])
        #expect(workspace.diagnostics(minimum: .warning) == [])
    }

    @Test("problems: URL, outside the repository, missing, multi-document $yaml, bad JSON")
    func problems() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": [
                api("$text: https://example.com/openapi.yaml"),
                api("$text: ../../etc/passwd").replacingOccurrences(of: "orders-api", with: "b"),
                api("$text: ./missing.yaml").replacingOccurrences(of: "orders-api", with: "c"),
                api("$yaml: ./two.yaml").replacingOccurrences(of: "orders-api", with: "d"),
                api("$json: ./bad.json").replacingOccurrences(of: "orders-api", with: "e"),
            ].joined(separator: "\n---\n"),
            "repo/two.yaml": "a: 1\n---\nb: 2\n",
            "repo/bad.json": "{\"a\": [1,\n",
            "org/catalog-info.yaml": group("team-a"),
        ])
        #expect(workspace.diagnostics() == [
            "repo/catalog-info.yaml:10:12: warning: $text 'https://example.com/openapi.yaml' is a URL; portal-build reads only local files, so it is left unresolved [placeholder.remote]",
            "repo/catalog-info.yaml:21:12: error: $text '../../etc/passwd' leaves the repository; only files inside it are read [placeholder.outside-repository]",
            "repo/catalog-info.yaml:32:12: error: $text './missing.yaml' does not exist [placeholder.unresolved]",
            "repo/catalog-info.yaml:43:12: error: $yaml './two.yaml' must hold exactly one document, found 2 [placeholder.unresolved]",
            "repo/catalog-info.yaml:54:12: error: $json './bad.json' does not parse: did not find expected node content (while parsing a flow node at line 2, column 1) at line 2, column 1 [placeholder.unresolved]",
        ])
    }

    @Test("a placeholder reached through a link out of the repository is refused")
    func symlink() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": api("$text: ./spec.yaml"),
            "secret.txt": "secret",
            "org/catalog-info.yaml": group("team-a"),
        ])
        try workspace.link("repo/spec.yaml", to: workspace.path + "/secret.txt")
        #expect(workspace.diagnostics(["repo", "org"]) == [
            "repo/catalog-info.yaml:10:12: error: $text './spec.yaml' is a link that leaves the repository; it is not read [placeholder.outside-repository]",
        ])
    }
}
