import PortalYAML
import Testing

@Suite("YAML syntax errors and recovery")
struct YAMLSyntaxErrorTests {
    @Test("a colon inside a plain value reports libyaml's message at the colon")
    func mappingValuesNotAllowed() {
        let documents = YAMLTestSupport.documents("a: b: c\n")
        #expect(documents.count == 1)
        #expect(documents[0].root == nil)
        #expect(documents[0].start == at(1, 1))
        #expect(documents[0].error == YAMLProblem(.syntax, "mapping values are not allowed in this context", at: at(1, 5)))
    }

    @Test("a key without a colon reports the simple key's position as context")
    func missingColon() {
        let documents = YAMLTestSupport.documents("a: 1\nb\nc: 2\n")
        #expect(documents.count == 1)
        #expect(documents[0].root == nil)
        #expect(documents[0].error == YAMLProblem(
            .syntax, "could not find expected ':' (while scanning a simple key at line 2, column 1)", at: at(3, 1)))
    }

    @Test("a TAB used for indentation is a syntax error at the TAB")
    func tabIndentation() {
        let documents = YAMLTestSupport.documents("a:\n\tb: 1\n")
        #expect(documents.count == 1)
        #expect(documents[0].error == YAMLProblem(
            .syntax, "found character that cannot start any token (while scanning for the next token at line 2, column 1)",
            at: at(2, 1)))
    }

    @Test("a syntax error in document 2 of 3 keeps documents 1 and 3 with their own line numbers")
    func recoveryAtNextDocumentMarker() throws {
        let documents = YAMLTestSupport.documents("a: 1\n---\nb: c: d\n---\nx: 3\ny: [4]\n")
        #expect(documents.count == 3)
        #expect(documents.map(\.start) == [at(1, 1), at(2, 1), at(4, 1)])

        #expect(documents[0].error == nil)
        #expect(documents[0].root?["a"]?.scalarValue == .int(1))

        #expect(documents[1].root == nil)
        #expect(documents[1].error == YAMLProblem(.syntax, "mapping values are not allowed in this context", at: at(3, 5)))

        #expect(documents[2].error == nil)
        let third = try #require(documents[2].root)
        #expect(third.mark == at(5, 1))
        #expect(third.pair("x")?.key.mark == at(5, 1))
        #expect(third["x"]?.mark == at(5, 4))
        #expect(third["y"]?.mark == at(6, 4))
        #expect(third["y"]?.items?.first?.mark == at(6, 5))
        #expect(third["y"]?.items?.first?.scalarValue == .int(4))
    }

    @Test("an unclosed flow sequence reported at the next --- still returns the document after it")
    func recoveryWhenErrorIsOnTheMarkerLine() throws {
        // libyaml notices the missing ']' only at the `---` (line 4, column 1): that marker
        // begins document 3, so recovery must resume there rather than after it.
        let documents = YAMLTestSupport.documents("a: 1\n---\nb: [1, 2\n---\nx: 3\n")
        #expect(documents.count == 3)
        #expect(documents[1].error == YAMLProblem(
            .syntax, "did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 4)", at: at(4, 1)))
        #expect(documents[2].start == at(4, 1))
        #expect(documents[2].error == nil)
        #expect(documents[2].root?["x"]?.mark == at(5, 4))
        #expect(documents[2].root?["x"]?.scalarValue == .int(3))
    }

    @Test("a key without a colon just before --- still returns the next document")
    func recoveryAfterMissingColonBeforeMarker() {
        let documents = YAMLTestSupport.documents("a: 1\nb\n---\nc: 2\n")
        #expect(documents.count == 2)
        #expect(documents[0].error == YAMLProblem(
            .syntax, "could not find expected ':' (while scanning a simple key at line 2, column 1)", at: at(3, 1)))
        #expect(documents[1].start == at(3, 1))
        #expect(documents[1].root?["c"]?.mark == at(4, 4))
    }

    @Test("an unterminated quoted scalar stops at the next --- and the document after it is read")
    func recoveryAfterUnterminatedQuote() {
        let documents = YAMLTestSupport.documents("a: \"abc\n---\nc: 1\n")
        #expect(documents.count == 2)
        #expect(documents[0].error == YAMLProblem(
            .syntax, "found unexpected document indicator (while scanning a quoted scalar at line 1, column 4)", at: at(2, 1)))
        #expect(documents[1].root?["c"]?.scalarValue == .int(1))
        #expect(documents[1].root?["c"]?.mark == at(3, 4))
    }

    @Test("an error later on a --- line is reported once, for that document only")
    func errorOnMarkerLineIsNotRepeated() {
        let documents = YAMLTestSupport.documents("a: 1\n--- b: c: d\n---\nx: 1\n")
        #expect(documents.count == 3)
        #expect(documents.map(\.start) == [at(1, 1), at(2, 1), at(3, 1)])
        #expect(documents[1].error == YAMLProblem(.syntax, "mapping values are not allowed in this context", at: at(2, 6)))
        #expect(documents[2].root?["x"]?.mark == at(4, 4))
    }

    @Test("two broken documents in a row are each reported and the third is read")
    func consecutiveBrokenDocuments() {
        let documents = YAMLTestSupport.documents("a: b: c\n--- [\n---\nok: 1\n")
        #expect(documents.count == 3)
        #expect(documents.map(\.start) == [at(1, 1), at(2, 1), at(3, 1)])
        #expect(documents[0].error == YAMLProblem(.syntax, "mapping values are not allowed in this context", at: at(1, 5)))
        #expect(documents[1].error == YAMLProblem(
            .syntax, "did not find expected node content (while parsing a flow node at line 3, column 1)", at: at(3, 1)))
        #expect(documents[2].error == nil)
        #expect(documents[2].root?["ok"]?.mark == at(4, 5))
    }

    @Test("a syntax error in the last document leaves earlier documents intact")
    func errorInLastDocument() {
        let documents = YAMLTestSupport.documents("a: 1\n---\nb: c: d\n")
        #expect(documents.count == 2)
        #expect(documents[0].root?["a"]?.scalarValue == .int(1))
        #expect(documents[1].error?.mark == at(3, 5))
    }

    @Test("CRLF files recover at the next --- with correct line numbers")
    func recoveryWithCRLF() {
        let documents = YAMLTestSupport.documents("a: 1\r\n---\r\nb: c: d\r\n---\r\nx: 3\r\n")
        #expect(documents.count == 3)
        #expect(documents[1].error == YAMLProblem(.syntax, "mapping values are not allowed in this context", at: at(3, 5)))
        #expect(documents[2].start == at(4, 1))
        #expect(documents[2].root?["x"]?.mark == at(5, 4))
    }

    @Test("an error after ... where no document has started is placed at the error, not the previous document")
    func errorBetweenDocuments() {
        let documents = YAMLTestSupport.documents("a: 1\n...\nb: : c\n---\nc: 1\n")
        #expect(documents.count == 3)
        #expect(documents[1].start == at(3, 1))
        #expect(documents[1].error == YAMLProblem(.syntax, "did not find expected <document start>", at: at(3, 1)))
        #expect(documents[2].start == at(4, 1))
        #expect(documents[2].root?["c"]?.mark == at(5, 4))
    }

    @Test("an unsupported %YAML version fails its document and later documents are read")
    func incompatibleVersionDirective() {
        let documents = YAMLTestSupport.documents("%YAML 2.0\n---\na: 1\n---\nb: 2\n")
        #expect(documents.count == 3)
        #expect(documents[0].error == YAMLProblem(.syntax, "found incompatible YAML document", at: at(1, 1)))
        #expect(documents[1].root?["a"]?.mark == at(3, 4))
        #expect(documents[2].root?["b"]?.mark == at(5, 4))
    }
}
