import Dispatch
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

    @Test("BackgroundValue makes its value on another thread while the caller goes on, and gives it to every reader", .timeLimit(.minutes(1)))
    func backgroundValue() {
        let callerWent = DispatchSemaphore(value: 0)
        // The work waits for the caller: made in the initialiser, it would never end.
        let background = BackgroundValue { () -> [Int] in
            callerWent.wait()
            return parallelMap(Array(0..<1_000)) { $0 * 3 }
        }
        callerWent.signal()
        #expect(background.value == (0..<1_000).map { $0 * 3 })
        #expect(background.value.count == 1_000, "a second read does not wait again")
    }
}
