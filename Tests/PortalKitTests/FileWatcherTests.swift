import Foundation
import Testing
@testable import PortalKit

#if os(Linux)

/// The inotify watcher. Changes are made before asking for the next batch where the test is
/// about what a batch holds (the events wait in the kernel's queue, so they come as one batch
/// however loaded the machine is); waits have generous time limits, and no test times anything.
@Suite("watching inputs with inotify", .enabled(if: inotifyWorks))
struct FileWatcherTests {
    @Test("editing a file reports it, and the watcher's snapshot stays equal to a full one")
    func edit() async throws {
        let repo = try WatchedRepo(["repo/catalog-info.yaml": "a: 1\n", "repo/docs/index.md": "# A\n"])
        #expect(repo.isCurrent)
        #expect(repo.watcher.watchCount == 2)
        let watcher = repo.watcher
        let batch = Task { await watcher.nextBatch() }
        try repo.write("repo/docs/index.md", "# A, longer\n")
        #expect(await batch.value == repo.changed("repo/docs/index.md"))
        #expect(repo.isCurrent)
    }

    @Test("a file written in a new subfolder (mkdir -p a/b) is reported, and the new folders are watched")
    func newSubfolder() async throws {
        let repo = try WatchedRepo(["repo/catalog-info.yaml": "a: 1\n"])
        try repo.write("repo/a/b/c.md", "# C\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/a/b/c.md"))
        try repo.write("repo/a/b/d.md", "# D\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/a/b/d.md"))
        #expect(repo.watcher.watchCount == 3)
        #expect(repo.isCurrent)
    }

    @Test("deleting a file, and removing a folder, report what was in them")
    func delete() async throws {
        let repo = try WatchedRepo(["repo/catalog-info.yaml": "a: 1\n", "repo/docs/index.md": "# A\n", "repo/docs/more/b.md": "# B\n"])
        try repo.remove("repo/catalog-info.yaml")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/catalog-info.yaml"))
        try repo.remove("repo/docs")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/docs/index.md", "repo/docs/more/b.md"))
        #expect(repo.watcher.snapshot.stamps.isEmpty)
        #expect(repo.watcher.watchCount == 1)
    }

    @Test("an editor's save (a temporary file renamed over the page) reports the page only")
    func renameOver() async throws {
        let repo = try WatchedRepo(["repo/docs/index.md": "# A\n"])
        try repo.write("repo/docs/.index.md.swp", "# A, edited\n")
        try repo.move("repo/docs/.index.md.swp", to: "repo/docs/index.md")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/docs/index.md"))
        #expect(repo.isCurrent)
    }

    @Test("a folder moved inside the inputs reports the old and the new paths and stays watched; one moved out goes quiet")
    func moveFolder() async throws {
        let repo = try WatchedRepo(["repo/docs/index.md": "# A\n", "repo/docs/deep/b.md": "# B\n", "outside/x": "x"])
        try repo.move("repo/docs", to: "repo/guides")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/docs/deep/b.md", "repo/docs/index.md", "repo/guides/deep/b.md", "repo/guides/index.md"))
        try repo.write("repo/guides/deep/b.md", "# B, edited\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/guides/deep/b.md"))
        try repo.move("repo/guides", to: "outside/guides")
        try repo.write("outside/guides/index.md", "# moved out, then edited\n")
        try repo.write("repo/sentinel.md", "s")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/guides/deep/b.md", "repo/guides/index.md", "repo/sentinel.md"))
        #expect(repo.watcher.watchCount == 1)
        #expect(repo.isCurrent)
    }

    @Test("a config file that does not exist at the start, in a folder that does not either, is reported when created")
    func missingSingleFile() async throws {
        let repo = try WatchedRepo(["repo/a/catalog-info.yaml": "a: 1\n"], files: ["portal.yaml", "config/portal/portal.yaml"])
        #expect(repo.isCurrent)
        try repo.write("portal.yaml", "title: T\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("portal.yaml"))
        try repo.write("config/portal/portal.yaml", "title: T\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("config/portal/portal.yaml"))
        try repo.write("config/portal/portal.yaml", "title: Two\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("config/portal/portal.yaml"))
        try repo.remove("config")
        #expect(await repo.watcher.nextBatch() == repo.changed("config/portal/portal.yaml"))
        #expect(repo.isCurrent)
        try repo.write("config/other.yaml", "x")
        try repo.write("config/portal/portal.yaml", "title: Three\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("config/portal/portal.yaml"))
    }

    @Test("the output folder, .git, .build*, node_modules and other hidden folders make no change; .backstage does")
    func skipped() async throws {
        let repo = try WatchedRepo(["repo/catalog-info.yaml": "a: 1\n", "site/index.html": "out", "repo/.git/HEAD": "ref"], folders: ["."],
                                   excluded: ["site"])
        #expect(repo.watcher.watchCount == 3, "the workspace, repo/ and repo/.git (for HEAD and its reflog)")
        for path in ["site/index.html", "site/new/page.html", "repo/.git/index", "repo/.git/objects/ab/cd", "repo/.build-serve/x",
                     "repo/node_modules/m/index.js", "repo/.cache/x", ".site.tmp-1/index.html"] {
            try repo.write(path, "changed")
        }
        try repo.write("repo/.backstage/catalog-info.yaml", "b: 1\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/.backstage/catalog-info.yaml"))
        #expect(repo.isCurrent)
    }

    @Test("a repository's HEAD and reflog (moved by a commit or checkout) are inputs, the rest of .git is not; a .git made later is followed")
    func gitState() async throws {
        let repo = try WatchedRepo(["repo/a/catalog-info.yaml": "a: 1\n", "repo/a/.git/HEAD": "ref: refs/heads/main\n"])
        #expect(repo.isCurrent)
        try repo.write("repo/a/.git/index", "x")
        try repo.write("repo/a/.git/objects/ab/cd", "x")
        try repo.write("repo/a/.git/HEAD.lock", "ref: refs/heads/topic\n")
        try repo.move("repo/a/.git/HEAD.lock", to: "repo/a/.git/HEAD")
        try repo.write("repo/a/.git/logs/HEAD", "0 1 checkout\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/a/.git/HEAD", "repo/a/.git/logs/HEAD"))
        try repo.write("repo/a/.git/logs/HEAD", "0 1 checkout\n1 2 commit\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/a/.git/logs/HEAD"))
        try repo.write("repo/b/.git/HEAD", "ref: refs/heads/main\n")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/b/.git/HEAD", "repo/b/.git/logs/HEAD"))
        #expect(repo.isCurrent)
        try repo.remove("repo/a/.git")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/a/.git/HEAD", "repo/a/.git/logs/HEAD"))
        #expect(repo.isCurrent)
    }

    @Test("the output folder swapped for a new one (as SiteWriter does) is still left out")
    func swappedOutput() async throws {
        let repo = try WatchedRepo(["repo/catalog-info.yaml": "a: 1\n", "site/index.html": "old"], folders: ["."], excluded: ["site"])
        try repo.write(".site.tmp-1/index.html", "new")
        try repo.move("site", to: ".site.old-1")
        try repo.move(".site.tmp-1", to: "site")
        try repo.write("repo/sentinel.md", "s")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/sentinel.md"))
        #expect(repo.isCurrent)
    }

    @Test("a file rewritten with the same bytes and its modification time restored, or a temporary file created and removed, is no change")
    func unchanged() async throws {
        let repo = try WatchedRepo(["repo/docs/index.md": "# A\n"])
        let page = repo.path("repo/docs/index.md")
        var before = stat()
        #expect(stat(page, &before) == 0)
        try repo.write("repo/docs/index.md", "# A\n")
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, page, &times, 0) == 0)
        try repo.write("repo/docs/4913", "")
        try repo.remove("repo/docs/4913")
        try repo.write("repo/sentinel.md", "s")
        #expect(await repo.watcher.nextBatch() == repo.changed("repo/sentinel.md"))
    }

    @Test("changes that keep coming within the settle time are one batch; a batch ends at the cap even if they do not stop")
    func settle() async throws {
        let repo = try WatchedRepo(["repo/index.md": "# A\n"])
        let watcher = repo.watcher
        // A generous settle time: on a loaded machine the writes below can be seconds apart.
        let batch = Task { await watcher.nextBatch(settle: .seconds(5), cap: .seconds(60)) }
        // Blocking sleeps: awaiting one gives the thread back to the shared pool, which other tests'
        // builds can hold for longer than the settle time, splitting the batch.
        for index in 0..<5 {
            try repo.write("repo/page\(index).md", "# \(index)\n")
            usleep(20_000)
        }
        #expect(await batch.value == repo.changed("repo/page0.md", "repo/page1.md", "repo/page2.md", "repo/page3.md", "repo/page4.md"))

        let folder = repo.path("repo")
        let stream = Task.detached {
            var written = 0
            while !Task.isCancelled && written < 400 {
                _ = FileManager.default.createFile(atPath: folder + "/stream\(written).md", contents: Data("x".utf8))
                written += 1
                try? await Task.sleep(for: .milliseconds(25))
            }
            return written
        }
        let capped = await watcher.nextBatch(settle: .seconds(5), cap: .milliseconds(300))
        stream.cancel()
        let written = await stream.value
        guard case .changed(let paths) = capped else {
            Issue.record("expected a batch, got \(capped)")
            return
        }
        #expect(!paths.isEmpty && written < 400, "the batch ended while files were still being written")
    }

    @Test("a queue overflow asks for a rescan")
    func overflow() async throws {
        let repo = try WatchedRepo(["repo/index.md": "# A\n"])
        repo.watcher.receive([InotifyEvent(watch: -1, mask: .queueOverflow, cookie: 0, name: nil)])
        #expect(await repo.watcher.nextBatch() == .rescan(reason: "the inotify event queue overflowed"))
    }

    @Test("the watch limit: reached at the start, the watcher is unavailable; reached by a new folder, it asks for a rescan")
    func watchLimit() async throws {
        let workspace = try Workspace(["repo/docs/index.md": "# A\n", "repo/catalog-info.yaml": "a: 1\n"])
        let base = workspace.path
        let inputs = WatchedInputs(folders: [base + "/repo"], files: [base + "/portal.yaml"])
        #expect(throws: FileWatcher.Unavailable.self) { try FileWatcher(inputs: inputs, watchLimit: 1) }
        let count = try FileWatcher(inputs: inputs).watchCount
        #expect(count == 3, "repo, repo/docs and the folder of portal.yaml")
        let watcher = try FileWatcher(inputs: inputs, watchLimit: count)
        try workspace.write("repo/docs/new/page.md", "# New\n")
        guard case .rescan(let reason) = await watcher.nextBatch() else {
            Issue.record("expected a rescan")
            return
        }
        #expect(reason.hasPrefix("the inotify watch limit is reached (fs.inotify.max_user_watches = "))
    }

    @Test("a ROOT that is removed and made again is walked again; a link to a folder inside is followed once, one leading out is not")
    func rootsAndLinks() async throws {
        let workspace = try Workspace(["repo/docs/a.md": "a", "repo/common/b.md": "b", "elsewhere/x.md": "x"])
        let base = workspace.path
        try workspace.link("repo/docs/loop", to: base + "/repo")
        try workspace.link("repo/shared", to: base + "/repo/common")
        try workspace.link("repo/outside", to: base + "/elsewhere")
        let inputs = WatchedInputs(folders: [base + "/repo"])
        let watcher = try FileWatcher(inputs: inputs)
        #expect(watcher.snapshot == inputs.snapshot())
        #expect(!watcher.snapshot.stamps.keys.contains { $0.contains("x.md") }, "the loader never reads through a link out of the ROOT")
        try workspace.write("repo/common/b.md", "b, edited")
        #expect(await watcher.nextBatch() == .changed([base + "/repo/common/b.md"]))
        try FileManager.default.removeItem(atPath: base + "/repo")
        #expect(await watcher.nextBatch() == .changed([base + "/repo", base + "/repo/common/b.md", base + "/repo/docs/a.md"]))
        #expect(watcher.snapshot == inputs.snapshot())
        try workspace.write("repo/docs/c.md", "c")
        #expect(await watcher.nextBatch() == .changed([base + "/repo", base + "/repo/docs/c.md"]))
        try workspace.write("repo/docs/c.md", "c, edited")
        #expect(await watcher.nextBatch() == .changed([base + "/repo/docs/c.md"]))
        #expect(watcher.snapshot == inputs.snapshot())
    }

    @Test("stop() ends a waiting next() at once")
    func stop() async throws {
        let repo = try WatchedRepo(["repo/index.md": "# A\n"])
        let watcher = repo.watcher
        let batch = Task { await watcher.nextBatch(within: 60) }
        try await Task.sleep(for: .milliseconds(50))
        watcher.stop()
        #expect(await batch.value == .stopped)
    }
}

