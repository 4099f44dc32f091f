import Dispatch

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

/// Maps `items` on all cores like ``parallelMap(_:_:)``, lending each running item a `State`
/// that no other running item holds; states are made by `makeState` as needed (one per thread
/// at most) and reused. For data that every item reads and that threads should not share:
/// retaining a shared object makes the cores fight over the cache line of its reference count.
package func parallelMap<Element, State, Result>(_ items: [Element], state makeState: () -> State,
                                                 _ transform: (inout State, Element) -> Result) -> [Result] {
    withoutActuallyEscaping(makeState) { makeState in
        let pool = StatePool(make: makeState)
        return parallelMap(items) { item in
            var state = pool.take()
            defer { pool.give(back: state) }
            return transform(&state, item)
        }
    }
}

/// States not lent out at the moment, behind a serial queue.
private final class StatePool<State>: @unchecked Sendable {
    private let make: () -> State
    private var idle: [State] = []
    private let queue = DispatchQueue(label: "PortalKit.parallelMap.states")

    init(make: @escaping () -> State) {
        self.make = make
    }

    func take() -> State {
        queue.sync { idle.popLast() } ?? make()
    }

    func give(back state: State) {
        queue.sync { idle.append(state) }
    }
}
