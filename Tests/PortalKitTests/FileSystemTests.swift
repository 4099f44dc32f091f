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
}
