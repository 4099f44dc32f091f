import Testing
@testable import PortalKit

@Suite("Lexical paths")
struct PathTests {
    @Test("normalize removes empty, . and resolvable .. components; clean paths come back as they are", arguments: [
        ("/a/b/c.md", "/a/b/c.md"),
        ("a/b", "a/b"),
        ("/", "/"),
        (".hidden/x", ".hidden/x"),
        ("a/.../b", "a/.../b"),
        ("/a/b/../c.md", "/a/c.md"),
        ("/a/./b//c/", "/a/b/c"),
        ("./a", "a"),
        ("../a", "../a"),
        ("a/../..", ".."),
        ("/../a", "/a"),
        (".", "."),
        ("a/..", "."),
        ("", "."),
        ("/docs/guides/../../other-repo/docs/setup.md", "/other-repo/docs/setup.md"),
    ])
    func normalize(path: String, expected: String) {
        #expect(Path.normalize(path) == expected)
    }
}
