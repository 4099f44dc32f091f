import Testing
@testable import PortalKit

/// `--overlay`: reading published catalogs (our own catalog.json, Backstage's entities API).
@Suite("Overlay: reading published catalogs")
struct OverlayLoadingTests {
    /// A published catalog as `build` writes it: `{"items": [...]}`, pretty-printed.
    static let published = #"""
        {
          "items": [
            {
              "apiVersion": "backstage.io/v1alpha1",
              "kind": "Group",
              "metadata": {
                "name": "platform",
                "namespace": "default",
                "title": "Platform \/ Tools \u0026 more",
                "annotations": {
                  "backstage.io/managed-by-location": "file:org/catalog-info.yaml"
                }
              },
              "spec": {
                "type": "team",
                "children": []
              },
              "relations": [
                {
                  "type": "ownerOf",
                  "targetRef": "component:default/billing"
                }
              ]
            },
            {
              "apiVersion": "backstage.io/v1alpha1",
              "kind": "Component",
              "metadata": {
                "name": "billing",
                "namespace": "default"
              },
              "spec": {
                "type": "service",
                "lifecycle": "production",
                "owner": "platform",
                "dependsOn": ["api:payments"]
              },
              "relations": [
                {
                  "type": "ownedBy",
                  "targetRef": "group:default/platform"
                }
              ]
            }
          ]
        }
        """#

    private let local = group("team-a")

    @Test("catalog.json as build writes it: entities by reference, their item positions, listed and declared relations")
    func catalogJSON() throws {
        let workspace = try Workspace(["repo/catalog-info.yaml": local, "published.json": Self.published])
        let build = workspace.check(["repo"], overlays: ["published.json"])
        #expect(build.diagnostics.isEmpty, "\(build.diagnostics.map(\.formatted))")
        let overlay = build.graph.overlay
        #expect(overlay.entities.map(\.ref.description) == ["component:default/billing", "group:default/platform"])
        let billing = try #require(overlay.entity(EntityRef(kind: "component", namespace: "default", name: "billing")))
        #expect(billing.location.description == "published.json:25:5")
        #expect(billing.kind == "Component")
        #expect(billing.relations.map(\.description) == ["ownedBy group:default/platform"])
        #expect(billing.declared.map(\.description) == ["dependsOn api:default/payments", "ownedBy group:default/platform"])
        let platform = try #require(overlay.entity(EntityRef(kind: "group", namespace: "default", name: "platform")))
        #expect(platform.location.description == "published.json:3:5")
        #expect(platform.displayTitle == "Platform / Tools & more")
        #expect(platform.managedByLocations == ["file:org/catalog-info.yaml"])
        // The overlay is not part of the catalog.
        #expect(build.graph.entities.map(\.ref.description) == ["group:default/team-a"])
    }

    @Test("Backstage's entities API: a bare array on one line, relations with the older target object")
    func bareArray() throws {
        let json = #"[{"apiVersion":"backstage.io/v1alpha1","kind":"API","metadata":{"name":"payments","namespace":"finance"},"#
            + #""spec":{"type":"openapi","lifecycle":"production","owner":"platform","definition":"x"},"#
            + #""relations":[{"type":"ownedBy","target":{"kind":"group","namespace":"finance","name":"platform"}}]}]"#
        let workspace = try Workspace(["repo/catalog-info.yaml": local, "entities.json": json])
        let build = workspace.check(["repo"], overlays: ["entities.json"])
        #expect(build.diagnostics.isEmpty, "\(build.diagnostics.map(\.formatted))")
        let api = try #require(build.graph.overlay.entities.first)
        #expect(api.ref.description == "api:finance/payments")
        #expect(api.location.description == "entities.json:1:2")
        #expect(api.relations.map(\.description) == ["ownedBy group:finance/platform"])
        #expect(api.declared.map(\.description) == ["ownedBy group:finance/platform"])
    }

    @Test("files that cannot be used are reported at line:col, and the build goes on")
    func unusableFiles() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": local,
            "broken.json": "{\"items\": [\n  {\"kind\": \"Group\",\n  \"metadata\" {}}\n]}\n",
            "object.json": "{\"entities\": []}\n",
            "number.json": "{\"items\": 3}\n",
            "text.json": "\"catalog\"\n",
            "empty.json": "\n",
            "folder.json/x": "",
        ])
        let files = ["missing.json", "broken.json", "object.json", "number.json", "text.json", "empty.json", "folder.json"]
        let build = workspace.check(["repo"], overlays: files)
        #expect(build.diagnostics.map(\.formatted) == [
            "broken.json:3:14: error: the overlay does not parse as JSON: did not find expected ',' or '}' (while parsing a flow mapping at line 2, column 3) [overlay.invalid]",
            "empty.json:1:1: error: the overlay file is empty; expected a JSON array of entities or an object with an \"items\" array [overlay.invalid]",
            "folder.json:1:1: error: the overlay is not a file [overlay.unreadable]",
            "missing.json:1:1: error: the overlay file does not exist [overlay.unreadable]",
            "number.json:1:11: error: \"items\" must be an array of entities, not a number [overlay.invalid]",
            "object.json:1:1: error: expected a JSON array of entities or an object with an \"items\" array, not an object without \"items\" [overlay.invalid]",
            "text.json:1:1: error: expected a JSON array of entities or an object with an \"items\" array, not a string [overlay.invalid]",
        ])
        #expect(build.graph.overlay.isEmpty)
        #expect(build.graph.entities.count == 1)
    }

    @Test("a file over the size limit is not read")
    func tooLarge() throws {
        let workspace = try Workspace(["repo/catalog-info.yaml": local, "published.json": Self.published])
        let build = workspace.check(["repo"], overlays: ["published.json"], limits: InputLimits(maxFileBytes: 200))
        #expect(build.diagnostics.map(\.formatted) == [
            "published.json:1:1: error: the overlay file is \(Self.published.utf8.count) bytes, over the limit of 200 bytes (--max-file-size); it is not read [overlay.unreadable]",
        ])
        #expect(build.graph.overlay.isEmpty)
    }

    @Test("items without a kind or name are left out, each reported where it is; the others are kept")
    func badItems() throws {
        let json = """
            [
              "group:default/x",
              {"metadata": {"name": "no-kind"}},
              {"kind": "Group", "metadata": {}},
              {"kind": "Group"},
              {"kind": 3, "metadata": {"name": "number-kind"}},
              {"kind": "Group", "metadata": {"name": "ops", "namespace": ["a"]}},
              {"kind": "Group", "metadata": {"name": "kept"}}
            ]
            """
        let workspace = try Workspace(["repo/catalog-info.yaml": local, "published.json": json])
        let build = workspace.check(["repo"], overlays: ["published.json"])
        #expect(build.diagnostics.map(\.formatted) == [
            "published.json:2:3: warning: each overlay item must be an entity object, not a string; the item is left out [overlay.invalid]",
            "published.json:3:3: warning: the overlay item has no kind; the item is left out [overlay.invalid]",
            "published.json:4:33: warning: the overlay item (Group) has no metadata.name; the item is left out [overlay.invalid]",
            "published.json:5:3: warning: the overlay item (Group) has no metadata; the item is left out [overlay.invalid]",
            "published.json:6:12: warning: kind must be a non-empty string; the item is left out [overlay.invalid]",
            "published.json:7:62: warning: metadata.namespace must be a non-empty string; the item is left out [overlay.invalid]",
        ])
        #expect(build.graph.overlay.entities.map(\.ref.description) == ["group:default/kept"])
    }

    @Test("characters written as UTF-16 surrogate pairs (Python's json.dumps) are read; an escaped backslash is not a pair")
    func surrogatePairs() throws {
        let json = #"[{"kind": "Group", "metadata": {"name": "a", "title": "smile \ud83d\ude00 \\ud83d\\ude00 \u00e9"}}]"#
        let workspace = try Workspace(["repo/catalog-info.yaml": local, "published.json": json])
        let build = workspace.check(["repo"], overlays: ["published.json"])
        #expect(build.diagnostics.isEmpty, "\(build.diagnostics.map(\.formatted))")
        #expect(build.graph.overlay.entities.map(\.displayTitle) == [#"smile 😀 \ud83d\ude00 é"#])
        let lone = #"[{"kind": "Group", "metadata": {"name": "a", "title": "\ud83d"}}]"#
        try workspace.write("lone.json", lone)
        #expect(workspace.check(["repo"], overlays: ["lone.json"]).diagnostics.map(\.id) == [.overlayInvalid])
    }

    @Test("of two overlays holding the same entity, the first given wins")
    func firstOverlayWins() throws {
        let first = #"[{"kind": "Group", "metadata": {"name": "platform", "title": "First"}}]"#
        let second = #"[{"kind": "Group", "metadata": {"name": "Platform", "title": "Second"}}, {"kind": "User", "metadata": {"name": "ada"}}]"#
        let workspace = try Workspace(["repo/catalog-info.yaml": local, "a.json": first, "b.json": second])
        let overlay = workspace.check(["repo"], overlays: ["a.json", "b.json"]).graph.overlay
        #expect(overlay.entities.map(\.displayTitle) == ["First", "ada"])
    }
}
