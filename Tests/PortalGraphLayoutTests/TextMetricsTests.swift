@testable import PortalGraphLayout
import Testing

@Suite("text metrics")
struct TextMetricsTests {
    @Test("ASCII text measured by bytes fits exactly as measured by characters", arguments: [
        "", "a", "payments-service", "Platform Engineering Team", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
        "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii", "a very long title that certainly needs an ellipsis at the end",
    ])
    func asciiMatchesCharacters(_ text: String) throws {
        for (fontSize, maxWidth) in [(12.0, 180.0), (10.0, 60.0), (11.0, 5.0)] {
            let bytes = try #require(TextMetrics.fitASCII(text, fontSize: fontSize, maxWidth: maxWidth))
            #expect(bytes == TextMetrics.fitCharacters(text, fontSize: fontSize, maxWidth: maxWidth))
        }
    }

    @Test("text that is not ASCII, or has a carriage return, is measured by characters")
    func otherTextByCharacters() {
        #expect(TextMetrics.fitASCII("Café", fontSize: 12, maxWidth: 100) == nil)
        #expect(TextMetrics.fitASCII("a\r\nb", fontSize: 12, maxWidth: 100) == nil)
        #expect(TextMetrics.fit("Café", fontSize: 12, maxWidth: 100) == TextMetrics.fitCharacters("Café", fontSize: 12, maxWidth: 100))
    }
}
