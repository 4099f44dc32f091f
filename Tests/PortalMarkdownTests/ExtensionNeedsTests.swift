import Foundation
@testable import PortalMarkdown
import Testing

/// cmark-gfm's `table` and `autolink` extensions are attached only to text that can use them
/// (``ExtensionNeeds``); these tests check that leaving them off never changes the HTML.
@Suite("Extensions attached only where the text can use them")
struct ExtensionNeedsTests {
    @Test("a pipe, or a colon beside a hyphen, may start a table; hyphens alone do not", arguments: [
        ("a | b\n--|--\n", true), ("a\n:-:\n", true), ("a\n-:\n", true), ("a b\n :--- \n", true),
        ("a\n---\n", false), ("plain text: with a colon - and a hyphen\n", false), ("", false),
    ])
    func tables(_ text: String, _ expected: Bool) {
        #expect(ExtensionNeeds(text).tables == expected)
    }

    @Test("`@`, `://` and a lowercase `www.` may start an autolink", arguments: [
        ("write to team@example.com", true), ("see http://example.com", true), ("ftp://host/file", true),
        ("visit www.example.com", true), ("WWW.EXAMPLE.COM and Note: this", false), ("a word with w and a colon:", false),
    ])
    func autolinks(_ text: String, _ expected: Bool) {
        #expect(ExtensionNeeds(text).autolinks == expected)
    }

    @Test("needles are found at the start, the end and between near misses")
    func contains() {
        func check(_ text: String, _ needle: StaticString) -> Bool {
            var text = text
            return text.withUTF8 { ASCII.firstIndex(of: needle, in: $0, from: 0) != nil }
        }
        #expect(check("www.", "www."))
        #expect(check("ww www.", "www."))
        #expect(!check("www", "www."))
        #expect(check("a:-", ":-"))
        #expect(!check(": - :", ":-"))
        #expect(!check("", "@"))
    }

    /// Pipe-less one-column tables, setext headings, emails, URLs and near misses of each.
    static let samples = [
        "a\n:-:\n", "a\n-:\nb\n", "a\n---\n", "a\n    ---\n", "> a\n---\n", "a\n- - -\n", "| a |\n| - |\n| b |\n",
        "Mail me@example.org or x@y, visit www.example.com, http://example.com/a_(b) and ftp://h.\n",
        "WWW.EXAMPLE.COM, wwwx.example, mailto:someone, http:/x, w w w . example . com\n",
        "~~gone~~ and *a|b* and `a|b` and a \\| b\n", "Term: definition - more: text :- x -: y\n",
    ]

    @Test("the HTML is the same with every extension attached", arguments: samples)
    func sameHTML(_ markdown: String) {
        let renderer = MarkdownRenderer(allowRawHTML: true)
        #expect(renderer.renderWithCmark(markdown) == renderer.renderWithCmark(markdown, extensions: MarkdownRenderer.extensionNames))
    }

    @Test("the HTML of every Markdown file of the shared corpus is the same with every extension attached",
          .enabled(if: Self.corpusMarkdown() != nil, "../shared/corpus is not present"))
    func sameHTMLOnCorpus() throws {
        let files = try #require(Self.corpusMarkdown())
        #expect(files.count > 100)
        let renderer = MarkdownRenderer(allowRawHTML: true)
        var skipped = (tables: 0, autolinks: 0)
        for (path, markdown) in files {
            let needs = ExtensionNeeds(markdown)
            if !needs.tables { skipped.tables += 1 }
            if !needs.autolinks { skipped.autolinks += 1 }
            #expect(renderer.renderWithCmark(markdown) == renderer.renderWithCmark(markdown, extensions: MarkdownRenderer.extensionNames),
                    "\(path)")
        }
        // Both kinds of file are there: the comparison covers pages that leave extensions off.
        #expect(skipped.tables > 10 && skipped.tables < files.count)
        #expect(skipped.autolinks > 10 && skipped.autolinks < files.count)
    }

    /// The Markdown files of `../shared/corpus` (path, text), when it is there.
    static func corpusMarkdown() -> [(String, String)]? {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let corpus = package.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        guard let walker = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil) else { return nil }
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension.lowercased() == "md" {
            if let text = try? String(contentsOf: url, encoding: .utf8) { files.append((url.path, text)) }
        }
        return files.isEmpty ? nil : files.sorted { $0.0 < $1.0 }
    }
}
