import Foundation
import Testing
@testable import PortalCommandLine
import PortalKit

@Suite("incremental build: the cache in the output folder")
struct IncrementalBuildTests {
    static let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"

    /// A component with docs beside it (other suites' fixtures use it too).
    static func component(_ name: String, description: String = "A service.", owner: String = "team-a") -> String {
        """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: \(name)
          description: \(description)
          annotations:
            backstage.io/techdocs-ref: dir:.
        spec:
          type: service
          lifecycle: production
          owner: \(owner)

        """
    }

    private static let files = [
        "repos/team/catalog-info.yaml": group,
        "repos/alpha/catalog-info.yaml": component("alpha"),
        "repos/alpha/docs/index.md": "# Alpha\n\nThe alpha service.\n",
        "repos/alpha/docs/setup.md": "# Setup\n\nRun it.\n",
        "repos/beta/catalog-info.yaml": component("beta"),
        "repos/beta/docs/index.md": "# Beta\n\nThe beta service.\n",
    ]

    @Test("a second build with no change writes nothing, prints the same report and keeps --strict's verdict")
    func noChange() throws {
        let base = try folder(Self.files.merging(["repos/beta/docs/index.md": "# Beta\n\nSee [gone](gone.md).\n"]) { $1 })
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site", strict: true)
        let first = action.perform()
        #expect(first.report?.replacedWhole == true)
        let before = try stamps(base + "/site")
        let second = action.perform()
        #expect(second.output.hasSuffix("\(base)/site/ is up to date (\(first.report!.outputs.count) files); nothing written\n"), "\(second.output)")
        #expect(second.report == nil)
        #expect(try stamps(base + "/site") == before, "no file in the output folder was touched")
        let firstLines = first.output.split(separator: "\n").dropLast()
        #expect(Array(second.output.split(separator: "\n").dropLast()) == Array(firstLines), "the same diagnostics and summary")
        #expect(second.output.contains("[docs.broken-link]"))
        #expect(!second.passed, "--strict still fails on the recorded warning")
        #expect(second.diagnostics == first.diagnostics)
    }

    @Test("the cache records each input's stamp and content hash, docs pages (hashed as the conversion reads them) included")
    func inputRecords() throws {
        let base = try folder(Self.files)
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(BuildAction(roots: [base + "/repos"], output: base + "/site").perform().report != nil)
        let cache = try #require(BuildCache.read(from: base + "/site"))
        for (name, content) in Self.files {
            let path = base + "/" + name
            #expect(cache.inputs[path] == BuildCache.Record(stamp: FileStamp(path: path), hash: XXHash64.hash(Array(content.utf8))), "\(name)")
        }
    }

    @Test("touching a file without changing it is not a change; changing the options is")
    func touchedAndSettings() throws {
        let base = try folder(Self.files)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        #expect(action.perform().report != nil)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: base + "/repos/alpha/docs/index.md")
        let touched = action.perform()
        #expect(touched.output.contains("is up to date"), "\(touched.output)")
        #expect(action.perform().output.contains("is up to date"), "the refreshed cache knows the new stamp")

        var other = action
        other.baseURL = "https://portal.example.com/"
        let rebuilt = other.perform()
        #expect(rebuilt.report?.written.contains("sitemap.xml") == true, "\(rebuilt.output)")
        #expect(rebuilt.report?.written.contains("catalog/default/component/alpha/index.html") == true, "canonical links changed every page")
    }

    @Test("editing a docs page rewrites that page and the search files it touches, nothing else")
    func docsPageEdit() throws {
        let base = try folder(Self.files)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        _ = action.perform()
        try "# Setup\n\nRun it twice, with zeppelins.\n".write(toFile: base + "/repos/alpha/docs/setup.md", atomically: true, encoding: .utf8)
        let outcome = action.perform()
        let written = try #require(outcome.report?.written)
        #expect(outcome.report?.replacedWhole == false)
        let pages = written.filter { !$0.hasPrefix("search/") }
        #expect(pages == ["docs/default/component/alpha/setup/index.html"], "\(written)")
        #expect(written.contains { $0.hasPrefix("search/terms") }, "the shard holding 'zeppelin' changed: \(written)")
        #expect(outcome.output.contains("wrote \(written.count) files to \(base)/site/ ("), "\(outcome.output)")
    }

