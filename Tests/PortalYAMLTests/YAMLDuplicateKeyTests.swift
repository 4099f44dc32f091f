import PortalYAML
import Testing

@Suite("YAML duplicate keys")
struct YAMLDuplicateKeyTests {
    @Test("a repeated key warns at the second key and the later value wins")
    func laterValueWins() throws {
        let documents = YAMLTestSupport.documents("a: 1\nb: 2\na: 3\n")
        #expect(documents.count == 1)
        #expect(documents[0].error == nil)
        #expect(documents[0].warnings == [
            YAMLProblem(.duplicateKey, "duplicate key 'a' (first at line 1); the later value is used", at: at(3, 1)),
        ])
        let root = try #require(documents[0].root)
        // The surviving pair keeps the later key's place and position.
        #expect(root.pairs?.map(\.key.scalarText) == ["b", "a"])
        #expect(root.pair("a")?.key.mark == at(3, 1))
        #expect(root["a"]?.mark == at(3, 4))
        #expect(root["a"]?.scalarValue == .int(3))
    }

    @Test("every repeat of a key cites the first occurrence's line (regression: the third cited the second)")
    func threeOccurrencesCiteTheFirst() throws {
        let documents = YAMLTestSupport.documents("a: 1\na: 2\na: 3\n")
        #expect(documents[0].warnings == [
            YAMLProblem(.duplicateKey, "duplicate key 'a' (first at line 1); the later value is used", at: at(2, 1)),
            YAMLProblem(.duplicateKey, "duplicate key 'a' (first at line 1); the later value is used", at: at(3, 1)),
        ])
        let root = try #require(documents[0].root)
        #expect(root.pairs?.count == 1)
        #expect(root["a"]?.scalarValue == .int(3))
    }

    @Test("duplicates are found in nested and flow mappings at their own positions")
    func nestedAndFlowDuplicates() {
        let documents = YAMLTestSupport.documents("outer:\n  x: 1\n  x: 2\nflow: {k: a, k: b}\n")
        #expect(documents.count == 1)
        #expect(documents[0].warnings == [
            YAMLProblem(.duplicateKey, "duplicate key 'x' (first at line 2); the later value is used", at: at(3, 3)),
            YAMLProblem(.duplicateKey, "duplicate key 'k' (first at line 4); the later value is used", at: at(4, 14)),
        ])
        #expect(documents[0].root?["flow"]?["k"]?.scalarText == "b")
        #expect(documents[0].root?["outer"]?["x"]?.scalarValue == .int(2))
    }

    @Test("the same key in different mappings or documents is not a duplicate")
    func sameKeyElsewhereIsFine() {
        let documents = YAMLTestSupport.documents("a: {k: 1}\nb: {k: 2}\n---\na: 1\n")
        #expect(documents.count == 2)
        #expect(documents.map(\.warnings) == [[], []])
    }
}
