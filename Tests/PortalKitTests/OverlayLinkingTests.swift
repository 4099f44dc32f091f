import Testing
@testable import PortalKit

/// `--overlay`: local references resolve to published entities, published entities give local
/// ones their reverse relations, local repositories replace their published versions, and what
/// that replacement breaks is reported.
@Suite("Overlay: linking, replacement and breakage")
struct OverlayLinkingTests {
    /// One published item: `kind`, `name`, where it was read, a spec and listed relations (JSON text).
    private static func item(_ kind: String, _ name: String, at location: String, origin: String? = nil,
                             spec: String = "{}", relations: [(String, String)] = []) -> String {
        let listed = relations.map { #"{"type": "\#($0.0)", "targetRef": "\#($0.1)"}"# }.joined(separator: ", ")
        return #"""
              {"apiVersion": "backstage.io/v1alpha1", "kind": "\#(kind)",
               "metadata": {"name": "\#(name)", "namespace": "default", "annotations": {"backstage.io/managed-by-location": "\#(location)", "backstage.io/managed-by-origin-location": "\#(origin ?? location)"}},
               "spec": \#(spec),
               "relations": [\#(listed)]}
            """#
    }

    private static func catalog(_ items: [String]) -> String {
        "{\n  \"items\": [\n" + items.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    private static let published = catalog([
        item("Group", "platform", at: "file:org/catalog-info.yaml", spec: #"{"type": "team", "children": []}"#),
        item("Group", "engineering", at: "file:org/catalog-info.yaml", spec: #"{"type": "department", "children": ["payments-team"]}"#,
             relations: [("parentOf", "group:default/payments-team")]),
        item("System", "commerce", at: "file:org/systems.yaml", spec: #"{"owner": "platform"}"#,
             relations: [("hasPart", "component:default/payments-service"), ("hasPart", "component:default/payments-worker"),
                         ("ownedBy", "group:default/platform")]),
        item("System", "checkout", at: "file:org/systems.yaml", spec: #"{"owner": "platform"}"#),
        item("API", "fraud-api", at: "file:fraud/catalog-info.yaml",
             spec: #"{"type": "openapi", "lifecycle": "production", "owner": "platform", "definition": "x"}"#,
             relations: [("apiConsumedBy", "component:default/payments-service")]),
        item("Resource", "ledger-db", at: "file:ledger/catalog-info.yaml", spec: #"{"type": "database", "owner": "platform"}"#),
        item("Component", "billing", at: "file:billing/catalog-info.yaml",
             spec: #"{"type": "service", "lifecycle": "production", "owner": "platform", "consumesApis": ["payments-api"], "dependsOn": ["component:payments-service"]}"#,
             relations: [("consumesApi", "api:default/payments-api"), ("dependsOn", "component:default/payments-service")]),
        // Listed without a spec that declares it (a custom processor's relation): an API cannot
        // declare dependencyOf, so the listed relation is the only word on it.
        item("Component", "checkout-ui", at: "file:checkout/catalog-info.yaml", relations: [("dependsOn", "api:default/payments-api")]),
    ])

    private static let payments = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments-service
        spec:
          type: service
          lifecycle: production
          owner: platform
          system: commerce
          providesApis: [payments-api]
          consumesApis: [fraud-api]
          dependsOn: [resource:ledger-db]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata:
          name: payments-api
        spec:
          type: openapi
          lifecycle: production
          owner: platform
          definition: "openapi: 3.0.0"
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: payments-team
        spec:
          type: team
          parent: engineering
          children: []
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments-worker
        spec:
          type: service
          lifecycle: production
          owner: payments-team
          system: checkout
        """

    private func relations(_ graph: CatalogGraph, _ ref: String) throws -> [String] {
        graph.relations(of: try EntityRef.parse(ref, defaultKind: nil, defaultNamespace: "default")).map(\.description)
    }

    @Test("a local reference to a published owner, system, API or resource resolves, with the relation a local target would give")
    func localReferencesResolve() throws {
        let workspace = try Workspace(["work/payments/catalog-info.yaml": Self.payments, "published.json": Self.published])
        let alone = workspace.check(["work"])
        #expect(alone.diagnostics.filter { $0.id == .unresolvedRef }.count == 7)
        let build = workspace.check(["work"], overlays: ["published.json"])
        #expect(build.diagnostics.map(\.formatted) == [])
        #expect(try relations(build.graph, "component:payments-service") == [
            "consumesApi api:default/fraud-api",
            "dependencyOf component:default/billing",
            "dependsOn resource:default/ledger-db",
            "ownedBy group:default/platform",
            "partOf system:default/commerce",
            "providesApi api:default/payments-api",
        ])
        #expect(build.graph.entities.count == 4, "published entities are never part of the catalog")
        #expect(build.graph.resolves(EntityRef(kind: "group", namespace: "default", name: "platform")))
    }

    @Test("what published entities declare towards local ones gives those the reverse relation; stale listed relations do not")
    func reverseRelations() throws {
        let workspace = try Workspace(["work/payments/catalog-info.yaml": Self.payments, "published.json": Self.published])
        let graph = workspace.check(["work"], overlays: ["published.json"]).graph
        // billing consumes the local API (its spec), checkout-ui lists a dependency on it.
        #expect(try relations(graph, "api:payments-api") == [
            "apiConsumedBy component:default/billing",
            "apiProvidedBy component:default/payments-service",
            "dependencyOf component:default/checkout-ui",
            "ownedBy group:default/platform",
        ])
        // engineering's spec.children names the local team.
        #expect(try relations(graph, "group:payments-team") == [
            "childOf group:default/engineering",
            "ownerOf component:default/payments-worker",
        ])
        // commerce still lists the worker as a part, but the worker's changed descriptor says checkout: it decides.
        #expect(try relations(graph, "component:payments-worker") == [
            "ownedBy group:default/payments-team",
            "partOf system:default/checkout",
        ])
    }

    @Test("a dangling reference suggests a published entity")
    func nearMissInOverlay() throws {
        let workspace = try Workspace(["work/svc/catalog-info.yaml": component("svc", owner: "group:platfrom"), "published.json": Self.published])
        #expect(workspace.check(["work"], overlays: ["published.json"]).diagnostics.map(\.formatted) == [
            "work/svc/catalog-info.yaml:8:10: warning: spec.owner refers to group:default/platfrom, which is not in the catalog; did you mean group:default/platform? [ref.unresolved]",
        ])
    }

    // MARK: Replacement and breakage

    /// The published catalog as the `payments` repository left it; the local checkout changes it.
    private static let beforeChange = catalog([
        item("Component", "payments-service", at: "file:payments/catalog-info.yaml", spec: #"{"owner": "platform"}"#),
        item("Component", "payments-legacy", at: "file:payments/legacy/catalog-info.yaml", spec: #"{"owner": "platform"}"#),
        item("Component", "payments-docs", at: "file:docs-site/payments.yaml", origin: "file:payments/catalog-info.yaml"),
        item("API", "payments-api-v1", at: "url:https://github.com/acme/payments/blob/main/api.yaml"),
        item("Component", "payments-admin", at: "file:payments-admin/catalog-info.yaml"),
        item("Component", "billing", at: "file:billing/catalog-info.yaml",
             spec: #"{"type": "service", "lifecycle": "production", "owner": "platform", "dependsOn": ["component:payments-legacy"]}"#,
             relations: [("consumesApi", "api:default/payments-api-v1"), ("dependsOn", "component:default/payments-legacy"),
                         ("ownedBy", "group:default/platform")]),
        item("Group", "platform", at: "file:org/catalog-info.yaml", spec: #"{"type": "team", "children": []}"#,
             relations: [("ownerOf", "component:default/billing"), ("ownerOf", "component:default/payments-legacy"),
                         ("ownerOf", "component:default/payments-service")]),
    ])

    @Test("published entities read from a local repository are dropped; a local entity always replaces its published namesake")
    func replacement() throws {
        let workspace = try Workspace([
            "work/payments/catalog-info.yaml": component("payments-service", owner: "platform"),
            "published.json": Self.beforeChange,
        ])
        for root in ["work", "work/payments"] {
            let graph = workspace.check([root], overlays: ["published.json"]).graph
            #expect(graph.overlay.entities.map(\.ref.description) == [
                "component:default/billing", "component:default/payments-admin", "group:default/platform",
            ], "\(root)")
            #expect(try relations(graph, "component:payments-service") == ["ownedBy group:default/platform"], "\(root)")
        }
    }

    @Test("every published entity that refers to one the change removes is reported at its item, once per removed entity")
    func breakage() throws {
        let workspace = try Workspace([
            "work/payments/catalog-info.yaml": component("payments-service", owner: "platform"),
            "published.json": Self.beforeChange,
        ])
        let build = workspace.check(["work"], overlays: ["published.json"])
        #expect(build.diagnostics.map(\.formatted) == [
            "published.json:23:3: warning: component:default/billing (published) consumes api:default/payments-api-v1, which this change removes [overlay.breaks-reference]",
            "published.json:23:3: warning: component:default/billing (published) depends on component:default/payments-legacy, which this change removes [overlay.breaks-reference]",
            "published.json:27:3: warning: group:default/platform (published) owns component:default/payments-legacy, which this change removes [overlay.breaks-reference]",
        ])
        // Nothing is removed when the change keeps every entity.
        try workspace.write("work/payments/catalog-info.yaml", [
            component("payments-service", owner: "platform"), component("payments-legacy", owner: "platform"),
            component("payments-docs", owner: "platform"),
            "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: payments-api-v1\nspec:\n  type: openapi\n  lifecycle: production\n  owner: platform\n  definition: x\n",
        ].joined(separator: "\n---\n"))
        #expect(workspace.check(["work"], overlays: ["published.json"]).diagnostics.map(\.formatted) == [])
    }

    @Test("a repository read from a descriptor file is found deeper in the published paths")
    func descriptorFileRoot() throws {
        let location = "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: examples\nspec:\n  targets: [./thing.yaml]\n"
        let workspace = try Workspace([
            "checkout/pkg/examples/all.yaml": location,
            "checkout/pkg/examples/thing.yaml": component("thing"),
            "published.json": Self.catalog([
                Self.item("Location", "examples", at: "file:big-repo/pkg/examples/all.yaml"),
                Self.item("Component", "thing", at: "file:big-repo/pkg/examples/thing.yaml"),
                Self.item("Component", "gone", at: "file:big-repo/pkg/examples/gone.yaml"),
                Self.item("Component", "kept", at: "file:big-repo/other/kept.yaml"),
            ]),
        ])
        let graph = workspace.check(["checkout/pkg/examples/all.yaml"], overlays: ["published.json"]).graph
        #expect(graph.overlay.entities.map(\.ref.description) == ["component:default/kept"])
    }
}
