import PortalYAML
import Testing

@Suite("YAML tags")
struct YAMLTagTests {
    @Test("unknown Python tags from mkdocs files do not abort and are kept expanded")
    func unknownTagsArePreserved() throws {
        let text = """
            markdown_extensions:
              - pymdownx.emoji:
                  emoji_index: !!python/name:materialx.emoji.twemoji
                  emoji_generator: !!python/name:materialx.emoji.to_svg
            """
        let root = try #require(YAMLTestSupport.root(text))
        let emoji = try #require(root["markdown_extensions"]?.items?.first?["pymdownx.emoji"])
        let index = try #require(emoji["emoji_index"])
        #expect(index.tag == "tag:yaml.org,2002:python/name:materialx.emoji.twemoji")
        #expect(index.mark == at(3, 20))
        #expect(index.scalarValue == .string(""))
        #expect(emoji["emoji_generator"]?.tag == "tag:yaml.org,2002:python/name:materialx.emoji.to_svg")
    }

    @Test("!!str makes a number-like plain scalar a string")
    func strTagForcesString() throws {
        let root = try #require(YAMLTestSupport.root("version: !!str 123\nflag: !!str true\n"))
        #expect(root["version"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["version"]?.scalarValue == .string("123"))
        #expect(root["version"]?.stringValue == "123")
        #expect(root["flag"]?.scalarValue == .string("true"))
    }

    @Test("local and non-specific tags leave the value a string")
    func localTags() throws {
        let root = try #require(YAMLTestSupport.root("custom: !thing 5\nbare: ! 12\n"))
        #expect(root["custom"]?.tag == "!thing")
        #expect(root["custom"]?.scalarValue == .string("5"))
        // `!` is the non-specific tag: YAML resolves it to !!str.
        #expect(root["bare"]?.tag == "!")
        #expect(root["bare"]?.scalarValue == .string("12"))
    }

    @Test("a %TAG handle is expanded and tags on collections are kept")
    func tagDirectiveAndCollectionTags() throws {
        let documents = YAMLTestSupport.documents("%TAG !e! tag:example.com,2000:\n---\nx: !e!widget {a: 1}\ny: !!seq [1]\n")
        #expect(documents.count == 1)
        let root = try #require(documents.first?.root)
        #expect(root["x"]?.tag == "tag:example.com,2000:widget")
        #expect(root["x"]?.scalarValue == nil)
        #expect(root["x"]?["a"]?.scalarValue == .int(1))
        #expect(root["y"]?.tag == "tag:yaml.org,2002:seq")
    }

    @Test("plain scalars without a tag have a nil tag")
    func untaggedScalars() throws {
        let root = try #require(YAMLTestSupport.root("a: 1\n"))
        #expect(root.tag == nil)
        #expect(root["a"]?.tag == nil)
    }
}
