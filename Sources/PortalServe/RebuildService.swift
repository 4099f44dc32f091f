import Dispatch
import PortalKit
import ServiceLifecycle

/// Polls the inputs, rebuilds once they have changed and settled, and tells the pages.
/// Builds and snapshots run on a queue of their own, away from the threads serving requests.
struct RebuildService: Service {
    let hub: EventHub
    let builds: BuildIDs
    let inputs: WatchedInputs
    let baseline: InputSnapshot
    /// The diagnostics of the site being served when watching starts.
    let served: [Diagnostic]
    let pollInterval: Duration
    let settleDelay: Duration
    let rebuild: PreviewServer.Rebuild
    let print: @Sendable (String) -> Void

    private static let queue = DispatchQueue(label: "portal-build.serve.rebuild")

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await watch() }
        } catch is CancellationError {}
        await hub.close()
    }

    private func watch() async throws {
        var inputs = self.inputs
        var baseline = self.baseline
        var build = 0
        var acceptance = SiteAcceptance(served: served)
        while true {
            try await Task.sleep(for: pollInterval)
            var current = await Self.offload { [inputs] in inputs.snapshot() }
            guard current != baseline else { continue }
            while true {
                try await Task.sleep(for: settleDelay)
                let again = await Self.offload { [inputs] in inputs.snapshot() }
                if again == current { break }
                current = again
            }
            let changes = current.changes(since: baseline)
            baseline = current
            print(Self.describe(changes))
            let start = ContinuousClock.now
            let result = await Self.offload { [acceptance] in rebuild(changes) { acceptance.accepts($0) } }
            let elapsed = ContinuousClock.now - start
            let milliseconds = Int((Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded())
            print(result.report + "rebuilt in \(milliseconds) ms\n")
            if result.inputs != inputs {
                inputs = result.inputs
                baseline = await Self.offload { [inputs] in inputs.snapshot() }
            }
            build += 1
            if result.replacedSite {
                acceptance = SiteAcceptance(served: result.diagnostics)
                await hub.siteReplaced(buildID: builds.id(build))
            } else {
                await hub.buildRejected(problems: Self.problems(of: result, acceptance: acceptance))
            }
        }
    }

    /// What the overlay lists for a build that was kept out: its new errors, or (when it failed
    /// for another reason, such as an output folder that could not be replaced) its error lines.
    static func problems(of build: PreviewBuild, acceptance: SiteAcceptance) -> [String] {
        let new = acceptance.newErrors(in: build.diagnostics).map(\.formatted)
        if !new.isEmpty { return new }
        let lines = build.report.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
        return lines.isEmpty ? ["the site was not rebuilt; see the terminal"] : lines
    }

    /// `changed: a.md` or `changed: a.md and 3 more files`.
    static func describe(_ changes: [String]) -> String {
        guard let first = changes.first else { return "changed: nothing\n" }
        let more = changes.count - 1
        return "changed: \(first)" + (more == 0 ? "" : " and \(more) more file\(more == 1 ? "" : "s")") + "\n"
    }

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
