@testable import PortalAPIReference
import Testing

@Suite("JSON pointers")
struct PointerTests {
    @Test("the canonical form of a reference is the pointer of its tokens, shortcut or not", arguments: [
        "#", "#/", "#/components/schemas/Pet", "#/a//b", "#/a/", "#abc", "#/a~1b/c~0d", "#/a%20b", "#/paths/~1pets~1{id}/get",
    ])
    func canonicalPointer(_ ref: String) {
        #expect(ReferenceResolver.canonicalPointer(ref) == ReferenceResolver.pointer(ReferenceResolver.tokens(ref)))
    }

    @Test("pointers escape ~ and / inside tokens")
    func pointerEscapes() {
        #expect(ReferenceResolver.pointer(["components", "schemas", "Pet"]) == "#/components/schemas/Pet")
        #expect(ReferenceResolver.pointer(["paths", "/pets/{id}", "a~b"]) == "#/paths/~1pets~1{id}/a~0b")
        #expect(ReferenceResolver.pointer([]) == "#")
    }
}
