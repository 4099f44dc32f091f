import Dispatch
#if canImport(Glibc)
import Glibc
#endif
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

    @Test("LateRelease frees what it is handed on another thread, after the caller let go of it", .timeLimit(.minutes(1)))
    func lateRelease() {
        final class Tracked: @unchecked Sendable {
            let freedOn: (Bool) -> Void
            let caller = pthread_self()
            init(_ freedOn: @escaping (Bool) -> Void) { self.freedOn = freedOn }
            deinit { freedOn(pthread_equal(caller, pthread_self()) == 0) }
        }
        let freed = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var elsewhere = false
        LateRelease.release(Tracked { otherThread in
            elsewhere = otherThread
            freed.signal()
        })
        LateRelease.waitForAll()
        #expect(freed.wait(timeout: .now()) == .success, "freed once waitForAll returns")
        #expect(elsewhere, "freed on a thread other than the caller's")
    }
}
