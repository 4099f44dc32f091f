import Testing
@testable import PortalKit

@Suite("Linking relations")
struct LinkingTests {
    private let organisation = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: org
        spec:
          type: organization
          children: [team-a]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: team-a
        spec:
          type: team
          parent: org
          children: []
          members: [alice]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata:
          name: alice
        spec:
          memberOf: [team-a]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata:
          name: bob
        spec:
          memberOf: [group:default/team-a]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Domain
        metadata:
          name: commerce
        spec:
          owner: org
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Domain
        metadata:
          name: checkout-domain
        spec:
          owner: org
          subdomainOf: commerce
        ---
        apiVersion: backstage.io/v1alpha1
        kind: System
        metadata:
          name: shop
        spec:
          owner: team-a
          domain: checkout-domain
        """

    private let services = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: web
        spec:
          type: website
          lifecycle: production
          owner: user:alice
          system: shop
          consumesApis: [orders-api]
          dependsOn: [component:orders]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: orders
        spec:
          type: service
          lifecycle: production
          owner: team-a
          system: shop
          providesApis: [orders-api]
          dependsOn: [resource:orders-db]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: orders-worker
        spec:
          type: service
          lifecycle: experimental
          owner: team-a
          subcomponentOf: orders
          dependencyOf: [component:web]
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata:
          name: orders-api
        spec:
          type: openapi
          lifecycle: production
          owner: team-a
          system: shop
          definition: "openapi: 3.0.0"
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Resource
        metadata:
          name: orders-db
        spec:
          type: database
          owner: team-a
          system: shop
        """

    private func graph() throws -> (CatalogGraph, [String]) {
        let workspace = try Workspace(["org/catalog-info.yaml": organisation, "shop/catalog-info.yaml": services])
        let build = workspace.check()
        return (build.graph, build.diagnostics.map(\.formatted))
    }

    private func relations(_ graph: CatalogGraph, _ ref: String) throws -> [String] {
        let parsed = try EntityRef.parse(ref, defaultKind: nil, defaultNamespace: "default")
        return graph.relations(of: parsed).map { "\($0.type) \($0.target)" }
    }

    @Test("the example organisation links without diagnostics")
    func clean() throws {
        #expect(try graph().1 == [])
    }

