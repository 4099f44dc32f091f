import PortalMarkdown
import Testing

@Suite("Percent decoding")
struct PercentDecodingTests {
    @Test("two hex digits after % become that byte, read as UTF-8; any other % stays", arguments: [
        ("setup%20guide.md", "setup guide.md"),
        ("a%2Fb", "a/b"),
        ("%C3%A9t%c3%a9", "été"),
        ("100%", "100%"),
        ("%4", "%4"),
        ("%zz%", "%zz%"),
        ("%+1", "%+1"),  // not hex digits, though Int parsing would take the sign
        ("%%41", "%A"),
        ("%FF", "\u{FFFD}"),  // not UTF-8
        ("plain", "plain"),
    ])
    func decoded(text: String, expected: String) {
        #expect(PercentDecoding.decoded(text) == expected)
    }

    @Test("the strict form refuses a % without two hex digits and bytes that are not UTF-8")
    func strictlyDecoded() {
        #expect(PercentDecoding.strictlyDecoded("setup%20guide".utf8) == "setup guide")
        #expect(PercentDecoding.strictlyDecoded("%C3%A9".utf8) == "é")
        #expect(PercentDecoding.strictlyDecoded("plain".utf8) == "plain")
        for refused in ["100%", "%4", "%zz", "%+1", "%FF", "a%C3"] {
            #expect(PercentDecoding.strictlyDecoded(refused.utf8) == nil, "\(refused)")
        }
    }
}
