import Foundation
@testable import PortalCommandLine
import PortalKit
import Testing

/// One organisation holding every kind of broken and hostile input from issue 8's list, built
/// end to end: each case gives its diagnostic, the rest of the portal builds, and nothing outside
/// the ROOT is read or published.
@Suite("hostile input: one bad repository never takes the portal down")
struct HostileInputTests {
    static let secret = "TOPSECRET-7c1d"

    static let component = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: NAME
          annotations: {backstage.io/techdocs-ref: dir:.}
        spec: {type: service, owner: team, lifecycle: production}

        """

    static func descriptor(_ name: String) -> String { component.replacingOccurrences(of: "NAME", with: name) }

    /// A GFM table of `columns` columns and `rows` rows.
    static func table(columns: Int, rows: Int) -> String {
        "|" + String(repeating: "a|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n"
            + String(repeating: "|" + String(repeating: "x|", count: columns) + "\n", count: rows)
    }

    /// The organisation under `base/org`, with a secret beside it at `base/outside`.
    static func makeOrganisation(at base: String) throws {
        let text: [String: String] = [
            "outside/passwd": secret + "\n",
            "org/team/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: team}\nspec: {type: team, children: []}\n",
            "org/good/catalog-info.yaml": descriptor("good"),
            "org/good/mkdocs.yml": "site_name: Good\n",
            "org/good/docs/index.md": "# Good\n",
            "org/good/docs/big.md": "# Big\n\n" + String(repeating: String(repeating: "lorem ipsum dolor sit amet ", count: 40) + "\n\n", count: 4_800),
            "org/good/docs/deep-list.md": "# Deep list\n\n" + String(repeating: "- ", count: 10_000) + "x\n",
            "org/good/docs/deep-quote.md": "# Deep quote\n\n" + String(repeating: ">", count: 10_000) + " x\n",
            "org/good/docs/emphasis.md": "# Emphasis\n\n" + String(repeating: "*a **b ", count: 20_000) + "\n\n" + String(repeating: "[", count: 50_000) + "\n\n"
                + String(repeating: "_", count: 100_000) + "\n",
            "org/good/docs/table.md": "# Table\n\n" + table(columns: 2_000, rows: 100),
            "org/good/docs/nul.md": "# NUL\n\nbefore\u{0}after\n",
            "org/good/docs/with space.md": "# With space\n",
            "org/good/docs/ünïcödé.md": "# Unicode\n",
            "org/good/docs/new\nline.md": "# Newline\n",
            "org/good/docs/a..b.md": "# Dots\n",
            "org/good/docs/..hidden.md": "# Hidden, as in MkDocs\n",
            "org/syntax/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: [Component\n",
            "org/tabs/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n\tname: tabs\n",
            "org/duplicate/catalog-info.yaml": descriptor("first").replacingOccurrences(of: "  name: first", with: "  name: first\n  name: second"),
            "org/deep/catalog-info.yaml": "a: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n",
            "org/bomb/catalog-info.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + (0..<8).map { level in
                let previous = Character(UnicodeScalar(97 + level)!), next = Character(UnicodeScalar(98 + level)!)
                return "\(next): &\(next) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            }.joined(),
            "org/empty/catalog-info.yaml": "",
            "org/scalar/catalog-info.yaml": "just a string\n",
            "org/list/catalog-info.yaml": "- a\n- b\n",
            "org/types/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: 123\nspec: {type: service, owner: team, lifecycle: production}\n",
            "org/null-annotations/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: nulls\n  annotations: null\n  tags: [yes]\nspec: {type: service, owner: team, lifecycle: production}\n",
            "org/paths/catalog-info.yaml": """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: climber
                  annotations: {backstage.io/techdocs-ref: 'dir:../../..'}
                  description: {$text: ../../outside/passwd}
                spec: {type: service, owner: team, lifecycle: production}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: API
                metadata: {name: absolute}
                spec: {type: openapi, owner: team, lifecycle: production, definition: {$text: /etc/passwd}}
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Location
                metadata: {name: escape}
                spec: {targets: [../../outside/passwd, /etc/passwd, ../good/catalog-info.yaml]}

