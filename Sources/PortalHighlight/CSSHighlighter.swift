/// Highlights CSS (and the common SCSS and Less syntax): comments, strings, at-rules, selectors
/// (element names as tags; classes, ids and attribute selectors as attributes; pseudo-classes as
/// keywords), property names as keys, and in values numbers with units, colours, functions and `!important`.
struct CSSHighlighter {
    /// What the current statement is: decided at its first token by looking ahead for `{`.
    private enum Context {
        case undecided, selector, property, value
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let start: Int
    private let end: Int
    private var index: Int
    private var context = Context.undecided

    static func highlight(_ start: Int, _ end: Int, into output: inout HighlightOutput) {
        var highlighter = CSSHighlighter(bytes: output.source, start: start, end: end, index: start)
        highlighter.run(into: &output)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, index: Int) {
        self.bytes = bytes
        self.start = start
        self.end = end
        self.index = index
    }

    private func peek(_ offset: Int) -> UInt8 {
        index + offset < end ? bytes[index + offset] : 0
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte.isWord || byte == UInt8(ascii: "-")
    }

    private mutating func run(into output: inout HighlightOutput) {
        while index < end {
            let tokenStart = index
            let byte = bytes[index]
            if byte.isBlank || byte == UInt8(ascii: "\n") {
                index += 1
                output.plain(tokenStart, index)
                continue
            }
            if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                skipComment()
                output.token(tokenStart, index, .comment)
                continue
            }
            // `//` comments (SCSS, Less) where a token starts, so `url(//cdn…)` stays a URL.
            if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/"), tokenStart == start || bytes[tokenStart - 1].isBlank
                || bytes[tokenStart - 1] == UInt8(ascii: "\n") || bytes[tokenStart - 1] == UInt8(ascii: ";")
                || bytes[tokenStart - 1] == UInt8(ascii: "{") || bytes[tokenStart - 1] == UInt8(ascii: "}") {
                index = bytes.lineEnd(from: index, end: end)
                output.token(tokenStart, index, .comment)
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                string(byte)
                output.token(tokenStart, index, .string)
                continue
            }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";"):
                index += 1
                context = .undecided
                output.plain(tokenStart, index)
                continue
            case UInt8(ascii: "@"):
                index += 1
                while index < end, Self.isNameByte(bytes[index]) { index += 1 }
                // The prelude (`screen and (min-width: 40em)`, `url(x.css)`) reads like a value.
                context = .value
                output.token(tokenStart, index, .keyword)
                continue
            default:
                break
            }
            if context == .undecided { context = selectorAhead() ? .selector : .property }
            switch context {
            case .selector, .undecided: output.token(tokenStart, selectorToken(byte), selectorKind(byte))
            case .property: property(into: &output)
            case .value: output.token(tokenStart, valueToken(byte), lastValueKind)
            }
        }
    }

    /// Whether a `{` comes before the next `;` or `}`: the statement is a selector (or an at-rule's prelude).
    private func selectorAhead() -> Bool {
        var scan = index
        var quote: UInt8 = 0
        var parentheses = 0
        while scan < end {
            let byte = bytes[scan]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
                case UInt8(ascii: "("): parentheses += 1
                case UInt8(ascii: ")"): parentheses -= 1
                case UInt8(ascii: "{"):
                    // `#{…}` is SCSS interpolation.
                    if scan == 0 || bytes[scan - 1] != UInt8(ascii: "#") { return true }
                case UInt8(ascii: ";") where parentheses <= 0: return false
                case UInt8(ascii: "}"): return false
                default: break
                }
            }
            scan += 1
        }
        return true
    }

    private func selectorKind(_ byte: UInt8) -> TokenClass? {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "#"), UInt8(ascii: "["): .attr
        case UInt8(ascii: ":"): .keyword
        case _ where byte.isDigit: .number
        case _ where Self.isNameByte(byte): .tag
        default: nil
        }
    }

    /// Moves past one selector token (`.name`, `#name`, `:hover`, `::before`, `[attr=value]`, a name, or one byte).
    private mutating func selectorToken(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "["):
            while index < end, bytes[index] != UInt8(ascii: "]"), bytes[index] != UInt8(ascii: "\n") { index += 1 }
            index = min(index + 1, end)
        case UInt8(ascii: "."), UInt8(ascii: "#"), UInt8(ascii: ":"):
            index += 1
            if byte == UInt8(ascii: ":"), peek(0) == UInt8(ascii: ":") { index += 1 }
            while index < end, Self.isNameByte(bytes[index]) { index += 1 }
        case _ where Self.isNameByte(byte):
            while index < end, Self.isNameByte(bytes[index]) { index += 1 }
        default:
            index += 1
        }
        return index
    }

    /// A property name up to `:` (custom properties and SCSS `$variables` included), then the value.
    private mutating func property(into output: inout HighlightOutput) {
        let nameStart = index
        while index < end, Self.isNameByte(bytes[index]) || bytes[index] == UInt8(ascii: "$") || bytes[index] == UInt8(ascii: "*") {
            index += 1
        }
        if index == nameStart {
            index += 1
            output.plain(nameStart, index)
            return
        }
        let colon = bytes.skipBlanks(from: index, end: end)
        if colon < end, bytes[colon] == UInt8(ascii: ":") {
            output.token(nameStart, index, .key)
            output.plain(index, colon + 1)
            index = colon + 1
            context = .value
        } else {
            output.plain(nameStart, index)
        }
    }

    /// The kind of the value token just read.
    private var lastValueKind: TokenClass? = nil

    /// Moves past one value token: a number with its unit, a colour, a function name, `!important`, a word, or one byte.
    private mutating func valueToken(_ byte: UInt8) -> Int {
        lastValueKind = nil
        if let url = pendingURL, url.lowerBound == index {
            pendingURL = nil
            index = url.upperBound
            lastValueKind = .string
        } else if byte.isDigit || ((byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) && peek(1).isDigit) {
            index += 1
            while index < end, bytes[index].isDigit || bytes[index] == UInt8(ascii: ".") { index += 1 }
            while index < end, bytes[index].isASCIILetter || bytes[index] == UInt8(ascii: "%") { index += 1 }
            lastValueKind = .number
        } else if byte == UInt8(ascii: "#"), peek(1).isHexDigit {
            index += 1
            while index < end, Self.isNameByte(bytes[index]) { index += 1 }
            lastValueKind = .number
        } else if byte == UInt8(ascii: "!"), peek(1).isASCIILetter {
            index += 1
            while index < end, bytes[index].isASCIILetter { index += 1 }
            lastValueKind = .keyword
        } else if Self.isNameByte(byte) {
            let wordStart = index
            while index < end, Self.isNameByte(bytes[index]) { index += 1 }
            if peek(0) == UInt8(ascii: "(") {
                lastValueKind = .function
                if bytes.equals("url", wordStart, index) || bytes.equals("URL", wordStart, index) { urlFollows = true }
            }
        } else if byte == UInt8(ascii: "("), urlFollows {
            // `url(unquoted/path)` is a string, `//` and all.
            urlFollows = false
            index += 1
            let pathStart = index
            while index < end, bytes[index] != UInt8(ascii: ")"), bytes[index] != UInt8(ascii: "\n"),
                  bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'") {
                index += 1
            }
            // The `(` is this token; the path is the next.
            if index > pathStart { pendingURL = pathStart..<index }
            index = pathStart
            return pathStart
        } else {
            index += 1
        }
        return index
    }

    /// `url` was just read: a `(` follows.
    private var urlFollows = false
    /// An unquoted `url(…)` path, read next as a string.
    private var pendingURL: Range<Int>?

    private mutating func skipComment() {
        index += 2
        while index < end {
            if bytes[index] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                index += 2
                return
            }
            index += 1
        }
    }

    private mutating func string(_ quote: UInt8) {
        index += 1
        while index < end, bytes[index] != UInt8(ascii: "\n") {
            let byte = bytes[index]
            index += 1
            if byte == quote { return }
            if byte == UInt8(ascii: "\\"), index < end, bytes[index] != UInt8(ascii: "\n") {
                index = min(index + bytes[index].scalarLength, end)
            }
        }
    }
}
