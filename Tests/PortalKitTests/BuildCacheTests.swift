import Foundation
import Testing
@testable import PortalKit

@Suite("build cache: hashes, records and the cache file")
struct BuildCacheTests {
    @Test("XXH64 matches the reference implementation", arguments: [
        ("", "ef46db3751d8e999"), ("a", "d24ec4f1a98c6e5b"), ("abc", "44bc2cf5ad770999"), ("portal-build", "dcb43ee67ad1e102"),
    ])
    func xxhash(text: String, expected: String) {
        #expect(XXHash64.hex(XXHash64.hash(Array(text.utf8))) == expected)
    }

    @Test("the cache file's numbers are written as String and XXHash64.hex write them", arguments: [
        Int64(0), 1, -1, 9, 10, 1_234_567_890_123, Int64.max, Int64.min, 1_763_820_000_123_456_789,
    ])
    func numbers(value: Int64) {
        var decimal: [UInt8] = [], hex: [UInt8] = []
        BuildCache.appendDecimal(value, to: &decimal)
        BuildCache.appendHex(UInt64(bitPattern: value), to: &hex)
        #expect(String(decoding: decimal, as: UTF8.self) == String(value))
        #expect(String(decoding: hex, as: UTF8.self) == XXHash64.hex(UInt64(bitPattern: value)))
    }

    @Test("XXH64 over the long-input path (32-byte stripes plus every tail length)")
    func xxhashLong() {
        #expect(XXHash64.hex(XXHash64.hash((0..<100).map { UInt8($0) })) == "6ac1e58032166597")
        #expect(XXHash64.hex(XXHash64.hash(Array(repeating: UInt8(ascii: "x"), count: 1000) + Array("yz".utf8))) == "bdf62dd822da1cb1")
    }

