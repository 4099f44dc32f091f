import PortalYAML
import Testing

@Suite("YAML node positions")
struct YAMLPositionTests {
    @Test("block mapping keys and values carry 1-based line and column")
    func blockMappingMarks() throws {
        let root = try #require(YAMLTestSupport.root("title: Hello\nowner:   team-a\nnested:\n  inner: 1\n"))
        #expect(root.mark == at(1, 1))
        let pairs = try #require(root.pairs)
        #expect(pairs.map(\.key.scalarText) == ["title", "owner", "nested"])
        #expect(pairs.map(\.key.mark) == [at(1, 1), at(2, 1), at(3, 1)])
        #expect(pairs[0].value.mark == at(1, 8))
        #expect(pairs[1].value.mark == at(2, 10))
        // A block mapping value starts at its first key, not after the parent's colon.
        let nested = pairs[2].value
        #expect(nested.mark == at(4, 3))
        #expect(nested.pair("inner")?.key.mark == at(4, 3))
        #expect(nested["inner"]?.mark == at(4, 10))
    }

    @Test("block sequence starts at its first dash and each item after its dash")
    func blockSequenceMarks() throws {
        let root = try #require(YAMLTestSupport.root("list:\n  - one\n  -   two\n  - - deep\n"))
        let list = try #require(root["list"])
        #expect(list.mark == at(2, 3))
        let items = try #require(list.items)
        #expect(items.count == 3)
        #expect(items[0].mark == at(2, 5))
        #expect(items[0].scalarText == "one")
        #expect(items[1].mark == at(3, 7))
        #expect(items[1].scalarText == "two")
        #expect(items[2].mark == at(4, 5))
        #expect(items[2].items?.first?.mark == at(4, 7))
        #expect(items[2].items?.first?.scalarText == "deep")
    }

    @Test("literal block scalar is marked at its | indicator and keeps its text")
    func literalBlockScalarMark() throws {
        let root = try #require(YAMLTestSupport.root("description: |\n  line one\n  line two\nnext: x\n"))
        let value = try #require(root["description"])
        #expect(value.mark == at(1, 14))
        guard case .scalar(let text, let style) = value.content else {
            Issue.record("description is not a scalar")
            return
        }
        #expect(text == "line one\nline two\n")
        #expect(style == .literal)
        #expect(root.pair("next")?.key.mark == at(4, 1))
    }

    @Test("folded block scalar is marked at its > indicator and folds lines")
    func foldedBlockScalarMark() throws {
        let root = try #require(YAMLTestSupport.root("summary: >-\n  folded\n  text\n"))
        let value = try #require(root["summary"])
        #expect(value.mark == at(1, 10))
        guard case .scalar(let text, let style) = value.content else {
            Issue.record("summary is not a scalar")
            return
        }
        #expect(text == "folded text")
        #expect(style == .folded)
    }

    @Test("flow sequence and flow mapping mark the bracket and every item")
    func flowStyleMarks() throws {
        let root = try #require(YAMLTestSupport.root("tags: [two, three]\nflow: {x: 1, y: \"q\"}\n"))
        let tags = try #require(root["tags"])
        #expect(tags.mark == at(1, 7))
        #expect(tags.items?.map(\.mark) == [at(1, 8), at(1, 13)])
        #expect(tags.items?.map(\.scalarText) == ["two", "three"])

        let flow = try #require(root["flow"])
        #expect(flow.mark == at(2, 7))
        let pairs = try #require(flow.pairs)
        #expect(pairs.map(\.key.mark) == [at(2, 8), at(2, 14)])
        #expect(pairs.map(\.value.mark) == [at(2, 11), at(2, 17)])
        guard case .scalar(let text, let style) = pairs[1].value.content else {
            Issue.record("y is not a scalar")
            return
        }
        #expect(text == "q")
        #expect(style == .doubleQuoted)
    }

    @Test("quoted scalars are marked at their opening quote")
    func quotedScalarMarks() throws {
        let root = try #require(YAMLTestSupport.root("a: 'single'\nb: \"double\"\n"))
        #expect(root["a"]?.mark == at(1, 4))
        #expect(root["b"]?.mark == at(2, 4))
        guard case .scalar(let text, let style)? = root["a"]?.content else {
            Issue.record("a is not a scalar")
            return
        }
        #expect(text == "single")
        #expect(style == .singleQuoted)
    }

