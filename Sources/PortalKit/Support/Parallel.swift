import Dispatch
import Foundation

/// How work is spread over threads: one per core, unless the environment says otherwise.
/// `PORTAL_BUILD_THREADS=N` caps the worker threads of every parallel map at N (1: everything
/// on the calling thread); `PORTAL_BUILD_SCHEDULE=reversed` makes workers take items last
/// first. The output must not depend on either: the tests build with both and compare.
package enum Parallelism {
    /// Worker threads a parallel map uses at most.
    package static let threads: Int = {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard let text = ProcessInfo.processInfo.environment["PORTAL_BUILD_THREADS"], let count = Int(text), count > 0 else { return max(1, cores) }
        return count
    }()

    /// Whether items are handed out last first.
    package static let reversed: Bool = ProcessInfo.processInfo.environment["PORTAL_BUILD_SCHEDULE"] == "reversed"
}

/// Maps `items` on all cores, keeping the input order in the result.
package func parallelMap<Element, Result>(_ items: [Element], _ transform: (Element) -> Result) -> [Result] {
    guard items.count > 1, Parallelism.threads > 1 else {
        guard Parallelism.reversed else { return items.map(transform) }
        return items.reversed().map(transform).reversed()
    }
    return withoutActuallyEscaping(transform) { transform in
        let box = ResultBox<Result>(count: items.count)
        let work = UnsafeSendable(value: (items, transform))
        let count = items.count, reversed = Parallelism.reversed
        if Parallelism.threads >= ProcessInfo.processInfo.activeProcessorCount {
            DispatchQueue.concurrentPerform(iterations: count) { iteration in
                let index = reversed ? count - 1 - iteration : iteration
                box.store(work.value.1(work.value.0[index]), at: index)
            }
        } else {
            let next = ItemCounter(count: count, reversed: reversed)
            DispatchQueue.concurrentPerform(iterations: Parallelism.threads) { _ in
                while let index = next.claim() { box.store(work.value.1(work.value.0[index]), at: index) }
            }
        }
        return box.results()
    }
}

/// Slots written by exactly one iteration each, so no lock is needed.
private final class ResultBox<Result>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result?>
    /// Whether ``results()`` moved the values out (the slots are then uninitialised).
    private var taken = false

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        if !taken { slots.deinitialize() }
        slots.deallocate()
    }

    func store(_ result: Result, at index: Int) {
        slots[index] = result
    }

    /// The results, moved out of the slots (once): a copy would retain and then release every
    /// reference in them, on one core after the parallel part (10,000 converted pages).
    func results() -> [Result] {
        precondition(!taken, "results taken twice")
        taken = true
        guard let base = slots.baseAddress else { return [] }
        return [Result](unsafeUninitializedCapacity: slots.count) { buffer, initialized in
            for index in 0..<slots.count { (buffer.baseAddress! + index).initialize(to: (base + index).move()!) }
            initialized = slots.count
        }
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
    let workers = min(items.count, Parallelism.threads)
    guard workers > 1 else {
        var state = makeState()
        guard Parallelism.reversed else { return items.map { transform(&state, $0) } }
        return items.reversed().map { transform(&state, $0) }.reversed()
    }
    return withoutActuallyEscaping(makeState) { makeState in
        withoutActuallyEscaping(transform) { transform in
            let box = ResultBox<Result>(count: items.count)
            let next = ItemCounter(count: items.count, reversed: Parallelism.reversed)
            let work = UnsafeSendable(value: (items, makeState, transform))
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                let (items, makeState, transform) = work.value
                var state = makeState()
                while let index = next.claim() {
                    box.store(transform(&state, items[index]), at: index)
                }
            }
            return box.results()
        }
    }
}

/// Hands out 0, 1, 2, … below `count` (or, reversed, count - 1, count - 2, …) to whichever worker asks first.
private final class ItemCounter: @unchecked Sendable {
    private var next = 0
    private let count: Int
    private let reversed: Bool
    private let lock = NSLock()

    init(count: Int, reversed: Bool) {
        self.count = count
        self.reversed = reversed
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return reversed ? count - next : next - 1
    }
}