    @Test("editing a descriptor rewrites its entity, the pages that show it and the data files, not unrelated docs")
    func descriptorEdit() throws {
        let base = try folder(Self.files)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        _ = action.perform()
        try Self.component("beta", description: "The reworked beta service.").write(toFile: base + "/repos/beta/catalog-info.yaml", atomically: true, encoding: .utf8)
        let written = try #require(action.perform().report?.written)
        for path in ["catalog/default/component/beta/index.html", "catalog/index.html", "catalog.json", "catalog/default/group/team-a/index.html"] {
            #expect(written.contains(path), "\(path) in \(written)")
        }
        for path in ["catalog/default/component/alpha/index.html", "docs/default/component/alpha/setup/index.html", "assets/portal.css"] {
            #expect(!written.contains(path), "\(path) should not change")
        }
    }

    @Test("a removed repository's pages are removed, and emptied folders with them; a page edited by hand is restored")
    func removalAndRepair() throws {
        let base = try folder(Self.files)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        _ = action.perform()
        try "tampered".write(toFile: base + "/site/catalog/default/component/alpha/index.html", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: base + "/repos/beta")
        let outcome = action.perform()
        let report = try #require(outcome.report)
        #expect(report.removed.contains("catalog/default/component/beta/index.html"))
        #expect(report.removed.contains("docs/default/component/beta/index.html"))
        #expect(!FileManager.default.fileExists(atPath: base + "/site/docs/default/component/beta"), "the emptied folder is gone")
        #expect(report.written.contains("catalog/default/component/alpha/index.html"))
        #expect(try String(contentsOfFile: base + "/site/catalog/default/component/alpha/index.html", encoding: .utf8).contains("<html"))

        try "tampered again".write(toFile: base + "/site/index.html", atomically: true, encoding: .utf8)
        let repaired = action.perform()
        #expect(repaired.report?.written == ["index.html"], "an up-to-date check notices a changed output: \(repaired.output)")
    }

    @Test("--clean ignores the cache and replaces the folder whole; a damaged cache means a build from scratch")
    func cleanAndDamagedCache() throws {
        let base = try folder(Self.files)
        defer { try? FileManager.default.removeItem(atPath: base) }
        var action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        _ = action.perform()
        action.clean = true
        #expect(action.perform().report?.replacedWhole == true)
        action.clean = false
        try "portal-build cache 1\ninput broken\n".write(toFile: base + "/site/" + BuildCache.fileName, atomically: true, encoding: .utf8)
        let rebuilt = action.perform()
        #expect(rebuilt.report?.replacedWhole == true, "\(rebuilt.output)")
        #expect(action.perform().output.contains("is up to date"))
        #expect(try BuildCommand.parse(["--clean"]).clean)
    }

    @Test("incremental builds equal clean builds byte for byte on the shared corpus after random edits",
          .enabled(if: sharedCorpusPresent, "../shared/corpus is not present"))
    func corpusEquivalence() throws {
        let corpus = sharedCorpus
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.copyItem(atPath: corpus, toPath: base + "/corpus")
        try checkEquivalence(root: base + "/corpus", base: base, rounds: 3, seed: 7)
    }

    @Test("incremental builds equal clean builds byte for byte on a generated organisation after random edits",
          .enabled(if: corpusGeneratorPresent, "../shared/bench/gen_corpus.py is not present"))
    func generatedEquivalence() throws {
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let failure = try generateOrganisation(at: base + "/org", repos: 12, pages: 150, seed: 3)
        try #require(failure == nil, "\(failure ?? "")")
        try checkEquivalence(root: base + "/org", base: base, rounds: 4, seed: 11)
    }

