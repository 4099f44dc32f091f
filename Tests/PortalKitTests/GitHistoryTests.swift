import Foundation
import Testing
@testable import PortalKit

@Suite("Git history")
struct GitHistoryTests {
    /// Runs git in `folder` with fixed dates and identity; false when git cannot run.
    @discardableResult
    private func git(_ arguments: [String], in folder: String, date: Int = 0) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_DATE"] = "@\(date) +0000"
        environment["GIT_COMMITTER_DATE"] = "@\(date) +0000"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test("lastChanges(inFolders:) reads each docs file's last commit, whole history, only inside the folders")
    func docsFolders() throws {
        let workspace = try Workspace([
            "repo/docs/index.md": "# Home\n",
            "repo/docs/guides/setup ü.md": "# Setup\n",
            "repo/other/notes.md": "# Notes\n",
            "repo/site/index.md": "# Site\n",
        ])
        let repository = workspace.path + "/repo"
        guard git(["init", "-q"], in: repository) else { return }
        #expect(git(["add", "."], in: repository))
        #expect(git(["commit", "-q", "-m", "first"], in: repository, date: 1_600_000_000))
        try workspace.write("repo/docs/index.md", "# Home, again\n")
        try workspace.write("repo/other/notes.md", "# Notes, again\n")
        #expect(git(["commit", "-q", "-am", "second"], in: repository, date: 1_700_000_000))

        let changes = GitHistory(commitLimit: 1).lastChanges(inFolders: [repository + "/docs", repository + "/site", repository + "/docs"])
        #expect(changes == [
            repository + "/docs/index.md": 1_700_000_000,
            repository + "/docs/guides/setup ü.md": 1_600_000_000,
            repository + "/site/index.md": 1_600_000_000,
        ])
        // The existing whole-tree method keeps its commit limit.
        #expect(GitHistory(commitLimit: 1).lastChanges(of: workspace.check(["repo"]).graph.scan) == [
            repository + "/docs/index.md": 1_700_000_000,
            repository + "/other/notes.md": 1_700_000_000,
        ])
    }

    @Test("folders outside any git work tree yield no history")
    func noGit() throws {
        let workspace = try Workspace(["docs/index.md": "# Home\n"])
        #expect(GitHistory().lastChanges(inFolders: [workspace.path + "/docs"]) == [:])
    }
}
