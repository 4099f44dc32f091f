@testable import PortalGraphLayout
import Testing

@Suite("escaping and number formatting")
struct XMLEscapeTests {
    @Test("the five XML specials become entities")
    func specials() {
        #expect("<a href=\"x\">Tom & Jerry's</a>".xmlEscaped == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect("plain ünïcode → ok".xmlEscaped == "plain ünïcode → ok")
    }

    @Test("control characters XML forbids become U+FFFD; tabs and newlines stay")
    func controlCharacters() {
        #expect("a\u{1}b\tc\nd\u{1F}".xmlEscaped == "a\u{FFFD}b\tc\nd\u{FFFD}")
    }

    @Test("numbers have at most one decimal and no trailing .0", arguments: [
        (12.0, "12"), (12.25, "12.3"), (-0.04, "0"), (-3.45, "-3.5"), (1234.56, "1234.6"), (0.96, "1"), (.nan, "0"), (-.infinity, "0"),
    ])
    func numbers(value: Double, text: String) {
        var buffer = SVGBuffer()
        buffer.number(value)
        #expect(buffer.string == text)
    }

    @Test("kinds become class names, id prefixes become safe ids")
    func identifiers() {
        #expect(SVGWriter.classSuffix("Component") == "component")
        #expect(SVGWriter.classSuffix("My Kind/2") == "my-kind-2")
        #expect(SVGWriter.sanitizedID("") == "graph")
        #expect(SVGWriter.sanitizedID("a b)c") == "a-b-c")
    }
}
