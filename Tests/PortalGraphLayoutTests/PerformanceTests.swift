import PortalGraphLayout
import Testing

@Suite("layout speed")
struct PerformanceTests {
    /// Prints the best of several batches; the bound is loose enough for a busy machine and a debug
    /// build (release builds take well under a millisecond: run with `-c release -Xswiftc -enable-testing`).
    @Test("a 40-node graph lays out and writes quickly", arguments: ["busy", "random"])
    func fortyNodes(fixture: String) throws {
        let graph = fixture == "busy" ? GraphFixtures.busyNeighbourhood : GraphFixtures.random(seed: 7, nodes: 40, edges: 80)
        let renderer = RelationGraphRenderer()
        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        for _ in 0..<3 {
            let runs = 10
            let elapsed = clock.measure {
                for _ in 0..<runs {
                    _ = renderer.svg(graph, title: "t")
                }
            }
            best = min(best, elapsed / runs)
        }
        print("PortalGraphLayout: \(fixture) 40-node graph: \(best) per svg(_:)")
        #expect(best < .milliseconds(100))
    }
}
