@testable import PortalAPIReference
import Testing

@Suite("Source language")
struct SourceLanguageTests {
    @Test("the language of unknown types is guessed from the text")
    func guess() {
        #expect(SourceLanguage.guess("  {\"a\": 1}") == .json)
        #expect(SourceLanguage.guess("# comment\nopenapi: 3.0.0\n") == .yaml)
        #expect(SourceLanguage.guess("// c\nsyntax = \"proto3\";\n") == .protobuf)
        #expect(SourceLanguage.guess("\"\"\"doc\"\"\"\ntype Query { a: Int }\n") == .graphql)
        #expect(SourceLanguage.guess("import { z } from 'zod';\n") == .text)
    }

    @Test("the source view highlights by the language's name; text is only escaped")
    func sourceView() {
        var writer = HTMLWriter()
        writer.source("a: <b>\n", language: .yaml)
        writer.source("a < b & 'c'", language: .text)
        #expect(writer.finish(format: .graphQL).html == """
            <pre class="api-source"><code class="language-yaml"><span class="tok-key">a</span>: <span class="tok-string">&lt;b&gt;</span>
            </code></pre>
            <pre class="api-source"><code class="language-text">a &lt; b &amp; &#39;c&#39;</code></pre>

            """)
    }
}
