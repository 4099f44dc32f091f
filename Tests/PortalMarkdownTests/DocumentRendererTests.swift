import Foundation
import PortalMarkdown
import Testing

@Suite("Docs pages: headings, code, links and raw HTML")
struct DocumentRendererTests {
    let renderer = DocumentRenderer()

    @Test("headings get GitHub-style unique ids, permalinks and { #id .class } attribute lists")
    func headings() {
        let document = renderer.render("""
        # Getting Started!

        ## Install `swift` & tools

        ## Install `swift` & tools

        ## Configure { #custom-id .note }

        ### Über café
        """)
        #expect(document.headings.map(\.id) == ["getting-started", "install-swift--tools", "install-swift--tools-1", "custom-id", "über-café"])
        #expect(document.headings.map(\.level) == [1, 2, 2, 2, 3])
        #expect(document.headings[3].text == "Configure")
        #expect(document.firstTitle == "Getting Started!")
        #expect(document.html.contains("<h2 id=\"custom-id\" class=\"note\">\nConfigure\n<a class=\"headerlink\" href=\"#custom-id\""))
        #expect(!document.html.contains("{ #custom-id"))
        #expect(document.html.contains("<h2 id=\"install-swift--tools\">\nInstall <code>swift</code> &amp; tools"))
    }

    @Test("an unsafe link or image in a table cell keeps its text (regression: fuzzing found the replacement refused there, leaked, and the link lost)")
    func unsafeLinkInTableCell() {
        let document = renderer.render("| a | b |\n| - | - |\n| [click me](javascript:alert(1)) | ![logo](vbscript:x) |\n")
        #expect(document.html.contains("<td>"))
        #expect(document.html.contains("click me"))
        #expect(!document.html.contains("javascript") && !document.html.contains("vbscript"))
        #expect(document.unsafeLinks.map(\.destination) == ["javascript:alert(1)", "vbscript:x"])
        #expect(MarkdownRenderer().render("| a |\n| - |\n| [click me](javascript:alert(1)) |\n").contains("click me"))
    }

    @Test("braces that are not an attribute list stay in the heading")
    func headingBracesKept() {
        let document = renderer.render("## Use {placeholders} here {value}\n")
        #expect(document.headings.first?.text == "Use {placeholders} here {value}")
    }

    @Test("fenced code is highlighted at build time, with a title; unknown languages are escaped text")
    func codeBlocks() {
        let document = renderer.render("""
        ```python title="charge.py"
        def charge(): return "<ok>"
        ```

        ```brainfuck
        <script>&
        ```
        """)
        #expect(document.html.contains("<div class=\"code-block\"><div class=\"code-title\">charge.py</div><pre tabindex=\"0\"><code class=\"language-python\"><span class=\"tok-keyword\">def</span>"))
        #expect(document.html.contains("<span class=\"tok-string\">&quot;&lt;ok&gt;&quot;</span>"))
        #expect(document.html.contains("<div class=\"code-block\"><pre tabindex=\"0\"><code>&lt;script&gt;&amp;\n</code></pre></div>"))
    }

    @Test("Mermaid fences become diagram blocks showing their escaped source")
    func mermaid() {
        let document = renderer.render("```mermaid\ngraph TD\n  A-->B<script>\n```\n")
        #expect(document.hasMermaid)
        #expect(document.html == "<pre class=\"mermaid\" tabindex=\"0\">graph TD\n  A--&gt;B&lt;script&gt;\n</pre>\n")
    }

