import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PortalGraphLayout
import Testing

@Suite("relation graph SVG output")
struct SVGOutputTests {
    let renderer = RelationGraphRenderer()

    @Test("nil for a graph without nodes, even when it has edges")
    func emptyGraph() {
        #expect(renderer.svg(RelationGraph(nodes: [], edges: []), title: "x") == nil)
        #expect(renderer.svg(RelationGraph(nodes: [], edges: [GraphEdge(from: "a", to: "b", label: "x")]), title: "x") == nil)
    }

    @Test("a single node without edges is drawn")
    func singleNode() throws {
        let svg = try #require(renderer.svg(RelationGraph(nodes: [GraphFixtures.node("Component", "alone", focus: true)], edges: []), title: "t"))
        #expect(svg.contains(">alone</text>"))
        #expect(!svg.contains("<path class=\"graph-edge\""))
    }

    @Test("<script> and quotes in titles, kinds, labels, hrefs and the title are escaped")
    func escaping() throws {
        let evil = "<script>alert(\"x\" & 'y')</script>"
        let a = GraphNode(id: "a", title: evil, kind: "Comp\"onent", href: "../a?x=1&y=\"><script>", isFocus: false)
        let b = GraphNode(id: "b", title: "b", kind: "API", href: nil, isFocus: true)
        let svg = try #require(renderer.svg(RelationGraph(nodes: [a, b], edges: [GraphEdge(from: "a", to: "b", label: evil)]), title: evil, idPrefix: "p\"><x"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("\"x\""))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"))
        #expect(svg.contains("href=\"../a?x=1&amp;y=&quot;&gt;&lt;script&gt;\""))
        #expect(svg.contains("class=\"graph-node graph-kind-comp-onent\""))
        #expect(svg.contains("id=\"p---x-arrow\"") && svg.contains("url(#p---x-arrow)"))
        try expectWellFormed(svg)
    }

    @Test("the focus is highlighted and not a link, dangling nodes are dashed and not links, others are links")
    func nodeClassesAndLinks() throws {
        let svg = try #require(renderer.svg(GraphFixtures.componentNeighbourhood, title: "t"))
        #expect(svg.contains("<g class=\"graph-node graph-node-focus graph-kind-component\">"))
        #expect(svg.contains("<g class=\"graph-node graph-node-missing graph-kind-resource\">"))
        #expect(svg.contains("stroke-dasharray=\"4 3\""))
        #expect(svg.contains("<a class=\"graph-node graph-kind-group\" href=\"../../group/default/rides-team/\">"))
        #expect(svg.components(separatedBy: "<a ").count - 1 == 6)
        #expect(svg.contains("<text class=\"graph-node-kind\"") && svg.contains(">Rides Team</text>"))
    }

    @Test("the root carries role, aria-labelledby, title, desc, size and viewBox")
    func accessibleRoot() throws {
        let svg = try #require(renderer.svg(GraphFixtures.cycle, title: "Relations of a", idPrefix: "rel-a"))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" width=\""))
        #expect(svg.contains(" aria-labelledby=\"rel-a-title rel-a-desc\""))
        #expect(svg.contains("<title id=\"rel-a-title\">Relations of a</title>"))
        #expect(svg.contains("<desc id=\"rel-a-desc\">4 entities and 4 relations.</desc>"))
        #expect(svg.contains(" viewBox=\"0 0 "))
        #expect(!svg.contains("<style"))
        let withoutReferences = svg.replacingOccurrences(of: "url(#rel-a-arrow)", with: "")
        #expect(!withoutReferences.contains("#"), "no literal colours")
        #expect(!svg.contains("rgb("))
        try expectWellFormed(svg)
    }

    @Test("the same input gives byte-identical output")
    func determinism() {
        for seed in 0..<20 as Range<UInt64> {
            let graph = GraphFixtures.random(seed: seed, nodes: 30, edges: 45)
            #expect(renderer.svg(graph, title: "t") == renderer.svg(graph, title: "t"))
        }
    }

    @Test("relations between the same two nodes, either direction, become one edge with a combined label")
    func parallelEdgesMerge() throws {
        let a = GraphFixtures.node("Component", "a", focus: true), b = GraphFixtures.node("Group", "b")
        let graph = RelationGraph(nodes: [a, b], edges: [
            GraphFixtures.edge(a, "ownedBy", b), GraphFixtures.edge(b, "ownerOf", a), GraphFixtures.edge(a, "ownedBy", b),
        ])
        let svg = try #require(renderer.svg(graph, title: "t"))
        #expect(svg.components(separatedBy: "<path class=\"graph-edge\"").count - 1 == 1)
        #expect(svg.contains(">ownedBy / ownerOf</text>"))
    }

    @Test("a long title is cut with an ellipsis and shown whole in a tooltip")
    func truncation() throws {
        let long = String(repeating: "very-long-service-name-", count: 6) + "end"
        let graph = RelationGraph(nodes: [GraphNode(id: "x", title: long, kind: "Component", href: "x/", isFocus: false)], edges: [])
        let svg = try #require(renderer.svg(graph, title: "t"))
        #expect(svg.contains("<title>Component \(long)</title>"))
        #expect(svg.contains("…</text>"))
        #expect(!svg.contains(">\(long)</text>"))
    }

    @Test("every output parses as XML, for random graphs with cycles, self-loops, duplicates and unknown ids")
    func wellFormedForRandomGraphs() throws {
        for seed in 0..<40 as Range<UInt64> {
            let graph = GraphFixtures.random(seed: seed, nodes: 1 + Int(seed) % 50, edges: Int(seed) * 2)
            let svg = try #require(RelationGraphRenderer(maxNodes: 25).svg(graph, title: "t", idPrefix: "g\(seed)"))
            #expect(!svg.contains("nan") && !svg.contains("inf"))
            try expectWellFormed(svg)
        }
    }

    private func expectWellFormed(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
    }
}
