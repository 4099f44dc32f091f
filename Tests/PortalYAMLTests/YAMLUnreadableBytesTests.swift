import PortalYAML
import Testing

@Suite("YAML unreadable bytes")
struct YAMLUnreadableBytesTests {
    @Test("invalid UTF-8 in document 2 of 3 fails only that document, at the byte's line and column")
    func invalidUTF8InMiddleDocument() throws {
        let documents = YAMLTestSupport.documents(bytes: utf8("a: 1\n---\nb: x") + [0xFF, 0xFE] + utf8("\n---\nc: 3\n"))
        #expect(documents.count == 3)
        #expect(documents.map(\.start) == [at(1, 1), at(2, 1), at(4, 1)])
        #expect(documents[0].error == nil)
        #expect(documents[0].root?["a"]?.scalarValue == .int(1))
        #expect(documents[1].root == nil)
        #expect(documents[1].error == YAMLProblem(.syntax, "invalid leading UTF-8 octet at byte 13", at: at(3, 5)))
        #expect(documents[2].error == nil)
        #expect(documents[2].root?["c"]?.mark == at(5, 4))
    }

    @Test("a NUL byte is refused as a control character, without a crash")
    func nulByte() {
        let documents = YAMLTestSupport.documents(bytes: utf8("a: 1\nb: x") + [0x00] + utf8("\n"))
        #expect(documents.count == 1)
        #expect(documents[0].root == nil)
        #expect(documents[0].error == YAMLProblem(.syntax, "control characters are not allowed at byte 9", at: at(2, 5)))
    }

    @Test("a broken two-byte sequence in the first document reports the bad trailing byte")
    func invalidTrailingOctet() {
        let documents = YAMLTestSupport.documents(bytes: [0xC3, 0x28] + utf8("\n---\nc: 3\n"))
        #expect(documents.count == 2)
        #expect(documents[0].error == YAMLProblem(.syntax, "invalid trailing UTF-8 octet at byte 1", at: at(1, 2)))
        #expect(documents[1].start == at(2, 1))
        #expect(documents[1].root?["c"]?.scalarValue == .int(3))
    }

    @Test("a UTF-8 sequence cut off at the end of input is an error")
    func truncatedSequenceAtEnd() {
        let documents = YAMLTestSupport.documents(bytes: utf8("a: ") + [0xE2, 0x82])
        #expect(documents.count == 1)
        #expect(documents[0].error == YAMLProblem(.syntax, "incomplete UTF-8 octet sequence at byte 3", at: at(1, 4)))
    }

    @Test("a bad byte after a byte order mark is placed without counting the mark")
    func badByteAfterByteOrderMark() {
        let documents = YAMLTestSupport.documents(bytes: [0xEF, 0xBB, 0xBF] + utf8("a: ") + [0xFF])
        #expect(documents.count == 1)
        #expect(documents[0].error == YAMLProblem(.syntax, "invalid leading UTF-8 octet at byte 6", at: at(1, 4)))
    }

    @Test("byte offsets in later documents count from the start of the input")
    func byteOffsetAfterRecovery() {
        // Document 1 fails on syntax; the bad byte in document 2 must still report its absolute offset.
        let documents = YAMLTestSupport.documents(bytes: utf8("a: b: c\n---\nd: ") + [0xFF] + utf8("\n---\ne: 1\n"))
        #expect(documents.count == 3)
        #expect(documents[0].error == YAMLProblem(.syntax, "mapping values are not allowed in this context", at: at(1, 5)))
        #expect(documents[1].error == YAMLProblem(.syntax, "invalid leading UTF-8 octet at byte 15", at: at(3, 4)))
        #expect(documents[2].root?["e"]?.mark == at(5, 4))
    }
}
