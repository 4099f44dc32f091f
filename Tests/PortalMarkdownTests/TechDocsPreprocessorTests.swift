import PortalMarkdown
import Testing

/// Preprocesses `source`, checks the invariant every result keeps (one origin per Markdown line,
/// every line terminated), and returns the result.
private func preprocess(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> PreprocessedMarkdown {
    let result = TechDocsPreprocessor.process(source)
    let lineCount = result.markdown.utf8.count { $0 == UInt8(ascii: "\n") }
    #expect(result.lineOrigins.count == lineCount, "one origin per Markdown line", sourceLocation: sourceLocation)
    #expect(result.markdown.isEmpty || result.markdown.utf8.last == UInt8(ascii: "\n"), sourceLocation: sourceLocation)
    return result
}

private func markdown(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    preprocess(source, sourceLocation: sourceLocation).markdown
}

/// `line:shift` for every Markdown line, compact enough to compare whole files.
private func origins(_ source: String) -> [String] {
    preprocess(source).lineOrigins.map { "\($0.line):\($0.columnShift)" }
}

/// The preprocessed Markdown through cmark-gfm, raw HTML kept (the integrator sanitises it later).
private func html(_ source: String) -> String {
    MarkdownRenderer(allowRawHTML: true).render(markdown(source))
}

/// The 0-based Markdown line holding `needle`, and the 1-based column where it starts.
private func position(of needle: String, in markdown: String) -> (line: Int, column: Int)? {
    for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if let range = line.firstRange(of: needle) {
            return (index, line.utf8.distance(from: line.startIndex, to: range.lowerBound) + 1)
        }
    }
    return nil
}

@Suite("TechDocs preprocessing: front matter")
struct TechDocsFrontMatterTests {
    @Test("YAML front matter is removed and returned; the body keeps its original line numbers")
    func yamlFrontMatter() {
        let result = preprocess("---\ntitle: Guide\ntags: [a, b]\n---\n# Guide\n\nText\n")
        #expect(result.markdown == "# Guide\n\nText\n")
        #expect(result.frontMatter == FrontMatter(format: .yaml, text: "title: Guide\ntags: [a, b]\n", firstLine: 2))
        #expect(result.lineOrigins == [LineOrigin(line: 5, columnShift: 0), LineOrigin(line: 6, columnShift: 0), LineOrigin(line: 7, columnShift: 0)])
    }

    @Test("YAML front matter may close with ...")
    func closingDots() {
        let result = preprocess("---\na: 1\n...\nBody\n")
        #expect(result.markdown == "Body\n")
        #expect(result.frontMatter?.text == "a: 1\n")
    }

    @Test("a byte-order mark before the front matter is skipped")
    func byteOrderMark() {
        let result = preprocess("\u{FEFF}---\na: 1\n---\nBody\n")
        #expect(result.markdown == "Body\n")
        #expect(result.frontMatter?.text == "a: 1\n")
        #expect(origins("\u{FEFF}Body\n") == ["1:0"])  // columns as editors show them
        #expect(markdown("\u{FEFF}Body\n") == "Body\n")
    }

    @Test("a first line of --- without a closing fence is not front matter")
    func unclosedIsNotFrontMatter() {
        let result = preprocess("---\nNot front matter\n")
        #expect(result.frontMatter == nil)
        #expect(result.markdown == "---\nNot front matter\n")
    }

    @Test("a thematic break first and another later is not front matter: the text between is no mapping")
    func thematicBreaks() {
        let source = "---\n# Heading\n\nSome text.\n\n---\n"
        #expect(preprocess(source).frontMatter == nil)
        #expect(markdown(source) == source)
        #expect(preprocess("---\n# comment\n\nkey: value\n---\n").frontMatter?.text == "# comment\n\nkey: value\n")
        #expect(preprocess("+++\n[params]\n+++\n").frontMatter?.format == .toml)
    }

    @Test("--- later in the file is not front matter")
    func onlyOnFirstLine() {
        let result = preprocess("Text\n---\na: 1\n---\n")
        #expect(result.frontMatter == nil)
        #expect(result.markdown == "Text\n---\na: 1\n---\n")
    }

    @Test("Hugo's TOML front matter between +++ fences is removed and returned as TOML")
    func tomlFrontMatter() {
        let result = preprocess("+++\ntitle = \"Guide\"\n+++\n\nBody\n")
        #expect(result.markdown == "\nBody\n")
        #expect(result.frontMatter == FrontMatter(format: .toml, text: "title = \"Guide\"\n", firstLine: 2))
        #expect(origins("+++\ntitle = \"Guide\"\n+++\n\nBody\n") == ["4:0", "5:0"])
    }

    @Test("a file of only front matter gives empty Markdown", arguments: ["---\na: 1\n---", "---\na: 1\n---\n", "---\n---\n"])
    func onlyFrontMatter(source: String) {
        let result = preprocess(source)
        #expect(result.markdown == "")
        #expect(result.lineOrigins.isEmpty)
        #expect(result.frontMatter != nil)
    }

    @Test("empty input gives empty Markdown and no front matter")
    func emptyInput() {
        let result = preprocess("")
        #expect(result.markdown == "")
        #expect(result.lineOrigins.isEmpty)
        #expect(result.frontMatter == nil)
        #expect(result.abbreviations.isEmpty)
        #expect(result.snippetLines.isEmpty)
    }

