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
        var skipUntil: UInt64?  // the closing tag that ends skipped content
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
                // Heading permalinks (¶) and footnote back-links (↩) are not words of the page.
                if !tag.isClosing, tag.name == Tag.a,
                   let classes = tag.attribute("class"), classes.contains("headerlink") || classes.contains("footnote-backref") {
                    skipUntil = tag.name
                } else if !tag.isClosing, tag.isSkipped {
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

/// The name and attributes of one tag, read from the text between `<` and `>` without
/// allocating: the name is packed into an integer (names longer than 8 bytes never matter here).
private struct Tag {
    let raw: ArraySlice<UInt8>
    let isClosing: Bool
    let name: UInt64

    init(_ raw: ArraySlice<UInt8>) {
        self.raw = raw
        isClosing = raw.first == UInt8(ascii: "/")
        var name: UInt64 = 0
        var index = isClosing ? raw.startIndex + 1 : raw.startIndex
        var length = 0
        while index < raw.endIndex, ASCII.isAlphanumeric(raw[index]), length < 9 {
            name = name << 8 | UInt64(raw[index] | 0x20)
            index += 1
            length += 1
        }
        self.name = length > 8 ? 0 : name
    }

    static func packed(_ text: StaticString) -> UInt64 {
        var name: UInt64 = 0
        text.withUTF8Buffer { for byte in $0 { name = name << 8 | UInt64(byte) } }
        return name
    }

    static let a = packed("a")
    private static let skipped: [UInt64] = [packed("script"), packed("style"), packed("svg"), packed("template")]
    private static let inline: [UInt64] = ["a", "abbr", "b", "code", "del", "em", "i", "ins", "kbd", "mark", "q", "s", "small",
                                           "span", "strong", "sub", "sup", "u", "var", "time", "wbr"].map(packed)

    var headingLevel: Int? {
        guard name >> 8 == UInt64(UInt8(ascii: "h")), (UInt64(UInt8(ascii: "1"))...UInt64(UInt8(ascii: "6"))).contains(name & 0xFF) else { return nil }
        return Int(name & 0xFF) - Int(UInt8(ascii: "0"))
    }

    var isInline: Bool { Self.inline.contains(name) }

    /// Whether its content is left out of the text (scripts, styles, inline SVG, templates).
    var isSkipped: Bool { Self.skipped.contains(name) }

    /// The value of `name="…"` as written (ids and classes need no decoding here).
    func attribute(_ attribute: StaticString) -> String? {
        let needle = attribute.withUTF8Buffer { Array($0) }
        var index = raw.startIndex
        while index + needle.count + 2 < raw.endIndex {
            if raw[index] == UInt8(ascii: " "), raw[index + 1] == needle[0], raw[(index + 1)..<(index + 1 + needle.count)].elementsEqual(needle),
               raw[index + 1 + needle.count] == UInt8(ascii: "="), raw[index + 2 + needle.count] == UInt8(ascii: "\"") {
                let start = index + 3 + needle.count
                let end = raw[start...].firstIndex(of: UInt8(ascii: "\"")) ?? raw.endIndex
                return String(decoding: raw[start..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
