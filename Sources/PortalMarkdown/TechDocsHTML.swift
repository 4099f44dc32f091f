/// The little HTML the preprocessor writes itself: escaped text from titles and labels, and class
/// names limited to characters that cannot break out of an attribute.
enum TechDocsHTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped: safe in element content and quoted attributes.
    static func escaped(_ text: some Collection<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        appendEscaped(text, to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// Escaped `text` where backtick code spans become `<code>`, as MkDocs renders them in titles,
    /// tab labels and definition terms (the commonest inline Markdown there, e.g. `--verbose`).
    static func inline(_ text: some Collection<UInt8>) -> String {
        let text = Array(text)
        var result: [UInt8] = []
        result.reserveCapacity(text.count + 16)
        var p = 0
        var literalStart = 0
        while p < text.count {
            guard text[p] == UInt8(ascii: "`") else {
                p += 1
                continue
            }
            var runEnd = p
            while runEnd < text.count && text[runEnd] == UInt8(ascii: "`") { runEnd += 1 }
            let length = runEnd - p
            var q = runEnd
            var closing: Int?
            while q < text.count {
                guard text[q] == UInt8(ascii: "`") else {
                    q += 1
                    continue
                }
                var closeEnd = q
                while closeEnd < text.count && text[closeEnd] == UInt8(ascii: "`") { closeEnd += 1 }
                if closeEnd - q == length {
                    closing = q
                    break
                }
                q = closeEnd
            }
            guard let close = closing else {
                p = runEnd
                continue
            }
            appendEscaped(text[literalStart..<p], to: &result)
            var codeStart = runEnd
            var codeEnd = close
            if codeEnd - codeStart >= 2 && text[codeStart] == UInt8(ascii: " ") && text[codeEnd - 1] == UInt8(ascii: " ")
                && text[codeStart..<codeEnd].contains(where: { $0 != UInt8(ascii: " ") }) {
                codeStart += 1
                codeEnd -= 1
            }
            result.append(contentsOf: "<code>".utf8)
            appendEscaped(text[codeStart..<codeEnd], to: &result)
            result.append(contentsOf: "</code>".utf8)
            p = close + length
            literalStart = p
        }
        appendEscaped(text[literalStart...], to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    static func appendEscaped(_ text: some Collection<UInt8>, to result: inout [UInt8]) {
        for b in text {
            switch b {
            case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): result.append(contentsOf: "&#39;".utf8)
            default: result.append(b)
            }
        }
    }

    /// `word` lowercased when it is made of `[a-z0-9_-]` only; nil otherwise (the class is dropped).
    static func className(_ word: some Collection<UInt8>) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(word.count)
        for b in word {
            let lower = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
            switch lower {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "-"):
                result.append(lower)
            default:
                return nil
            }
        }
        return result.isEmpty ? nil : String(decoding: result, as: UTF8.self)
    }

    /// Python's `str.capitalize()` for ASCII: first letter upper case, the rest lower case.
    static func capitalised(_ word: some Collection<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(word.count)
        for b in word {
            let isUpper = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")
            let isLower = b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")
            if result.isEmpty {
                result.append(isLower ? b - 0x20 : b)
            } else {
                result.append(isUpper ? b | 0x20 : b)
            }
        }
        return result
    }
}
