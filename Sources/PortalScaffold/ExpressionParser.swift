/// Parses the expression inside `${{ … }}` (or `{% if … %}`) into an ``Expression``.
///
/// Offsets in errors count characters from the start of the `text` given, plus `baseOffset`, so
/// a caller parsing a slice of a larger text reports positions in the larger one.
struct ExpressionParser {
    private enum Token: Equatable {
        case name(String)
        case string(String)
        case number(ScaffoldValue)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    /// How deeply expressions nest here (brackets, `not`, `-`); past ``maxDepth`` is an error, not a stack overflow.
    private var depth = 0
    static let maxDepth = 100

    /// Parses a whole expression; trailing tokens are an error.
    static func parse(_ text: String, baseOffset: Int = 0) throws(ExpressionError) -> Expression {
        var parser = ExpressionParser()
        parser.tokens = try lex(Array(text), baseOffset: baseOffset)
        let expression = try parser.parseConditional()
        guard case .end = parser.current else { throw parser.unexpected("end of the expression") }
        return expression
    }

    /// Parses `NAME in EXPRESSION` of a `{% for %}` tag.
    static func parseLoop(_ text: String, baseOffset: Int) throws(ExpressionError) -> (variable: String, sequence: Expression) {
        var parser = ExpressionParser()
        parser.tokens = try lex(Array(text), baseOffset: baseOffset)
        guard case .name(let variable) = parser.current else { throw parser.unexpected("a loop variable name") }
        parser.position += 1
        guard parser.current == .name("in") else { throw parser.unexpected("'in'") }
        parser.position += 1
        let sequence = try parser.parseConditional()
        guard case .end = parser.current else { throw parser.unexpected("end of the loop header") }
        return (variable, sequence)
    }

    // MARK: - Lexing

    private static let symbols = ["===", "!==", "==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", "|", "~", "+", "-", "*", "/", ":"]