    @Test("every link and image is offered for rewriting, at its position in the original file")
    func linkPositions() {
        var seen: [MarkdownLinkReference] = []
        let document = renderer.render("""
        ---
        title: Front
        ---
        See [setup](setup.md#install).

        !!! note
            Inside: ![diagram](img/d.png) and [x](x.md).
        """) { link in
            seen.append(link)
            return link.destination == "setup.md#install" ? "../setup/#install" : nil
        }
        #expect(seen == [
            MarkdownLinkReference(destination: "setup.md#install", isImage: false, line: 4, column: 5),
            MarkdownLinkReference(destination: "img/d.png", isImage: true, line: 7, column: 13),
            MarkdownLinkReference(destination: "x.md", isImage: false, line: 7, column: 39),
        ])
        #expect(document.html.contains("<a href=\"../setup/#install\">setup</a>"))
        #expect(document.frontMatter?.text == "title: Front\n")
    }

    @Test("unsafe link schemes are removed and reported, even when a rewrite returns one")
    func unsafeLinks() {
        let document = renderer.render("[a](javascript:alert(1)) [b](https://ok.example) [c](c.md)") { link in
            link.destination == "c.md" ? "vbscript:x" : nil
        }
        #expect(document.unsafeLinks.map(\.destination) == ["javascript:alert(1)", "c.md"])
        #expect(document.html == "<p><a>a</a> <a href=\"https://ok.example\">b</a> <a>c</a></p>\n")
    }

    @Test("a removed link keeps its content and title but no href (an empty one would link to the page); an image keeps its alt")
    func unsafeLinkForm() {
        let document = renderer.render("[*a* `b`](javascript:x \"T<\") ![an *image*](javascript:y) [![i](vbscript:z)](ok.md)")
        #expect(document.html == "<p><a title=\"T&lt;\"><em>a</em> <code>b</code></a> <img alt=\"an image\" /> <a href=\"ok.md\"><img alt=\"i\" /></a></p>\n")
        #expect(document.unsafeLinks.map(\.destination) == ["javascript:x", "javascript:y", "vbscript:z"])
    }

    @Test("a link the rewrite empties (a target that does not resolve) loses its destination, in Markdown and raw HTML")
    func emptiedLinks() {
        let document = renderer.render("[a](entity:ghost) [b]() <a href=\"entity:ghost\">c</a>") { link in
            link.destination.hasPrefix("entity:") ? "" : nil
        }
        #expect(document.html == "<p><a>a</a> <a href=\"\">b</a> <a>c</a></p>\n")
        #expect(document.unsafeLinks.isEmpty)
    }

    @Test("unsafe URLs in raw HTML are reported like Markdown links, at their attribute")
    func unsafeRawHTMLLinks() {
        let document = renderer.render("""
        Intro

        <p>See <a href="java&#x09;script:alert(1)">this</a>
          and <img src="javascript:x" alt="y"></p>

        Inline <a title=t href=javascript:z>z</a>.
        """)
        #expect(document.unsafeLinks == [
            MarkdownLinkReference(destination: "java\tscript:alert(1)", isImage: false, line: 3, column: 11),
            MarkdownLinkReference(destination: "javascript:x", isImage: true, line: 4, column: 12),
            MarkdownLinkReference(destination: "javascript:z", isImage: false, line: 6, column: 19),
        ])
        #expect(document.html.contains("<p>See <a>this</a>\n  and <img alt=\"y\"></p>"))
        #expect(document.html.contains("Inline <a title=\"t\">z</a>."))
    }

    @Test("raw HTML is kept but sanitised, and its src/href go through the rewrite too")
    func rawHTML() {
        var rewritten: [String] = []
        let document = renderer.render("""
        <details><summary>More</summary>
        <img src="images/x.png" width="40" onerror="alert(1)">
        </details>
        """) { link in
            rewritten.append(link.destination)
            return "../" + link.destination
        }
        #expect(rewritten == ["images/x.png"])
        #expect(document.html == "<details><summary>More</summary>\n<img src=\"../images/x.png\" width=\"40\">\n</details>\n")
    }

    @Test("abbreviations wrap whole words only")
    func abbreviations() {
        let document = renderer.render("HTML and XHTML and HTML5.\n\n*[HTML]: Hyper Text\n")
        #expect(document.html == "<p><abbr title=\"Hyper Text\">HTML</abbr> and XHTML and HTML5.</p>\n")
    }

    @Test("snippet includes are reported, not read")
    func snippets() {
        let document = renderer.render("Intro\n\n--8<-- \"/etc/passwd\"\n")
        #expect(document.snippetLines == [3])
        #expect(document.html.contains("--8&lt;-- &quot;/etc/passwd&quot;"))
    }
}

