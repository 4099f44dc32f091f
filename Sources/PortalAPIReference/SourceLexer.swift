/// One token of GraphQL or protobuf source: its kind, UTF-8 byte range and 1-based position.
struct SourceToken {
    enum Kind: Equatable {
        case name, number, string, blockString, comment, punctuation, unknown
    }

    var kind: Kind
    var range: Range<Int>
    var line: Int
    var column: Int
    /// Set when the token is malformed (an unterminated string or comment).
    var error: String?
}

/// What sets the languages the lexer reads apart.
struct LexerSyntax {
    /// `#` starts a comment (GraphQL).
    var hashComments = false
    /// `//` and `/* */` are comments (protobuf).
    var slashComments = false
    /// `"""…"""` block strings (GraphQL).
    var blockStrings = false
    /// `'…'` strings (protobuf).
    var singleQuotedStrings = false
    /// Commas are insignificant (GraphQL).
    var commaIsWhitespace = false

    static let graphQL = LexerSyntax(hashComments: true, blockStrings: true, commaIsWhitespace: true)
    static let protobuf = LexerSyntax(slashComments: true, singleQuotedStrings: true)
}

/// A tolerant lexer for the GraphQL and protobuf parsers: it never fails, and every byte of the
/// input belongs to a token or to the whitespace between tokens. (The source view's colours come
/// from PortalHighlight, whose `SchemaHighlighter` reads tokens by the same rules.)
struct SourceLexer {
    private let bytes: [UInt8]
    private let syntax: LexerSyntax
    private var index = 0
    private var line = 1
    private var column = 1

    /// The tokens of `bytes`, comments included.
    static func tokens(_ bytes: [UInt8], syntax: LexerSyntax) -> [SourceToken] {
        var lexer = SourceLexer(bytes: bytes, syntax: syntax)
        var tokens: [SourceToken] = []
        while let token = lexer.next() { tokens.append(token) }
        return tokens
    }

    private init(bytes: [UInt8], syntax: LexerSyntax) {
        self.bytes = bytes
        self.syntax = syntax
        // A byte order mark is whitespace.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private mutating func next() -> SourceToken? {
        skipWhitespace()
        guard index < bytes.count else { return nil }
        let start = index
        var token = SourceToken(kind: .punctuation, range: start..<start, line: line, column: column)
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "#") where syntax.hashComments:
            token.kind = .comment
            skipLine()
        case UInt8(ascii: "/") where syntax.slashComments && peek(1) == UInt8(ascii: "/"):
            token.kind = .comment
            skipLine()
        case UInt8(ascii: "/") where syntax.slashComments && peek(1) == UInt8(ascii: "*"):
            token.kind = .comment
            token.error = blockComment()
        case UInt8(ascii: "\"") where syntax.blockStrings && peek(1) == byte && peek(2) == byte:
            token.kind = .blockString
            token.error = blockString()
        case _ where byte == UInt8(ascii: "\"") || (byte == UInt8(ascii: "'") && syntax.singleQuotedStrings):
            token.kind = .string
            token.error = quoted(byte)
        case _ where Self.isNameStart(byte):
            token.kind = .name
            while index < bytes.count, Self.isNameStart(bytes[index]) || Self.isDigit(bytes[index]) { advance() }
        case _ where Self.isDigit(byte) || (byte == UInt8(ascii: "-") && peek(1).map(Self.isDigit) == true):
            token.kind = .number
            number()
        case 0x21...0x7E:
            advance()
        default:
            token.kind = .unknown
            advance()
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { advance() }
        }
        token.range = start..<index
        return token
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    /// Moves one byte on, keeping the line and the column (in characters) up to date.
    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): advance()
            case UInt8(ascii: ",") where syntax.commaIsWhitespace: advance()
            default: return
            }
        }
    }

    private mutating func skipLine() {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { advance() }
    }

    private mutating func blockComment() -> String? {
        advance()
        advance()
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                advance()
                advance()
                return nil
            }
            advance()
        }
        return "unterminated comment"
    }

    private mutating func blockString() -> String? {
        for _ in 0..<3 { advance() }
        let quote = UInt8(ascii: "\"")
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), peek(1) == quote, peek(2) == quote, peek(3) == quote {
                for _ in 0..<4 { advance() }
            } else if bytes[index] == quote, peek(1) == quote, peek(2) == quote {
                for _ in 0..<3 { advance() }
                return nil
            } else {
                advance()
            }
        }
        return "unterminated block string"
    }

    /// A string on one line; backslash escapes the next character.
    private mutating func quoted(_ quote: UInt8) -> String? {
        advance()
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            let byte = bytes[index]
            advance()
            if byte == quote { return nil }
            if byte == UInt8(ascii: "\\"), index < bytes.count, bytes[index] != UInt8(ascii: "\n") { advance() }
        }
        return "unterminated string"
    }

    /// Digits, a fraction, an exponent, hex digits; trailing letters stay in the token.
    private mutating func number() {
        advance()
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isDigit(byte) || Self.isNameStart(byte) || byte == UInt8(ascii: ".") {
                advance()
            } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")),
                      bytes[index - 1] == UInt8(ascii: "e") || bytes[index - 1] == UInt8(ascii: "E") {
                advance()
            } else {
                return
            }
        }
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