    @Test("marks continue across documents and each document records its start")
    func multiDocumentMarks() {
        let documents = YAMLTestSupport.documents("a: 1\n---\nb: 2\n--- \nc: 3\n...\n---\nd\n")
        #expect(documents.count == 4)
        #expect(documents.map(\.start) == [at(1, 1), at(2, 1), at(4, 1), at(7, 1)])
        #expect(documents.map { $0.root?.mark } == [at(1, 1), at(3, 1), at(5, 1), at(8, 1)])
        #expect(documents.map { $0.error == nil } == [true, true, true, true])
        #expect(documents[2].root?["c"]?.mark == at(5, 4))
        #expect(documents[3].root?.scalarText == "d")
    }

    @Test("a document after leading comments starts at its first token")
    func documentStartAfterComments() {
        let documents = YAMLTestSupport.documents("# header\n\nkey: value\n")
        #expect(documents.count == 1)
        #expect(documents[0].start == at(3, 1))
        #expect(documents[0].root?.mark == at(3, 1))
    }

    @Test("a UTF-8 byte order mark is skipped without shifting columns")
    func byteOrderMark() throws {
        let root = try #require(YAMLTestSupport.root("\u{FEFF}a: 1\nb: 2\n"))
        #expect(root.mark == at(1, 1))
        #expect(root.pair("a")?.key.mark == at(1, 1))
        #expect(root["a"]?.mark == at(1, 4))
        #expect(root["b"]?.mark == at(2, 4))
        #expect(root.pairs?.first?.key.scalarText == "a")

        let fromBytes = YAMLTestSupport.documents(bytes: [0xEF, 0xBB, 0xBF] + utf8("x: [1]\n"))
        #expect(fromBytes.count == 1)
        #expect(fromBytes.first?.root?["x"]?.mark == at(1, 4))
        #expect(fromBytes.first?.root?["x"]?.items?.first?.mark == at(1, 5))
    }

    @Test("CRLF line endings give the same positions as LF and no carriage returns in text")
    func crlfLineEndings() throws {
        let lf = "a: 1\nb:\n  - x\ns: |\n  l1\n  l2\n---\nc: 3\n"
        let crlf = lf.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let lfDocuments = YAMLTestSupport.documents(lf)
        let crlfDocuments = YAMLTestSupport.documents(crlf)
        #expect(crlfDocuments.count == 2)
        #expect(crlfDocuments.map(\.start) == lfDocuments.map(\.start))
        #expect(crlfDocuments.map(\.start) == [at(1, 1), at(7, 1)])

        let root = try #require(crlfDocuments.first?.root)
        #expect(root["a"]?.mark == at(1, 4))
        #expect(root["b"]?.mark == at(3, 3))
        #expect(root["b"]?.items?.first?.mark == at(3, 5))
        #expect(root["b"]?.items?.first?.scalarText == "x")
        #expect(root["s"]?.mark == at(4, 4))
        #expect(root["s"]?.scalarText == "l1\nl2\n")
        #expect(crlfDocuments[1].root?["c"]?.mark == at(8, 4))
    }

    @Test("columns count Unicode scalars, not bytes, for non-ASCII text before a node")
    func nonASCIIColumns() throws {
        // "é" is 2 bytes, "😀" 4 bytes (2 UTF-16 units), "日" 3 bytes: each is one column.
        let root = try #require(YAMLTestSupport.root("\u{E9}\u{E9}: [\u{1F600}, x]\n\u{65E5}\u{672C}: y\n"))
        let first = try #require(root.pair("\u{E9}\u{E9}"))
        #expect(first.key.mark == at(1, 1))
        #expect(first.value.mark == at(1, 5))
        #expect(first.value.items?.map(\.mark) == [at(1, 6), at(1, 9)])
        #expect(first.value.items?.map(\.scalarText) == ["\u{1F600}", "x"])
        #expect(root["\u{65E5}\u{672C}"]?.mark == at(2, 5))
    }
}
