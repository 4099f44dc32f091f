#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

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
        html.withUnsafeBufferPointer(extract(from:))
    }

    /// The sections of `html`, its text copied into two scratch buffers (the section's text and
    /// its heading's) that each finished section turns into strings.
    private static func extract(from html: UnsafeBufferPointer<UInt8>) -> [DocumentSection] {
        var sections: [DocumentSection] = []
        var current = (level: 0, id: String?.none, heading: "")
        // A section's text never needs more than twice the page's bytes (a reference may decode
        // to more bytes than it is written in, one space may follow each).
        let room = min(maxTextBytes + 8, 2 * html.count + 16)
        // One malloc for both: `allocate(capacity:)` goes through posix_memalign, several µs for blocks this size.
        let scratch = malloc(2 * room)!.assumingMemoryBound(to: UInt8.self)
        defer { free(scratch) }
        var text = TextBuffer(storage: scratch, capacity: room)
        var headingText = TextBuffer(storage: scratch + room, capacity: room)
        var inHeading = false
        var skipUntil: UInt64?  // the closing tag that ends skipped content
        var index = 0
        let count = html.count

        func finishSection() {
            let body = text.takeString()
            if current.level > 0 || !body.isEmpty {
                sections.append(DocumentSection(level: current.level, id: current.id, heading: current.heading, text: body))
            }
        }

        while index < count {
            let byte = html[index]
            if byte == UInt8(ascii: "<") {
                guard let close = ASCII.firstIndex(of: UInt8(ascii: ">"), in: html, from: index + 1) else { break }
                let tag = Tag(UnsafeBufferPointer(rebasing: html[(index + 1)..<close]))
                index = close + 1
                if let end = skipUntil {
                    if tag.isClosing, tag.name == end { skipUntil = nil }
                    continue
                }
                if let level = tag.headingLevel, level <= 3 {
                    if tag.isClosing {
                        if inHeading {
                            inHeading = false
                            current.heading = headingText.takeString()
                        }
                    } else {
                        finishSection()
                        current = (level, tag.attribute("id"), "")
                        inHeading = true
                    }
                    continue
                }
                // Heading permalinks (¶) and footnote back-links (↩) are not words of the page.
                if !tag.isClosing, tag.name == Tag.a, tag.hasClass(containing: "headerlink", orContaining: "footnote-backref") {
                    skipUntil = tag.name
                } else if !tag.isClosing, tag.isSkipped {
                    skipUntil = tag.name
                } else if !tag.isInline {
                    if inHeading { headingText.space() } else { text.space() }
                }
                continue
            }
            if skipUntil != nil {
                index = ASCII.firstIndex(of: UInt8(ascii: "<"), in: html, from: index + 1) ?? count
                continue
            }
            if byte == UInt8(ascii: "&"), let (decoded, length) = CharacterReferences.decode(html, at: index) {
                for scalar in decoded.unicodeScalars {
                    if inHeading { headingText.append(scalar) } else { text.append(scalar) }
                }
                index += length
                continue
            }
            // A run of text, up to the next tag or reference.
            let nextTag = ASCII.firstIndex(of: UInt8(ascii: "<"), in: html, from: index + 1) ?? count
            let end = ASCII.firstIndex(of: UInt8(ascii: "&"), in: UnsafeBufferPointer(rebasing: html[..<nextTag]), from: index + 1) ?? nextTag
            let run = UnsafeBufferPointer(rebasing: html[index..<end])
            if inHeading { headingText.append(run) } else { text.append(run) }
            index = end
        }
        if inHeading { current.heading = headingText.takeString() }
        finishSection()
        return sections
    }
}

/// One section's text (or heading) being collected: whitespace collapsed, cut after
/// ``DocumentSections/maxTextBytes``, in a scratch buffer the caller owns.
private struct TextBuffer {
    private let storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private var pendingSpace = false

    /// Collects into the `capacity` bytes at `storage`, which the caller owns.
    init(storage: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.storage = storage
        self.capacity = capacity
    }

    mutating func space() { pendingSpace = true }

