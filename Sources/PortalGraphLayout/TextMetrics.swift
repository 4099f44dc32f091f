/// Text as it will be drawn: possibly shortened with an ellipsis, and its estimated width.
struct FittedText: Sendable, Hashable {
    var text: String
    var width: Double
    var isTruncated: Bool
}

/// Estimated text widths for a proportional sans-serif font, without measuring any font:
/// a width class per character, erring slightly wide so labels fit their boxes.
enum TextMetrics {
    /// `text` unchanged if it fits in `maxWidth`, otherwise its longest prefix that fits with "…" after it.
    static func fit(_ text: String, fontSize: Double, maxWidth: Double) -> FittedText {
        fitASCII(text, fontSize: fontSize, maxWidth: maxWidth) ?? fitCharacters(text, fontSize: fontSize, maxWidth: maxWidth)
    }

    /// ``fit(_:fontSize:maxWidth:)`` character by character, for any text.
    static func fitCharacters(_ text: String, fontSize: Double, maxWidth: Double) -> FittedText {
        let ellipsis = em(of: "…") * fontSize
        var width = 0.0
        var cut: (index: String.Index, width: Double)?
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let advance = em(of: text[index]) * fontSize
            if cut == nil, width + advance + ellipsis > maxWidth {
                cut = (index, width)
            }
            width += advance
            if width > maxWidth, let cut {
                return FittedText(text: String(text[..<cut.index]) + "…", width: cut.width + ellipsis, isTruncated: true)
            }
            index = next
        }
        return FittedText(text: text, width: width, isTruncated: false)
    }

    /// ``fit(_:fontSize:maxWidth:)`` by bytes, for ASCII text without carriage returns (where every
    /// character is one byte: `\r\n` would be one character of two); nil for any other text.
    static func fitASCII(_ text: String, fontSize: Double, maxWidth: Double) -> FittedText? {
        var utf8 = text
        return utf8.withUTF8 { bytes -> FittedText? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            let ellipsis = em(of: "…") * fontSize
            var width = 0.0
            var cut: (index: Int, width: Double)?
            for index in 0..<bytes.count {
                let advance = em(ofScalar: UInt32(bytes[index])) * fontSize
                if cut == nil, width + advance + ellipsis > maxWidth {
                    cut = (index, width)
                }
                width += advance
                if width > maxWidth, let cut {
                    let kept = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<cut.index]), as: UTF8.self)
                    return FittedText(text: kept + "…", width: cut.width + ellipsis, isTruncated: true)
                }
            }
            return FittedText(text: text, width: width, isTruncated: false)
        }
    }

    /// The width of a character in ems.
    static func em(of character: Character) -> Double {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return em(ofScalar: scalar.value)
    }

    /// The width in ems of a character that starts with the scalar `value`.
    private static func em(ofScalar value: UInt32) -> Double {
        switch value {
        case 0x20, 0x21, 0x27, 0x2C, 0x2E, 0x3A, 0x3B, 0x49, 0x60, 0x69, 0x6A, 0x6C, 0x7C:
            return 0.3  // space ! ' , . : ; I ` i j l |
        case 0x28, 0x29, 0x2D, 0x2F, 0x5B, 0x5D, 0x66, 0x72, 0x74, 0x7B, 0x7D:
            return 0.4  // ( ) - / [ ] f r t { }
        case 0x4D, 0x57, 0x6D, 0x77, 0x40, 0x25:
            return 0.88  // M W m w @ %
        case 0x41...0x5A:
            return 0.7  // other capitals
        case 0x30...0x39, 0x61...0x7A, 0x5F, 0x2B, 0x3D, 0x3C, 0x3E:
            return 0.58  // digits, other lower-case letters, _ + = < >
        case 0x2E80...0xD7FF, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F000...0x1FAFF:
            return 1.0  // CJK, full-width forms, emoji
        default:
            return 0.62
        }
    }
}
