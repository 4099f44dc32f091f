/// Highlights INI-style configuration and TOML: `[section]` headers, keys, comments, and values
/// (strings, numbers and dates, booleans; TOML arrays and inline tables across lines).
struct INIHighlighter {
    enum Dialect {
        /// `key = value` or `key: value`; `;` and `#` comments at the start of a line; `yes`/`no`/`on`/`off` booleans.
        case ini
        /// TOML: typed values, `"""` and `'''` strings, `[[arrays of tables]]`, `{ inline = "tables" }`.
        case toml
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private let dialect: Dialect
    private var index: Int
    /// The open `[` and `{` of TOML values.
    private var nesting: [UInt8] = []
    /// A key comes next: at the start of a top-level line, or after `{` and `,` in an inline table.
    private var expectKey = true

    static func highlight(_ start: Int, _ end: Int, dialect: Dialect, into output: inout HighlightOutput) {
        var highlighter = INIHighlighter(bytes: output.source, end: end, dialect: dialect, index: start)
        highlighter.run(into: &output)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, end: Int, dialect: Dialect, index: Int) {
        self.bytes = bytes
        self.end = end
        self.dialect = dialect
        self.index = index
    }

    private static let literals = WordTable(keywords: ["true", "false", "yes", "no", "on", "off", "null", "none"], caseInsensitive: true)

    private func peek(_ offset: Int) -> UInt8 {
        index + offset < end ? bytes[index + offset] : 0
    }

    private mutating func run(into output: inout HighlightOutput) {
        var lineStart = true
        while index < end {
            let tokenStart = index
            let byte = bytes[index]
            let atLineStart = lineStart
            lineStart = false
            if byte == UInt8(ascii: "\n") {
                index += 1
                output.plain(tokenStart, index)
                lineStart = true
                if nesting.isEmpty { expectKey = true }
            } else if byte.isBlank {
                index += 1
                output.plain(tokenStart, index)
                lineStart = atLineStart
            } else if byte == UInt8(ascii: "#") && (dialect == .toml || atLineStart) || byte == UInt8(ascii: ";") && atLineStart && dialect == .ini {
                index = bytes.lineEnd(from: index, end: end)
                output.token(tokenStart, index, .comment)
            } else if byte == UInt8(ascii: "["), expectKey, nesting.isEmpty, atLineStart {
                section()
                output.token(tokenStart, index, .section)
                expectKey = false
            } else if expectKey {
                key(into: &output)
            } else {
                let kind = value(byte)
                output.token(tokenStart, index, kind)
            }
        }
    }

    /// `[name]` or `[[name]]`, to its closing bracket on the line.
    private mutating func section() {
        let sectionStart = index
        let lineEnd = bytes.lineEnd(from: index, end: end)
        var close = index + 1
        var quote: UInt8 = 0
        while close < lineEnd {
            let byte = bytes[close]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "]") {
                break
            }
            close += 1
        }
        index = close < lineEnd ? close + 1 : lineEnd
        if close < lineEnd, peek(0) == UInt8(ascii: "]"), bytes[sectionStart + 1] == UInt8(ascii: "[") { index += 1 }
    }

    /// A key up to `=` (or `:` in INI); a line without either is a key alone in INI, plain text in TOML.
    private mutating func key(into output: inout HighlightOutput) {
        let keyStart = index
        let lineEnd = bytes.lineEnd(from: index, end: end)
        var position = index
        var quote: UInt8 = 0
        var keyEnd = index
        while position < lineEnd {
            let byte = bytes[position]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "=") || (dialect == .ini && byte == UInt8(ascii: ":")) {
                break
            } else if dialect == .toml, byte == UInt8(ascii: "#") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") {
                break
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            }
            position += 1
            if !byte.isBlank { keyEnd = position }
        }
        let separated = position < lineEnd && (bytes[position] == UInt8(ascii: "=") || bytes[position] == UInt8(ascii: ":"))
        index = keyEnd
        output.token(keyStart, keyEnd, separated || dialect == .ini ? .key : nil)
        if separated {
            output.plain(keyEnd, position + 1)
            index = position + 1
        }
        expectKey = false
    }

    /// A value token: a string, number, date, boolean, or a bracket; anything else one byte or word at a time.
    private mutating func value(_ byte: UInt8) -> TokenClass? {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            string(byte)
            return .string
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            if dialect == .toml {
                nesting.append(byte)
                expectKey = byte == UInt8(ascii: "{")
            }
            index += 1
            return nil
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            if dialect == .toml, !nesting.isEmpty { nesting.removeLast() }
            index += 1
            return nil
        case UInt8(ascii: ","):
            if nesting.last == UInt8(ascii: "{") { expectKey = true }
            index += 1
            return nil
        default:
            break
        }
        let wordStart = index
        while index < end {
            let next = bytes[index]
            guard next.isWord || next == UInt8(ascii: "-") || next == UInt8(ascii: "+") || next == UInt8(ascii: ".")
                || next == UInt8(ascii: ":") else { break }
            index += 1
        }
        if index == wordStart {
            index += 1
            return nil
        }
        // Numbers and dates (`1_000`, `0xff`, `1e6`, `1979-05-27T07:32:00Z`), signed or not; `inf`, `nan`.
        let unsigned = bytes[wordStart] == UInt8(ascii: "+") || bytes[wordStart] == UInt8(ascii: "-") ? wordStart + 1 : wordStart
        if unsigned < index, bytes[unsigned].isDigit, (unsigned..<index).allSatisfy({ Self.isNumberByte(bytes[$0]) }) {
            return .number
        }
        if bytes.equals("inf", unsigned, index) || bytes.equals("nan", unsigned, index) {
            return .number
        }
        switch dialect {
        case .toml:
            return bytes.equals("true", wordStart, index) || bytes.equals("false", wordStart, index) ? .keyword : nil
        case .ini:
            return Self.literals.contains(bytes, wordStart, index) ? .keyword : nil
        }
    }

    /// A byte of a number or date: digits, hex digits, radix prefixes, separators, signs, `T` and `Z`.
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "T"), UInt8(ascii: "Z"):
            true
        default:
            false
        }
    }

    /// A quoted string: TOML `"""…"""` and `'''…'''` across lines; otherwise to the quote or the line's end.
    private mutating func string(_ quote: UInt8) {
        let escapes = quote == UInt8(ascii: "\"")
        if dialect == .toml, peek(1) == quote, peek(2) == quote {
            index += 3
            while index < end {
                if bytes[index] == UInt8(ascii: "\\"), escapes {
                    index = min(index + 2, end)
                } else if bytes[index] == quote, peek(1) == quote, peek(2) == quote {
                    index += 3
                    while index < end, bytes[index] == quote { index += 1 }
                    return
                } else {
                    index += 1
                }
            }
            return
        }
        index += 1
        while index < end, bytes[index] != UInt8(ascii: "\n") {
            let byte = bytes[index]
            index += 1
            if byte == quote { return }
            if byte == UInt8(ascii: "\\"), escapes, index < end, bytes[index] != UInt8(ascii: "\n") {
                index = min(index + bytes[index].scalarLength, end)
            }
        }
    }
}
