@testable import PortalAPIReference
import Testing

@Suite("Anchor ids")
struct AnchorTests {
    @Test("slugs keep lowercase ASCII letters, digits, - and _; other runs become one dash")
    func slug() {
        #expect(AnchorRegistry.slug("GET /pets/{petId}") == "get-pets-petid")
        #expect(AnchorRegistry.slug("Café__au lait!") == "caf-__au-lait")
        #expect(AnchorRegistry.slug("<script>") == "script")
        #expect(AnchorRegistry.slug("日本") == "")
        #expect(AnchorRegistry.slug(String(repeating: "a", count: 500)).count == 60)
    }

    @Test("ids are prefixed api- and made unique with a counter")
    func unique() {
        var anchors = AnchorRegistry()
        #expect(anchors.make("schema", "Pet") == "api-schema-pet")
        #expect(anchors.make("schema", "pet") == "api-schema-pet-2")
        #expect(anchors.make("schema", "PET!") == "api-schema-pet-3")
        #expect(anchors.make("schema", "日本") == "api-schema")
        #expect(anchors.make("schema", "") == "api-schema-2")
    }
}
