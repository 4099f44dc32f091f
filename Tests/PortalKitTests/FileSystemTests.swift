import Foundation
import Testing
@testable import PortalKit

@Suite("File system helpers")
struct FileSystemTests {
    @Test("removeTree removes a folder with nested files, empty folders and links, without following links out of it")
    func removeTree() throws {
        let workspace = try Workspace([
            "outside/keep.txt": "kept",
            "site/index.html": "x",
            "site/a/b/c/deep.html": "x",
            "site/search/docs/0.json": "x",
        ])
        for index in 0..<600 { try workspace.write("site/search/docs/\(index).js", "x") }  // more than one batch
        try FileManager.default.createDirectory(atPath: workspace.path + "/site/empty/inner", withIntermediateDirectories: true)
        try workspace.link("site/out", to: workspace.path + "/outside")
        try workspace.link("site/a/file-link", to: workspace.path + "/outside/keep.txt")

        FileSystem.removeTree(workspace.path + "/site")

        #expect(FileSystem.type(of: workspace.path + "/site") == nil)
        #expect(try workspace.read("outside/keep.txt") == "kept")
    }

    #if os(Linux)
    @Test("a file just written is in the system's cache (prefetch then leaves cached pages alone); a folder cannot tell")
    func cachedFileIsSeen() throws {
        let workspace = try Workspace(["docs/page.md": "# Page\n", "docs/empty.md": ""])
        for (path, cached) in [("docs/page.md", true), ("docs/empty.md", true), ("docs", false)] {
            let descriptor = open(workspace.path + "/" + path, O_RDONLY | O_CLOEXEC)
            #expect(descriptor >= 0)
            defer { close(descriptor) }
            #expect(FileSystem.isCached(descriptor) == cached, "\(path)")
        }
        // Prefetching pages that are cached, missing or folders does nothing wrong.
        FileSystem.prefetch([workspace.path + "/docs/page.md", workspace.path + "/missing.md", workspace.path + "/docs"])
        #expect(try workspace.read("docs/page.md") == "# Page\n")
    }
    #endif

    @Test("stampedEntries lists what entries lists, each regular file with the stamp a stat of its path gives")
    func stampedEntries() throws {
        let workspace = try Workspace(["docs/b.md": "# B\n", "docs/a ü.md": "# A, longer\n", "docs/sub/c.md": "x"])
        try workspace.link("docs/link.md", to: workspace.path + "/docs/b.md")
        let folder = workspace.path + "/docs"
        let stamped = FileSystem.stampedEntries(of: folder)
        #expect(stamped.map(\.name) == FileSystem.entries(of: folder).map(\.name))
        #expect(stamped.map(\.type) == FileSystem.entries(of: folder).map(\.type))
        for entry in stamped {
            if entry.type == .file {
                #expect(entry.stamp == FileStamp(path: folder + "/" + entry.name), "\(entry.name)")
                #expect(entry.stamp?.size == Int64(try workspace.read("docs/" + entry.name).utf8.count))
            } else {
                #expect(entry.stamp == nil, "\(entry.name): a folder or link has none")
            }
        }
        #expect(FileSystem.stampedEntries(of: workspace.path + "/missing").isEmpty)
    }

    @Test("removeTree removes a single file or link, and does nothing where nothing is")
    func removeSingle() throws {
        let workspace = try Workspace(["file.txt": "x", "target/keep.txt": "kept"])
        try workspace.link("folder-link", to: workspace.path + "/target")
        FileSystem.removeTree(workspace.path + "/file.txt")
        FileSystem.removeTree(workspace.path + "/folder-link")
        FileSystem.removeTree(workspace.path + "/missing")
        #expect(FileSystem.type(of: workspace.path + "/file.txt") == nil)
        #expect(FileSystem.type(of: workspace.path + "/folder-link") == nil)
        #expect(try workspace.read("target/keep.txt") == "kept")
    }

    #if os(Linux)
    @Test("removeTree with removingLast removes that file of the folder after every other entry (what a build killed while removing leaves stays recognisable)")
    func markerLast() throws {
        let workspace = try Workspace(["site/.portal-build": "marker", "site/a.html": "x", "site/z.html": "x", "site/docs/page/index.html": "x"])
        for index in 0..<300 { try workspace.write("site/\(index).html", "x") }
        let inotify = try Inotify()
        guard case .watch = inotify.add(workspace.path + "/site") else {
            Issue.record("cannot watch the folder")
            return
        }
        FileSystem.removeTree(workspace.path + "/site", removingLast: ".portal-build")
        #expect(FileSystem.type(of: workspace.path + "/site") == nil)
        let deleted = inotify.read().filter { $0.mask.contains(.delete) }.compactMap(\.name)
        #expect(deleted.count == 304, "every entry is reported: \(deleted.count)")
        #expect(deleted.last == ".portal-build", "the marker goes last: \(deleted.suffix(3))")
    }
    #endif
}
