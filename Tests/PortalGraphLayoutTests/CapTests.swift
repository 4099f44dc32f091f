@testable import PortalGraphLayout
import Testing

@Suite("node cap")
struct CapTests {
    @Test("beyond maxNodes: the focus, its nearest neighbours by distance then id, and one “+N more”")
    func keepsNearest() throws {
        let graph = GraphFixtures.ownerTree(children: 12, grandchildren: 3)
        let capped = NeighbourhoodCap(maxNodes: 15).apply(to: IndexedGraph(graph))
        #expect(capped.nodes.count == 15)
        let kept = capped.nodes.dropLast().map(\.title)
        #expect(kept.first == "team")
        #expect(kept.filter { $0.hasPrefix("service-") }.count == 12, "all distance-1 nodes before any at distance 2")
        #expect(kept.filter { $0.hasPrefix("api-") } == ["api-0-0"], "then by id")
        #expect(capped.summary == 14)
        #expect(capped.nodes[14].title == "+35 more")
        #expect(capped.nodes[14].href == nil)
    }

    @Test("the summary box is drawn unlinked with class graph-more and counted in the description")
    func summaryInSVG() throws {
        let svg = try #require(RelationGraphRenderer(maxNodes: 40).svg(GraphFixtures.ownerTree(children: 20, grandchildren: 4), title: "t"))
        #expect(svg.components(separatedBy: "class=\"graph-node-title\"").count - 1 == 40)
        #expect(svg.contains("<g class=\"graph-node graph-more\">"))
        #expect(svg.contains(">+62 more</text>"))
        #expect(svg.contains("101 entities and 100 relations. The 62 entities farthest from it are summarised as “+62 more”."))
    }

    @Test("at or under maxNodes nothing is dropped")
    func underCap() {
        let graph = IndexedGraph(GraphFixtures.ownerTree(children: 3, grandchildren: 2))
        #expect(NeighbourhoodCap(maxNodes: 10).apply(to: graph).nodes.count == 10)
        #expect(NeighbourhoodCap(maxNodes: 10).apply(to: graph).summary == nil)
    }

    @Test("tiny or negative caps keep the focus and the summary", arguments: [-5, 0, 1, 2])
    func tinyCaps(maxNodes: Int) throws {
        let capped = NeighbourhoodCap(maxNodes: maxNodes).apply(to: IndexedGraph(GraphFixtures.ownerTree(children: 3, grandchildren: 0)))
        #expect(capped.nodes.map(\.title) == ["team", "+3 more"])
        #expect(RelationGraphRenderer(maxNodes: maxNodes).svg(GraphFixtures.ownerTree(children: 3, grandchildren: 0), title: "t") != nil)
    }

    @Test("without a focus, distances count from the first node")
    func noFocus() {
        let nodes = (0..<6).map { GraphFixtures.node("Component", "c\($0)") }
        let edges = [GraphFixtures.edge(nodes[5], "dependsOn", nodes[0]), GraphFixtures.edge(nodes[1], "dependsOn", nodes[2])]
        let capped = NeighbourhoodCap(maxNodes: 3).apply(to: IndexedGraph(RelationGraph(nodes: nodes, edges: edges)))
        #expect(capped.nodes.map(\.title) == ["c0", "c5", "+4 more"])
    }

    @Test("a 3,000-node graph is cut down before layout, so a big group's page stays cheap")
    func hugeGraph() throws {
        let graph = GraphFixtures.random(seed: 3, nodes: 3000, edges: 6000)
        let svg = try #require(RelationGraphRenderer().svg(graph, title: "t"))
        #expect(svg.components(separatedBy: "class=\"graph-node-title\"").count - 1 == 40)
    }
}
