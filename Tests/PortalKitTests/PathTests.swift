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

    /// `join` normalises in a scratch buffer of its own; it must agree with `normalize` of the
    /// joined string for every mix of components, absolute or not.
    @Test("join agrees with normalize of base/relative for every mix of components")
    func joinMatchesNormalize() {
        let pieces = ["", ".", "..", "a", "bb", "...", ".x", "é", "c.md"]
        var bases = ["", "/", "/docs", "docs", "/a/b", "a/b/", "/a/./b/..", "../x", "//a"]
        var relatives = ["", "/", "x", "x/", "../y", "../../..", "./z/./", "..", "a//b", "/abs/../p"]
        // Every path of up to three pieces, as a base (absolute and not) and as a relative path.
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let path = [first, second, third].joined(separator: "/")
                    bases += [path, "/" + path]
                    relatives.append(path)
                }
            }
        }
        var mismatches: [String] = []
        for base in bases {
            for relative in relatives {
                let expected = relative.hasPrefix("/") ? Path.normalize(relative) : Path.normalize(base + "/" + relative)
                if Path.join(base, relative) != expected { mismatches.append("\(base) + \(relative)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(Path.join("/docs/guides", "../../other-repo/docs/setup.md") == "/other-repo/docs/setup.md")
    }

    @Test("directory and file name split at the last slash byte, whatever the names hold")
    func split() {
        #expect(Path.directory(of: "/a/b/c.md") == "/a/b" && Path.fileName(of: "/a/b/c.md") == "c.md")
        #expect(Path.directory(of: "/c.md") == "/" && Path.fileName(of: "/c.md") == "c.md")
        #expect(Path.directory(of: "c.md") == "." && Path.fileName(of: "c.md") == "c.md")
        #expect(Path.directory(of: "docs/ü/setup ü.md") == "docs/ü" && Path.fileName(of: "docs/ü/setup ü.md") == "setup ü.md")
        // A name starting with a combining mark: as characters the slash and the mark are one
        // grapheme, but the path's separator is still the slash byte.
        #expect(Path.directory(of: "docs/\u{301}a.md") == "docs" && Path.fileName(of: "docs/\u{301}a.md") == "\u{301}a.md")
    }

    @Test("isInside and relative compare bytes, and a folder's sibling with a longer name is not inside it")
    func inside() {
        #expect(Path.isInside("/r/docs/a.md", "/r/docs") && Path.isInside("/r/docs", "/r/docs") && Path.isInside("/x", "/"))
        #expect(!Path.isInside("/r/docs-old/a.md", "/r/docs") && !Path.isInside("/r", "/r/docs"))
        #expect(Path.relative("/r/docs/a.md", to: "/r/docs") == "a.md")
        #expect(Path.relative("/r/docs", to: "/r/docs") == ".")
        #expect(Path.relative("/r/docs-old/a.md", to: "/r/docs") == "/r/docs-old/a.md")
        #expect(Path.relative("/a/b", to: "/") == "a/b" && Path.relative("/", to: "/") == ".")
        #expect(Path.relative("/r/é/a.md", to: "/r/é") == "a.md")
        // "é" precomposed and decomposed are equal Swift strings but different names on disk.
        #expect(!Path.isInside("/r/e\u{301}/a.md", "/r/\u{e9}"))
        #expect(Path.relative("/r/e\u{301}/a.md", to: "/r/\u{e9}") == "/r/e\u{301}/a.md")
    }
}