    /// Builds `root` into `base/incremental`, then for each round makes a few random edits and
    /// checks that an incremental build writes exactly what a clean build into a new folder does.
    private func checkEquivalence(root: String, base: String, rounds: Int, seed: UInt64) throws {
        var random = SplitMix(seed: seed)
        let incremental = BuildAction(roots: [root], output: base + "/incremental", quiet: true)
        _ = incremental.perform()
        for round in 1...rounds {
            let edits = try RandomEdits.apply(in: root, count: 3, random: &random)
            let updated = incremental.perform()
            #expect(updated.report?.replacedWhole == false, "round \(round): updated in place")
            let cleanFolder = base + "/clean-\(round)"
            let clean = BuildAction(roots: [root], output: cleanFolder, quiet: true, clean: true).perform()
            #expect(clean.written)
            let differing = try siteDifferences(base + "/incremental", cleanFolder)
            #expect(differing.isEmpty, "round \(round) after \(edits): \(differing.prefix(10))")
            #expect(updated.output.split(separator: "\n").dropLast() == clean.output.split(separator: "\n").dropLast(),
                    "round \(round): the same diagnostics and summary")
            #expect(incremental.perform().output.contains("is up to date"), "round \(round): nothing left to do")
            try FileManager.default.removeItem(atPath: cleanFolder)
        }
    }

    /// Every file's modification date and size.
    private func stamps(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)
            result[path] = "\(attributes[.modificationDate] ?? "") \(attributes[.size] ?? "")"
        }
        return result
    }
}

/// A small deterministic random source (SplitMix64), so a failing round can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The edits people make between builds: docs text and titles, new and deleted pages,
/// descriptor descriptions and owners, removed repositories.
enum RandomEdits {
    static func apply(in root: String, count: Int, random: inout SplitMix) throws -> [String] {
        var done: [String] = []
        for _ in 0..<count {
            let files = allFiles(in: root)
            let pages = files.filter { $0.hasSuffix(".md") && $0.contains("/docs/") }
            let descriptors = files.filter { $0.hasSuffix("catalog-info.yaml") }
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !pages.isEmpty:
                let page = pages.randomElement(using: &random)!
                try append("\n\nAn added paragraph mentioning quokkas \(random.next() % 1000).\n", to: page)
                done.append("appended to \(page)")
            case 1 where !pages.isEmpty:
                let page = pages.randomElement(using: &random)!
                let text = (try? String(contentsOfFile: page, encoding: .utf8)) ?? ""
                try ("# Retitled \(random.next() % 1000)\n\n" + text).write(toFile: page, atomically: true, encoding: .utf8)
                done.append("retitled \(page)")
            case 2 where pages.count > 1:
                let page = pages.randomElement(using: &random)!
                try FileManager.default.removeItem(atPath: page)
                done.append("deleted \(page)")
            case 3 where !pages.isEmpty:
                let folder = (pages.randomElement(using: &random)! as NSString).deletingLastPathComponent
                let page = folder + "/added-\(random.next() % 1000).md"
                try "# Added page\n\nWith a [link](index.md).\n".write(toFile: page, atomically: true, encoding: .utf8)
                done.append("added \(page)")
            case 4 where !descriptors.isEmpty:
                let descriptor = descriptors.randomElement(using: &random)!
                let text = try String(contentsOfFile: descriptor, encoding: .utf8)
                try text.replacingOccurrences(of: "description:", with: "description: Edited \(random.next() % 1000).")
                    .write(toFile: descriptor, atomically: true, encoding: .utf8)
                done.append("edited descriptions in \(descriptor)")
            case 5 where !descriptors.isEmpty:
                let descriptor = descriptors.randomElement(using: &random)!
                let text = try String(contentsOfFile: descriptor, encoding: .utf8)
                try text.replacingOccurrences(of: "owner:", with: "owner: group:default/reassigned-team #")
                    .write(toFile: descriptor, atomically: true, encoding: .utf8)
                done.append("changed owners in \(descriptor)")
            case 6 where descriptors.count > 2:
                let repository = (descriptors.randomElement(using: &random)! as NSString).deletingLastPathComponent
                guard repository != root else { continue }
                try FileManager.default.removeItem(atPath: repository)
                done.append("removed \(repository)")
            default:
                continue
            }
        }
        return done
    }

    private static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    private static func allFiles(in root: String) -> [String] {
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            files.append(root + "/" + path)
        }
        return files.sorted()
    }
}
