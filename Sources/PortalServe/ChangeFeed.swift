import Dispatch
import PortalKit

/// The changes to the inputs, one settled batch at a time: from inotify as they happen where it
/// works, else by polling snapshots (other systems, no inotify instance left, the watch limit
/// reached). It says once, in one line, when it falls back to polling and why.
struct ChangeFeed {
    /// Makes the watcher for some inputs (tests pass one that fails).
    typealias StartWatcher = @Sendable (WatchedInputs) throws(FileWatcher.Unavailable) -> FileWatcher

    private enum Source {
        case notified(FileWatcher)
        /// The snapshot the next poll is compared with.
        case polled(InputSnapshot)
    }

    private(set) var inputs: WatchedInputs
    private var source: Source
    /// Changes that happened before watching (re)started, reported first.
    private var pending: [String] = []
    private var fellBack = false
    private let pollInterval: Duration
    private let settleDelay: Duration
    private let startWatcher: StartWatcher
    private let print: @Sendable (String) -> Void
    /// Where the watcher waits and snapshots are taken, away from the threads serving requests.
    private let queue = DispatchQueue(label: "portal-build.serve.watch")

    /// Starts watching `inputs`; the changes since `baseline` (what the first build saw) come first.
    init(inputs: WatchedInputs, baseline: InputSnapshot, pollInterval: Duration, settleDelay: Duration,
         startWatcher: @escaping StartWatcher, print: @escaping @Sendable (String) -> Void) async {
        self.inputs = inputs
        source = .polled(baseline)
        self.pollInterval = pollInterval
        self.settleDelay = settleDelay
        self.startWatcher = startWatcher
        self.print = print
        await watch(inputs, since: baseline)
    }

    /// Watches `inputs` from now on. With a `baseline`, the changes since it come first;
    /// without one, watching starts afresh.
    mutating func watch(_ inputs: WatchedInputs, since baseline: InputSnapshot?) async {
        self.inputs = inputs
        if !fellBack {
            let startWatcher = self.startWatcher
            let started = await queue.run { Result { () throws(FileWatcher.Unavailable) in try startWatcher(inputs) } }
            switch started {
            case .success(let watcher):
                source = .notified(watcher)
                pending = baseline.map { watcher.snapshot.changes(since: $0) } ?? []
                return
            case .failure(let reason):
                fellBack = true
                print("watching by polling every \(pollInterval.milliseconds) ms: \(reason)\n")
            }
        }
        if let baseline {
            source = .polled(baseline)
        } else {
            source = .polled(await queue.run { inputs.snapshot() })
        }
    }

    /// The next changes (sorted paths, never empty); throws `CancellationError` when cancelled.
    mutating func next() async throws -> [String] {
        if !pending.isEmpty {
            defer { pending = [] }
            return pending
        }
        while true {
            switch source {
            case .notified(let watcher):
                let batch = await withTaskCancellationHandler {
                    await queue.run { watcher.next() }
                } onCancel: {
                    watcher.stop()
                }
                switch batch {
                case .changed(let changes):
                    return changes
                case .stopped:
                    throw CancellationError()
                case .rescan:
                    // Events were lost: a new watcher, and a full comparison with what was last reported.
                    await watch(inputs, since: watcher.snapshot)
                    if !pending.isEmpty { return try await next() }
                }
            case .polled(let baseline):
                let current = try await poll(since: baseline)
                source = .polled(current)
                return current.changes(since: baseline)
            }
        }
    }

    /// Polls until the inputs differ from `baseline`, then until they have been still for the
    /// settle delay (so a save that writes twice builds once).
    private func poll(since baseline: InputSnapshot) async throws -> InputSnapshot {
        let inputs = self.inputs
        while true {
            try await Task.sleep(for: pollInterval)
            var current = await queue.run { inputs.snapshot() }
            guard current != baseline else { continue }
            while true {
                try await Task.sleep(for: settleDelay)
                let again = await queue.run { inputs.snapshot() }
                if again == current { return current }
                current = again
            }
        }
    }
}

extension DispatchQueue {
    /// Runs blocking work on this queue and waits for its result without blocking the caller's thread.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            self.async { continuation.resume(returning: work()) }
        }
    }
}
