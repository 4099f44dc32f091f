/// Highlights GraphQL SDL and protobuf: tokens classified by kind and by the tokens around them
/// (a name before `:` is a field, a capitalised name is a type, a name after `@` is a directive).
struct SchemaHighlighter {
    /// What sets the two languages apart.
    struct Syntax: Sendable {
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
        /// A name before `=` is a field or value name (protobuf), not a default value's type (GraphQL).
        var namesBeforeEquals = false
        var keywords: WordTable

        static let graphQL = Syntax(hashComments: true, blockStrings: true, commaIsWhitespace: true, keywords: WordTable(keywords: [
            "type", "input", "enum", "interface", "union", "scalar", "schema", "directive", "extend", "implements",
            "query", "mutation", "subscription", "fragment", "on", "repeatable", "true", "false", "null",
        ]))
        static let protobuf = Syntax(slashComments: true, singleQuotedStrings: true, namesBeforeEquals: true, keywords: WordTable(keywords: [
            "syntax", "edition", "package", "import", "public", "weak", "option", "message", "enum", "service", "rpc",
            "returns", "stream", "repeated", "optional", "required", "oneof", "map", "reserved", "extensions", "extend",
            "to", "max", "group", "true", "false",
            "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64",
            "sfixed32", "sfixed64", "bool", "string", "bytes",
        ]))
    }

    private struct Token {
        enum Kind { case name, number, string, comment, punctuation, unknown }
        var kind: Kind
        var start: Int
        var end: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let syntax: Syntax
    private let end: Int
    private var index: Int

    static func highlight(_ start: Int, _ end: Int, syntax: Syntax, into output: inout HighlightOutput) {
        var lexer = SchemaHighlighter(bytes: output.source, syntax: syntax, start: start, end: end)
        var tokens: [Token] = []
        while let token = lexer.next() { tokens.append(token) }
        var plainStart = start
        for index in tokens.indices {
            let token = tokens[index]
            output.plain(plainStart, token.start)
            plainStart = token.end
            output.token(token.start, token.end, lexer.tokenClass(at: index, in: tokens))
        }
        output.plain(plainStart, end)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, syntax: Syntax, start: Int, end: Int) {
        self.bytes = bytes
        self.syntax = syntax
        self.end = end
        index = start
        // A byte order mark is whitespace.
        if bytes.matches("\u{FEFF}", at: start, end: end) { index += 3 }
    }

    private func tokenClass(at index: Int, in tokens: [Token]) -> TokenClass? {
        let token = tokens[index]
        switch token.kind {
        case .comment: return .comment
        case .string: return .string
        case .number: return .number
        case .punctuation, .unknown: return nil
        case .name:
            let previous = tokens[..<index].last { $0.kind != .comment }
            let next = tokens[(index + 1)...].first { $0.kind != .comment }
            var nextByte = next.flatMap { $0.kind == .punctuation ? bytes[$0.start] : nil }
            if nextByte == UInt8(ascii: "="), !syntax.namesBeforeEquals { nextByte = nil }
            // A field or argument name (`type: String`, `string message = 1`) even when it is a keyword.
            if nextByte == UInt8(ascii: ":") { return .key }
            if nextByte == UInt8(ascii: "="), previous?.kind == .name || previous.map({ bytes[$0.start] }) == UInt8(ascii: ">") {
                return .key
            }
            if syntax.keywords.contains(bytes, token.start, token.end) { return .keyword }
            if nextByte == UInt8(ascii: "(") || nextByte == UInt8(ascii: "=") { return .key }
            if let previous, previous.kind == .punctuation, bytes[previous.start] == UInt8(ascii: "@") { return .keyword }
            return bytes[token.start].isUppercaseASCII ? .type : nil
        }
    }

    private mutating func next() -> Token? {
        skipWhitespace()
        guard index < end else { return nil }
        let start = index
        var token = Token(kind: .punctuation, start: start, end: start)
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "#") where syntax.hashComments:
            token.kind = .comment
            index = bytes.lineEnd(from: index, end: end)
        case UInt8(ascii: "/") where syntax.slashComments && peek(1) == UInt8(ascii: "/"):
            token.kind = .comment
            index = bytes.lineEnd(from: index, end: end)
        case UInt8(ascii: "/") where syntax.slashComments && peek(1) == UInt8(ascii: "*"):
            token.kind = .comment
            blockComment()
        case UInt8(ascii: "\"") where syntax.blockStrings && peek(1) == byte && peek(2) == byte:
            token.kind = .string
            blockString()
        case _ where byte == UInt8(ascii: "\"") || (byte == UInt8(ascii: "'") && syntax.singleQuotedStrings):
            token.kind = .string
            quoted(byte)
        case _ where isNameStart(byte):
            token.kind = .name
            while index < end, isNameStart(bytes[index]) || bytes[index].isDigit { index += 1 }
        case _ where byte.isDigit || (byte == UInt8(ascii: "-") && peek(1)?.isDigit == true):
            token.kind = .number
            number()
        case 0x21...0x7E:
            index += 1
        default:
            token.kind = .unknown
            index += 1
            while index < end, bytes[index] & 0xC0 == 0x80 { index += 1 }
        }
        token.end = index
        return token
    }

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < end ? bytes[index + offset] : nil
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte == UInt8(ascii: "_")
    }

    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            case UInt8(ascii: ",") where syntax.commaIsWhitespace: index += 1
            default: return
            }
        }
    }

    private mutating func blockComment() {
        index += 2
        while index < end {
            if bytes[index] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                index += 2
                return
            }
            index += 1
        }
    }

    private mutating func blockString() {
        index += 3
        let quote = UInt8(ascii: "\"")
        while index < end {
            if bytes[index] == UInt8(ascii: "\\"), peek(1) == quote, peek(2) == quote, peek(3) == quote {
                index += 4
            } else if bytes[index] == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                return
            } else {
                index += 1
            }
        }
    }

    /// A string on one line; backslash escapes the next character.
    private mutating func quoted(_ quote: UInt8) {
        index += 1
        while index < end, bytes[index] != UInt8(ascii: "\n") {
            let byte = bytes[index]
            index += 1
            if byte == quote { return }
            if byte == UInt8(ascii: "\\"), index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        }
    }

    /// Digits, a fraction, an exponent, hex digits; trailing letters stay in the token.
    private mutating func number() {
        index += 1
        while index < end {
            let byte = bytes[index]
            if byte.isDigit || isNameStart(byte) || byte == UInt8(ascii: ".") {
                index += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+"),
                      bytes[index - 1] == UInt8(ascii: "e") || bytes[index - 1] == UInt8(ascii: "E") {
                index += 1
            } else {
                return
            }
        }
    }
}
