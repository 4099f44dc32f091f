@testable import PortalKit
import Testing

@Suite("parallelMap")
struct ParallelTests {
    @Test("keeps the input order, and a lent state is never used by two items at once")
    func stateIsLentToOneItemAtATime() {
        let items = Array(0..<2_000)
        let results = parallelMap(items, state: { [Int]() }) { used, item -> (Int, Bool) in
            // A state held by one item alone ends each use as empty as it began.
            let wasEmpty = used.isEmpty
            used.append(item)
            defer { used.removeAll() }
            return (item * 2, wasEmpty && used == [item])
        }
        let doubled = results.map { $0.0 }
        #expect(doubled == items.map { $0 * 2 })
        #expect(results.allSatisfy { $0.1 })
    }
}
