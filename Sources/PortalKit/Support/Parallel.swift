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
