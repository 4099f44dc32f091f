/// A part of a converted page for search: the text from one `h1`–`h3` heading to the next.
public struct DocumentSection: Sendable, Hashable {
    /// 1–3; 0 for the text before the first heading.
    public var level: Int
    /// The heading's `id` (nil before the first heading).
    public var id: String?
    public var heading: String
    /// The section's plain text (code included), whitespace collapsed; at most ``DocumentSections/maxTextBytes``.
    public var text: String
}

/// Cuts a page body from ``DocumentRenderer`` into ``DocumentSection``s: tags removed, character
/// references decoded, permalinks and inline SVG left out.
public enum DocumentSections {
    /// Text kept per section; the rest of a giant section is not searchable.
    public static let maxTextBytes = 64 << 10

    public static func extract(_ html: [UInt8]) -> [DocumentSection] {
        var sections: [DocumentSection] = []
        var current = (level: 0, id: String?.none, heading: [UInt8]())
        var text = TextBuffer()
        var headingText = TextBuffer()
        var inHeading = false
        var skipUntil: [UInt8]?  // the closing tag that ends skipped content
        var index = 0
        let count = html.count

        func finishSection() {
            let body = text.string()
            if current.level > 0 || !body.isEmpty {
                sections.append(DocumentSection(level: current.level, id: current.id, heading: String(decoding: current.heading, as: UTF8.self), text: body))
            }
            text = TextBuffer()
        }

        while index < count {
            let byte = html[index]
            if byte == UInt8(ascii: "<") {
                guard let close = html[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
                let tag = Tag(html[(index + 1)..<close])
                index = close + 1
                if let end = skipUntil {
                    if tag.isClosing, tag.name == end { skipUntil = nil }
                    continue
                }
                if let level = tag.headingLevel, level <= 3 {
                    if tag.isClosing {
                        if inHeading {
                            inHeading = false
                            current.heading = Array(headingText.string().utf8)
                            headingText = TextBuffer()
                        }
                    } else {
                        finishSection()
                        current = (level, tag.attribute("id"), [])
                        inHeading = true
                    }
                    continue
                }
                if !tag.isClosing, tag.name == Array("a".utf8), tag.attribute("class")?.contains("headerlink") == true {
                    skipUntil = tag.name
                } else if !tag.isClosing, ["script", "style", "svg", "template"].contains(where: { tag.name.elementsEqual($0.utf8) }) {
                    skipUntil = tag.name
                } else if !tag.isInline {
                    if inHeading { headingText.space() } else { text.space() }
                }
                continue
            }
            if skipUntil != nil { index += 1; continue }
            if byte == UInt8(ascii: "&"), let (decoded, length) = CharacterReferences.decode(html, at: index) {
                for scalar in decoded.unicodeScalars {
                    if inHeading { headingText.append(scalar) } else { text.append(scalar) }
                }
                index += length
                continue
            }
            if inHeading { headingText.append(byte) } else { text.append(byte) }
            index += 1
        }
        if inHeading { current.heading = Array(headingText.string().utf8) }
        finishSection()
        return sections
    }
}

/// Collapses whitespace and stops at ``DocumentSections/maxTextBytes``.
private struct TextBuffer {
    var bytes: [UInt8] = []
    var pendingSpace = false

    mutating func space() { pendingSpace = true }

    mutating func append(_ byte: UInt8) {
        if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C { pendingSpace = true; return }
        guard bytes.count < DocumentSections.maxTextBytes else { return }
        if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
        pendingSpace = false
        bytes.append(byte)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar == "\u{A0}" { pendingSpace = true; return }
        for byte in String(scalar).utf8 { append(byte) }
    }

    func string() -> String { String(decoding: bytes, as: UTF8.self) }
}

/// The name and attributes of one tag, read from the text between `<` and `>`.
private struct Tag {
    let raw: ArraySlice<UInt8>
    let isClosing: Bool
    let name: [UInt8]

    init(_ raw: ArraySlice<UInt8>) {
        self.raw = raw
        isClosing = raw.first == UInt8(ascii: "/")
        let start = isClosing ? raw.startIndex + 1 : raw.startIndex
        name = raw[start...].prefix { ASCII.isAlphanumeric($0) }.map { $0 | 0x20 }
    }

    var headingLevel: Int? {
        guard name.count == 2, name[0] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(name[1]) else { return nil }
        return Int(name[1] - UInt8(ascii: "0"))
    }

    private static let inlineNames: Set<[UInt8]> = Set(["a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
                                                        "span", "strong", "sub", "sup", "u", "var", "time", "wbr"].map { Array($0.utf8) })

    var isInline: Bool { Self.inlineNames.contains(name) }

    /// The value of `name="…"` (as written: attribute values of rendered pages need no decoding here
    /// beyond what ids and classes use).
    func attribute(_ attribute: String) -> String? {
        let needle = Array((" " + attribute + "=\"").utf8)
        guard let range = raw.firstRange(of: needle) else { return nil }
        let value = raw[range.upperBound...].prefix { $0 != UInt8(ascii: "\"") }
        return String(decoding: value, as: UTF8.self)
    }
}
