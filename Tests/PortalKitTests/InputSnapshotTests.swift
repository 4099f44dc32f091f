import Foundation
import Testing
@testable import PortalKit

@Suite("watching inputs: snapshots of sizes and modification times")
struct InputSnapshotTests {
    @Test("a snapshot lists the files under the ROOTs, skipping .git (but HEAD and its reflog), .build*, node_modules and hidden folders but .backstage")
    func skipped() throws {
        let workspace = try Workspace([
            "repos/a/catalog-info.yaml": "x", "repos/a/docs/index.md": "# A", "repos/a/docs/.pages": "nav: []",
            "repos/a/.backstage/catalog-info.yaml": "x", "repos/a/.git/HEAD": "ref", "repos/a/.build-serve/x": "x",
            "repos/a/node_modules/m/index.js": "x", "repos/a/.cache/x": "x", "site/index.html": "out",
        ])
        let base = workspace.path
        let inputs = WatchedInputs(folders: [base + "/repos", base], files: [base + "/portal.yaml"], excluded: [base + "/site"])
        let paths = Set(inputs.snapshot().stamps.keys.map { $0.replacingOccurrences(of: base + "/", with: "") })
        #expect(paths.isSuperset(of: ["repos/a/catalog-info.yaml", "repos/a/docs/index.md", "repos/a/docs/.pages",
                                      "repos/a/.backstage/catalog-info.yaml", "portal.yaml"]))
        let gitState = ["repos/a/.git/HEAD", "repos/a/.git/logs/HEAD"]
        #expect(paths.filter { $0.contains(".git/") } == Set(gitState), "of .git only the files that move with the checked-out commit")
        #expect(paths.allSatisfy { gitState.contains($0) || (!$0.contains(".git/") && !$0.contains(".build") && !$0.contains("node_modules") && !$0.contains(".cache")) })
        #expect(!paths.contains("site/index.html"), "the output folder is not watched")
    }

    @Test("changing, adding and removing a file, or creating the config, each show up as a change")
    func changes() throws {
        let workspace = try Workspace(["repo/catalog-info.yaml": "a: 1\n", "repo/docs/index.md": "# A\n"])
        let base = workspace.path
        let inputs = WatchedInputs(folders: [base + "/repo"], files: [base + "/portal.yaml"])
        let before = inputs.snapshot()
        #expect(inputs.snapshot() == before, "nothing changed")

        try "a: 22\n".write(toFile: base + "/repo/catalog-info.yaml", atomically: false, encoding: .utf8)
        try "# B\n".write(toFile: base + "/repo/docs/new.md", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: base + "/repo/docs/index.md")
        try "title: T\n".write(toFile: base + "/portal.yaml", atomically: false, encoding: .utf8)
        let after = inputs.snapshot()
        #expect(after.changes(since: before) == [base + "/portal.yaml", base + "/repo/catalog-info.yaml",
                                                  base + "/repo/docs/index.md", base + "/repo/docs/new.md"])
    }

    @Test("the same size with a new modification time is a change")
    func sameSize() throws {
        let workspace = try Workspace(["repo/a.md": "aaaa"])
        let base = workspace.path
        let inputs = WatchedInputs(folders: [base + "/repo"])
        let before = inputs.snapshot()
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: base + "/repo/a.md")
        #expect(inputs.snapshot().changes(since: before) == [base + "/repo/a.md"])
    }

    @Test("subfolders walked on all cores find what one walk in order finds; a folder two walks reach sends it back to one walk")
    func parallelWalk() throws {
        var files: [String: String] = ["root.yaml": "x", "repo-0/.git/HEAD": "ref", "repo-0/.git/logs/HEAD": "log", "site/index.html": "out"]
        for repo in 0..<6 {
            for path in ["catalog-info.yaml", "docs/index.md", "docs/a/b/c.md", "docs/a/d.md", "api/x.yaml", "node_modules/m.js"] {
                files["repo-\(repo)/" + path] = path
            }
        }
        let workspace = try Workspace(files)
        let base = workspace.path
        let inputs = WatchedInputs(folders: [base], files: [base + "/portal.yaml"], excluded: [base + "/site"])
        let serial = inputs.snapshot(entering: { _ in true })
        let parallel = try #require(inputs.parallelSnapshot(), "no folder is reached twice")
        #expect(parallel == serial)
        #expect(serial.stamps.count == 6 * 5 + 4, "five files a repo, root.yaml, HEAD and its reflog, portal.yaml")

        // A link from one repo into another: which path walks `repo-1/docs` depends on order.
        try FileManager.default.createSymbolicLink(atPath: base + "/repo-0/docs/other", withDestinationPath: base + "/repo-1/docs")
        #expect(inputs.parallelSnapshot() == nil)
        #expect(inputs.snapshot() == inputs.snapshot(entering: { _ in true }))
    }

    @Test("a link cycle is walked once")
    func cycle() throws {
        let workspace = try Workspace(["repo/docs/a.md": "a"])
        let base = workspace.path
        try FileManager.default.createSymbolicLink(atPath: base + "/repo/docs/loop", withDestinationPath: base + "/repo")
        let stamps = WatchedInputs(folders: [base + "/repo"]).snapshot().stamps
        #expect(stamps.keys.sorted() == [base + "/repo/docs/a.md"])
    }

    @Test("links leading out of the walked folders (to /, to a sibling, a file outside) are not followed; links inside are")
    func linksOutside() throws {
        let workspace = try Workspace(["repo/docs/a.md": "a", "repo/shared/b.md": "b", "outside/secret.md": "s"])
        let base = workspace.path
        try FileManager.default.createSymbolicLink(atPath: base + "/repo/docs/root", withDestinationPath: "/")
        try FileManager.default.createSymbolicLink(atPath: base + "/repo/docs/sibling", withDestinationPath: base + "/outside")
        try FileManager.default.createSymbolicLink(atPath: base + "/repo/docs/secret.md", withDestinationPath: base + "/outside/secret.md")
        try FileManager.default.createSymbolicLink(atPath: base + "/repo/docs/shared", withDestinationPath: "../shared")
        let stamps = WatchedInputs(folders: [base + "/repo"]).snapshot().stamps
        #expect(stamps.keys.map { $0.replacingOccurrences(of: base + "/", with: "") }.sorted()
                == ["repo/docs/a.md", "repo/docs/shared/b.md"], "the inside link's folder is walked once, by the first path to it")
    }
}