    @Test("the cache file round-trips, paths with tabs, newlines and percent signs included")
    func roundTrip() throws {
        let record = BuildCache.Record(stamp: FileStamp(size: 12, modified: 1_700_000_000_123_456_789), hash: 0xDEAD_BEEF_0000_0001)
        let summary = CheckSummary(files: 3, repositories: 2, entitiesByKind: [("Component", 2), ("Group", 1)], errors: 1, warnings: 0)
        let diagnostic = Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: "a/catalog-info.yaml", line: 3, column: 7), "bad \"quote\"\nnext")
        let cache = BuildCache(settings: "0123456789abcdef", inputs: ["repo/a\tb.md": record, "repo/100%\nsure.md": record],
                               outputs: ["index.html": record, "missing": BuildCache.Record(stamp: .missing, hash: 0)],
                               report: BuildCache.Report(diagnostics: [diagnostic], summary: summary))
        let parsed = try #require(BuildCache.parse(cache.encoded()))
        #expect(parsed == cache)
        #expect(parsed.report.summary.line == summary.line)
        #expect(BuildCache.parse(Array("portal-build cache 0\n".utf8)) == nil, "another format version is ignored")
        #expect(BuildCache.parse(Array("portal-build cache 1\ninput x\t1\n".utf8)) == nil, "a damaged line discards the cache")
    }

    @Test("records take what a reader recorded for a file with the snapshot's stamp, by absolute path; other files are read")
    func recordsTakenFromReads() throws {
        let workspace = try Workspace(["repo/a.md": "alpha", "repo/b.md": "beta", "repo/c.yaml": "gamma"])
        let snapshot = WatchedInputs(folders: [workspace.path + "/repo"]).snapshot()
        let a = workspace.path + "/repo/a.md", b = workspace.path + "/repo/b.md", c = workspace.path + "/repo/c.yaml"
        let (pages, others) = snapshot.partitioned(BuildCache.mayBeDocsPage)
        #expect(pages.stamps.keys.sorted() == [a, b])
        #expect(others.stamps[c] != nil && others.stamps[a] == nil)

        // Made up hashes show which records were taken: a's (its stamp is the snapshot's), not b's.
        let read = [a: BuildCache.Record(stamp: snapshot.stamps[a]!, hash: 1),
                    b: BuildCache.Record(stamp: FileStamp(size: 4, modified: 1), hash: 2)]
        let records = BuildCache.records(of: pages, known: [:], read: read)
        #expect(records[a]?.hash == 1)
        #expect(records[b] == BuildCache.Record(stamp: snapshot.stamps[b]!, hash: XXHash64.hash(Array("beta".utf8))))

        // Relative paths as walked meet the reader's absolute ones through the working folder.
        let relative = InputSnapshot(stamps: ["repo/a.md": snapshot.stamps[a]!])
        #expect(BuildCache.records(of: relative, known: [:], read: read, workingFolder: workspace.path)["repo/a.md"]?.hash == 1)
        #expect(BuildCache.records(of: relative, known: [:], read: read, workingFolder: "/elsewhere")["repo/a.md"]?.hash == 0,
                "not taken, and not readable from here")
    }

    @Test("freshness: unchanged, touched, edited, added and removed inputs, other settings and a damaged output")
    func freshness() throws {
        let workspace = try Workspace(["repo/a.md": "alpha", "repo/b.md": "beta", "site/index.html": "page"])
        let inputs = WatchedInputs(folders: [workspace.path + "/repo"])
        let snapshot = inputs.snapshot()
        let output = workspace.path + "/site"
        let outputs = ["index.html": BuildCache.Record(stamp: FileStamp(path: output + "/index.html"), hash: XXHash64.hash(Array("page".utf8)))]
        let cache = BuildCache(settings: "s", inputs: BuildCache.records(of: snapshot, known: [:]), outputs: outputs,
                               report: BuildCache.Report(diagnostics: [], summary: CheckSummary(files: 0, repositories: 0, entitiesByKind: [], errors: 0, warnings: 0)))
        #expect(cache.inputs[workspace.path + "/repo/a.md"]?.hash == XXHash64.hash(Array("alpha".utf8)))
        #expect(cache.freshness(settings: "s", inputs: inputs.snapshot(), outputFolder: output) == .upToDate(refreshed: nil))
        #expect(cache.freshness(settings: "t", inputs: inputs.snapshot(), outputFolder: output) == .stale([]))

        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 30)], ofItemAtPath: workspace.path + "/repo/a.md")
        guard case .upToDate(let refreshed?) = cache.freshness(settings: "s", inputs: inputs.snapshot(), outputFolder: output) else {
            Issue.record("a touched file is not a change")
            return
        }
        #expect(refreshed[workspace.path + "/repo/a.md"]?.stamp == FileStamp(path: workspace.path + "/repo/a.md"))

        try workspace.write("repo/a.md", "alphb")
        #expect(cache.freshness(settings: "s", inputs: inputs.snapshot(), outputFolder: output) == .stale([workspace.path + "/repo/a.md"]))
        try workspace.write("repo/a.md", "alpha")
        try workspace.write("repo/c.md", "new")
        try FileManager.default.removeItem(atPath: workspace.path + "/repo/b.md")
        #expect(cache.freshness(settings: "s", inputs: inputs.snapshot(), outputFolder: output)
                    == .stale([workspace.path + "/repo/b.md", workspace.path + "/repo/c.md"]))
        try FileManager.default.removeItem(atPath: workspace.path + "/repo/c.md")
        try workspace.write("repo/b.md", "beta")
        try workspace.write("site/index.html", "edited by hand")
        #expect(cache.freshness(settings: "s", inputs: inputs.snapshot(), outputFolder: output) == .stale([]))
    }

    @Test("the site writer reuses unchanged files (linked into the new site), writes changed ones, drops stale ones; a link in the folder means everything is written")
    func writerUpdates() throws {
        let workspace = try Workspace()
        let output = workspace.path + "/site"
        let first = try SiteWriter().write([SiteFile(path: "a/one.html", bytes: Array("1".utf8)), SiteFile(path: "b/two.html", bytes: Array("2".utf8))],
                                           to: output, roots: [])
        #expect(first.replacedWhole)
        #expect(first.written == [".portal-build", "a/one.html", "b/two.html"])
        let second = try SiteWriter().write([SiteFile(path: "a/one.html", bytes: Array("1".utf8)), SiteFile(path: "c/three.html", bytes: Array("3".utf8))],
                                            to: output, roots: [], previous: first.outputs)
        #expect(!second.replacedWhole)
        #expect(second.written == ["c/three.html"])
        #expect(second.outputs["a/one.html"] == first.outputs["a/one.html"], "the unchanged file is the same file (a hard link): same stamp")
        #expect(second.removed == ["b/two.html"])
        #expect(FileSystem.type(of: output + "/b") == nil, "the emptied folder is removed")
        #expect(try workspace.read("site/c/three.html") == "3")

        try workspace.link("site/a/linked.html", to: "/etc/hostname")
        let third = try SiteWriter().write([SiteFile(path: "a/one.html", bytes: Array("1".utf8))], to: output, roots: [], previous: second.outputs)
        #expect(third.replacedWhole, "a link inside the output folder is not trusted")
        #expect(FileSystem.type(of: output + "/a/linked.html") == nil)
        #expect(throws: SiteWriteError.self) {
            try SiteWriter().write([SiteFile(path: "../escape.html", bytes: [])], to: output, roots: [], previous: third.outputs)
        }
        #expect(FileSystem.type(of: workspace.path + "/escape.html") == nil)
    }
}