    private static func lex(_ characters: [Character], baseOffset: Int) throws(ExpressionError) -> [(token: Token, offset: Int)] {
        var result: [(token: Token, offset: Int)] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            let start = index
            if character.isLetter || character == "_" || character == "$" {
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" || characters[index] == "$" {
                    index += 1
                }
                result.append((.name(String(characters[start..<index])), baseOffset + start))
            } else if character.isASCII, character.isNumber {
                while index < characters.count, characters[index].isASCII, characters[index].isNumber || characters[index] == "." { index += 1 }
                let literal = String(characters[start..<index])
                if let integer = Int(literal) {
                    result.append((.number(.int(integer)), baseOffset + start))
                } else if let double = Double(literal) {
                    result.append((.number(.double(double)), baseOffset + start))
                } else {
                    throw ExpressionError("'\(literal)' is not a number", at: baseOffset + start)
                }
            } else if character == "'" || character == "\"" {
                index += 1
                var literal = ""
                while index < characters.count, characters[index] != character {
                    if characters[index] == "\\", index + 1 < characters.count {
                        index += 1
                        switch characters[index] {
                        case "n": literal.append("\n")
                        case "t": literal.append("\t")
                        default: literal.append(characters[index])
                        }
                    } else {
                        literal.append(characters[index])
                    }
                    index += 1
                }
                guard index < characters.count else { throw ExpressionError("unterminated string", at: baseOffset + start) }
                index += 1
                result.append((.string(literal), baseOffset + start))
            } else if let symbol = symbols.first(where: { matches($0, characters, at: index) }) {
                index += symbol.count
                result.append((.symbol(symbol == "===" ? "==" : symbol == "!==" ? "!=" : symbol), baseOffset + start))
            } else {
                throw ExpressionError("unexpected character '\(character)'", at: baseOffset + start)
            }
        }
        result.append((.end, baseOffset + characters.count))
        return result
    }

    private static func matches(_ symbol: String, _ characters: [Character], at index: Int) -> Bool {
        let symbolCharacters = Array(symbol)
        guard index + symbolCharacters.count <= characters.count else { return false }
        return Array(characters[index..<index + symbolCharacters.count]) == symbolCharacters
    }

    // MARK: - Grammar

    private var current: Token { tokens[position].token }
    private var currentOffset: Int { tokens[position].offset }

    private func unexpected(_ expected: String) -> ExpressionError {
        let found: String
        switch current {
        case .name(let name): found = "'\(name)'"
        case .string(let text): found = "the string '\(text)'"
        case .number(let number): found = "the number \(number.text)"
        case .symbol(let symbol): found = "'\(symbol)'"
        case .end: found = "the end"
        }
        return ExpressionError("expected \(expected), found \(found)", at: currentOffset)
    }

    private mutating func take(_ symbol: String) -> Bool {
        if current == .symbol(symbol) || current == .name(symbol) {
            position += 1
            return true
        }
        return false
    }

    private mutating func expect(_ symbol: String) throws(ExpressionError) {
        guard take(symbol) else { throw unexpected("'\(symbol)'") }
    }

    private mutating func parseConditional() throws(ExpressionError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw ExpressionError("the expression nests more than \(Self.maxDepth) levels deep", at: currentOffset) }
        let value = try parseBinary(level: 0)
        guard take("if") else { return value }
        let condition = try parseBinary(level: 0)
        let otherwise: Expression? = take("else") ? try parseConditional() : nil
        return .conditional(then: value, condition: condition, otherwise: otherwise)
    }

    /// Operator levels, loosest first.
    private static let levels: [[Expression.BinaryOperator]] = [
        [.or], [.and], [.equal, .notEqual, .less, .greater, .lessOrEqual, .greaterOrEqual, .contains],
        [.concatenate], [.plus, .minus], [.times, .divide],
    ]

    private mutating func parseBinary(level: Int) throws(ExpressionError) -> Expression {
        guard level < Self.levels.count else { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        while let found = Self.levels[level].first(where: { current == .symbol($0.rawValue) || current == .name($0.rawValue) }) {
            position += 1
            let right = try parseBinary(level: level + 1)
            left = .binary(found, left, right)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionError) -> Expression {
        if take("not") || take("-") {
            let negates = tokens[position - 1].token == .symbol("-")
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else { throw ExpressionError("the expression nests more than \(Self.maxDepth) levels deep", at: currentOffset) }
            let operand = try parseUnary()
            return negates ? .negate(operand) : .not(operand)
        }
        return try parseFiltered()
    }

    private mutating func parseFiltered() throws(ExpressionError) -> Expression {
        var value = try parsePostfix()
        while take("|") {
            guard case .name(let name) = current else { throw unexpected("a filter name") }
            guard let filter = Expression.Filter(rawValue: name) else {
                let supported = Expression.Filter.allCases.map(\.rawValue).joined(separator: ", ")
                throw ExpressionError("unknown filter '\(name)' (supported: \(supported))", at: currentOffset)
            }
            position += 1
            var arguments: [Expression] = []
            if take("(") {
                if !take(")") {
                    repeat { arguments.append(try parseConditional()) } while take(",")
                    try expect(")")
                }
            }
            value = .filter(value, filter, arguments: arguments)
        }
        return value
    }

    private mutating func parsePostfix() throws(ExpressionError) -> Expression {
        var value = try parsePrimary()
        while true {
            if take(".") {
                guard case .name(let member) = current else { throw unexpected("a member name after '.'") }
                position += 1
                value = .member(value, member)
            } else if take("[") {
                let key = try parseConditional()
                try expect("]")
                value = .index(value, key)
            } else {
                return value
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionError) -> Expression {
        let token = current
        switch token {
        case .string(let text):
            position += 1
            return .literal(.string(text))
        case .number(let number):
            position += 1
            return .literal(number)
        case .name(let name):
            position += 1
            switch name {
            case "true", "True": return .literal(.bool(true))
            case "false", "False": return .literal(.bool(false))
            case "none", "None", "null": return .literal(.null)
            case "and", "or", "if", "else", "in":
                position -= 1
                throw unexpected("a value")
            default: return .name(name)
            }
        case .symbol("("):
            position += 1
            let inner = try parseConditional()
            try expect(")")
            return inner
        case .symbol("["):
            position += 1
            var items: [Expression] = []
            if !take("]") {
                repeat { items.append(try parseConditional()) } while take(",")
                try expect("]")
            }
            return .list(items)
        default:
            throw unexpected("a value")
        }
    }
}