    @Test("every well-known relation and its inverse")
    func everyRelation() throws {
        let (graph, _) = try graph()
        #expect(try relations(graph, "component:web") == [
            "consumesApi api:default/orders-api",
            "dependsOn component:default/orders",
            "dependsOn component:default/orders-worker",
            "ownedBy user:default/alice",
            "partOf system:default/shop",
        ])
        #expect(try relations(graph, "component:orders") == [
            "dependencyOf component:default/web",
            "dependsOn resource:default/orders-db",
            "hasPart component:default/orders-worker",
            "ownedBy group:default/team-a",
            "partOf system:default/shop",
            "providesApi api:default/orders-api",
        ])
        #expect(try relations(graph, "component:orders-worker") == [
            "dependencyOf component:default/web",
            "ownedBy group:default/team-a",
            "partOf component:default/orders",
        ])
        #expect(try relations(graph, "api:orders-api") == [
            "apiConsumedBy component:default/web",
            "apiProvidedBy component:default/orders",
            "ownedBy group:default/team-a",
            "partOf system:default/shop",
        ])
        #expect(try relations(graph, "resource:orders-db") == [
            "dependencyOf component:default/orders",
            "ownedBy group:default/team-a",
            "partOf system:default/shop",
        ])
        #expect(try relations(graph, "system:shop") == [
            "hasPart api:default/orders-api",
            "hasPart component:default/orders",
            "hasPart component:default/web",
            "hasPart resource:default/orders-db",
            "ownedBy group:default/team-a",
            "partOf domain:default/checkout-domain",
        ])
        #expect(try relations(graph, "domain:checkout-domain") == [
            "hasPart system:default/shop",
            "ownedBy group:default/org",
            "partOf domain:default/commerce",
        ])
        #expect(try relations(graph, "domain:commerce") == [
            "hasPart domain:default/checkout-domain",
            "ownedBy group:default/org",
        ])
    }

    @Test("group hierarchy and membership from either side, without repeats")
    func groupsAndUsers() throws {
        let (graph, _) = try graph()
        #expect(try relations(graph, "group:org") == [
            "ownerOf domain:default/checkout-domain",
            "ownerOf domain:default/commerce",
            "parentOf group:default/team-a",
        ])
        #expect(try relations(graph, "group:team-a") == [
            "childOf group:default/org",
            "hasMember user:default/alice",
            "hasMember user:default/bob",
            "ownerOf api:default/orders-api",
            "ownerOf component:default/orders",
            "ownerOf component:default/orders-worker",
            "ownerOf resource:default/orders-db",
            "ownerOf system:default/shop",
        ])
        #expect(try relations(graph, "user:alice") == [
            "memberOf group:default/team-a",
            "ownerOf component:default/web",
        ])
        #expect(try relations(graph, "user:bob") == ["memberOf group:default/team-a"])
    }

    @Test("a dangling reference keeps its relation and suggests the near match")
    func dangling() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": group("platform-team"),
            "svc/catalog-info.yaml": component("svc", owner: "group:platfrom-team"),
        ])
        let build = workspace.check()
        #expect(build.diagnostics.map(\.formatted) == [
            "svc/catalog-info.yaml:8:10: warning: spec.owner refers to group:default/platfrom-team, which is not in the catalog; did you mean group:default/platform-team? [ref.unresolved]",
        ])
        let svc = try EntityRef.parse("component:svc", defaultKind: nil, defaultNamespace: "default")
        #expect(build.graph.relations(of: svc).map(\.description) == ["ownedBy group:default/platfrom-team"])
    }

    @Test("a near match in another allowed kind is suggested")
    func suggestionAcrossKinds() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jdoe\nspec:\n  memberOf: []\n",
            "svc/catalog-info.yaml": component("svc", owner: "jdoe"),
        ])
        #expect(workspace.diagnostics() == [
            "svc/catalog-info.yaml:8:10: warning: spec.owner refers to group:default/jdoe, which is not in the catalog; did you mean user:default/jdoe? [ref.unresolved]",
        ])
    }

    @Test("dependsOn without a kind is an error, as in Backstage")
    func dependsOnNeedsKind() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": group("team-a"),
            "svc/catalog-info.yaml": component("svc", extra: "  dependsOn: [orders-db]"),
        ])
        #expect(workspace.diagnostics() == [
            "svc/catalog-info.yaml:9:15: error: spec.dependsOn 'orders-db': the reference has no kind, and this field has no default kind (write it as kind:name, e.g. component:my-service) [ref.invalid]",
        ])
    }

    @Test("an owner of the wrong kind is a warning")
    func unexpectedKind() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata:\n  name: platform\nspec:\n  owner: user:nobody\n",
            "svc/catalog-info.yaml": component("svc", owner: "domain:platform"),
        ])
        #expect(workspace.diagnostics().contains(
            "svc/catalog-info.yaml:8:10: warning: spec.owner should refer to a group or user, but 'domain:platform' refers to a domain [ref.unexpected-kind]"))
    }

    @Test("references inherit the referring entity's namespace and ignore case")
    func namespaces() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": group("Team-A").replacingOccurrences(of: "  name: Team-A", with: "  name: Team-A\n  namespace: finance"),
            "svc/catalog-info.yaml": component("svc", owner: "TEAM-a").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  namespace: finance"),
        ])
        let build = workspace.check()
        #expect(build.diagnostics.isEmpty)
        let team = EntityRef(kind: "group", namespace: "finance", name: "team-a")
        #expect(build.graph.relations(of: team).map(\.description) == ["ownerOf component:finance/svc"])
    }
}

