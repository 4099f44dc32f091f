/// A recursive-descent parser over a ``TokenCursor`` that survives syntax errors: a definition
/// that fails is reported and skipped, and parsing resumes at the next token in the failed
/// definition's column that can start a definition, so one typo does not lose the whole file.
protocol RecoveringParser {
    var cursor: TokenCursor { get set }
    var problems: [APIReferenceProblem] { get set }
    /// Parses one top-level definition.
    mutating func definition() throws(SyntaxError)
    /// Whether `token` can start a top-level definition.
    func startsDefinition(_ token: SourceToken) -> Bool
}

extension RecoveringParser {
    /// Parses every definition, recording lexer and syntax problems.
    mutating func parseDefinitions() {
        problems = cursor.lexerProblems
        while let start = cursor.current {
            do {
                try definition()
            } catch {
                problems.append(error.problem)
                cursor.advance()
                while let token = cursor.current, token.column != start.column || !startsDefinition(token) {
                    cursor.advance()
                }
            }
        }
    }
}
