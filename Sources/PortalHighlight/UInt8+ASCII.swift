/// Byte classes the highlighters share. Bytes from 0x80 up (the parts of non-ASCII characters)
/// count as letters, so a token never ends inside a character.
extension UInt8 {
    var isDigit: Bool { self &- 0x30 < 10 }
    var isASCIILetter: Bool { (self | 0x20) &- 0x61 < 26 }
    var isUppercaseASCII: Bool { self &- 0x41 < 26 }
    var isLowercaseASCII: Bool { self &- 0x61 < 26 }
    var isHexDigit: Bool { isDigit || (self | 0x20) &- 0x61 < 6 }
    /// A letter, `_`, or part of a non-ASCII character.
    var isWordStart: Bool { isASCIILetter || self == UInt8(ascii: "_") || self >= 0x80 }
    /// A letter, digit, `_`, or part of a non-ASCII character.
    var isWord: Bool { isWordStart || isDigit }
    /// Space, tab, carriage return or form feed: whitespace within a line.
    var isBlank: Bool { self == 0x20 || self == 0x09 || self == 0x0D || self == 0x0C }
    /// ASCII lowercased.
    var lowercased: UInt8 { isUppercaseASCII ? self | 0x20 : self }
    /// How many bytes the UTF-8 sequence this byte starts has (1 for ASCII and stray continuation bytes).
    var scalarLength: Int {
        switch self {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes from `index` (before `end`) are `literal`, ASCII case ignored when `caseInsensitive`.
    func matches(_ literal: StaticString, at index: Int, end: Int, caseInsensitive: Bool = false) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<count {
            let byte = self[index + offset]
            if byte != pointer[offset], !caseInsensitive || byte.lowercased != pointer[offset].lowercased { return false }
        }
        return true
    }

    /// Whether `self[start..<end]` is exactly `literal`.
    func equals(_ literal: StaticString, _ start: Int, _ end: Int) -> Bool {
        end - start == literal.utf8CodeUnitCount && matches(literal, at: start, end: end)
    }

    /// The end of the line holding `index`: the offset of its `\n`, or `end`.
    func lineEnd(from index: Int, end: Int) -> Int {
        var position = index
        while position < end, self[position] != UInt8(ascii: "\n") { position += 1 }
        return position
    }

    /// The first offset from `index` that is not a blank.
    func skipBlanks(from index: Int, end: Int) -> Int {
        var position = index
        while position < end, self[position].isBlank { position += 1 }
        return position
    }
}
