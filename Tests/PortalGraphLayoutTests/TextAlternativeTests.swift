import PortalGraphLayout
import Testing

@Suite("text alternative")
struct TextAlternativeTests {
    @Test("one line per merged relation, titles and labels as given")
    func lines() {
        #expect(RelationGraphRenderer().textAlternative(GraphFixtures.componentNeighbourhood) == [
            "rides-service — ownedBy / ownerOf → Rides Team",
            "rides-service — partOf / hasPart → rides",
            "rides-service — providesApi / apiProvidedBy → rides-api",
            "rides-service — consumesApi / apiConsumedBy → payments-api",
            "rides-service — dependsOn / dependencyOf → rides-db",
            "booking-web — dependsOn / dependencyOf → rides-service",
            "rides-service — dependsOn → legacy-queue",
        ])
    }

    @Test("the cap does not shorten it; unlabelled edges and unknown ids are handled")
    func uncapped() {
        let graph = GraphFixtures.ownerTree(children: 50, grandchildren: 0)
        #expect(RelationGraphRenderer(maxNodes: 5).textAlternative(graph).count == 50)
        let a = GraphFixtures.node("Component", "a"), b = GraphFixtures.node("Component", "b")
        let odd = RelationGraph(nodes: [a, b], edges: [GraphFixtures.edge(a, "", b), GraphEdge(from: "a", to: "zzz", label: "x")])
        #expect(RelationGraphRenderer().textAlternative(odd) == ["a → b"])
        #expect(RelationGraphRenderer().textAlternative(RelationGraph(nodes: [], edges: [])) == [])
    }
}
