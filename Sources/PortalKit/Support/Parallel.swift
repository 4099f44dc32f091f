import Dispatch
import Foundation

/// Maps `items` on all cores, keeping the input order in the result.
package func parallelMap<Element, Result>(_ items: [Element], _ transform: (Element) -> Result) -> [Result] {
    guard items.count > 1 else { return items.map(transform) }
    return withoutActuallyEscaping(transform) { transform in
        let box = ResultBox<Result>(count: items.count)
        let work = UnsafeSendable(value: (items, transform))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            box.store(work.value.1(work.value.0[index]), at: index)
        }
        return box.results()
    }
}

/// Slots written by exactly one iteration each, so no lock is needed.
private final class ResultBox<Result>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ result: Result, at index: Int) {
        slots[index] = result
    }

    func results() -> [Result] {
        slots.map { $0! }
    }
}

/// Carries a value into `concurrentPerform`, whose iterations only read it.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
}

/// Maps `items` on all cores like ``parallelMap(_:_:)``, with one worker per core that makes
/// its own `State` once and uses it for every item it maps (workers take the next item as they
/// finish one, in order). For data that every item reads and that threads should not share:
/// retaining a shared object makes the cores fight over the cache line of its reference count.
package func parallelMap<Element, State, Result>(_ items: [Element], state makeState: () -> State,
                                                 _ transform: (inout State, Element) -> Result) -> [Result] {
    let workers = min(items.count, ProcessInfo.processInfo.activeProcessorCount)
    guard workers > 1 else {
        var state = makeState()
        return items.map { transform(&state, $0) }
    }
    return withoutActuallyEscaping(makeState) { makeState in
        withoutActuallyEscaping(transform) { transform in
            let box = ResultBox<Result>(count: items.count)
            let next = ItemCounter()
            let work = UnsafeSendable(value: (items, makeState, transform))
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let (items, makeState, transform) = work.value
                var state = makeState()
                while let index = next.claim(below: items.count) {
                    box.store(transform(&state, items[index]), at: index)
                }
            }
            return box.results()
        }
    }
}

/// Hands out 0, 1, 2, … to whichever worker asks first.
private final class ItemCounter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func claim(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}

/// Runs `first` and `second` at the same time (on two cores, where there are two) and returns both results.
package func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            let results = (ResultBox<A>(count: 1), ResultBox<B>(count: 1))
            let work = UnsafeSendable(value: (first, second, results))
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let (first, second, results) = work.value
                if index == 0 { results.0.store(first(), at: 0) } else { results.1.store(second(), at: 0) }
            }
            return (results.0.results()[0], results.1.results()[0])
        }
    }
}
