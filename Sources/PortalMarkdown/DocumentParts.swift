/// A fence's info string: the language word, and MkDocs' `title="…"` option.
struct FenceInfo {
    var language: String?
    var title: String?

    init(_ info: String) {
        let trimmed = info.trimmingSpaces
        // `{.python .numberLines}` (Pandoc) and `python` both name the language first.
        var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = words.first, first.hasPrefix("{") {
            words[0] = String(first.dropFirst())
        }
        if let first = words.first, !first.contains("=") {
            let name = first.hasPrefix(".") ? String(first.dropFirst()) : first
            language = name.hasSuffix("}") ? String(name.dropLast()) : name
        }
        if let start = Self.index(after: "title=\"", in: trimmed) {
            let rest = trimmed[start...]
            title = rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }
}

extension FenceInfo {
    /// The index just past the first occurrence of `needle` in `text`.
    static func index(after needle: String, in text: String) -> String.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix(needle) { return text.index(index, offsetBy: needle.count) }
            index = text.index(after: index)
        }
        return nil
    }
}

/// Heading ids: GitHub's slugs (lowercase; letters, digits, `-` and `_` kept; spaces become `-`;
/// everything else dropped), made unique on the page with `-1`, `-2`, ….
struct SlugRegistry {
    private var used: [String: Int] = [:]

    static func slug(_ text: String) -> String {
        if let ascii = asciiSlug(text) { return ascii }
        var slug = ""
        for character in text.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// ``slug(_:)`` of ASCII text, byte by byte (the same result: in ASCII, letters and digits are
    /// `A-Z a-z 0-9`); nil for other text.
    private static func asciiSlug(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte | 0x20)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): bytes.append(byte)
            default: break
            }
        }
        return bytes.isEmpty ? "section" : String(decoding: bytes, as: UTF8.self)
    }

    /// An author's `#id`, kept to characters that are safe in a fragment.
    static func cleanID(_ id: String) -> String {
        let kept = id.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == ":" }
        return kept.isEmpty ? "section" : kept
    }

    mutating func unique(_ slug: String) -> String {
        guard let count = used[slug] else {
            used[slug] = 0
            return slug
        }
        var next = count + 1
        while used[slug + "-\(next)"] != nil { next += 1 }
        used[slug] = next
        used[slug + "-\(next)"] = 0
        return slug + "-\(next)"
    }
}

/// A trailing Python-Markdown attribute list on a heading: `Title { #id .class key=value }` or `{: #id }`.
struct HeadingAttributes {
    var remainder: String
    var id: String?
    var classes: [String] = []

    init?(parsing text: String) {
        let trimmed = text.trimmingTrailingSpaces
        guard trimmed.hasSuffix("}"), let open = trimmed.lastIndex(of: "{") else { return nil }
        var inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        if inside.hasPrefix(":") { inside = inside.dropFirst() }
        let words = inside.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty else { return nil }
        for word in words {
            if word.hasPrefix("#"), word.count > 1 {
                id = String(word.dropFirst())
            } else if word.hasPrefix("."), word.count > 1 {
                let name = word.dropFirst().filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                if !name.isEmpty { classes.append(String(name)) }
            } else if !word.contains("=") {
                return nil  // `{not an attribute list}`: leave the text alone
            }
        }
        remainder = String(trimmed[..<open]).trimmingTrailingSpaces
    }
}

/// Splits text around whole-word occurrences of defined abbreviations.
enum AbbreviationMatcher {
    enum Piece: Equatable {
        case text(String)
        case abbreviation(term: String, expansion: String)
    }

    static func split(_ text: String, _ abbreviations: [Abbreviation]) -> [Piece] {
        var pieces: [Piece] = []
        var pending = ""
        var index = text.startIndex
        var previous: Character?
        outer: while index < text.endIndex {
            if previous.map(isWordCharacter) != true {
                for abbreviation in abbreviations where !abbreviation.term.isEmpty {
                    guard text[index...].hasPrefix(abbreviation.term) else { continue }
                    let end = text.index(index, offsetBy: abbreviation.term.count)
                    if end < text.endIndex, isWordCharacter(text[end]) { continue }
                    if !pending.isEmpty { pieces.append(.text(pending)) }
                    pending = ""
                    pieces.append(.abbreviation(term: abbreviation.term, expansion: abbreviation.expansion))
                    previous = text[text.index(before: end)]
                    index = end
                    continue outer
                }
            }
            pending.append(text[index])
            previous = text[index]
            index = text.index(after: index)
        }
        if !pending.isEmpty { pieces.append(.text(pending)) }
        return pieces
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// Without leading and trailing spaces, tabs and line breaks (all ASCII, so the ends are found in the UTF-8 bytes).
    var trimmingSpaces: String {
        let bytes = utf8
        guard let start = bytes.firstIndex(where: { !Self.isTrimmed($0) }) else { return "" }
        let end = bytes.index(after: bytes.lastIndex(where: { !Self.isTrimmed($0) })!)
        return String(self[start..<end])
    }

    /// Without trailing spaces, tabs and line breaks.
    var trimmingTrailingSpaces: String {
        let bytes = utf8
        guard let last = bytes.lastIndex(where: { !Self.isTrimmed($0) }) else { return "" }
        return String(self[..<bytes.index(after: last)])
    }

    private static func isTrimmed(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
