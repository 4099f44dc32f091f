import Dispatch
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
    // Touched only on `queue`:
    private var session: PreviewSession?
    private var cache: BuildCache?

    init(build: BuildAction, output: String, first: BuildAction.Outcome, print: @escaping @Sendable (String) -> Void) {
        self.build = build
        self.output = output
        self.print = print
        session = first.session
        cache = first.cache ?? BuildCache.read(from: output)
    }

    /// When the first build found the site up to date (so nothing was rendered), renders it in
    /// the background to make a session; it writes nothing unless an input changed meanwhile.
    func warmUp() {
        queue.async {
            guard self.session == nil else { return }
            self.adopt(self.build.perform(keepsSession: true, rendersWhenUpToDate: true))
        }
    }

    /// Returns once every rebuild and search update queued so far is done (for tests).
    func waitUntilIdle() {
        queue.sync {}
    }

    func rebuild(changes: [String], accept: @Sendable ([Diagnostic]) -> Bool) -> PreviewBuild {
        queue.sync {
            if let fast = updatePages(changes, accept: accept) { return fast }
            let outcome = build.perform(accept: { accept($0.diagnostics) }, keepsSession: true)
            adopt(outcome)
            return PreviewBuild(replacedSite: outcome.written, diagnostics: outcome.diagnostics, report: outcome.output,
                                inputs: ServeAction.watchedInputs(of: build))
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
                                inputs: ServeAction.watchedInputs(of: self.build))
        }
        do {
            let written = try SiteWriter().patch(update.files, in: output, previous: cache.outputs)
            cache.outputs.merge(written.outputs) { $1 }
            report += "wrote \(CheckSummary.plural(written.written.count, "file")) to \(output)/ (docs pages only; the search index follows)\n"
        } catch {
            self.session = nil
            return nil
        }
        self.cache = cache
        queue.async { self.updateSearch(changes: changes, report: BuildCache.Report(diagnostics: update.diagnostics, summary: CheckSummary(build))) }
        return PreviewBuild(replacedSite: true, diagnostics: update.diagnostics, report: report, inputs: ServeAction.watchedInputs(of: self.build))
    }

    /// Rebuilds the search index after a fast-path update and records the edit in the cache,
    /// so the next `build` finds the site up to date.
    private func updateSearch(changes: [String], report: BuildCache.Report) {
        guard let session, var cache else { return }
        let start = ContinuousClock.now
        do {
            let search = session.searchFiles()
            let written = try SiteWriter().patch(search.files, removing: search.removed, in: output, previous: cache.outputs)
            cache.outputs.merge(written.outputs) { $1 }
            for path in written.removed { cache.outputs[path] = nil }
            let changed = InputSnapshot(stamps: Dictionary(uniqueKeysWithValues: changes.map { ($0, FileStamp(path: $0)) }))
            cache.inputs.merge(BuildCache.records(of: changed, known: [:])) { $1 }
            cache.report = report
            self.cache = cache
            _ = cache.write(to: output)
            let elapsed = ContinuousClock.now - start
            print("search index updated: \(CheckSummary.plural(written.written.count, "file")) written in \(Int((elapsed.seconds * 1000).rounded())) ms\n")
        } catch {
            self.session = nil
            print("warning: the search index could not be updated (\(error)); the next change rebuilds the site in full\n")
        }
    }
}
