import Testing
@testable import PortalMarkdown

/// Pages cut into sections for search.
@Suite struct DocumentSectionsTests {
    func sections(_ markdown: String) -> [DocumentSection] {
        DocumentSections.extract(DocumentRenderer().render(markdown).htmlBytes)
    }

    @Test func pagesAreCutAtH1ToH3() {
        let result = sections("""
        Intro text.

        # Title

        Lead.

        ## Install it

        Run `make` &amp; wait.

        #### Detail

        Deep text.

        ### Configure { #config }

        - one
        - two
        """)
        #expect(result.map(\.level) == [0, 1, 2, 3])
        #expect(result.map(\.heading) == ["", "Title", "Install it", "Configure"])
        #expect(result.map(\.id) == [nil, "title", "install-it", "config"])
        #expect(result[0].text == "Intro text.")
        #expect(result[2].text == "Run make & wait. Detail Deep text.")
        #expect(result[3].text == "one two")
    }

    @Test func permalinksAreNotText() {
        let result = sections("## Setup\n\nBody")
        #expect(result[0].heading == "Setup")
        #expect(!result[0].text.contains("#"))
    }

    @Test func footnoteBackLinksAreNotText() {
        let result = sections("## Setup\n\nBody[^1].\n\n[^1]: The note.\n")
        let text = result.map(\.text).joined(separator: " ")
        #expect(text.contains("The note"))
        #expect(!text.contains("\u{21A9}"), "no ↩ in the search text: \(text)")
    }

    @Test func codeAndIdiomsAreText() {
        let result = sections("""
        ## Usage

        !!! warning "Careful"
            Never run this in production.

        ```bash
        kubectl rollout restart deploy/payments
        ```
        """)
        #expect(result[0].text.contains("Careful"))
        #expect(result[0].text.contains("Never run this in production."))
        #expect(result[0].text.contains("kubectl rollout restart deploy/payments"))
    }

    @Test func characterReferencesAreDecodedAndMarkupIsNot() {
        let result = sections("## A &lt;b&gt; tag\n\n5 &gt; 3 and <span>x</span> &copy;")
        #expect(result[0].heading == "A <b> tag")
        #expect(result[0].text.hasPrefix("5 > 3 and x"))
    }

    @Test func hugeSectionsAreCapped() {
        let result = sections("## Big\n\n" + String(repeating: "word ", count: 40_000))
        #expect(result[0].text.utf8.count <= DocumentSections.maxTextBytes)
    }

    /// Whitespace collapsing as README states it, byte by byte: runs of space, tab, CR, LF and
    /// form feed become one space (none at the start), other bytes are kept, and bytes stop
    /// being added once `maxTextBytes` are there. The extractor copies eight bytes at a time.
    static func collapsed(_ text: [UInt8]) -> String {
        var output: [UInt8] = [], pending = false
        for byte in text {
            if [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(byte) { pending = true; continue }
            guard output.count < DocumentSections.maxTextBytes else { break }
            if pending, !output.isEmpty { output.append(0x20) }
            pending = false
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    @Test func whitespaceIsCollapsedAtEveryOffsetAndUpToTheCap() {
        // Runs of every length around the 8-byte steps, control bytes that are not spaces, and
        // non-ASCII text; then the same near the cap, where the last bytes must go one at a time.
        var texts: [[UInt8]] = []
        let words = ["a", "bb", "ccccccc", "dddddddd", "eeeeeeeee", "ffffffffffffffff", "h\u{1}i", "\u{7F}x", "é—ü", "x\u{B}y"]
        let gaps = [" ", "  ", "\t", "\n\n", " \r\n ", "\u{C}"]
        for (offset, word) in words.enumerated() {
            for (index, gap) in gaps.enumerated() {
                let text = (0..<12).map { words[($0 + offset) % words.count] + gaps[($0 + index) % gaps.count] }.joined()
                texts.append(Array((gap + word + gap + text + gap).utf8))
            }
        }
        let filler = String(repeating: "abcdefg ", count: DocumentSections.maxTextBytes / 8 - 2)
        for extra in 0..<24 { texts.append(Array((filler + String(repeating: "z", count: extra) + " tail words here").utf8)) }
        for text in texts {
            let html = Array("<p>".utf8) + text + Array("</p>".utf8)
            let escaped = text.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") })
            #expect(!escaped)
            #expect(DocumentSections.extract(html).first?.text == Self.collapsed(text), "\(String(decoding: text.prefix(60), as: UTF8.self).debugDescription)")
        }
    }

    @Test func brokenMarkupNeverCrashes() {
        for html in ["<h2", "<h2 id=\"x\">unclosed", "</h3>text", "&#xFFFFFFFF; &unknown; &", "<svg><text>hidden</text>", "<a class=\"headerlink\">"] {
            _ = DocumentSections.extract(Array(html.utf8))
        }
        #expect(DocumentSections.extract(Array("<svg><text>hidden</text></svg>shown".utf8)).first?.text == "shown")
    }

    @Test("inline elements join their text to the words around them; block elements and unknown tags part it; the text of script, style, svg and template is left out")
    func elementKinds() {
        func text(_ html: String) -> String? { DocumentSections.extract(Array(html.utf8)).first?.text }
        for name in ["a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u", "var", "time", "wbr"] {
            #expect(text("x<\(name)>y</\(name)>z") == "xyz", "\(name)")
            #expect(text("x<\(name.uppercased()) class=\"k\">y</\(name.uppercased())>z") == "xyz", "\(name) in capitals")
        }
        for name in ["p", "div", "li", "td", "br", "pre", "blockquote", "section", "spanx", "bdi"] {
            #expect(text("x<\(name)>y</\(name)>z") == "x y z", "\(name)")
        }
        for name in ["script", "style", "svg", "template"] {
            #expect(text("x<\(name)>hidden</\(name)>z") == "xz", "\(name)")
        }
        #expect(text("one\n\t two  <b>three</b>   four") == "one two three four")
    }
}

