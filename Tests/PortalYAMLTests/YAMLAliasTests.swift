import PortalYAML
import Testing

@Suite("YAML anchors and aliases")
struct YAMLAliasTests {
    @Test("an alias copies the anchored node and is marked at the alias")
    func aliasCopiesNode() throws {
        let root = try #require(YAMLTestSupport.root("base: &b {x: 1}\nother: *b\nlist: [&s hi, *s]\n"))
        let base = try #require(root["base"])
        let other = try #require(root["other"])
        #expect(base.mark == at(1, 7))
        #expect(other.mark == at(2, 8))
        // The copy's children keep the positions they have in the anchored node.
        #expect(other.pairs?.map(\.key.scalarText) == ["x"])
        #expect(other.pair("x")?.key.mark == at(1, 11))
        #expect(other["x"]?.scalarValue == .int(1))

        let list = try #require(root["list"]?.items)
        #expect(list.map(\.scalarText) == ["hi", "hi"])
        #expect(list.map(\.mark) == [at(3, 8), at(3, 15)])
    }

    @Test("an undefined alias fails its document only")
    func undefinedAlias() {
        let documents = YAMLTestSupport.documents("a: *nope\n---\nb: 1\n")
        #expect(documents.count == 2)
        #expect(documents[0].root == nil)
        #expect(documents[0].error == YAMLProblem(.undefinedAlias, "found undefined alias 'nope'", at: at(1, 4)))
        #expect(documents[1].error == nil)
        #expect(documents[1].root?["b"]?.scalarValue == .int(1))
    }

    @Test("anchors do not carry over into the next document")
    func anchorsAreScopedToTheirDocument() {
        let documents = YAMLTestSupport.documents("a: &x 1\n---\nb: *x\n")
        #expect(documents.count == 2)
        #expect(documents[0].error == nil)
        #expect(documents[1].error == YAMLProblem(.undefinedAlias, "found undefined alias 'x'", at: at(3, 4)))
    }

    @Test("an alias to its own unfinished collection is undefined, not an infinite loop")
    func selfReferentialAlias() {
        let documents = YAMLTestSupport.documents("a: &a [1, *a]\n")
        #expect(documents.count == 1)
        #expect(documents[0].error == YAMLProblem(.undefinedAlias, "found undefined alias 'a'", at: at(1, 11)))
    }

    @Test("a billion-laughs document (9 levels of 10 aliases) is refused once expansion passes the limit")
    func billionLaughs() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for level in 1..<names.count {
            let aliases = Array(repeating: "*\(names[level - 1])", count: 10).joined(separator: ", ")
            text += "\(names[level]): &\(names[level]) [\(aliases)]\n"
        }
        let documents = YAMLTestSupport.documents(text)
        #expect(documents.count == 1)
        #expect(documents[0].root == nil)
        // Anchored sizes are 11, 111, 1111, 11111 nodes: the 8th `*d` on line 5 passes 100,000.
        #expect(documents[0].error == YAMLProblem(
            .aliasExpansion, "aliases expand to more than 100000 nodes; refusing to expand further", at: at(5, 36)))
    }

    @Test("alias expansion counts every node of the copied collection")
    func aliasExpansionCountsNodes() {
        let text = "a: &a [1, 2]\nb: [*a, *a]\n"
        // Each `*a` adds 3 nodes (the sequence and two scalars): 6 is within a limit of 6.
        let allowed = YAMLTestSupport.documents(text, limits: YAMLLimits(maxAliasExpansion: 6))
        #expect(allowed.count == 1)
        #expect(allowed[0].error == nil)
        #expect(allowed[0].root?["b"]?.items?.map { $0.items?.map(\.scalarText) } == [["1", "2"], ["1", "2"]])

        let refused = YAMLTestSupport.documents(text, limits: YAMLLimits(maxAliasExpansion: 5))
        #expect(refused.count == 1)
        #expect(refused[0].error == YAMLProblem(
            .aliasExpansion, "aliases expand to more than 5 nodes; refusing to expand further", at: at(2, 9)))
    }
}
