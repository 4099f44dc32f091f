/// A syntax error at a 1-based line and column.
struct SyntaxError: Error {
    var line: Int
    var column: Int
    var message: String

    var problem: APIReferenceProblem {
        APIReferenceProblem(line: line, column: column, message: message)
    }
}

/// Walks the significant tokens of a GraphQL or protobuf source for a recursive-descent parser,
/// keeping the comments around each token at hand.
struct TokenCursor {
    let bytes: [UInt8]
    private let tokens: [SourceToken]
    /// Indices into `tokens` of everything but comments.
    private let significant: [Int]
    private(set) var position = 0

    init(_ text: String, syntax: LexerSyntax) {
        bytes = Array(text.utf8)
        let tokens = SourceLexer.tokens(bytes, syntax: syntax)
        self.tokens = tokens
        significant = tokens.indices.filter { tokens[$0].kind != .comment }
    }

    /// Malformed tokens (unterminated strings and comments) as problems.
    var lexerProblems: [APIReferenceProblem] {
        tokens.compactMap { token in
            token.error.map { APIReferenceProblem(line: token.line, column: token.column, message: $0) }
        }
    }

    var isAtEnd: Bool { position >= significant.count }

    /// The current token, nil at the end.
    var current: SourceToken? {
        isAtEnd ? nil : tokens[significant[position]]
    }

    /// The token after the current one, nil past the end.
    var next: SourceToken? {
        position + 1 < significant.count ? tokens[significant[position + 1]] : nil
    }

    func text(_ token: SourceToken) -> String {
        String(decoding: bytes[token.range], as: UTF8.self)
    }

    mutating func advance() {
        if !isAtEnd { position += 1 }
    }

    /// Whether the current token is the punctuation `character`.
    func at(_ character: Unicode.Scalar) -> Bool {
        guard let current, current.kind == .punctuation, current.range.count == 1 else { return false }
        return bytes[current.range.lowerBound] == UInt8(ascii: character)
    }

    /// Whether the current token is the name `word`.
    func at(name word: String) -> Bool {
        guard let current, current.kind == .name else { return false }
        return bytes[current.range].elementsEqual(word.utf8)
    }

    /// Skips the punctuation `character` if it is next.
    mutating func accept(_ character: Unicode.Scalar) -> Bool {
        guard at(character) else { return false }
        advance()
        return true
    }

    /// Skips the name `word` if it is next.
    mutating func accept(name word: String) -> Bool {
        guard at(name: word) else { return false }
        advance()
        return true
    }

    mutating func expect(_ character: Unicode.Scalar) throws(SyntaxError) {
        guard accept(character) else { throw error("expected '\(character)'") }
    }

    /// The current name token's text, consumed.
    mutating func expectName(_ what: String) throws(SyntaxError) -> String {
        guard let current, current.kind == .name else { throw error("expected \(what)") }
        advance()
        return text(current)
    }

    /// An error at the current token (`expected x, found 'y'`) or at the end of the input.
    func error(_ message: String) -> SyntaxError {
        guard let current else {
            let end = endPosition
            return SyntaxError(line: end.line, column: end.column, message: message + ", found the end of the definition")
        }
        let found = text(current)
        let shown = found.count > 40 ? String(found.prefix(40)) + "…" : found
        return SyntaxError(line: current.line, column: current.column, message: message + ", found '\(shown)'")
    }

    /// Comments between the previous significant token and the current one, except one that
    /// starts on the previous token's line (that one trails the previous token).
    var leadingComments: [SourceToken] {
        guard !isAtEnd else { return [] }
        let end = significant[position]
        let start = position > 0 ? significant[position - 1] + 1 : 0
        let previousLine = position > 0 ? tokens[significant[position - 1]].line : 0
        return tokens[start..<end].filter { $0.kind == .comment && $0.line != previousLine }
    }

    /// The comment on the same line right after the previous significant token.
    var trailingComment: SourceToken? {
        guard position > 0 else { return nil }
        let previous = significant[position - 1]
        guard previous + 1 < tokens.count, tokens[previous + 1].kind == .comment,
              tokens[previous + 1].line == tokens[previous].line else { return nil }
        return tokens[previous + 1]
    }

    private var endPosition: (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