#endif

@Suite("inotify records")
struct InotifyEventTests {
    @Test("records are read with their variable-length, NUL-padded names; a truncated record is left out")
    func parse() {
        var bytes: [UInt8] = []
        func record(_ watch: Int32, _ mask: UInt32, _ cookie: UInt32, _ name: [UInt8]) {
            withUnsafeBytes(of: watch) { bytes += $0 }
            withUnsafeBytes(of: mask) { bytes += $0 }
            withUnsafeBytes(of: cookie) { bytes += $0 }
            withUnsafeBytes(of: UInt32(name.count)) { bytes += $0 }
            bytes += name
        }
        record(3, 0x100 | 0x4000_0000, 0, Array("new-folder".utf8) + [0, 0, 0, 0, 0, 0])
        record(-1, 0x4000, 0, [])
        record(4, 0x40, 77, Array("é.md".utf8) + [0, 0, 0])
        record(5, 0x2, 0, Array("cut".utf8) + [0])
        let events = bytes.dropLast(2).withUnsafeBytes { InotifyEvent.parse($0) }
        #expect(events == [
            InotifyEvent(watch: 3, mask: [.create, .isFolder], cookie: 0, name: "new-folder"),
            InotifyEvent(watch: -1, mask: .queueOverflow, cookie: 0, name: nil),
            InotifyEvent(watch: 4, mask: .movedFrom, cookie: 77, name: "é.md"),
        ])
    }

    #if os(Linux)
    @Test("the mask bits are Linux's")
    func masks() {
        #expect(InotifyEvent.Mask.watched.rawValue == UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                                             | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF))
        #expect(InotifyEvent.Mask.queueOverflow.rawValue == UInt32(IN_Q_OVERFLOW))
        #expect(InotifyEvent.Mask.ignored.rawValue == UInt32(IN_IGNORED))
        #expect(InotifyEvent.Mask.isFolder.rawValue == UInt32(IN_ISDIR))
        #expect(InotifyEvent.Mask.onlyFolder.rawValue == UInt32(IN_ONLYDIR))
        #expect(MemoryLayout<inotify_event>.size == InotifyEvent.headerSize)
    }
    #endif
}

