import PortalHighlight
import Testing

@Suite("Robustness")
struct RobustnessTests {
    @Test("unknown and nil languages give escaped text")
    func unknownLanguage() {
        let code = "<script>alert(\"x & 'y'\")</script>"
        let expected = "&lt;script&gt;alert(&quot;x &amp; &#39;y&#39;&quot;)&lt;/script&gt;"
        #expect(CodeHighlighter.highlight(code, language: nil) == expected)
        #expect(CodeHighlighter.highlight(code, language: "no-such-language") == expected)
    }

    @Test("the byte-buffer variant appends to what is there")
    func appends() {
        var output = Array("<code>".utf8)
        CodeHighlighter.highlight("x = 1", language: "python", into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "<code>x = " + span("number", "1"))
    }

    @Test("markup characters are escaped in every language, in code, strings and comments", arguments: CodeHighlighter.languages)
    func escaping(language: String) {
        let code = """
            <script>alert("x & 'y'")</script>
            x = "<b>&amp;</b>" # <i>'&'</i>
            // <a href="&">
            /* <p> & " */ -- <q>
            """
        let html = CodeHighlighter.highlight(code, language: language)
        #expect(markupProblem(html) == nil, "\(language): \(markupProblem(html) ?? "")")
        #expect(!html.contains("<script"))
        #expect(unhighlighted(html) == code)
    }

    @Test("every mixed sample survives a round trip in every language", arguments: CodeHighlighter.languages)
    func roundTrip(language: String) {
        for (sampleLanguage, sample) in Samples.mixed {
            let html = CodeHighlighter.highlight(sample, language: language)
            #expect(markupProblem(html) == nil, "\(sampleLanguage) as \(language): \(markupProblem(html) ?? "")")
            #expect(unhighlighted(html) == sample, "\(sampleLanguage) as \(language)")
        }
    }

    @Test("the samples highlight something in their own language")
    func samplesHighlight() {
        for (language, sample) in Samples.mixed {
            #expect(CodeHighlighter.highlight(sample, language: language).contains("<span class=\"tok-"), "\(language)")
        }
    }

    @Test("unterminated strings and comments end at the end of the input", arguments: CodeHighlighter.languages)
    func unterminated(language: String) {
        let endings = ["x = \"abc", "x = 'abc", "/* abc", "<!-- abc", "'''abc", "\"\"\"abc", "`abc", "x = r#\"abc", "R\"x(abc",
                       "#\"abc", "@\"abc", "<<EOF\nabc", "<<<EOT\nabc", "=begin\nabc", "s = $'abc", "${abc", "$(abc",
                       "<a href=\"abc", "<script>abc", "[section", "{\"a\": [1, ", "url(abc", "\\", "x = /abc", "#[abc", "'"]
        for ending in endings {
            let html = CodeHighlighter.highlight(ending, language: language)
            #expect(markupProblem(html) == nil, "\(language): \(ending)")
            #expect(unhighlighted(html) == ending, "\(language): \(ending)")
        }
    }

    @Test("odd input: empty, only line breaks, NUL and control bytes, repaired invalid UTF-8", arguments: CodeHighlighter.languages)
    func oddInput(language: String) {
        let inputs = [
            "", "\n", "\n\n\n", "\r\n\r\n", "\u{0}", "a\u{0}b\"\u{0}\"", "\u{FEFF}x: 1", "\u{7F}\u{1B}[0m",
            String(decoding: [0xFF, 0xFE, 0x22, 0xC3, 0x28, 0x27, 0xE2, 0x82], as: UTF8.self),
            "e\u{301}\"😀\"🇸🇪'é'#é\n$é @é :é <é> é=é",
        ]
        for input in inputs {
            var output: [UInt8] = []
            CodeHighlighter.highlight(input, language: language, into: &output)
            #expect(String(validating: output, as: UTF8.self) != nil, "\(language): output is not valid UTF-8")
            let html = String(decoding: output, as: UTF8.self)
            #expect(markupProblem(html) == nil, "\(language)")
            #expect(unhighlighted(html) == input, "\(language)")
        }
    }

    @Test("a 1 MB line, with an unterminated string in it", arguments: CodeHighlighter.languages)
    func hugeLine(language: String) {
        let input = String(repeating: "a\"b ", count: 20_000) + "\"" + String(repeating: "x", count: 1_000_000)
        var output: [UInt8] = []
        CodeHighlighter.highlight(input, language: language, into: &output)
        #expect(String(validating: output, as: UTF8.self) != nil)
        #expect(unhighlighted(String(decoding: output, as: UTF8.self)) == input)
    }

    @Test("deeply nested input does not exhaust the stack", arguments: CodeHighlighter.languages)
    func nesting(language: String) {
        for unit in ["\"\\(", "${", "`${", "$(", "((", "[[", "{", "<a><b>", "/*", "#[", "#if\n", "\"\"\"\\(", "--[[", "<<EOF\n"] {
            let input = String(repeating: unit, count: 20_000)
            // Not crashing is the point; the round trip is checked elsewhere (and is slow in debug builds).
            #expect(CodeHighlighter.highlight(input, language: language).utf8.count >= input.utf8.count, "\(language): \(unit)")
        }
    }

    @Test("fuzz: random text from the characters lexers care about", arguments: CodeHighlighter.languages)
    func fuzz(language: String) {
        let alphabet = "abcXYZ_019 \t\n\r\"'`\\/*#-<>!?&;:=${}()[]@%.,+é😀\u{0}".map(String.init)
            + ["<<EOF\n", "\nEOF\n", "r#\"", "\"\"\"", "$ ", "\n\t", "<!--", "-->", "*/", "/*", "'''", "#\""]
        var generator = SeededGenerator(state: UInt64(language.utf8.reduce(7) { $0 &* 31 &+ Int($1) }.magnitude))
        for _ in 0..<300 {
            var input = ""
            for _ in 0..<Int.random(in: 0..<120, using: &generator) {
                input += alphabet.randomElement(using: &generator)!
            }
            var output: [UInt8] = []
            CodeHighlighter.highlight(input, language: language, into: &output)
            #expect(String(validating: output, as: UTF8.self) != nil, "\(language): \(input.debugDescription)")
            let html = String(decoding: output, as: UTF8.self)
            #expect(markupProblem(html) == nil, "\(language): \(input.debugDescription)")
            #expect(unhighlighted(html) == input, "\(language): \(input.debugDescription)")
        }
    }
}