@Suite("Docs pages: nothing from a hostile document executes")
struct DocumentHostileInputTests {
    static let inputs: [String] = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle/></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>go</button></form>",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"  JAVASCRIPT:alert(1)\">x</a>",
        "[md link](javascript:alert(1))",
        "[md link](vbscript:msgbox(1))",
        "![img](data:text/html;base64,PHNjcmlwdD4=)",
        "[data](data:text/html,<script>alert(1)</script>)",
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "!!! note \"<script>alert(1)</script>\"\n    body <img src=x onerror=alert(1)>",
        "=== \"<img src=x onerror=alert(1)>\"\n    tab",
        "```mermaid\n</pre><script>alert(1)</script>\n```",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<!--><script>alert(1)</script>-->",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<div>\n<script>\nalert(1)\n\n</script>\n</div>",
    ]

    @Test("no script, event handler, dangerous element or javascript: URL survives", arguments: inputs)
    func hostile(_ markdown: String) {
        let html = DocumentRenderer().render(markdown).html
        let problems = Self.executableParts(of: html)
        #expect(problems.isEmpty, "\(problems) in \(html)")
    }

    /// An independent check of the output (not the sanitiser's own tokenizer): tag names and
    /// attributes read with a simple scan.
    static func executableParts(of html: String) -> [String] {
        var problems: [String] = []
        let lower = html.lowercased()
        for element in ["<script", "<iframe", "<object", "<embed", "<style", "<form", "<meta", "<base", "<svg", "<math", "<link"]
        where lower.contains(element) {
            problems.append(element)
        }
        for scheme in ["javascript:", "vbscript:", "data:text"] where lower.contains(scheme) {
            // Allowed only as escaped text (inside code or an escaped title), never inside a tag.
            if lower.split(separator: "<").contains(where: { tag in
                let inside = tag.prefix { $0 != ">" }
                return inside.contains(scheme)
            }) {
                problems.append(scheme)
            }
        }
        for tag in lower.split(separator: "<").dropFirst() {
            let inside = tag.prefix { $0 != ">" }
            // Quoted values are text to the browser: drop them before reading attribute names.
            var outsideQuotes = ""
            var quote: Character?
            for character in inside {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else {
                    outsideQuotes.append(character)
                }
            }
            let words = outsideQuotes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "/" })
            if words.dropFirst().contains(where: { $0.hasPrefix("on") && $0.contains("=") }) {
                problems.append("event handler in <\(inside)>")
            }
        }
        return problems
    }
}

@Suite("Docs pages: valid, accessible HTML where cmark-gfm's is not")
struct RenderedHTMLFixesTests {
    @Test("table alignment becomes classes, task boxes get names, footnotes get a heading")
    func fixes() {
        let html = DocumentRenderer().render("| a | b |\n| :-: | --: |\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n\nNote[^1].\n\n[^1]: Text.\n").html
        #expect(html.contains("<th class=\"align-center\">a</th>\n<th class=\"align-right\">b</th>"))
        #expect(html.contains("<td class=\"align-center\">1</td>"))
        #expect(!html.contains("align=\""))
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" /> done"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" /> open"))
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>\n<h2 class=\"visually-hidden\">Footnotes</h2>\n<ol>"))
    }
}

@Suite("Docs pages: cmark-gfm's per-thread arena")
struct DocumentArenaTests {
    static let page = """
    # Title { #top }

    Text with a [link](other.md), ~~struck~~ and www.example.com, `code` and <b>raw</b>.

    ```swift
    let x = 1
    ```

    | a | b |
    | :- | -: |
    | 1 | 2 |
    """

    @Test("pages rendered on threads that end, one after another, are the same as on this thread; a page larger than the arena's block then a small one on the same thread too")
    func threadsThatEnd() {
        let expected = DocumentRenderer().render(Self.page).htmlBytes
        let large = Self.page + "\n\n" + String(repeating: "A paragraph of text with *emphasis* and [a link](x.md).\n\n", count: 40_000)
        let expectedLarge = DocumentRenderer().render(large).htmlBytes
        #expect(expectedLarge.count > 2 << 20)
        for round in 0..<24 {
            let result = Outputs()
            let done = DispatchSemaphore(value: 0)
            // Each thread ends after its pages: the block its arena keeps is freed then.
            Thread {
                var outputs = [DocumentRenderer().render(Self.page).htmlBytes]
                if round % 8 == 0 { outputs.append(DocumentRenderer().render(large).htmlBytes) }
                outputs.append(DocumentRenderer().render(Self.page).htmlBytes)
                result.pages = outputs
                done.signal()
            }.start()
            done.wait()
            let outputs = result.pages
            #expect(outputs.first == expected && outputs.last == expected, "round \(round)")
            if round % 8 == 0 { #expect(outputs.count == 3 && outputs[1] == expectedLarge, "round \(round)") }
        }
    }
}

/// What a rendering thread hands back; read after its semaphore is signalled.
private final class Outputs: @unchecked Sendable {
    var pages: [[UInt8]] = []
}
