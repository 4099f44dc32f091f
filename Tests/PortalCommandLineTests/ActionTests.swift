import Foundation
import Testing
@testable import PortalCommandLine
import PortalKit

@Suite("check and build actions")
struct ActionTests {
    private let valid = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"
    /// A Component with TechDocs in its own repository, owned by `team-a`.
    private let documented = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: svc
          annotations:
            backstage.io/techdocs-ref: dir:.
        spec:
          type: service
          lifecycle: production
          owner: group:team-a
        """
    private let dangling = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-b\nspec:\n  type: team\n  children: [nobody]\n"

    @Test("check converts TechDocs pages and reports their broken links at line:col, unless told to skip them")
    func checkDocs() throws {
        let root = try folder(["repo/catalog-info.yaml": documented + "\n---\n" + valid, "repo/docs/index.md": "# Home\n\nSee [setup](setup.md) and [x](#nowhere).\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outcome = CheckAction(roots: [root]).perform()
        #expect(outcome.output.contains("repo/docs/index.md:3:5: warning: link target 'setup.md' does not exist [docs.broken-link]"))
        #expect(outcome.output.contains("repo/docs/index.md:3:27: warning: '#nowhere' is not a heading on index.md [docs.missing-anchor]"))
        #expect(!CheckAction(roots: [root], strict: true).perform().passed)
        let skipped = CheckAction(roots: [root], strict: true, checksDocs: false).perform()
        #expect(!skipped.output.contains("docs.broken-link"))
    }

    @Test("check passes a clean catalog, fails on errors, and --strict fails on warnings")
    func exitStatus() throws {
        let clean = try folder(["repo/catalog-info.yaml": valid])
        defer { try? FileManager.default.removeItem(atPath: clean) }
        let outcome = CheckAction(roots: [clean]).perform()
        #expect(outcome.passed)
        #expect(outcome.output == "1 file in 1 repository, 1 entity (Group 1): 0 errors, 0 warnings\n")

        let warned = try folder(["repo/catalog-info.yaml": dangling])
        defer { try? FileManager.default.removeItem(atPath: warned) }
        #expect(CheckAction(roots: [warned]).perform().passed)
        #expect(!CheckAction(roots: [warned], strict: true).perform().passed)

        let broken = try folder(["repo/catalog-info.yaml": "kind: [\n"])
        defer { try? FileManager.default.removeItem(atPath: broken) }
        let failed = CheckAction(roots: [broken]).perform()
        #expect(!failed.passed)
        #expect(failed.output.contains(": error: "))
    }

    @Test("check parses its arguments")
    func parsing() throws {
        let command = try CheckCommand.parse(["a", "b", "--format", "sarif", "--strict", "-q"])
        #expect(command.input.roots == ["a", "b"])
        #expect(command.format == .sarif)
        #expect(command.report.strict && command.report.quiet)
        #expect(try CheckCommand.parse([]).input.roots == ["content"])
        #expect(throws: (any Error).self) { try CheckCommand.parse(["--format", "xml"]) }
    }

    @Test("build writes the portal and refuses a folder it did not write")
    func build() throws {
        let base = try folder(["repos/repo/catalog-info.yaml": valid, "notes/keep.txt": "mine"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let outcome = BuildAction(roots: [base + "/repos"], output: base + "/site").perform()
        #expect(outcome.passed)
        let catalog = try String(contentsOfFile: base + "/site/catalog.json", encoding: .utf8)
        #expect(catalog.contains("\"name\": \"team-a\""))
        for page in ["index.html", "catalog/index.html", "catalog/default/group/team-a/index.html", "health/index.html",
                     "404.html", "graph.json", "health.json", "llms.txt", "assets/portal.css"] {
            #expect(FileManager.default.fileExists(atPath: base + "/site/" + page), "\(page)")
        }
        #expect(!FileManager.default.fileExists(atPath: base + "/site/sitemap.xml"), "a sitemap needs --base-url")
        #expect(outcome.output.contains("wrote "), "\(outcome.output)")
        #expect(outcome.output.hasSuffix(" files to \(base)/site/\n"))

        let refused = BuildAction(roots: [base + "/repos"], output: base + "/notes").perform()
        #expect(!refused.passed)
        #expect(refused.output.contains("[output.refused]"))
        #expect(try String(contentsOfFile: base + "/notes/keep.txt", encoding: .utf8) == "mine")
    }

    @Test("build leaves the previous site in place when accept turns the finished build down")
    func turnedDown() throws {
        let base = try folder(["repos/repo/catalog-info.yaml": valid])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        #expect(action.perform().written)
        try "kind: [\n".write(toFile: base + "/repos/repo/catalog-info.yaml", atomically: true, encoding: .utf8)
        let kept = action.perform(accept: { build in build.count(.error) == 0 })
        #expect(!kept.written)
        #expect(kept.build?.count(.error) == 1)
        #expect(kept.output.hasSuffix("kept the previous site in \(base)/site/\n"), "\(kept.output)")
        let catalog = try String(contentsOfFile: base + "/site/catalog.json", encoding: .utf8)
        #expect(catalog.contains("\"name\": \"team-a\""), "the last good site is still there")
    }

    @Test("build shows git's dates: a docs page's last change, and the entities whose descriptor changed last on the home page")
    func gitDates() throws {
        let base = try folder(["repos/repo/catalog-info.yaml": documented + "\n---\n" + valid, "repos/repo/docs/index.md": "# Home\n"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let repository = base + "/repos/repo"
        guard git(["init", "-q"], in: repository) else { return }  // no git on this machine
        #expect(git(["add", "."], in: repository))
        #expect(git(["commit", "-q", "-m", "first"], in: repository, date: 1_600_000_000))
        try "# Home, again\n".write(toFile: repository + "/docs/index.md", atomically: true, encoding: .utf8)
        #expect(git(["commit", "-q", "-am", "second"], in: repository, date: 1_700_000_000))

        #expect(BuildAction(roots: [base + "/repos"], output: base + "/site").perform().passed)
        let page = try String(contentsOfFile: base + "/site/docs/default/component/svc/index.html", encoding: .utf8)
        #expect(page.contains("Last updated 2023-11-14"), "the docs page's own last commit")
        let home = try String(contentsOfFile: base + "/site/index.html", encoding: .utf8)
        let recent = try #require(home.range(of: "Recently changed"))
        #expect(home[recent.upperBound...].contains("2020-09-13"), "the descriptor's last commit")
    }

    /// Runs git in `folder` with a fixed date and identity; false when git cannot run.
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
}
