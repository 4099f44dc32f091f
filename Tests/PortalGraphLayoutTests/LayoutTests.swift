@testable import PortalGraphLayout
import Testing

@Suite("layered layout")
struct LayoutTests {
    @Test("every edge's source column is left of its target's, except the edges reversed to break cycles")
    func layerOrdering() {
        for seed in 0..<50 as Range<UInt64> {
            let graph = IndexedGraph(GraphFixtures.random(seed: seed, nodes: 25, edges: 40))
            let drawn = graph.edges.filter { !$0.isSelfLoop }
            let layering = Layering(nodeCount: graph.nodes.count, edges: drawn, tieKeys: Array(graph.nodes.indices))
            for (edge, reversed) in zip(drawn, layering.reversed) {
                let (left, right) = reversed ? (edge.to, edge.from) : (edge.from, edge.to)
                #expect(layering.ranks[left] < layering.ranks[right], "seed \(seed): \(edge)")
            }
            let layout = GraphLayout(graph)
            for (edge, reversed) in zip(layout.edges, layout.reversed) {
                let start = edge.path.points[0].x, end = edge.path.points[edge.path.points.count - 1].x
                #expect(reversed ? start > end : start < end, "seed \(seed)")
            }
        }
    }

    @Test("an acyclic graph reverses nothing; a cycle reverses exactly one edge, the one closing it")
    func cycleBreaking() {
        let chain = IndexedGraph(GraphFixtures.chainWithShortcuts)
        #expect(Layering(nodeCount: 4, edges: chain.edges, tieKeys: [0, 1, 2, 3]).reversed == [false, false, false, false, false])
        let cycle = IndexedGraph(GraphFixtures.cycle)
        let layering = Layering(nodeCount: 4, edges: cycle.edges, tieKeys: [0, 1, 2, 3])
        #expect(layering.reversed == [false, false, true, false])
        #expect(layering.ranks == [0, 1, 2, 3])
    }

    @Test("longest-path ranks, with a source pulled next to its successor")
    func ranks() {
        let chain = IndexedGraph(GraphFixtures.chainWithShortcuts)
        #expect(Layering(nodeCount: 4, edges: chain.edges, tieKeys: [0, 1, 2, 3]).ranks == [0, 1, 2, 3])
        // x → d only: x sits in the column just left of d, not in column 0.
        let late = [IndexedEdge(from: 0, to: 1, label: ""), IndexedEdge(from: 1, to: 2, label: ""), IndexedEdge(from: 3, to: 2, label: "")]
        #expect(Layering(nodeCount: 4, edges: late, tieKeys: [0, 1, 2, 3]).ranks == [0, 1, 2, 1])
    }

    @Test("an edge spanning several columns runs through one virtual node per column it crosses, its label in the middle gap")
    func virtualNodes() {
        let box = Size(width: 80, height: 44), label = Size(width: 60, height: 16)
        let layered = LayeredGraph(
            ranks: [0, 2, 4, 6],
            sizes: [box, box, box, box],
            tieKeys: [0, 1, 2, 3],
            edges: [LayeredGraph.Edge(from: 0, to: 3, label: label), LayeredGraph.Edge(from: 0, to: 1, label: nil)]
        )
        #expect(layered.chains == [[0, 4, 5, 6, 7, 8, 3], [0, 9, 1]])
        #expect(layered.rank[4...] == [1, 2, 3, 4, 5, 1])
        #expect(layered.labelNode == [6, nil])
        #expect(layered.size[6] == label && layered.size[5] == .zero)
        #expect(layered.successors[0] == [4, 9] && layered.predecessors[3] == [8])
        // In the drawing, a → d passes its label with the pen lifted.
        let path = GraphLayout(IndexedGraph(GraphFixtures.chainWithShortcuts)).edges[4].path
        #expect(path.segments.contains(.gap))
    }

    @Test("a tree has no crossings, whichever way its edges point")
    func treeHasNoCrossings() {
        let outTree = IndexedGraph(GraphFixtures.ownerTree(children: 6, grandchildren: 3))
        #expect(GraphLayout(outTree).crossings == 0)
        var inTree = outTree
        inTree.edges = outTree.edges.map { IndexedEdge(from: $0.to, to: $0.from, label: $0.label) }
        #expect(GraphLayout(inTree).crossings == 0)
    }

    @Test("boxes in one column do not overlap, and labels do not overlap boxes")
    func noOverlaps() {
        for seed in 0..<30 as Range<UInt64> {
            let layout = GraphLayout(IndexedGraph(GraphFixtures.random(seed: seed, nodes: 20, edges: 30)))
            var boxes = layout.nodes.map { ($0.center, $0.size) }
            boxes += layout.edges.compactMap(\.label).map { ($0.center, $0.size) }
            for (i, a) in boxes.enumerated() {
                for b in boxes[(i + 1)...] {
                    let apart = abs(a.0.x - b.0.x) >= (a.1.width + b.1.width) / 2 || abs(a.0.y - b.0.y) >= (a.1.height + b.1.height) / 2
                    #expect(apart, "seed \(seed): \(a) overlaps \(b)")
                }
            }
        }
    }

    @Test("self-loops, duplicate ids and edges to unknown ids are survived")
    func awkwardInput() throws {
        let a = GraphFixtures.node("Component", "a", focus: true)
        let graph = RelationGraph(
            nodes: [a, a, GraphNode(id: a.id, title: "impostor", kind: "API"), GraphFixtures.node("API", "b")],
            edges: [
                GraphFixtures.edge(a, "dependsOn", a),
                GraphEdge(from: a.id, to: "nowhere", label: "x"),
                GraphEdge(from: "nowhere", to: a.id, label: "x"),
                GraphEdge(from: a.id, to: "api:default/b", label: "providesApi"),
            ]
        )
        let indexed = IndexedGraph(graph)
        #expect(indexed.nodes.map(\.title) == ["a", "b"])
        #expect(indexed.edges.count == 2)
        let layout = GraphLayout(indexed)
        #expect(layout.edges.count == 1, "the self-loop is not drawn")
        let svg = try #require(RelationGraphRenderer().svg(graph, title: "t"))
        #expect(!svg.contains("impostor"))
    }
}