/// A value made on a thread of its own while the caller goes on; ``value`` waits for it. Unlike
/// ``concurrently(_:_:)``, the caller's own work does not run inside `concurrentPerform`, which
/// libdispatch narrows when nested: a ``parallelMap`` in it keeps every core.
package final class BackgroundValue<Value>: @unchecked Sendable {  // `result` is written once, before `done` is signalled
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    package init(_ make: @escaping () -> Value) {
        let work = UnsafeSendable(value: make)
        DispatchQueue.global().async {
            self.result = work.value()
            self.done.signal()
        }
    }

    /// The value, once it is made.
    package var value: Value {
        done.wait()
        done.signal()
        return result!
    }
}

/// Lets go of large values off the critical path: freeing a big graph of objects (a search
/// catalog's 60,000 documents, a render's converted docs) keeps one core busy for tens of
/// milliseconds at the end of a build. A long-lived process (serve, the tests) has them freed on
/// a background thread; a command that exits right after its build calls ``keepUntilExit()``
/// first, and the kernel then takes their memory back at exit, all at once.
package enum LateRelease {
    private final class State: @unchecked Sendable {  // every `var` is guarded by `lock`
        let lock = NSLock()
        let pending = DispatchGroup()
        var keeps = false
        var kept: [Any] = []
        /// Values waiting for a background thread to drop them. They are moved in here, so the
        /// caller keeps no reference that could turn out to be the last one.
        var toDrop: [Any] = []
    }

    private static let state = State()

    /// From now on, values handed over are kept until the process exits.
    package static func keepUntilExit() {
        state.lock.lock()
        state.keeps = true
        state.lock.unlock()
    }

    /// Takes `value`'s last reference (the caller must hold no other): kept until exit, or
    /// dropped on another thread.
    package static func release<Value>(_ value: consuming Value) {
        let box: Any = UnsafeSendable(value: consume value)
        state.lock.lock()
        if state.keeps {
            state.kept.append(consume box)
            state.lock.unlock()
            return
        }
        state.toDrop.append(consume box)
        state.lock.unlock()
        DispatchQueue.global(qos: .utility).async(group: state.pending) {
            state.lock.lock()
            let taken = state.toDrop  // now the only owner: the values go when it does, on this thread
            state.toDrop = []
            state.lock.unlock()
            withExtendedLifetime(taken) {}
        }
    }

    /// Waits until the values handed to ``release(_:)`` so far are freed (or kept).
    package static func waitForAll() {
        state.pending.wait()
    }
}

/// Runs `first` and `second` at the same time (on two cores, where there are two) and returns both results.
package func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    withoutActuallyEscaping(first) { first in
        withoutActuallyEscaping(second) { second in
            let results = (ResultBox<A>(count: 1), ResultBox<B>(count: 1))
            let work = UnsafeSendable(value: (first, second, results))
            guard Parallelism.threads > 1 else {
                // One thread: one after the other (the second first when the schedule is reversed).
                if Parallelism.reversed { results.1.store(second(), at: 0); results.0.store(first(), at: 0) } else { results.0.store(first(), at: 0); results.1.store(second(), at: 0) }
                return (results.0.results()[0], results.1.results()[0])
            }
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let (first, second, results) = work.value
                if index == 0 { results.0.store(first(), at: 0) } else { results.1.store(second(), at: 0) }
            }
            return (results.0.results()[0], results.1.results()[0])
        }
    }
}

/// Large blocks (256 KiB and up: page buffers, search arrays) mapped on their own and returned to
/// the system when freed. glibc otherwise raises that threshold as big blocks are freed, and then
/// keeps them in its heaps, where one stage's freed blocks add to the next stage's peak (on the
/// large benchmark corpus: 386 MiB peak RSS instead of 411 MiB, at the same CPU time). A no-op elsewhere.
package func mapLargeBlocksApart() {
    #if os(Linux)
    typealias Option = @convention(c) (Int32, Int32) -> Int32
    let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in <malloc.h>
    if let symbol = dlsym(nil, "mallopt") { _ = unsafeBitCast(symbol, to: Option.self)(mmapThreshold, 256 << 10) }
    #endif
}

/// The allocator's free memory handed back to the system: glibc keeps what a stage freed in its
/// per-thread arenas, so the next stage's peak would sit on top of it. A no-op elsewhere.
package func releaseFreedMemory() {
    #if os(Linux)
    typealias Trim = @convention(c) (Int) -> Int32
    if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
    #endif
}
