import Dispatch
import Foundation
import PortalKit
import PortalServe
import PortalSite

/// How `serve` rebuilds. An edit to docs pages goes through the kept ``PreviewSession``: only
/// the pages it affects are rendered and written, open pages reload, and the search index
/// follows in the background. Anything else is a full build (writing only the files that
/// differ) that keeps a new session.
///
/// Every rebuild runs on one queue of its own, so a rebuild waits for the search index of the
/// one before.
final class PreviewRebuilds: @unchecked Sendable {
    private let build: BuildAction
    private let output: String
    private let print: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "portal-build.serve.session")
    /// Where search indexes are built, so that a rebuild need not wait for one.
    private let searchQueue = DispatchQueue(label: "portal-build.serve.search")
    // Touched only on `queue`:
    private var session: PreviewSession?
    private var cache: BuildCache?
    /// What the last full build read (a docs fast path cannot change it).
    private var inputs: WatchedInputs
    /// Counts rebuilds; a search index for an older one is not built, or thrown away.
    private let generation = Counter()
    /// Search indexes being built.
    private let searches = DispatchGroup()

    init(build: BuildAction, output: String, first: BuildAction.Outcome, print: @escaping @Sendable (String) -> Void) {
        self.build = build
        self.output = output
        self.print = print
        session = first.session
        cache = first.cache ?? BuildCache.read(from: output)
        inputs = ServeAction.watchedInputs(of: build)
    }

    /// When the first build found the site up to date (so nothing was rendered), renders it in
    /// the background to make a session; it writes nothing unless an input changed meanwhile.
    func warmUp() {
        queue.async {
            guard self.session == nil else { return }
            self.adopt(self.build.perform(keepsSession: true, rendersWhenUpToDate: true))
        }
    }

    /// Returns once every rebuild and search update started so far is done (for tests).
    func waitUntilIdle() {
        searches.wait()
        queue.sync {}
    }

    func rebuild(changes: [String], accept: @Sendable ([Diagnostic]) -> Bool) -> PreviewBuild {
        queue.sync {
            generation.increment()
            if let fast = updatePages(changes, accept: accept) { return fast }
            let outcome = build.perform(accept: { accept($0.diagnostics) }, keepsSession: true)
            adopt(outcome)
            inputs = ServeAction.watchedInputs(of: build)
            return PreviewBuild(replacedSite: outcome.written, diagnostics: outcome.diagnostics, report: outcome.output, inputs: inputs)
        }
    }

    /// Keeps a full build's session and cache; a build that was not written leaves none, so
    /// the next change builds in full again.
    private func adopt(_ outcome: BuildAction.Outcome) {
        session = outcome.written ? outcome.session : nil
        cache = outcome.cache ?? BuildCache.read(from: output)
    }

    /// The fast path, or nil when the change needs a full build.
    private func updatePages(_ changes: [String], accept: @Sendable ([Diagnostic]) -> Bool) -> PreviewBuild? {
        guard let session, var cache, let update = session.update(changedPaths: changes) else { return nil }
        let build = session.catalogBuild
        let formatter = DiagnosticFormatter(format: .text, minimumSeverity: self.build.quiet ? .warning : .info)
        var report = formatter.render(update.diagnostics, summary: CheckSummary(build))
        guard accept(update.diagnostics) else {
            self.session = nil
            return PreviewBuild(replacedSite: false, diagnostics: update.diagnostics, report: report + "kept the previous site in \(output)/\n",
                                inputs: inputs)
        }
        do {
            let written = try SiteLock.holding(output) { () throws(SiteWriteError) in
                try SiteWriter().patch(update.files, in: output, previous: cache.outputs)
            }
            cache.outputs.merge(written.outputs) { $1 }
            let changed = InputSnapshot(stamps: Dictionary(uniqueKeysWithValues: changes.map { ($0, FileStamp(path: $0)) }))
            cache.inputs.merge(BuildCache.records(of: changed, known: [:])) { $1 }
            cache.report = BuildCache.Report(diagnostics: update.diagnostics, summary: CheckSummary(build))
            report += "wrote \(CheckSummary.plural(written.written.count, "file")) to \(output)/ (docs pages only; the search index follows)\n"
        } catch {
            self.session = nil
            return nil
        }
        self.cache = cache
        let searchBuild = session.searchIndexBuild()
        let generation = self.generation.value
        let start = ContinuousClock.now
        searches.enter()
        searchQueue.async {
            // A later edit queues its own index; building this one would only hold that up.
            guard generation == self.generation.value else { return self.searches.leave() }
            let files = searchBuild()
            self.queue.async {
                self.writeSearch(files, generation: generation, start: start)
                self.searches.leave()
            }
        }
        return PreviewBuild(replacedSite: true, diagnostics: update.diagnostics, report: report, inputs: inputs)
    }

    /// Writes the search index built after a fast-path update (unless a later rebuild made it
    /// stale) and the cache, so the next `build` finds the site up to date.
    private func writeSearch(_ files: [SiteFile], generation: Int, start: ContinuousClock.Instant) {
        guard generation == self.generation.value, let session, var cache else { return }
        do {
            let removing = session.replaceSearchPaths(with: Set(files.map(\.path)))
            let written = try SiteLock.holding(output) { () throws(SiteWriteError) in
                let written = try SiteWriter().patch(files, removing: removing, in: output, previous: cache.outputs)
                cache.outputs.merge(written.outputs) { $1 }
                for path in written.removed { cache.outputs[path] = nil }
                _ = cache.write(to: output)
                return written
            }
            self.cache = cache
            let elapsed = ContinuousClock.now - start
            print("search index updated: \(CheckSummary.plural(written.written.count + written.removed.count, "file")) written or removed in \(elapsed.milliseconds) ms\n")
        } catch {
            self.session = nil
            print("warning: the search index could not be updated (\(error)); the next change rebuilds the site in full\n")
        }
    }
}

/// A number read and raised from any thread.
private final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
}
