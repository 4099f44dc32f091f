/// Decodes character references in an attribute value the way a browser's tokenizer does, closely
/// enough for URL checks: numeric references with or without `;` (with the spec's replacements),
/// and the named references that can spell markup or a URL scheme (`&colon;`, `&Tab;`,
/// `&NewLine;`, `&fjlig;`, the punctuation names). Named references not in the table are left as
/// written; callers that emit the decoded value re-escape `&`, so what the browser reads back is
/// exactly what was checked, table or no table.
enum CharacterReferences {
    static func decodeAttributeValue(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.null {
                output.append(contentsOf: ASCII.replacementCharacter)
                index += 1
                continue
            }
            guard byte == ASCII.ampersand else {
                output.append(byte)
                index += 1
                continue
            }
            if let (scalar, next) = numericReference(bytes, at: index) {
                UTF8.encode(scalar) { output.append($0) }
                index = next
            } else if let (replacement, next) = namedReference(bytes, at: index) {
                output.append(contentsOf: replacement.utf8)
                index = next
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    /// The reference starting at `start` (an `&`) in text: what it stands for and its length in bytes.
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        if let (scalar, next) = numericReference(buffer, at: start) { return (String(scalar), next - start) }
        if let (text, next) = namedReference(buffer, at: start) { return (text, next - start) }
        return nil
    }

    /// `&#…` or `&#x…` at `start`: the scalar a browser puts in its place and the index after it.
    private static func numericReference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < bytes.count, bytes[index] == ASCII.numberSign else { return nil }
        index += 1
        let isHex = index < bytes.count && bytes[index] | 0x20 == UInt8(ascii: "x")
        if isHex { index += 1 }
        let digitsStart = index
        var value: UInt32 = 0
        while index < bytes.count {
            let byte = bytes[index]
            let digit: UInt32
            if ASCII.isDigit(byte) {
                digit = UInt32(byte - 0x30)
            } else if isHex, ASCII.isHexDigit(byte) {
                digit = UInt32((byte | 0x20) - 0x61 + 10)
            } else {
                break
            }
            // Saturate just past the last scalar: the result is U+FFFD either way.
            value = min(value * (isHex ? 16 : 10) + digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.count, bytes[index] == ASCII.semicolon { index += 1 }
        return (scalar(forReference: value), index)
    }

    private static func scalar(forReference value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value), let mapped = windows1252[Int(value - 0x80)] {
            return mapped
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    /// What `&#x80;`…`&#x9F;` mean in HTML: the Windows-1252 characters (nil: the code point itself).
    private static let windows1252: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]

    /// `&name;` at `start`, or one of the legacy names written without `;`, which browsers decode in
    /// an attribute value unless an `=` follows.
    private static func namedReference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        var index = start + 1
        while index < bytes.count, ASCII.isAlphanumeric(bytes[index]) { index += 1 }
        guard index > start + 1, index - start <= 32 else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<index]), as: UTF8.self)
        if index < bytes.count, bytes[index] == ASCII.semicolon {
            return named[name].map { ($0, index + 1) }
        }
        guard index == bytes.count || bytes[index] != ASCII.equals, let legacy = legacyNamed[name] else { return nil }
        return (legacy, index)
    }

    private static let legacyNamed: [String: String] = [
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">",
        "quot": "\"", "QUOT": "\"", "nbsp": "\u{A0}",
    ]

    private static let named: [String: String] = legacyNamed.merging([
        "apos": "'", "colon": ":", "Tab": "\t", "NewLine": "\n", "fjlig": "fj",
        "sol": "/", "bsol": "\\", "quest": "?", "num": "#", "period": ".", "comma": ",", "semi": ";",
        "excl": "!", "commat": "@", "percnt": "%", "plus": "+", "equals": "=", "lowbar": "_",
        "UnderBar": "_", "ast": "*", "midast": "*", "dollar": "$", "lpar": "(", "rpar": ")",
        "lsqb": "[", "lbrack": "[", "rsqb": "]", "rbrack": "]", "lcub": "{", "lbrace": "{",
        "rcub": "}", "rbrace": "}", "verbar": "|", "vert": "|", "VerticalLine": "|",
        "Hat": "^", "grave": "`", "DiacriticalGrave": "`",
    ]) { first, _ in first }
}
