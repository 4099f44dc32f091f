import PortalGraphLayout

/// Small scenario graphs shared by the suites, named after what they exercise.
enum GraphFixtures {
    /// A node for `kind:default/name`, linked to its page unless it is missing from the catalog.
    static func node(_ kind: String, _ name: String, title: String? = nil, focus: Bool = false, missing: Bool = false) -> GraphNode {
        GraphNode(
            id: "\(kind.lowercased()):default/\(name)",
            title: title ?? name,
            kind: kind,
            href: missing ? nil : "../../\(kind.lowercased())/default/\(name)/",
            isFocus: focus
        )
    }

    static func edge(_ from: GraphNode, _ label: String, _ to: GraphNode) -> GraphEdge {
        GraphEdge(from: from.id, to: to.id, label: label)
    }

    /// A service with its owner, system, provided and consumed APIs, a dependency, a dependent,
    /// and a dangling dependency; relation pairs appear in both directions, as Backstage stores them.
    static var componentNeighbourhood: RelationGraph {
        let service = node("Component", "rides-service", focus: true)
        let team = node("Group", "rides-team", title: "Rides Team")
        let system = node("System", "rides")
        let providedAPI = node("API", "rides-api")
        let consumedAPI = node("API", "payments-api")
        let database = node("Resource", "rides-db")
        let dependent = node("Component", "booking-web")
        let missing = node("Resource", "legacy-queue", missing: true)
        return RelationGraph(
            nodes: [service, team, system, providedAPI, consumedAPI, database, dependent, missing],
            edges: [
                edge(service, "ownedBy", team), edge(team, "ownerOf", service),
                edge(service, "partOf", system), edge(system, "hasPart", service),
                edge(service, "providesApi", providedAPI), edge(providedAPI, "apiProvidedBy", service),
                edge(service, "consumesApi", consumedAPI), edge(consumedAPI, "apiConsumedBy", service),
                edge(service, "dependsOn", database), edge(database, "dependencyOf", service),
                edge(dependent, "dependsOn", service), edge(service, "dependencyOf", dependent),
                edge(service, "dependsOn", missing),
            ]
        )
    }

    /// a → b → c → d with shortcuts a → c and a → d that span two and three columns.
    static var chainWithShortcuts: RelationGraph {
        let a = node("Component", "a", focus: true), b = node("Component", "b")
        let c = node("Component", "c"), d = node("Resource", "d")
        return RelationGraph(
            nodes: [a, b, c, d],
            edges: [edge(a, "dependsOn", b), edge(b, "dependsOn", c), edge(c, "dependsOn", d), edge(a, "dependsOn", c), edge(a, "dependsOn", d)]
        )
    }

    /// a → b → c → a, and c → d leaving the cycle.
    static var cycle: RelationGraph {
        let a = node("Component", "a", focus: true), b = node("Component", "b")
        let c = node("Component", "c"), d = node("Component", "d")
        return RelationGraph(
            nodes: [a, b, c, d],
            edges: [edge(a, "dependsOn", b), edge(b, "dependsOn", c), edge(c, "dependsOn", a), edge(c, "dependsOn", d)]
        )
    }

    /// A group owning `children` components, each with `grandchildren` APIs of its own.
    static func ownerTree(children: Int, grandchildren: Int) -> RelationGraph {
        let team = node("Group", "team", focus: true)
        var nodes = [team], edges: [GraphEdge] = []
        for child in 0..<children {
            let component = node("Component", "service-\(child)")
            nodes.append(component)
            edges.append(edge(team, "ownerOf", component))
            for grandchild in 0..<grandchildren {
                let api = node("API", "api-\(child)-\(grandchild)")
                nodes.append(api)
                edges.append(edge(component, "providesApi", api))
            }
        }
        return RelationGraph(nodes: nodes, edges: edges)
    }
}

extension GraphFixtures {
    /// A pseudo-random graph (the same for the same seed) with cycles, self-loops, parallel edges,
    /// duplicate ids and edges to unknown ids.
    static func random(seed: UInt64, nodes count: Int, edges edgeCount: Int) -> RelationGraph {
        var generator = SplitMix(seed: seed)
        let kinds = ["Component", "API", "Group", "System", "Resource"]
        var nodes: [GraphNode] = []
        for index in 0..<count {
            let name = "n\(generator.next(below: count + 3))-\(index % 7 == 0 ? "dup" : String(index))"
            nodes.append(node(kinds[generator.next(below: kinds.count)], name, focus: index == 0, missing: generator.next(below: 6) == 0))
        }
        let labels = ["dependsOn", "ownedBy", "partOf", "providesApi", ""]
        let edges = (0..<edgeCount).map { _ in
            let from = nodes[generator.next(below: count)].id
            let to = generator.next(below: 20) == 0 ? "component:default/unknown" : nodes[generator.next(below: count)].id
            return GraphEdge(from: from, to: to, label: labels[generator.next(below: labels.count)])
        }
        return RelationGraph(nodes: nodes, edges: edges)
    }
}

/// A tiny deterministic random number generator for fixtures.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

extension GraphFixtures {
    /// A busy service page at the default cap: 40 entities, relation pairs in both directions,
    /// dependencies among the neighbours, and edges that span several columns.
    static var busyNeighbourhood: RelationGraph {
        let focus = node("Component", "checkout-service", focus: true)
        let team = node("Group", "checkout-team", title: "Checkout & Payments Team")
        let system = node("System", "commerce")
        var nodes = [focus, team, system]
        var edges = [edge(focus, "ownedBy", team), edge(team, "ownerOf", focus), edge(focus, "partOf", system), edge(system, "hasPart", focus)]
        for index in 0..<6 {
            let api = node("API", "checkout-api-v\(index)")
            nodes.append(api)
            edges += [edge(focus, "providesApi", api), edge(api, "apiProvidedBy", focus), edge(api, "partOf", system)]
        }
        for index in 0..<10 {
            let dependency = node(index < 4 ? "Resource" : "Component", "dependency-\(index)", missing: index == 9)
            nodes.append(dependency)
            edges += [edge(focus, "dependsOn", dependency), edge(dependency, "dependencyOf", focus)]
            if index > 0, index.isMultiple(of: 3) {
                edges.append(edge(dependency, "dependsOn", nodes[nodes.count - 2]))
            }
        }
        for index in 0..<12 {
            let dependent = node("Component", "a-rather-long-dependent-frontend-name-\(index)")
            nodes.append(dependent)
            edges += [edge(dependent, "dependsOn", focus), edge(dependent, "consumesApi", nodes[3 + index % 6])]
        }
        for index in 0..<(40 - nodes.count) {
            let user = node("User", "user-\(index)")
            nodes.append(user)
            edges.append(edge(user, "memberOf", team))
        }
        return RelationGraph(nodes: nodes, edges: edges)
    }
}
