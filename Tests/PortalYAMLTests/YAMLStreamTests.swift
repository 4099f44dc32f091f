import PortalYAML
import Testing

@Suite("YAML streams without content")
struct YAMLStreamTests {
    @Test("an empty stream has no documents")
    func emptyStream() {
        #expect(YAMLTestSupport.documents("").isEmpty)
        #expect(YAMLTestSupport.documents("\n\n   \n").isEmpty)
    }

    @Test("an empty byte buffer with no base address has no documents")
    func emptyBuffer() {
        #expect(YAMLParser.parse(bytes: UnsafeRawBufferPointer(start: nil, count: 0)).isEmpty)
    }

    @Test("a stream of only comments has no documents")
    func onlyComments() {
        #expect(YAMLTestSupport.documents("# one\n# two\n").isEmpty)
    }

    @Test("a trailing --- opens an empty document whose root is a null scalar")
    func trailingDocumentMarker() throws {
        let documents = YAMLTestSupport.documents("a: 1\n---\n")
        #expect(documents.count == 2)
        #expect(documents.map(\.start) == [at(1, 1), at(2, 1)])
        let empty = try #require(documents[1].root)
        #expect(empty.scalarText == "")
        #expect(empty.scalarValue == .null)
        #expect(documents[1].error == nil)
    }

    @Test("a document that is only null, or ~ after ---, resolves to null")
    func nullDocument() throws {
        let null = try #require(YAMLTestSupport.root("null\n"))
        #expect(null.scalarValue == .null)
        #expect(null.mark == at(1, 1))

        let tilde = try #require(YAMLTestSupport.root("--- ~\n"))
        #expect(tilde.scalarValue == .null)
        #expect(tilde.mark == at(1, 5))
    }

    @Test("an explicit empty document between markers has a null root")
    func explicitEmptyDocument() {
        let documents = YAMLTestSupport.documents("---\n...\n---\nx: 1\n")
        #expect(documents.count == 2)
        #expect(documents[0].root?.scalarValue == .null)
        #expect(documents[0].start == at(1, 1))
        #expect(documents[1].start == at(3, 1))
        #expect(documents[1].root?["x"]?.scalarValue == .int(1))
    }
}