/// A workspace and a watcher on some of its folders (repo/ unless told), paths relative to it.
struct WatchedRepo {
    let workspace: Workspace
    let inputs: WatchedInputs
    let watcher: FileWatcher

    init(_ files: [String: String], folders: [String] = ["repo"], files single: [String] = [], excluded: [String] = []) throws {
        workspace = try Workspace(files)
        let base = workspace.path
        inputs = WatchedInputs(folders: folders.map { $0 == "." ? base : base + "/" + $0 }, files: single.map { base + "/" + $0 },
                               excluded: excluded.map { base + "/" + $0 })
        watcher = try FileWatcher(inputs: inputs)
    }

    func path(_ relative: String) -> String {
        workspace.path + "/" + relative
    }

    /// A batch of these paths.
    func changed(_ paths: String...) -> FileWatcher.Batch {
        .changed(paths.map(path))
    }

    /// Whether the watcher's snapshot is what a full walk finds now.
    var isCurrent: Bool {
        watcher.snapshot == inputs.snapshot()
    }

    func write(_ relative: String, _ text: String) throws {
        try workspace.write(relative, text)
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: path(relative))
    }

    func move(_ relative: String, to destination: String) throws {
        guard rename(path(relative), path(destination)) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

/// Whether this system has inotify (and an instance to spare).
let inotifyWorks = (try? FileWatcher(inputs: WatchedInputs(folders: []))) != nil

extension FileWatcher {
    /// The next batch, waited for on a thread of its own (`next` blocks); `.stopped` if none
    /// comes within `seconds`.
    func nextBatch(within seconds: Double = 20, settle: Duration = .milliseconds(25), cap: Duration = .seconds(1)) async -> Batch {
        let watchdog = Task {
            try await Task.sleep(for: .seconds(seconds))
            stop()
        }
        defer { watchdog.cancel() }
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.next(settle: settle, cap: cap)) }.start()
        }
    }
}
