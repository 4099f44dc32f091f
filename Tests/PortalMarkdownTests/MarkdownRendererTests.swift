@testable import PortalMarkdown
import Testing

@Suite("Markdown rendering with GitHub extensions")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test("CommonMark basics render as plain HTML")
    func commonMarkBasics() {
        #expect(renderer.render("# Title\n\n*em* **strong** `a < b`\n")
            == "<h1>Title</h1>\n<p><em>em</em> <strong>strong</strong> <code>a &lt; b</code></p>\n")
    }

    @Test("empty input renders to an empty string")
    func emptyInput() {
        #expect(renderer.render("") == "")
    }

    @Test("a GFM table renders with thead, tbody and column alignment")
    func table() {
        let html = renderer.render("| a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n")
        #expect(html == """
            <table>
            <thead>
            <tr>
            <th>a</th>
            <th align="center">b</th>
            <th align="right">c</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>1</td>
            <td align="center">2</td>
            <td align="right">3</td>
            </tr>
            </tbody>
            </table>

            """)
    }

    @Test("double and single tildes render as strikethrough")
    func strikethrough() {
        #expect(renderer.render("~~gone~~ and ~one~\n") == "<p><del>gone</del> and <del>one</del></p>\n")
    }

    @Test("bare URLs, www. hosts and e-mail addresses become links")
    func autolink() {
        #expect(renderer.render("see https://example.com and www.example.org, mail me@example.com.\n")
            == "<p>see <a href=\"https://example.com\">https://example.com</a> and "
            + "<a href=\"http://www.example.org\">www.example.org</a>, mail "
            + "<a href=\"mailto:me@example.com\">me@example.com</a>.</p>\n")
    }

    @Test("task list items render as disabled checkboxes, checked for [x]")
    func taskList() {
        #expect(renderer.render("- [ ] todo\n- [x] done\n") == """
            <ul>
            <li><input type="checkbox" disabled="" /> todo</li>
            <li><input type="checkbox" checked="" disabled="" /> done</li>
            </ul>

            """)
    }

    @Test("footnotes render as a reference and a footnotes section with a back link")
    func footnotes() {
        #expect(renderer.render("Text[^1].\n\n[^1]: The note.\n") == """
            <p>Text<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup>.</p>
            <section class="footnotes" data-footnotes>
            <ol>
            <li id="fn-1">
            <p>The note. <a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p>
            </li>
            </ol>
            </section>

            """)
    }

    @Test("a fenced code block's language goes on <pre lang> (cmark-gfm's GITHUB_PRE_LANG form)")
    func fencedCodeLanguage() {
        #expect(renderer.render("```swift\nlet x = 1 < 2\n```\n")
            == "<pre lang=\"swift\"><code>let x = 1 &lt; 2\n</code></pre>\n")
        #expect(renderer.render("```\nplain\n```\n") == "<pre><code>plain\n</code></pre>\n")
    }

    @Test("only the first word of a fence's info string is the language")
    func fencedCodeInfoString() {
        #expect(renderer.render("```yaml title=\"catalog\"\na: 1\n```\n") == "<pre lang=\"yaml\"><code>a: 1\n</code></pre>\n")
    }

    @Test("non-ASCII text passes through and a NUL becomes U+FFFD")
    func unicodeAndNul() {
        #expect(renderer.render("caf\u{E9} \u{1F600}\n") == "<p>caf\u{E9} \u{1F600}</p>\n")
        #expect(renderer.render("a\u{0}b\n") == "<p>a\u{FFFD}b</p>\n")
    }

    @Test("extensionNames lists the attached GitHub extensions")
    func extensionNames() {
        #expect(MarkdownRenderer.extensionNames == ["table", "strikethrough", "autolink", "tagfilter", "tasklist"])
        #expect(MarkdownRenderer().allowRawHTML == false)
    }

    @Test("on Linux parsers finish without taking turns: cmark-gfm's calls reach portal-build's replacement, which keeps the characters in place")
    func sharedInlineCharacters() {
        #if os(Linux)
        #expect(InlineCharacters.isShared, "the test bundle is linked with --export-dynamic-symbol (Package.swift)")
        #endif
        #expect(MarkdownRenderer().render("~~a~~ www.example.com") == "<p><del>a</del> <a href=\"http://www.example.com\">www.example.com</a></p>\n")
    }

    @Test("concurrent renders keep strikethrough and autolinks (regression: cmark-gfm's global special-character table)")
    func concurrentRendering() async {
        // cmark-gfm adds `~`, `:` and `w` to a process-wide table while parsing inlines and removes them
        // afterwards; a render running alongside another one lost them now and then, until they were
        // kept in place for good (InlineCharacters). Both renderers run at once.
        let source = String(repeating: "a ~~x~~ www.example.com b\n\n", count: 50)
        let paragraph = "<p>a <del>x</del> <a href=\"http://www.example.com\">www.example.com</a> b</p>\n"
        let expected = String(repeating: paragraph, count: 50)
        let outputs = await withTaskGroup(of: String.self, returning: [String].self) { group in
            for index in 0..<400 {
                group.addTask {
                    index.isMultiple(of: 2) ? MarkdownRenderer().render(source)
                        : String(decoding: DocumentRenderer().render(source).htmlBytes, as: UTF8.self)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outputs.count == 400)
        #expect(outputs.filter { $0 != expected }.count == 0)
    }
}

@Suite("Markdown plain-sentence shortcut")
struct MarkdownPlainParagraphTests {
    @Test("plain sentences render as cmark-gfm renders them, and anything else goes to cmark-gfm", arguments: [
        "Compliance dashboard severity only invalid consistent.",
        "Returns 50 items, sorted by name.",
        "OK",
        "a  b",
        "Visit www.example.com for more.",
        "wwwwww.x",
        "A w.w.w. and ww. sentence.",
        "WWW.EXAMPLE.COM",
        "1. first",
        "Trailing space ",
        " leading space",
        "Two\nlines",
        "Under_score and star*",
        "Caf\u{E9} au lait",
        "x",
    ])
    func matchesCmark(_ text: String) {
        let renderer = MarkdownRenderer()
        #expect(renderer.render(text) == renderer.renderWithCmark(text))
    }

    @Test("only plain sentences take the shortcut")
    func shortcutIsNarrow() {
        #expect(MarkdownRenderer.plainParagraph("Returns 50 items, sorted by name.") == "<p>Returns 50 items, sorted by name.</p>\n")
        for text in ["Visit www.example.com", "1. first", "Trailing space ", "a *b*", "", "Caf\u{E9}", "a\nb"] {
            #expect(MarkdownRenderer.plainParagraph(text) == nil, "\(text)")
        }
    }
}
