import Dispatch
import PortalKit
import ServiceLifecycle

/// Watches the inputs (with inotify, or by polling where it cannot), rebuilds once they have
/// changed and settled, and tells the pages. Builds run on a queue of their own, away from the
/// threads serving requests.
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
    var startWatcher: ChangeFeed.StartWatcher = { inputs throws(FileWatcher.Unavailable) in try FileWatcher(inputs: inputs) }

    private static let queue = DispatchQueue(label: "portal-build.serve.rebuild")

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await watch() }
        } catch is CancellationError {}
        await hub.close()
    }

    private func watch() async throws {
        var changes = await ChangeFeed(inputs: inputs, baseline: baseline, pollInterval: pollInterval, settleDelay: settleDelay,
                                       startWatcher: startWatcher, print: print)
        var build = 0
        var acceptance = SiteAcceptance(served: served)
        while true {
            let changed = try await changes.next()
            print(Self.describe(changed))
            let start = ContinuousClock.now
            let result = await Self.queue.run { [acceptance] in rebuild(changed) { acceptance.accepts($0) } }
            print(result.report + "rebuilt in \((ContinuousClock.now - start).milliseconds) ms\n")
            if result.inputs != changes.inputs {
                await changes.watch(result.inputs, since: nil)
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
}