                """,
        ]
        for (path, contents) in text {
            try write(Data(contents.utf8), to: base + "/" + path)
        }
        try write(Data(descriptor("big").utf8 + Array(repeating: UInt8(ascii: "#"), count: 50 << 20)), to: base + "/org/big/catalog-info.yaml")
        try write(Data((0..<2_560).map { UInt8($0 % 256) }), to: base + "/org/binary/catalog-info.yaml")
        try write(Data(descriptor("latin").utf8.map { $0 } + [0x23, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x0A]), to: base + "/org/latin1/catalog-info.yaml")
        try write(Data("# Bad\n\n\u{FF}".utf8.dropLast(2) + [0xFF, 0xFE, 0x20, 0xC3, 0x0A]), to: base + "/org/good/docs/bad-utf8.md")
        try write(Data(Array(repeating: UInt8(ascii: "a"), count: 17 << 20)), to: base + "/org/good/docs/huge.md")
        let links = FileManager.default
        try links.createSymbolicLink(atPath: base + "/org/good/docs/root", withDestinationPath: "/")
        try links.createSymbolicLink(atPath: base + "/org/good/docs/outside", withDestinationPath: "../../../outside")
        try links.createSymbolicLink(atPath: base + "/org/good/docs/secret.md", withDestinationPath: "../../../outside/passwd")
        try links.createSymbolicLink(atPath: base + "/org/good/docs/loop1", withDestinationPath: "loop2")
        try links.createSymbolicLink(atPath: base + "/org/good/docs/loop2", withDestinationPath: "loop1")
        try links.createDirectory(atPath: base + "/org/linked", withIntermediateDirectories: true)
        try links.createSymbolicLink(atPath: base + "/org/linked/catalog-info.yaml", withDestinationPath: "../../outside/passwd")
    }

    static func write(_ data: Data, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
    }

    @Test("every case is reported at its file, the good repository's pages are published, nothing outside the ROOT is read",
          .timeLimit(.minutes(3)))
    func organisation() throws {
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Self.makeOrganisation(at: base)
        let outcome = BuildAction(roots: [base + "/org"], output: base + "/site").perform()
        #expect(outcome.written, "the portal is built despite every bad repository")

        // Each case, as (file under org/, diagnostic id).
        let reported = Set(outcome.diagnostics.map { diagnostic in
            "\(diagnostic.location.file.replacingOccurrences(of: base + "/org/", with: "")) \(diagnostic.id.rawValue)"
        })
        let expected = [
            "big/catalog-info.yaml input.too-large",              // 50 MB: over the 16 MiB limit, not read
            "binary/catalog-info.yaml yaml.syntax",                // control characters
            "latin1/catalog-info.yaml yaml.syntax",                // not UTF-8
            "syntax/catalog-info.yaml yaml.syntax",
            "tabs/catalog-info.yaml yaml.syntax",
            "duplicate/catalog-info.yaml yaml.duplicate-key",
            "deep/catalog-info.yaml yaml.too-deep",
            "bomb/catalog-info.yaml yaml.alias-expansion",
            "empty/catalog-info.yaml entity.none-in-file",
            "scalar/catalog-info.yaml entity.not-an-entity",
            "list/catalog-info.yaml entity.not-an-entity",
            "types/catalog-info.yaml entity.invalid-name",         // name: 123
            "null-annotations/catalog-info.yaml entity.invalid-annotation",
            "paths/catalog-info.yaml docs.outside-repository",     // techdocs-ref: dir:../../..
            "paths/catalog-info.yaml placeholder.outside-repository",  // $text: ../../outside/passwd and /etc/passwd
            "paths/catalog-info.yaml location.outside-repository", // Location targets ../../ and /etc/passwd
            "good/docs/huge.md input.too-large",                   // 17 MB page
            "good/docs/table.md docs.table-too-large",
            "good/docs/root input.symlink-outside",
            "good/docs/outside input.symlink-outside",
            "good/docs/secret.md input.symlink-outside",
            "good/docs/loop1 input.symlink-outside",
            "good/docs/loop2 input.symlink-outside",
        ]
        for item in expected {
            #expect(reported.contains(item), "\(item) in \(reported.sorted())")
        }
        #expect(outcome.diagnostics.filter { $0.location.file.hasSuffix("paths/catalog-info.yaml") && $0.id == .placeholderOutside }.count == 2)
        #expect(outcome.diagnostics.filter { $0.location.file.hasSuffix("paths/catalog-info.yaml") && $0.id == .locationOutside }.count == 2)
        #expect(reported.contains("linked/catalog-info.yaml input.symlink-outside"), "a descriptor linking out of its repository is reported, not read")

        // Duplicate keys: the later value wins, as in Backstage's parser; `tags: [yes]` stays the string "yes".
        let refs = Set(outcome.build?.graph.entities.map(\.ref.description) ?? [])
        #expect(refs.contains("component:default/second") && !refs.contains("component:default/first"))
        #expect(refs.contains("component:default/good") && refs.contains("group:default/team"))

        // The good repository's pages are all published, with the hostile ones rendered.
        let site = base + "/site/docs/default/component/good/"
        for page in ["", "big/", "deep-list/", "deep-quote/", "emphasis/", "table/", "nul/", "bad-utf8/", "with space/", "ünïcödé/",
                     "new\nline/", "a..b/"] {
            #expect(FileManager.default.fileExists(atPath: site + page + "index.html"), "docs page '\(page)'")
        }
        let nul = try String(contentsOfFile: site + "nul/index.html", encoding: .utf8)
        #expect(nul.contains("before\u{FFFD}after"), "a NUL byte becomes U+FFFD")
        #expect(!FileManager.default.fileExists(atPath: site + "huge/index.html"))
        #expect(!FileManager.default.fileExists(atPath: site + "..hidden/index.html"), "hidden files are left out, as MkDocs does")

        // Nothing outside the ROOT was published or read.
        let published = FileManager.default.enumerator(atPath: base + "/site")!.compactMap { $0 as? String }
        for path in published where !path.hasSuffix(".portal-build-cache") {
            let data = (try? Data(contentsOf: URL(fileURLWithPath: base + "/site/" + path))) ?? Data()
            #expect(data.range(of: Data(Self.secret.utf8)) == nil, "\(path) holds the secret")
        }
        let inputs = try #require(outcome.cache?.inputs.keys)
        #expect(inputs.allSatisfy { $0.hasPrefix(base + "/org/") }, "the cache records inputs outside the ROOT: \(inputs.filter { !$0.hasPrefix(base + "/org/") }.sorted())")
        #expect(!inputs.contains { $0.contains("/good/docs/root/") || $0.contains("/outside/") })
    }

    @Test("a descriptor cut off at every byte loads or is reported at a position inside the file; never a crash")
    func truncatedEverywhere() {
        let text = Array(Self.descriptor("cut").utf8) + Array("---\nkind: Group\nmetadata: {name: g, tags: [a, \"b\"]}\nspec: {type: team, children: []}\n".utf8)
        let lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        for end in 0...text.count {
            let (_, diagnostics) = CatalogLoader().loadDescriptor(Array(text[..<end]), path: "/r/catalog-info.yaml", repository: "/r")
            for diagnostic in diagnostics.items {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.line <= lines + 1, "cut at \(end): \(diagnostic.formatted)")
            }
        }
    }
}