    /// Appends text bytes (no tags), collapsing whitespace, in one tight loop.
    mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let bytes = run.baseAddress else { return }
        let storage = storage
        // Room for a byte and the space before it.
        let limit = min(DocumentSections.maxTextBytes, capacity - 1)
        var count = self.count, pendingSpace = self.pendingSpace
        defer { self.count = count; self.pendingSpace = pendingSpace }
        var index = 0
        while index < run.count {
            // Eight bytes at a time, while there is room for them and a space before them: the
            // bytes before the first space or control byte are copied with one store.
            if index + 8 <= run.count, count + 9 <= limit {
                let chunk = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
                let low = Self.spaceOrControlBytes(UInt64(littleEndian: chunk))
                let clean = low == 0 ? 8 : low.trailingZeroBitCount / 8
                if clean > 0 {
                    if pendingSpace, count > 0 {
                        storage[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    UnsafeMutableRawPointer(storage + count).storeBytes(of: chunk, as: UInt64.self)
                    count += clean
                    index += clean
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            if byte <= ASCII.space, ASCII.isSpace(byte) {
                pendingSpace = true
                continue
            }
            guard count < limit else { return }
            if pendingSpace, count > 0 {
                storage[count] = 0x20
                count += 1
            }
            pendingSpace = false
            storage[count] = byte
            count += 1
        }
    }

    /// Bit 7 set in the lowest byte of `word` that is 0x20 or below (space or a control byte);
    /// bits above it may be set wrongly (a borrow carries up), so only the lowest counts.
    @inline(__always)
    static func spaceOrControlBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar == "\u{A0}" { pendingSpace = true; return }
        var text = String(scalar)
        text.withUTF8 { append($0) }
    }

    /// The text so far, as a string; the buffer starts again empty.
    mutating func takeString() -> String {
        let text = String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self)
        count = 0
        pendingSpace = false
        return text
    }
}

/// The name and attributes of one tag, read from the text between `<` and `>` without
/// allocating: the name is packed into an integer (names longer than 8 bytes never matter here).
private struct Tag {
    let raw: UnsafeBufferPointer<UInt8>
    let isClosing: Bool
    let name: UInt64

    init(_ raw: UnsafeBufferPointer<UInt8>) {
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

    /// `a`, packed.
    static let a: UInt64 = 0x61

    var headingLevel: Int? {
        guard name >> 8 == UInt64(UInt8(ascii: "h")), (UInt64(UInt8(ascii: "1"))...UInt64(UInt8(ascii: "6"))).contains(name & 0xFF) else { return nil }
        return Int(name & 0xFF) - Int(UInt8(ascii: "0"))
    }

    /// Whether it is an inline element (no space around its text): `a abbr b code del em i ins
    /// kbd mark q s small span strong sub sup u var time wbr`, by packed name (a switch: this
    /// runs for every tag of every page).
    var isInline: Bool {
        switch name {
        case 0x61, 0x62, 0x69, 0x71, 0x73, 0x75,  // a b i q s u
             0x656D,  // em
             0x64656C, 0x696E73, 0x6B6264, 0x737562, 0x737570, 0x766172, 0x776272,  // del ins kbd sub sup var wbr
             0x61626272, 0x636F6465, 0x6D61726B, 0x7370616E, 0x74696D65,  // abbr code mark span time
             0x736D616C6C, 0x7374726F6E67:  // small strong
            true
        default: false
        }
    }

    /// Whether its content is left out of the text: `script style svg template`.
    var isSkipped: Bool {
        switch name {
        case 0x736372697074, 0x7374796C65, 0x737667, 0x74656D706C617465: true
        default: false
        }
    }

    /// The value of `name="…"` as written (ids and classes need no decoding here).
    func attribute(_ attribute: StaticString) -> String? {
        valueRange(of: attribute).map { String(decoding: UnsafeBufferPointer(rebasing: raw[$0]), as: UTF8.self) }
    }

    /// Whether the `class` value contains either text (without making a string of it).
    func hasClass(containing first: StaticString, orContaining second: StaticString) -> Bool {
        guard let range = valueRange(of: "class") else { return false }
        let value = UnsafeBufferPointer(rebasing: raw[range])
        return ASCII.firstIndex(of: first, in: value, from: 0) != nil || ASCII.firstIndex(of: second, in: value, from: 0) != nil
    }

    /// Where the value of ` name="…"` lies in the tag.
    private func valueRange(of attribute: StaticString) -> Range<Int>? {
        attribute.withUTF8Buffer { needle -> Range<Int>? in
            var index = 0
            while index + needle.count + 2 < raw.count {
                if raw[index] == UInt8(ascii: " "), raw[index + 1] == needle[0],
                   UnsafeBufferPointer(rebasing: raw[(index + 1)..<(index + 1 + needle.count)]).elementsEqual(needle),
                   raw[index + 1 + needle.count] == UInt8(ascii: "="), raw[index + 2 + needle.count] == UInt8(ascii: "\"") {
                    let start = index + 3 + needle.count
                    var end = start
                    while end < raw.count, raw[end] != UInt8(ascii: "\"") { end += 1 }
                    return start..<end
                }
                index += 1
            }
            return nil
        }
    }
}
