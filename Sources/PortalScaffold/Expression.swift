/// A parsed `${{ … }}` expression: the Nunjucks subset real templates use (names, `.member`,
/// `['key']`, literals, `==`/`!=`/`<`/`>`/`in`, `and`/`or`/`not`, `a if c else b`, `~`/`+`,
/// and filters after `|`).
public indirect enum Expression: Sendable, Equatable {
    case literal(ScaffoldValue)
    case list([Expression])
    case name(String)
    case member(Expression, String)
    case index(Expression, Expression)
    case filter(Expression, Filter, arguments: [Expression])
    case not(Expression)
    case negate(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case conditional(then: Expression, condition: Expression, otherwise: Expression?)

    /// Binary operators, loosest last.
    public enum BinaryOperator: String, Sendable {
        case or, and
        case equal = "==", notEqual = "!=", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">=", contains = "in"
        case concatenate = "~", plus = "+", minus = "-", times = "*", divide = "/"
    }

    /// The filters `portal-build scaffold` implements; any other is an error with its position.
    public enum Filter: String, Sendable, CaseIterable {
        case parseRepoUrl, pick, projectSlug, lower, upper, replace, trim, dump, `default`, join, length, first, last
    }
}

/// A problem in a template expression or text, at a character offset of the text parsed.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Characters from the start of the text that was parsed (or evaluated) to the problem.
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