    @Test("CRLF front matter is returned with LF line endings")
    func crlfFrontMatter() {
        let result = preprocess("---\r\na: 1\r\nb: 2\r\n---\r\nBody\r\n")
        #expect(result.frontMatter?.text == "a: 1\nb: 2\n")
        #expect(result.markdown == "Body\n")
    }
}

@Suite("TechDocs preprocessing: admonitions")
struct TechDocsAdmonitionTests {
    @Test("!!! note becomes a div with a title paragraph and a Markdown body")
    func golden() {
        let source = "!!! note\n    Body with *emphasis*.\n\n    More [text](x.md).\n\nAfter\n"
        #expect(markdown(source) == """
            <div class="admonition note">
            <p class="admonition-title">Note</p>

            Body with *emphasis*.

            More [text](x.md).

            </div>


            After

            """)
        #expect(origins(source) == ["1:0", "1:0", "1:0", "2:4", "3:0", "4:4", "1:0", "1:0", "1:0", "5:0", "6:0"])
        #expect(html(source) == """
            <div class="admonition note">
            <p class="admonition-title">Note</p>
            <p>Body with <em>emphasis</em>.</p>
            <p>More <a href="x.md">text</a>.</p>
            </div>
            <p>After</p>

            """)
    }

    @Test("titles: given, empty, default from the type, modifiers as classes", arguments: [
        ("!!! warning \"Mind the gap\"", "<div class=\"admonition warning\">\n<p class=\"admonition-title\">Mind the gap</p>\n"),
        ("!!! tip \"\"", "<div class=\"admonition tip\">\n\n"),
        ("!!! danger", "<div class=\"admonition danger\">\n<p class=\"admonition-title\">Danger</p>\n"),
        ("!!! DANGER", "<div class=\"admonition danger\">\n<p class=\"admonition-title\">Danger</p>\n"),
        ("!!!info", "<div class=\"admonition info\">\n<p class=\"admonition-title\">Info</p>\n"),
        ("!!! info inline end \"Side\"", "<div class=\"admonition info inline end\">\n<p class=\"admonition-title\">Side</p>\n"),
        ("!!! note über", "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n"),
        ("!!! my_type-2", "<div class=\"admonition my_type-2\">\n<p class=\"admonition-title\">My_type-2</p>\n"),
        ("!!! note \"Say \"hi\" twice\"", "<div class=\"admonition note\">\n<p class=\"admonition-title\">Say &quot;hi&quot; twice</p>\n"),
        ("!!! note \"Run `make`\"", "<div class=\"admonition note\">\n<p class=\"admonition-title\">Run <code>make</code></p>\n"),
    ])
    func titles(header: String, opening: String) {
        #expect(markdown(header + "\n    Body\n").hasPrefix(opening))
    }

    @Test("a hostile title is escaped, never raw HTML")
    func hostileTitle() {
        let source = "!!! note \"<script>alert(1)</script>\"\n    Body\n"
        #expect(markdown(source).hasPrefix("""
            <div class="admonition note">
            <p class="admonition-title">&lt;script&gt;alert(1)&lt;/script&gt;</p>

            """))
        #expect(!html(source).contains("<script"))
        #expect(markdown("!!! note \"a\\\" onmouseover=\\\"x\"\n    Body\n").contains("<p class=\"admonition-title\">a\\&quot; onmouseover=\\&quot;x</p>"))
    }

    @Test("lines that only look like admonitions stay text", arguments: [
        "!!!", "!!! ", "!!! \"Title only\"", "!!!! note", "!!! note: here", "!!! note \"unterminated", "!!! note\"x\"",
    ])
    func notAdmonitions(line: String) {
        #expect(markdown(line + "\n    Body\n") == line + "\n    Body\n")
    }

    @Test("??? is a collapsed details block, ???+ an open one")
    func collapsible() {
        #expect(markdown("??? question \"Why?\"\n    Because.\n") == """
            <details class="admonition question">
            <summary>Why?</summary>

            Because.

            </details>


            """)
        #expect(markdown("???+ tip\n    Open.\n").hasPrefix("<details class=\"admonition tip\" open>\n<summary>Tip</summary>\n"))
        #expect(markdown("??? note \"\"\n    Body\n").hasPrefix("<details class=\"admonition note\">\n\n"))
        #expect(html("??? question \"Why?\"\n    Because *so*.\n")
            == "<details class=\"admonition question\">\n<summary>Why?</summary>\n<p>Because <em>so</em>.</p>\n</details>\n")
    }

    @Test("the body runs through blank lines to the first line indented less than 4")
    func bodyExtent() {
        let source = "!!! note\n    One\n\n\n    Two\nThree\n"
        #expect(markdown(source) == """
            <div class="admonition note">
            <p class="admonition-title">Note</p>

            One


            Two

            </div>

            Three

            """)
    }

    @Test("a body indented with a tab is dedented by one tab")
    func tabIndentedBody() {
        let source = "!!! note\n\tBody [link](a.md)\n\t\tcode\n"
        #expect(markdown(source) == """
            <div class="admonition note">
            <p class="admonition-title">Note</p>

            Body [link](a.md)
            \tcode

            </div>


            """)
        #expect(origins(source) == ["1:0", "1:0", "1:0", "2:1", "3:1", "1:0", "1:0", "1:0"])
    }

    @Test("an admonition without a body, also at the end of the file")
    func emptyBody() {
        #expect(markdown("!!! note") == "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n</div>\n\n")
        #expect(markdown("!!! note\nText\n") == "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n</div>\n\nText\n")
    }

    @Test("a fenced code block in the body is dedented and its markers stay literal")
    func fenceInBody() {
        let source = "!!! example\n    ```yaml\n    !!! note\n    key: value\n    ```\n    Done.\n"
        #expect(markdown(source) == """
            <div class="admonition example">
            <p class="admonition-title">Example</p>

            ```yaml
            !!! note
            key: value
            ```
            Done.

            </div>


            """)
        #expect(html(source) == """
            <div class="admonition example">
            <p class="admonition-title">Example</p>
            <pre lang="yaml"><code>!!! note
            key: value
            </code></pre>
            <p>Done.</p>
            </div>

            """)
    }

    @Test("a fence left open at the end of a body is closed before the closing tag")
    func unclosedFenceInBody() {
        let source = "!!! note\n    ~~~~\n    code\nAfter\n"
        #expect(markdown(source) == """
            <div class="admonition note">
            <p class="admonition-title">Note</p>

            ~~~~
            code
            ~~~~

            </div>

            After

            """)
        #expect(html(source).hasSuffix("</div>\n<p>After</p>\n"))
    }

    @Test("admonitions nest")
    func nested() {
        let source = "!!! note \"Outer\"\n    Outer text.\n\n    !!! warning \"Inner\"\n        Inner [link](in.md).\n"
        #expect(markdown(source) == """
            <div class="admonition note">
            <p class="admonition-title">Outer</p>

            Outer text.

            <div class="admonition warning">
            <p class="admonition-title">Inner</p>

            Inner [link](in.md).

            </div>


            </div>


            """)
        #expect(origins(source) == ["1:0", "1:0", "1:0", "2:4", "3:0", "4:0", "4:0", "4:0", "5:8", "4:0", "4:0", "4:0", "1:0", "1:0", "1:0"])
        #expect(html(source).contains("<div class=\"admonition warning\">\n<p class=\"admonition-title\">Inner</p>\n<p>Inner <a href=\"in.md\">link</a>.</p>\n</div>\n</div>"))
    }

    @Test("an admonition may interrupt a paragraph")
    func interruptsParagraph() {
        #expect(html("Text\n!!! note\n    Body\n")
            == "<p>Text</p>\n<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<p>Body</p>\n</div>\n")
    }
}

@Suite("TechDocs preprocessing: content tabs")
struct TechDocsTabTests {
    @Test("consecutive === blocks form one tab set, the first selected")
    func golden() {
        let source = "=== \"Linux\"\n    apt install x\n\n=== \"macOS\"\n    brew install x\n\nAfter\n"
        #expect(markdown(source) == """
            <div class="tabbed-set">
            <div class="tabbed-block tabbed-selected" data-tab-label="Linux">
            <p class="tabbed-label">Linux</p>

            apt install x

            </div>
            <div class="tabbed-block" data-tab-label="macOS">
            <p class="tabbed-label">macOS</p>

            brew install x

            </div>
            </div>


            After

            """)
        #expect(origins(source) == ["1:0", "1:0", "1:0", "1:0", "2:4", "1:0", "1:0", "4:0", "4:0", "4:0", "5:4", "4:0", "4:0", "1:0", "1:0", "6:0", "7:0"])
        #expect(html(source) == """
            <div class="tabbed-set">
            <div class="tabbed-block tabbed-selected" data-tab-label="Linux">
            <p class="tabbed-label">Linux</p>
            <p>apt install x</p>
            </div>
            <div class="tabbed-block" data-tab-label="macOS">
            <p class="tabbed-label">macOS</p>
            <p>brew install x</p>
            </div>
            </div>
            <p>After</p>

            """)
    }

    @Test("===! starts a new set and ===+ selects a tab")
    func newSetAndSelected() {
        let output = markdown("=== \"A\"\n    a\n===! \"B\"\n    b\n=== \"C\"\n    c\n===+ \"D\"\n    d\n")
        #expect(output.components("<div class=\"tabbed-set\">") == 2)
        #expect(output.contains("<div class=\"tabbed-block tabbed-selected\" data-tab-label=\"A\">"))
        #expect(output.contains("<div class=\"tabbed-block\" data-tab-label=\"C\">"))
        #expect(output.contains("<div class=\"tabbed-block tabbed-selected\" data-tab-label=\"D\">"))
        #expect(output.contains("<div class=\"tabbed-block\" data-tab-label=\"B\">"))
    }

    @Test("tab labels are escaped in the attribute and the label paragraph")
    func hostileLabel() {
        let output = markdown("=== \"<img src=x onerror=alert(1)> & `code`\"\n    Body\n")
        #expect(output.contains("data-tab-label=\"&lt;img src=x onerror=alert(1)&gt; &amp; `code`\""))
        #expect(output.contains("<p class=\"tabbed-label\">&lt;img src=x onerror=alert(1)&gt; &amp; <code>code</code></p>"))
    }

    @Test("=== without a quoted label is a setext underline, not a tab")
    func setextUnderline() {
        #expect(markdown("Title\n===\n") == "Title\n===\n")
        #expect(markdown("=== Tab\n    x\n") == "=== Tab\n    x\n")
    }

    @Test("an admonition in a tab in an admonition")
    func nesting() {
        let source = """
            !!! example "Install"
                === "pip"
                    !!! tip
                        Use a [venv](venv.md).
                    ```bash
                    pip install x
                    ```
                === "conda"
                    conda install x

            """
        #expect(markdown(source) == """
            <div class="admonition example">
            <p class="admonition-title">Install</p>

            <div class="tabbed-set">
            <div class="tabbed-block tabbed-selected" data-tab-label="pip">
            <p class="tabbed-label">pip</p>

            <div class="admonition tip">
            <p class="admonition-title">Tip</p>

            Use a [venv](venv.md).

            </div>

            ```bash
            pip install x
            ```

            </div>
            <div class="tabbed-block" data-tab-label="conda">
            <p class="tabbed-label">conda</p>

            conda install x

            </div>
            </div>


            </div>


            """)
        let result = preprocess(source)
        let link = position(of: "[venv]", in: result.markdown)!
        #expect(result.lineOrigins[link.line] == LineOrigin(line: 4, columnShift: 12))
        #expect(link.column + result.lineOrigins[link.line].columnShift == 19)
        let rendered = html(source)
        #expect(rendered.contains("<p>Use a <a href=\"venv.md\">venv</a>.</p>"))
        #expect(rendered.contains("<pre lang=\"bash\"><code>pip install x\n</code></pre>"))
        #expect(!rendered.contains("==="))
        #expect(!rendered.contains("!!!"))
    }
}

@Suite("TechDocs preprocessing: GitHub alerts")
struct TechDocsGitHubAlertTests {
    @Test("> [!NOTE] becomes an admonition with the quote's content as its body")
    func golden() {
        let source = "> [!NOTE]\n> Useful *information*.\n>\n> - item\nAfter\n"
        #expect(markdown(source) == """
            <div class="admonition note github-alert">
            <p class="admonition-title">Note</p>

            Useful *information*.

            - item

            </div>

            After

            """)
        #expect(origins(source) == ["1:0", "1:0", "1:0", "2:2", "3:0", "4:2", "1:0", "1:0", "1:0", "5:0"])
        #expect(html(source) == """
            <div class="admonition note github-alert">
            <p class="admonition-title">Note</p>
            <p>Useful <em>information</em>.</p>
            <ul>
            <li>item</li>
            </ul>
            </div>
            <p>After</p>

            """)
    }

    @Test("the five alert types, case-insensitive", arguments: [
        ("[!NOTE]", "note", "Note"), ("[!tip]", "tip", "Tip"), ("[!Important]", "important", "Important"),
        ("[!WARNING]", "warning", "Warning"), ("[!CAUTION]", "caution", "Caution"),
    ])
    func types(marker: String, type: String, title: String) {
        #expect(markdown(">  \(marker)\n> Body\n").hasPrefix(
            "<div class=\"admonition \(type) github-alert\">\n<p class=\"admonition-title\">\(title)</p>\n\nBody\n"
        ))
    }

    @Test("ordinary block quotes, unknown types and text after the marker are left alone", arguments: [
        "> Just a quote\n> [!NOTE]\n", "> [!DANGER]\n> Body\n", "> [!NOTE] Title\n> Body\n", "> [!NOTE\n> Body\n",
    ])
    func ordinaryQuotes(source: String) {
        #expect(markdown(source) == source)
    }

    @Test("an alert nests an admonition; a nested alert inside it too")
    func nested() {
        let output = markdown("> [!TIP]\n> !!! note\n>     Inner\n> > [!WARNING]\n> > Careful\n")
        #expect(output == """
            <div class="admonition tip github-alert">
            <p class="admonition-title">Tip</p>

            <div class="admonition note">
            <p class="admonition-title">Note</p>

            Inner

            </div>

            <div class="admonition warning github-alert">
            <p class="admonition-title">Warning</p>

            Careful

            </div>


            </div>


            """)
    }
}

@Suite("TechDocs preprocessing: small idioms")
struct TechDocsSmallIdiomTests {
    @Test("[TOC] alone on a line is removed")
    func tableOfContents() {
        let source = "# Title\n\n[TOC]\n\nText [TOC] stays\n"
        #expect(markdown(source) == "# Title\n\n\nText [TOC] stays\n")
        #expect(origins(source) == ["1:0", "2:0", "4:0", "5:0"])
    }

    @Test("heading attribute lists are left for the integrator")
    func headingAttributes() {
        let source = "## Title { #custom-id .class }\n\nText\n"
        #expect(markdown(source) == source)
    }

    @Test("abbreviation definitions are removed and returned in order")
    func abbreviations() {
        let source = "The HTML spec.\n\n*[HTML]: Hyper Text Markup Language\n*[W3C]:  World Wide Web Consortium  \n*[] : not one\n"
        let result = preprocess(source)
        #expect(result.markdown == "The HTML spec.\n\n*[] : not one\n")
        #expect(result.abbreviations == [
            Abbreviation(term: "HTML", expansion: "Hyper Text Markup Language"),
            Abbreviation(term: "W3C", expansion: "World Wide Web Consortium"),
        ])
        #expect(result.lineOrigins.map(\.line) == [1, 2, 5])
    }

    @Test("abbreviations inside an admonition body are collected too")
    func nestedAbbreviation() {
        let result = preprocess("!!! note\n    *[API]: Application Programming Interface\n    The API.\n")
        #expect(result.abbreviations == [Abbreviation(term: "API", expansion: "Application Programming Interface")])
        #expect(!result.markdown.contains("*[API]"))
    }

    @Test("snippet markers are left in place and their lines reported")
    func snippets() {
        let source = "Intro\n\n--8<-- \"includes/abbreviations.md\"\n\n```\n--8<-- \"shown.md\"\n```\n--8<--\nfile.md\n--8<--\n-8<- short.md\n"
        let result = preprocess(source)
        #expect(result.markdown == source)
        #expect(result.snippetLines == [3, 8, 10, 11])
    }
}

@Suite("TechDocs preprocessing: definition lists")
struct TechDocsDefinitionListTests {
    @Test("a term followed by :   definition becomes dl, dt and dd with a Markdown body")
    func golden() {
        let source = "`--verbose`\n:   Prints *more*.\n\n    Second paragraph.\n\nAfter\n"
        #expect(markdown(source) == """
            <dl>
            <dt><code>--verbose</code></dt>
            <dd>

            Prints *more*.

            Second paragraph.

            </dd>
            </dl>


            After

            """)
        #expect(origins(source) == ["1:0", "1:0", "2:0", "2:0", "2:4", "3:0", "4:4", "2:0", "2:0", "1:0", "1:0", "5:0", "6:0"])
        #expect(html(source) == """
            <dl>
            <dt><code>--verbose</code></dt>
            <dd>
            <p>Prints <em>more</em>.</p>
            <p>Second paragraph.</p>
            </dd>
            </dl>
            <p>After</p>

            """)
    }

    @Test("several terms and definitions, and a following group, share one list")
    func groups() {
        let source = "Apple\nPomme\n:   A fruit.\n: A company.\nBanana\n:   Yellow.\n"
        #expect(markdown(source) == """
            <dl>
            <dt>Apple</dt>
            <dt>Pomme</dt>
            <dd>

            A fruit.

            </dd>
            <dd>

            A company.

            </dd>
            <dt>Banana</dt>
            <dd>

            Yellow.

            </dd>
            </dl>


            """)
    }

    @Test("terms are escaped")
    func hostileTerm() {
        #expect(markdown("<b>x</b> & y\n: def\n").contains("<dt>&lt;b&gt;x&lt;/b&gt; &amp; y</dt>"))
        #expect(markdown("x <script> & y\n: def\n").contains("<dt>x &lt;script&gt; &amp; y</dt>"))
    }

    @Test("YAML-like text, tables and list items are not definition lists", arguments: [
        "name: portal\nkind: Component\n",
        "Key\n:not a definition\n",
        "Left | Right\n:--- | ---:\na | b\n",
        "- item\n: nope\n",
        "# Heading\n: nope\n",
        "Text\n\n: lone marker\n",
    ])
    func notDefinitionLists(source: String) {
        #expect(markdown(source) == source)
    }
}

@Suite("TechDocs preprocessing: code is never rewritten")
struct TechDocsCodeProtectionTests {
    @Test("markers inside fenced code stay literal", arguments: [
        "```markdown\n!!! note\n    Body\n=== \"Tab\"\n    x\n> [!NOTE]\n[TOC]\n*[A]: b\n{{< hint >}}\nTerm\n: def\n```\n",
        "~~~~\n!!! note\n~~~\n??? tip\n~~~~\n",
        "````\n```\n!!! note\n```\n````\n",
        "  ```\n  !!! note\n  ```\n",
    ])
    func fencedCode(source: String) {
        let result = preprocess(source)
        #expect(result.markdown == source)
        #expect(result.abbreviations.isEmpty)
    }

    @Test("after the fence closes, idioms are rewritten again")
    func afterFence() {
        #expect(markdown("```\n!!! note\n```\n!!! note\n    x\n").hasPrefix("```\n!!! note\n```\n<div class=\"admonition note\">"))
        #expect(markdown("~~~\n!!! note\n```\n~~~ not a closer\n!!! tip\n") == "~~~\n!!! note\n```\n~~~ not a closer\n!!! tip\n")
    }

    @Test("markers inside indented code stay literal")
    func indentedCode() {
        let source = "Text\n\n    !!! note\n        Body\n    === \"x\"\n"
        #expect(markdown(source) == source)
    }

    @Test("an indented line continuing a paragraph is not a marker either")
    func paragraphContinuation() {
        let source = "Text\n    !!! note\n        Body\n"
        #expect(markdown(source) == source)
    }

    @Test("a fence in a list item protects its markers; the fence ends with the item")
    func fenceInListItem() {
        #expect(markdown("- ```\n  !!! note\n  ```\n") == "- ```\n  !!! note\n  ```\n")
        #expect(markdown("1. Step\n\n    ```\n    !!! note\n    ```\n") == "1. Step\n\n    ```\n    !!! note\n    ```\n")
        #expect(markdown("- ```\n  code\n!!! note\n").hasSuffix("<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n</div>\n\n"))
    }

    @Test("markers in raw HTML comments and pre blocks stay literal")
    func rawHTML() {
        let source = "<!--\n!!! note\n    hidden\n-->\n<pre>\n!!! tip\n</pre>\n"
        #expect(markdown(source) == source)
    }
}

@Suite("TechDocs preprocessing: Hugo shortcodes")
struct TechDocsHugoShortcodeTests {
    @Test("paired admonition shortcodes become admonitions with an unindented body")
    func admonitionShortcodes() {
        let source = "{{< hint warning >}}\n**Careful** with [this](x.md).\n{{< /hint >}}\nAfter\n"
        #expect(markdown(source) == """
            <div class="admonition warning">
            <p class="admonition-title">Warning</p>

            **Careful** with [this](x.md).

            </div>

            After

            """)
        #expect(origins(source) == ["1:0", "1:0", "1:0", "2:0", "1:0", "1:0", "1:0", "4:0"])
    }

    @Test("types and titles of the common themes' shortcodes", arguments: [
        ("{{% notice tip %}}", "<div class=\"admonition tip\">\n<p class=\"admonition-title\">Tip</p>\n"),
        ("{{% notice note \"Read me\" %}}", "<div class=\"admonition note\">\n<p class=\"admonition-title\">Read me</p>\n"),
        ("{{% notice style=\"warning\" title=\"Stop\" %}}", "<div class=\"admonition warning\">\n<p class=\"admonition-title\">Stop</p>\n"),
        ("{{% alert title=\"Heads up\" color=\"primary\" %}}", "<div class=\"admonition note\">\n<p class=\"admonition-title\">Heads up</p>\n"),
        ("{{< alert color=\"danger\" >}}", "<div class=\"admonition danger\">\n<p class=\"admonition-title\">Danger</p>\n"),
        ("{{< callout type=\"info\" >}}", "<div class=\"admonition info\">\n<p class=\"admonition-title\">Info</p>\n"),
        ("{{< callout title=\"\" >}}", "<div class=\"admonition note\">\n"),
        ("{{< warning >}}", "<div class=\"admonition warning\">\n<p class=\"admonition-title\">Warning</p>\n"),
        ("{{< hint \"x\\\" onclick=\\\"y\" >}}", "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n"),
        ("{{< details \"More <b>\" >}}", "<details class=\"admonition note\">\n<summary>More &lt;b&gt;</summary>\n"),
        ("{{< expand title=\"Open me\" open >}}", "<details class=\"admonition note\" open>\n<summary>Open me</summary>\n"),
    ])
    func themes(opener: String, opening: String) {
        let name = opener.dropFirst(4).prefix { $0 != " " }
        let delimiter = opener.hasPrefix("{{%") ? "%" : "<"
        let closer = "{{\(delimiter) /\(name) \(delimiter == "%" ? "%" : ">")}}"
        let output = markdown("\(opener)\nBody\n\(closer)\n")
        #expect(output.hasPrefix(opening + "\nBody\n\n"))
        #expect(!output.contains("{{"))
    }

    @Test("tabs and tab shortcodes become a tab set")
    func tabs() {
        let source = "{{< tabs \"install\" >}}\n{{< tab \"Linux\" >}}\napt\n{{< /tab >}}\n{{< tab \"macOS\" >}}\nbrew\n{{< /tab >}}\n{{< /tabs >}}\n"
        #expect(markdown(source) == """
            <div class="tabbed-set">

            <div class="tabbed-block tabbed-selected" data-tab-label="Linux">
            <p class="tabbed-label">Linux</p>

            apt

            </div>

            <div class="tabbed-block" data-tab-label="macOS">
            <p class="tabbed-label">macOS</p>

            brew

            </div>


            </div>


            """)
    }

    @Test("other shortcode-only lines, comments and stray closers are removed; a figure becomes an image")
    func otherShortcodes() {
        let source = "{{< toc >}}\nText\n{{< /columns >}}\n{{/* note to self */}}\n{{< figure src=\"img/arch.png\" alt=\"The [architecture]\" >}}\n"
        let result = preprocess(source)
        #expect(result.markdown == "Text\n![The \\[architecture\\]](img/arch.png)\n")
        let image = position(of: "img/arch.png", in: result.markdown)!
        #expect(result.lineOrigins[image.line].line == 5)
        #expect(image.column + result.lineOrigins[image.line].columnShift == 17)  // where src's value starts
        #expect(markdown("{{< figure src=\"a b.png\" >}}\n") == "![](<a b.png>)\n")
        #expect(markdown("{{< figure src=\"<x>\" >}}\n") == "")
    }

    @Test("unpaired openers lose only their marker; inline and escaped shortcodes are left alone")
    func unpairedAndInline() {
        #expect(markdown("{{< hint info >}}\nBody\n") == "Body\n")
        #expect(markdown("See {{< ref \"page.md\" >}} here\n") == "See {{< ref \"page.md\" >}} here\n")
        #expect(markdown("{{< hint >}}x{{< /hint >}}\n") == "{{< hint >}}x{{< /hint >}}\n")
        #expect(markdown("{{</* hint */>}}\n") == "{{</* hint */>}}\n")
    }

    @Test("shortcodes in fenced code stay literal, also when pairing openers and closers")
    func fencedShortcodes() {
        let source = "{{< hint >}}\n```\n{{< /hint >}}\n```\n{{< /hint >}}\n"
        #expect(markdown(source) == """
            <div class="admonition note">
            <p class="admonition-title">Note</p>

            ```
            {{< /hint >}}
            ```

            </div>


            """)
    }

    @Test("shortcodes nest, the innermost closer pairing with the innermost opener")
    func nestedShortcodes() {
        let output = markdown("{{< hint >}}\nA\n{{< hint danger >}}\nB\n{{< /hint >}}\nC\n{{< /hint >}}\n")
        #expect(output == """
            <div class="admonition note">
            <p class="admonition-title">Note</p>

            A
            <div class="admonition danger">
            <p class="admonition-title">Danger</p>

            B

            </div>

            C

            </div>


            """)
    }
}

@Suite("TechDocs preprocessing: indentation contexts")
struct TechDocsIndentationTests {
    @Test("an admonition in a list item keeps the item's indentation so the item continues")
    func admonitionInListItem() {
        let source = "1. Step one\n\n    !!! tip \"Hint\"\n        Run [it](run.md).\n\n2. Step two\n"
        #expect(markdown(source) == """
            1. Step one

                <div class="admonition tip">
                <p class="admonition-title">Hint</p>

                Run [it](run.md).

                </div>


            2. Step two

            """)
        #expect(origins(source) == ["1:0", "2:0", "3:0", "3:0", "3:0", "4:4", "3:0", "3:0", "3:0", "5:0", "6:0"])
        let rendered = html(source)
        #expect(rendered.hasPrefix("<ol>\n<li>\n<p>Step one</p>\n"))
        #expect(rendered.contains("<p>Run <a href=\"run.md\">it</a>.</p>\n"))
        #expect(rendered.contains("</div>\n</li>\n<li>\n<p>Step two</p>\n</li>\n</ol>"))
    }

    @Test("tabs in a bullet item, indented two")
    func tabsInListItem() {
        let source = "- Install:\n  === \"A\"\n      a\n  === \"B\"\n      b\n- Next\n"
        let rendered = html(source)
        #expect(rendered.hasPrefix("<ul>\n<li>\n<p>Install:</p>\n"))
        #expect(rendered.contains("<p>a</p>"))
        #expect(rendered.contains("<p>b</p>"))
        #expect(rendered.contains("<p>Next</p>\n</li>\n</ul>"))
        #expect(!rendered.contains("==="))
    }

    @Test("an alert in a list item")
    func alertInListItem() {
        let rendered = html("- Item\n\n  > [!WARNING]\n  > Mind *this*.\n")
        #expect(rendered.contains("<p class=\"admonition-title\">Warning</p>"))
        #expect(rendered.contains("<p>Mind <em>this</em>.</p>"))
        #expect(rendered.hasSuffix("</div>\n</li>\n</ul>\n"))
    }

    @Test("a list item's lines four columns past its content are code")
    func codeInListItem() {
        let source = "- Item\n\n        !!! note\n"
        #expect(markdown(source) == source)
    }

    @Test("a link in a nested body maps back to its original line and column")
    func linkPositions() {
        let source = """
            # Guide

            Intro.

            !!! note "Links"
                First.

                See [the guide](guide.md) for more.

            - Item

                !!! tip
                    A [nested](n.md) link.

            """
        let result = preprocess(source)
        let first = position(of: "[the guide]", in: result.markdown)!
        #expect(result.lineOrigins[first.line] == LineOrigin(line: 8, columnShift: 4))
        #expect(first.column + result.lineOrigins[first.line].columnShift == 9)
        let second = position(of: "[nested]", in: result.markdown)!
        #expect(result.lineOrigins[second.line].line == 13)
        #expect(second.column + result.lineOrigins[second.line].columnShift == 11)
        #expect(result.originalPosition(line: second.line + 1, column: second.column)! == (13, 11))
        #expect(result.originalPosition(line: 0, column: 1) == nil)
    }
}

@Suite("TechDocs preprocessing: odd and hostile input")
struct TechDocsRobustnessTests {
    @Test("CRLF line endings become LF and idioms still work")
    func crlf() {
        let source = "Intro\r\n\r\n!!! note\r\n    Body\r\n"
        #expect(markdown(source) == "Intro\n\n<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n\nBody\n\n</div>\n\n")
        #expect(origins(source) == ["1:0", "2:0", "3:0", "3:0", "3:0", "4:4", "3:0", "3:0", "3:0"])
        #expect(markdown("a\rb\r\nc") == "a\nb\nc\n")
    }

    @Test("a last line without a newline gets one")
    func finalLine() {
        #expect(markdown("Text") == "Text\n")
        #expect(markdown("a\nb") == "a\nb\n")
        #expect(markdown("!!! note\n    Body") == "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n\nBody\n\n</div>\n\n")
    }

    @Test("plain Markdown passes through unchanged")
    func plainMarkdown() {
        let source = "# Title\n\nSome *text* with `code`.\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n> quote\n\n```swift\nlet x = 1\n```\n"
        #expect(markdown(source) == source)
        #expect(origins(source) == (1...16).map { "\($0):0" })
    }

    @Test("10,000 nested shortcodes do not exhaust the stack; nesting stops at the cap")
    func deepShortcodes() {
        let depth = 10_000
        let source = String(repeating: "{{< hint >}}\n", count: depth) + "Core\n" + String(repeating: "{{< /hint >}}\n", count: depth)
        let output = markdown(source)
        #expect(output.components("<div class=\"admonition note\">") == TechDocsPreprocessor.maximumNestingDepth)
        #expect(output.contains("Core"))
    }

    @Test("deeply nested admonitions and tabs stop at the cap and are kept as text")
    func deepIndentation() {
        var source = ""
        for level in 0..<1_000 {
            source += String(repeating: "    ", count: level) + (level.isMultiple(of: 2) ? "!!! note\n" : "=== \"T\"\n")
        }
        let output = markdown(source)
        #expect(output.components("<div class=\"admonition note\">") == 10)
        #expect(output.components("<div class=\"tabbed-set\">") == 10)
        #expect(output.contains("!!! note"))
    }

    @Test("10,000 unclosed shortcodes, fences and admonition headers finish quickly")
    func manyUnclosed() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = markdown(String(repeating: "{{< hint >}}\n", count: 10_000))
            _ = markdown(String(repeating: "```\n~~~~\n", count: 10_000))
            _ = markdown(String(repeating: "!!! note\n", count: 10_000))
            _ = markdown(String(repeating: "Term\n: def\n", count: 10_000))
            _ = markdown(String(repeating: "> [!NOTE]\n", count: 10_000))
        }
        #expect(elapsed < .seconds(10))
    }

    @Test("random mixes of every idiom never crash and keep one origin per line")
    func fuzz() {
        let fragments = [
            "!!! note", "    body", "??? tip \"t\"", "???+ x", "=== \"a\"", "===! \"b\"", "===+ \"c\"", "> [!NOTE]", "> text",
            "```", "~~~", "    ```", "- item", "1. one", "Term", ": def", ":   def", "[TOC]", "*[A]: b", "--8<-- \"f\"",
            "{{< hint >}}", "{{< /hint >}}", "{{< tabs >}}", "{{< tab \"x\" >}}", "{{< /tab >}}", "{{< /tabs >}}", "<!--", "-->",
            "<div>", "", "\t!!! note", "\t\tbody", "  === \"x\"", "      y", "---", "+++", "# h", "\r", "text \u{1F600}",
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<300 {
            var source = ""
            for _ in 0..<40 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                source += fragments[Int(seed >> 33) % fragments.count] + "\n"
            }
            let result = preprocess(source)
            let lineCount = source.utf8.count { $0 == UInt8(ascii: "\n") }
            #expect(result.lineOrigins.allSatisfy { $0.line >= 1 && $0.line <= lineCount + 1 })
            _ = MarkdownRenderer(allowRawHTML: true).render(result.markdown)
        }
    }
}

@Suite("TechDocs preprocessing: speed")
struct TechDocsThroughputTests {
    @Test("throughput on plain documentation (printed, not asserted)")
    func throughput() {
        var page = ""
        for section in 0..<40 {
            page += "## Section \(section)\n\nThis paragraph explains how the service works, with a [link](other.md) and `code`.\n"
            page += "It continues on a second line so paragraphs are realistic in length and shape.\n\n"
            page += "- First item with some words\n- Second item, a little longer than the first one\n\n"
            page += "```yaml\napiVersion: backstage.io/v1alpha1\nkind: Component\n```\n\n"
            page += "| Name | Value |\n|------|-------|\n| a | b |\n\n"
        }
        let idioms = "!!! note \"Title\"\n    Body text in an admonition with a [link](x.md).\n\n=== \"A\"\n    a\n\n"
        let cases = [
            ("40 plain pages of \(page.utf8.count / 1000) kB", Array(repeating: page, count: 40)),
            ("one plain file", [String(repeating: page, count: 64)]),
            ("one file with idioms", [String(repeating: idioms + page, count: 64)]),
        ]
        let clock = ContinuousClock()
        for (name, sources) in cases {
            var best = Duration.seconds(1_000)
            for _ in 0..<5 {
                let elapsed = clock.measure {
                    for source in sources { _ = TechDocsPreprocessor.process(source) }
                }
                best = min(best, elapsed)
            }
            let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
            let megabytes = Double(sources.reduce(0) { $0 + $1.utf8.count }) / 1_000_000
            print("TechDocsPreprocessor, \(name): \(Int(megabytes * 1000)) kB in \(Int(seconds * 1_000_000)) µs = \(Int(megabytes / seconds)) MB/s")
        }
    }
}

private extension String {
    /// How many times `needle` occurs.
    func components(_ needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.firstRange(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
