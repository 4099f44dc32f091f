@testable import PortalAPIReference
import Testing

@Suite("Source highlighting")
struct SourceHighlighterTests {
    @Test("YAML: keys, plain and quoted scalars by the core schema, comments, anchors, block scalars")
    func yaml() {
        let html = SourceHighlighter.highlight("""
            key: value # note
            'quoted': "text"
            n: 12
            ok: true
            anchor: &a [1, x]
            text: |
              kept: as string
            back: ~
            """, as: .yaml)
        #expect(html == """
            <span class="tok-key">key</span>: <span class="tok-string">value</span> <span class="tok-comment"># note</span>
            <span class="tok-key">&#39;quoted&#39;</span>: <span class="tok-string">&quot;text&quot;</span>
            <span class="tok-key">n</span>: <span class="tok-number">12</span>
            <span class="tok-key">ok</span>: <span class="tok-keyword">true</span>
            <span class="tok-key">anchor</span>: <span class="tok-keyword">&amp;a</span> [<span class="tok-number">1</span>, <span class="tok-string">x</span>]
            <span class="tok-key">text</span>: <span class="tok-keyword">|</span>
              <span class="tok-string">kept: as string</span>
            <span class="tok-key">back</span>: <span class="tok-keyword">~</span>
            """)
    }

    @Test("JSON: quoted keys before a colon, strings, numbers and literals")
    func json() {
        #expect(SourceHighlighter.highlight("{\"a\":1.5,\"b\":[\"x\",null]}", as: .json)
            == "{<span class=\"tok-key\">&quot;a&quot;</span>:<span class=\"tok-number\">1.5</span>,"
            + "<span class=\"tok-key\">&quot;b&quot;</span>:[<span class=\"tok-string\">&quot;x&quot;</span>,"
            + "<span class=\"tok-keyword\">null</span>]}")
    }

    @Test("GraphQL: keywords, field names, types, strings, comments, directives")
    func graphQL() {
        #expect(SourceHighlighter.highlight("# c\ntype Q { \"d\" f(a: Int = 1): [Q] @deprecated }", as: .graphql)
            == "<span class=\"tok-comment\"># c</span>\n<span class=\"tok-keyword\">type</span> <span class=\"tok-type\">Q</span> { "
            + "<span class=\"tok-string\">&quot;d&quot;</span> <span class=\"tok-key\">f</span>(<span class=\"tok-key\">a</span>: "
            + "<span class=\"tok-type\">Int</span> = <span class=\"tok-number\">1</span>): [<span class=\"tok-type\">Q</span>] "
            + "@<span class=\"tok-keyword\">deprecated</span> }")
    }

    @Test("plain text is only escaped; nothing is lost from any language")
    func lossless() {
        let text = "a < b && c > \"d\" 'e' /* f */ # g\n\u{1}é😀\r\n"
        #expect(SourceHighlighter.highlight(text, as: .text) == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39; /* f */ # g\n\u{1}é😀\r\n")
        for language in [SourceLanguage.yaml, .json, .graphql, .protobuf] {
            let html = SourceHighlighter.highlight(text, as: language)
            let stripped = html.replacing(/<[^>]*>/, with: "")
            #expect(stripped == HTML.escape(text), "\(language)")
        }
    }

    @Test("the language of unknown types is guessed from the text")
    func guess() {
        #expect(SourceLanguage.guess("  {\"a\": 1}") == .json)
        #expect(SourceLanguage.guess("# comment\nopenapi: 3.0.0\n") == .yaml)
        #expect(SourceLanguage.guess("// c\nsyntax = \"proto3\";\n") == .protobuf)
        #expect(SourceLanguage.guess("\"\"\"doc\"\"\"\ntype Query { a: Int }\n") == .graphql)
        #expect(SourceLanguage.guess("import { z } from 'zod';\n") == .text)
    }
}
