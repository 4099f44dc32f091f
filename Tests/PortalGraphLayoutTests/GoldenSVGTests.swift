import PortalGraphLayout
import Testing

@Suite("relation graph SVG goldens")
struct GoldenSVGTests {
    let renderer = RelationGraphRenderer()

    @Test("a component with owner, system, APIs, a dependency, a dependent and a dangling target")
    func componentNeighbourhood() throws {
        let svg = try #require(renderer.svg(GraphFixtures.componentNeighbourhood, title: "Relations of rides-service"))
        try GoldenFile.check(svg, named: "component-neighbourhood.svg")
    }

    @Test("shortcut edges across several columns run through virtual nodes")
    func chainWithShortcuts() throws {
        let svg = try #require(renderer.svg(GraphFixtures.chainWithShortcuts, title: "Relations of a"))
        try GoldenFile.check(svg, named: "chain-with-shortcuts.svg")
    }

    @Test("a cycle is drawn with one edge pointing back")
    func cycle() throws {
        let svg = try #require(renderer.svg(GraphFixtures.cycle, title: "Relations of a", idPrefix: "cycle"))
        try GoldenFile.check(svg, named: "cycle.svg")
    }

    @Test("beyond maxNodes the farthest nodes become “+N more”")
    func capped() throws {
        let svg = try #require(RelationGraphRenderer(maxNodes: 10).svg(GraphFixtures.ownerTree(children: 5, grandchildren: 2), title: "Relations of team"))
        try GoldenFile.check(svg, named: "capped.svg")
    }
}
