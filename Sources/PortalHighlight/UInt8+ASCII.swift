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
