import Foundation
import Testing
@testable import PortalCommandLine
import PortalKit

@Suite("serve: docs edits re-render only what they affect, and the result equals a clean build")
struct PreviewRebuildTests {
    private static let component = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: alpha
          annotations:
            backstage.io/techdocs-ref: dir:.
        spec:
          type: service
          lifecycle: production
          owner: team-a
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: team-a
        spec:
          type: team
          children: []

        """

    private static let files = [
        "repos/alpha/catalog-info.yaml": component,
        "repos/alpha/docs/index.md": "# Alpha\n\nStart with [setup](setup.md#install).\n",
        "repos/alpha/docs/setup.md": "# Setup\n\n## Install\n\nRun it.\n",
        "repos/alpha/docs/faq.md": "# FAQ\n\nAsk.\n",
    ]

    @Test("a body edit writes that page (and the health data when problems change); a title edit its whole site; each equals a clean build")
    func docsEdits() throws {
        let base = try folder(Self.files)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        let first = action.perform(keepsSession: true)
        #expect(first.session != nil)
        let rebuilds = PreviewRebuilds(build: action, output: base + "/site", first: first, print: { _ in })
        let setup = base + "/repos/alpha/docs/setup.md"

        try "# Setup\n\n## Install\n\nRun it with zeppelins.\n".write(toFile: setup, atomically: true, encoding: .utf8)
        let body = rebuilds.rebuild(changes: [setup]) { _ in true }
        #expect(body.replacedSite)
        #expect(body.report.contains("(docs pages only; the search index follows)"), "\(body.report)")
        #expect(body.report.contains("wrote 1 file to "), "only the page itself: \(body.report)")
        try expectSameAsClean(base, after: "a body edit", rebuilds)

        try "# Setup\n\n## Installation\n\nRun it.\n".write(toFile: setup, atomically: true, encoding: .utf8)
        let anchor = rebuilds.rebuild(changes: [setup]) { _ in true }
        #expect(anchor.diagnostics.contains { $0.id == .docsMissingAnchor && $0.location.file.hasSuffix("index.md") },
                "index.md's link to #install is now broken: \(anchor.report)")
        #expect(anchor.report.contains("wrote 4 files to "), "the page, the health page, health.json and docs.json: \(anchor.report)")
        try expectSameAsClean(base, after: "a heading rename", rebuilds)

        try "# Setting up\n\n## Install\n\nRun it.\n".write(toFile: setup, atomically: true, encoding: .utf8)
        let title = rebuilds.rebuild(changes: [setup]) { _ in true }
        #expect(title.report.contains("(docs pages only"), "\(title.report)")
        try expectSameAsClean(base, after: "a title change", rebuilds)

        #expect(action.perform().output.contains("is up to date"), "the serve updates are recorded in the cache")

        let descriptor = base + "/repos/alpha/catalog-info.yaml"
        try Self.component.replacingOccurrences(of: "lifecycle: production", with: "lifecycle: deprecated").write(toFile: descriptor, atomically: true, encoding: .utf8)
        let full = rebuilds.rebuild(changes: [descriptor]) { _ in true }
        #expect(!full.report.contains("docs pages only"), "a descriptor edit is a full build: \(full.report)")
        try expectSameAsClean(base, after: "a descriptor edit", rebuilds)

        try "# FAQ\n\nAsk again.\n".write(toFile: base + "/repos/alpha/docs/faq.md", atomically: true, encoding: .utf8)
        #expect(rebuilds.rebuild(changes: [base + "/repos/alpha/docs/faq.md"]) { _ in true }.report.contains("docs pages only"),
                "the full build kept a new session")
        try expectSameAsClean(base, after: "an edit after a full build", rebuilds)
    }

    @Test("added or removed pages, images and pages read by placeholders take the full build")
    func notFastPath() throws {
        let base = try folder(Self.files.merging([
            "repos/beta/catalog-info.yaml": Self.component.replacingOccurrences(of: "name: alpha", with: "name: beta")
                .replacingOccurrences(of: "name: team-a\nspec:\n  type: team", with: "name: team-b\n  description:\n    $text: ./docs/index.md\nspec:\n  type: team"),
            "repos/beta/docs/index.md": "# Beta\n",
            "repos/alpha/docs/image.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ]) { $1 })
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        let rebuilds = PreviewRebuilds(build: action, output: base + "/site", first: action.perform(keepsSession: true), print: { _ in })
        for (path, text) in [("repos/alpha/docs/new.md", "# New\n"), ("repos/alpha/docs/image.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>"),
                             ("repos/beta/docs/index.md", "# Beta, described\n")] {
            try text.write(toFile: base + "/" + path, atomically: true, encoding: .utf8)
            let outcome = rebuilds.rebuild(changes: [base + "/" + path]) { _ in true }
            #expect(!outcome.report.contains("docs pages only"), "\(path): \(outcome.report)")
            try expectSameAsClean(base, after: path, rebuilds)
        }
        try FileManager.default.removeItem(atPath: base + "/repos/alpha/docs/faq.md")
        #expect(!rebuilds.rebuild(changes: [base + "/repos/alpha/docs/faq.md"]) { _ in true }.report.contains("docs pages only"))
        try expectSameAsClean(base, after: "a removed page", rebuilds)
    }

    @Test("random docs edits on a generated organisation give the same site as a clean build",
          .enabled(if: corpusGeneratorPresent, "../shared/bench/gen_corpus.py is not present"))
    func generated() throws {
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let failure = try generateOrganisation(at: base + "/repos", repos: 8, pages: 80, seed: 5)
        try #require(failure == nil, "\(failure ?? "")")
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site", quiet: true)
        let rebuilds = PreviewRebuilds(build: action, output: base + "/site", first: action.perform(keepsSession: true), print: { _ in })
        var random = SplitMix(seed: 19)
        let pages = try FileManager.default.subpathsOfDirectory(atPath: base + "/repos").filter { $0.hasSuffix(".md") && $0.contains("/docs/") }.sorted()
        try #require(pages.count > 20)
        for round in 1...4 {
            let page = base + "/repos/" + pages.randomElement(using: &random)!
            let text = try String(contentsOfFile: page, encoding: .utf8)
            let edited = round.isMultiple(of: 2) ? "# Retitled \(round)\n\n" + text : text + "\n\nMore about [the index](index.md#nowhere) and quokkas.\n"
            try edited.write(toFile: page, atomically: true, encoding: .utf8)
            let outcome = rebuilds.rebuild(changes: [page]) { _ in true }
            #expect(outcome.report.contains("docs pages only"), "round \(round): \(outcome.report)")
            try expectSameAsClean(base, after: "round \(round): \(page)", rebuilds)
        }
    }

    /// Waits for the background search update, then compares the served folder with a clean build.
    private func expectSameAsClean(_ base: String, after edit: String, _ rebuilds: PreviewRebuilds,
                                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        rebuilds.waitUntilIdle()
        let clean = base + "/clean"
        try? FileManager.default.removeItem(atPath: clean)
        _ = BuildAction(roots: [base + "/repos"], output: clean, quiet: true, clean: true).perform()
        defer { try? FileManager.default.removeItem(atPath: clean) }
        let differing = try siteDifferences(base + "/site", clean)
        #expect(differing.isEmpty, "after \(edit): \(differing.prefix(10))", sourceLocation: sourceLocation)
    }

}
