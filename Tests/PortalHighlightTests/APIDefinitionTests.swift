import PortalHighlight
import Testing

/// The languages of API definitions, whose HTML the API reference goldens pin down: these tests
/// came with the highlighting from PortalAPIReference.
@Suite("API definition languages")
struct APIDefinitionTests {
    @Test("YAML: keys, plain and quoted scalars by the core schema, comments, anchors, block scalars")
    func yaml() {
        let html = CodeHighlighter.highlight("""
            key: value # note
            'quoted': "text"
            n: 12
            ok: true
            anchor: &a [1, x]
            text: |
              kept: as string
            back: ~
            """, language: "yaml")
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

    @Test("YAML numbers by the core schema: hex and octal that fit an Int, floats, infinities; the rest are strings")
    func yamlNumbers() {
        for number in ["0x1F", "0o17", "-12", "+3", "1.", ".5", "-.5e3", "1e999", ".inf", "-.Inf", ".NaN", "99999999999999999999"] {
            #expect(CodeHighlighter.highlight("a: \(number)", language: "yaml") == "\(span("key", "a")): \(span("number", number))", "\(number)")
        }
        for text in ["0x8000000000000000", "0x-1", "0o8", "1e", ".e5", "1.2.3", "+", "infinity", "0b101", "1_000"] {
            #expect(CodeHighlighter.highlight("a: \(text)", language: "yaml") == "\(span("key", "a")): \(span("string", text))", "\(text)")
        }
    }

    @Test("JSON: quoted keys before a colon, strings, numbers and literals")
    func json() {
        #expect(CodeHighlighter.highlight("{\"a\":1.5,\"b\":[\"x\",null]}", language: "json")
            == "{<span class=\"tok-key\">&quot;a&quot;</span>:<span class=\"tok-number\">1.5</span>,"
            + "<span class=\"tok-key\">&quot;b&quot;</span>:[<span class=\"tok-string\">&quot;x&quot;</span>,"
            + "<span class=\"tok-keyword\">null</span>]}")
    }

    @Test("GraphQL: keywords, field names, types, strings, comments, directives")
    func graphQL() {
        #expect(CodeHighlighter.highlight("# c\ntype Q { \"d\" f(a: Int = 1): [Q] @deprecated }", language: "graphql")
            == "<span class=\"tok-comment\"># c</span>\n<span class=\"tok-keyword\">type</span> <span class=\"tok-type\">Q</span> { "
            + "<span class=\"tok-string\">&quot;d&quot;</span> <span class=\"tok-key\">f</span>(<span class=\"tok-key\">a</span>: "
            + "<span class=\"tok-type\">Int</span> = <span class=\"tok-number\">1</span>): [<span class=\"tok-type\">Q</span>] "
            + "@<span class=\"tok-keyword\">deprecated</span> }")
    }

    @Test("protobuf: field names before =, even when they are keywords; types, options")
    func protobuf() {
        #expect(CodeHighlighter.highlight("message M { string string = 1; map<string, Foo> m = 2 [packed = true]; }", language: "protobuf")
            == "\(span("keyword", "message")) \(span("type", "M")) { \(span("keyword", "string")) \(span("key", "string")) = "
            + "\(span("number", "1")); \(span("keyword", "map"))&lt;\(span("keyword", "string")), \(span("type", "Foo"))&gt; "
            + "\(span("key", "m")) = \(span("number", "2")) [\(span("key", "packed")) = \(span("keyword", "true"))]; }")
    }

    @Test("nothing is lost from any definition language")
    func lossless() {
        let text = "a < b && c > \"d\" 'e' /* f */ # g\n\u{1}é😀\r\n"
        #expect(CodeHighlighter.highlight(text, language: nil) == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; &#39;e&#39; /* f */ # g\n\u{1}é😀\r\n")
        for language in ["yaml", "json", "graphql", "protobuf"] {
            #expect(unhighlighted(CodeHighlighter.highlight(text, language: language)) == text, "\(language)")
        }
    }
}
