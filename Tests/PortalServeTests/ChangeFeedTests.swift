import Foundation
import Testing
@testable import PortalKit
@testable import PortalServe

@Suite("serve: noticing changes, with inotify or by polling")
struct ChangeFeedTests {
    @Test("with inotify, a change made during the first build comes first, then each edit; nothing is printed",
          .enabled(if: Inputs.haveInotify), .timeLimit(.minutes(1)))
    func notified() async throws {
        let inputs = try Inputs(["repo/docs/index.md": "# A\n"], files: ["portal.yaml"])
        let baseline = inputs.watched.snapshot()
        try inputs.write("portal.yaml", "title: T\n")
        var changes = await inputs.changes(since: baseline) { inputs throws(FileWatcher.Unavailable) in
            try FileWatcher(inputs: inputs)
        }
        #expect(try await changes.next() == [inputs.path("portal.yaml")])
        try inputs.write("repo/docs/index.md", "# A, edited\n")
        #expect(try await changes.next() == [inputs.path("repo/docs/index.md")])
        #expect(inputs.printed.text == "")
    }

    @Test("where inotify cannot be used, one line says so and why, and the inputs are polled", .timeLimit(.minutes(1)))
    func polled() async throws {
        let inputs = try Inputs(["repo/docs/index.md": "# A\n"])
        let baseline = inputs.watched.snapshot()
        try inputs.write("repo/docs/new.md", "# B\n")
        var changes = await inputs.changes(since: baseline) { _ throws(FileWatcher.Unavailable) in
            throw FileWatcher.Unavailable(description: "inotify is only on Linux")
        }
        #expect(try await changes.next() == [inputs.path("repo/docs/new.md")])
        try FileManager.default.removeItem(atPath: inputs.path("repo/docs/index.md"))
        #expect(try await changes.next() == [inputs.path("repo/docs/index.md")])
        await changes.watch(inputs.watched, since: nil)
        #expect(inputs.printed.text == "watching by polling every 100 ms: inotify is only on Linux\n", "said once")
    }

    @Test("a new folder past the watch limit: its files are found by comparing a full snapshot, then the inputs are polled",
          .enabled(if: Inputs.haveInotify), .timeLimit(.minutes(1)))
    func limitReached() async throws {
        let inputs = try Inputs(["repo/index.md": "# A\n"])
        var changes = await inputs.changes(since: inputs.watched.snapshot()) { inputs throws(FileWatcher.Unavailable) in
            try FileWatcher(inputs: inputs, watchLimit: 1)
        }
        #expect(inputs.printed.text == "")
        try inputs.write("repo/docs/more/b.md", "# B\n")
        #expect(try await changes.next() == [inputs.path("repo/docs/more/b.md")])
        #expect(inputs.printed.text.hasPrefix("watching by polling every 100 ms: the inotify watch limit is reached (fs.inotify.max_user_watches = "))
        try inputs.write("repo/docs/more/b.md", "# B, edited\n")
        #expect(try await changes.next() == [inputs.path("repo/docs/more/b.md")])
    }

    @Test("after lost events, a new watcher and a full comparison find every change, and watching goes on with inotify",
          .enabled(if: Inputs.haveInotify), .timeLimit(.minutes(1)))
    func rescan() async throws {
        let inputs = try Inputs(["repo/index.md": "# A\n"])
        let started = Printed()
        // The first watcher loses the events of a new folder; the next one has no limit.
        var changes = await inputs.changes(since: inputs.watched.snapshot()) { inputs throws(FileWatcher.Unavailable) in
            started.append("x")
            return try FileWatcher(inputs: inputs, watchLimit: started.text.count == 1 ? 1 : nil)
        }
        try inputs.write("repo/docs/b.md", "# B\n")
        try inputs.write("repo/index.md", "# A, edited\n")
        #expect(try await changes.next() == [inputs.path("repo/docs/b.md"), inputs.path("repo/index.md")])
        #expect(started.text == "xx")
        try inputs.write("repo/docs/b.md", "# B, edited\n")
        #expect(try await changes.next() == [inputs.path("repo/docs/b.md")])
        #expect(inputs.printed.text == "", "still inotify")
    }
}

/// A temporary folder (removed with the value) whose repo/ and single `files` are watched, and
/// what a feed on it printed.
private final class Inputs {
    static let haveInotify = (try? FileWatcher(inputs: WatchedInputs(folders: []))) != nil

    let base: String
    let watched: WatchedInputs
    let printed = Printed()

    init(_ files: [String: String], files single: [String] = []) throws {
        let base = try folder(files)
        self.base = base
        watched = WatchedInputs(folders: [base + "/repo"], files: single.map { base + "/" + $0 })
    }

    deinit {
        try? FileManager.default.removeItem(atPath: base)
    }

    func path(_ relative: String) -> String {
        base + "/" + relative
    }

    func write(_ relative: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: Path.directory(of: path(relative)), withIntermediateDirectories: true)
        try text.write(toFile: path(relative), atomically: false, encoding: .utf8)
    }

    /// A feed on these inputs that polls every 100 ms when it polls.
    func changes(since baseline: InputSnapshot, startWatcher: @escaping ChangeFeed.StartWatcher) async -> ChangeFeed {
        await ChangeFeed(inputs: watched, baseline: baseline, pollInterval: .milliseconds(100), settleDelay: .milliseconds(50),
                         startWatcher: startWatcher, print: printed.append)
    }
}
