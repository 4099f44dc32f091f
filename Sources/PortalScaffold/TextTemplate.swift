import Foundation

/// Text with Nunjucks markup as Backstage's scaffolder renders it: `${{ expression }}` outputs
/// (`{{ … }}` with `cookiecutterCompat`), `{% if %}`/`{% elif %}`/`{% else %}`/`{% endif %}`,
/// `{% for x in xs %}`/`{% else %}`/`{% endfor %}`, `{% raw %}`, `{# comments #}` and the `-`
/// whitespace trims. Any other tag is an error at its position rather than a wrong rendering.
public struct TextTemplate: Sendable {
    /// Which delimiters mark an output.
    public enum Syntax: Sendable {
        /// `${{ … }}`: step inputs and `fetch:template` skeletons.
        case dollarBraces
        /// `{{ … }}`: `fetch:template` with `cookiecutterCompat: true`.
        case doubleBraces
    }

    indirect enum Node: Sendable {
        case text(String)
        case output(Expression, offset: Int)
        case conditional([(condition: Expression, offset: Int, body: [Node])], otherwise: [Node])
        case loop(variable: String, sequence: Expression, offset: Int, body: [Node], otherwise: [Node])
    }

    let nodes: [Node]

    /// Parses `text`; errors carry the character offset of the offending markup.
    public init(_ text: String, syntax: Syntax = .dollarBraces) throws(ExpressionError) {
        var parser = TextTemplateParser(characters: Array(text), syntax: syntax)
        nodes = try parser.parseBody(until: []).nodes
    }

    /// Whether `text` holds any markup at all (most files don't, and are copied as they are).
    public static func hasMarkup(_ text: String, syntax: Syntax = .dollarBraces) -> Bool {
        text.contains(syntax == .dollarBraces ? "${{" : "{{") || text.contains("{%") || text.contains("{#")
    }

    /// The expression when the whole template is one `${{ … }}` (surrounding spaces allowed):
    /// Backstage then keeps the value's type (`${{ parameters.port }}` stays a number).
    var singleExpression: Expression? {
        let meaningful = nodes.filter {
            if case .text(let text) = $0 { return !text.allSatisfy(\.isWhitespace) }
            return true
        }
        if meaningful.count == 1, case .output(let expression, _) = meaningful[0] { return expression }
        return nil
    }

    /// Renders the text with `scope`'s names.
    public func render(_ scope: [String: ScaffoldValue]) throws(ExpressionError) -> String {
        var output = ""
        try Self.render(nodes, scope, into: &output)
        return output
    }

    /// Evaluates the template as a value: a single expression keeps its type, anything else is text.
    public func value(_ scope: [String: ScaffoldValue]) throws(ExpressionError) -> ScaffoldValue {
        if let expression = singleExpression, case .output(_, let offset)? = nodes.first(where: { if case .output = $0 { true } else { false } }) {
            return try ExpressionEvaluator(scope: scope, offset: offset).evaluate(expression)
        }
        return .string(try render(scope))
    }

    private static func render(_ nodes: [Node], _ scope: [String: ScaffoldValue], into output: inout String) throws(ExpressionError) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .output(let expression, let offset):
                output += try ExpressionEvaluator(scope: scope, offset: offset).evaluate(expression).text
            case .conditional(let branches, let otherwise):
                var chosen = otherwise
                for branch in branches where try ExpressionEvaluator(scope: scope, offset: branch.offset).evaluate(branch.condition).isTruthy {
                    chosen = branch.body
                    break
                }
                try render(chosen, scope, into: &output)
            case .loop(let variable, let sequence, let offset, let body, let otherwise):
                let items: [ScaffoldValue]
                switch try ExpressionEvaluator(scope: scope, offset: offset).evaluate(sequence) {
                case .list(let list): items = list
                case .object(let members): items = members.keys.sorted().map { .list([.string($0), members[$0]!]) }
                case .undefined, .null: items = []
                case let other: throw ExpressionError("{% for %} needs a list or object, not \(other.typeName)", at: offset)
                }
                if items.isEmpty { try render(otherwise, scope, into: &output) }
                for (position, item) in items.enumerated() {
                    var inner = scope
                    inner[variable] = item
                    inner["loop"] = .object([
                        "index": .int(position + 1), "index0": .int(position), "first": .bool(position == 0),
                        "last": .bool(position == items.count - 1), "length": .int(items.count),
                    ])
                    try render(body, inner, into: &output)
                }
            }
        }
    }
}

/// The recursive-descent reader behind ``TextTemplate``.
struct TextTemplateParser {
    let characters: [Character]
    let syntax: TextTemplate.Syntax
    var index = 0
    /// Set by a `-%}` or `-}}`: the next text starts without its leading white space.
    var trimNext = false
    /// How many `{% if %}`/`{% for %}` blocks are open; past ``maxDepth`` is an error, not a stack overflow.
    var depth = 0
    static let maxDepth = 100

    init(characters: [Character], syntax: TextTemplate.Syntax) {
        self.characters = characters
        self.syntax = syntax
    }

    private var outputOpen: [Character] { syntax == .dollarBraces ? ["$", "{", "{"] : ["{", "{"] }

    private func starts(_ marker: [Character], at position: Int) -> Bool {
        position + marker.count <= characters.count && Array(characters[position..<position + marker.count]) == marker
    }

    /// Parses nodes until one of the `closers` tags (returned with its offset), or the end.
    mutating func parseBody(until closers: Set<String>) throws(ExpressionError) -> (nodes: [TextTemplate.Node], closer: (name: String, argument: String, offset: Int)?) {
        var nodes: [TextTemplate.Node] = []
        var text = ""
        func flush(trimTrailing: Bool) {
            if trimTrailing { while let last = text.last, last.isWhitespace { text.removeLast() } }
            if !text.isEmpty { nodes.append(.text(text)) }
            text = ""
        }
        while index < characters.count {
            if starts(outputOpen, at: index) {
                let open = index
                let trimBefore = starts(["-"], at: index + outputOpen.count)
                flush(trimTrailing: trimBefore)
                let (inner, innerStart) = try readTag(from: open, openLength: outputOpen.count, close: ["}", "}"], what: "output")
                let expression = try ExpressionParser.parse(inner, baseOffset: innerStart)
                nodes.append(.output(expression, offset: innerStart))
            } else if starts(["{", "#"], at: index) {
                let trimBefore = starts(["-"], at: index + 2)
                flush(trimTrailing: trimBefore)
                _ = try readTag(from: index, openLength: 2, close: ["#", "}"], what: "comment")
            } else if starts(["{", "%"], at: index) {
                let open = index
                let trimBefore = starts(["-"], at: index + 2)
                flush(trimTrailing: trimBefore)
                let (inner, innerStart) = try readTag(from: open, openLength: 2, close: ["%", "}"], what: "tag")
                let words = inner.trimmingCharacters(in: .whitespaces)
                let name = String(words.prefix { !$0.isWhitespace })
                let argument = String(words.dropFirst(name.count))
                let argumentOffset = innerStart + (inner.count - inner.drop { $0.isWhitespace }.count) + name.count
                if closers.contains(name) { return (nodes, (name, argument, argumentOffset)) }
                if name == "if" || name == "for" {
                    guard depth < Self.maxDepth else { throw ExpressionError("blocks nest more than \(Self.maxDepth) levels deep", at: open) }
                    depth += 1
                    nodes.append(name == "if" ? try parseConditional(argument, offset: argumentOffset) : try parseLoop(argument, offset: argumentOffset))
                    depth -= 1
                    continue
                }
                switch name {
                case "raw": nodes.append(.text(try readRaw(from: open)))
                case "": throw ExpressionError("empty {% %} tag", at: open)
                default:
                    if ["elif", "elseif", "else", "endif", "endfor", "endraw"].contains(name) {
                        throw ExpressionError("{% \(name) %} without a matching opening tag", at: open)
                    }
                    throw ExpressionError("the Nunjucks tag {% \(name) %} is not supported by portal-build scaffold", at: open)
                }
            } else {
                let character = characters[index]
                if trimNext, character.isWhitespace {
                    index += 1
                    continue
                }
                trimNext = false
                text.append(character)
                index += 1
            }
        }
        flush(trimTrailing: false)
        return (nodes, nil)
    }

    /// Reads a tag from `open` to its `close` marker (quotes inside skipped); returns the text
    /// between the markers (without `-` trims) and where it starts.
    private mutating func readTag(from open: Int, openLength: Int, close: [Character], what: String) throws(ExpressionError) -> (String, Int) {
        var start = open + openLength
        if starts(["-"], at: start) { start += 1 }
        var position = start
        var quote: Character?
        while position < characters.count {
            let character = characters[position]
            if let open = quote {
                if character == "\\" { position += 1 } else if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if starts(close, at: position) {
                var end = position
                trimNext = false
                if end > start, characters[end - 1] == "-" {
                    end -= 1
                    trimNext = true
                }
                index = position + close.count
                return (String(characters[start..<end]), start)
            }
            position += 1
        }
        throw ExpressionError("unclosed \(what): no '\(String(close))' after this", at: open)
    }

    private mutating func parseConditional(_ condition: String, offset: Int) throws(ExpressionError) -> TextTemplate.Node {
        var branches: [(condition: Expression, offset: Int, body: [Node])] = []
        var current = (expression: try ExpressionParser.parse(condition, baseOffset: offset), offset: offset)
        while true {
            let (body, closer) = try parseBody(until: ["elif", "elseif", "else", "endif"])
            branches.append((current.expression, current.offset, body))
            guard let closer else { throw ExpressionError("{% if %} without {% endif %}", at: offset) }
            switch closer.name {
            case "endif":
                return .conditional(branches, otherwise: [])
            case "else":
                let (otherwise, end) = try parseBody(until: ["endif"])
                guard end != nil else { throw ExpressionError("{% if %} without {% endif %}", at: offset) }
                return .conditional(branches, otherwise: otherwise)
            default:
                current = (try ExpressionParser.parse(closer.argument, baseOffset: closer.offset), closer.offset)
            }
        }
    }

    private mutating func parseLoop(_ header: String, offset: Int) throws(ExpressionError) -> TextTemplate.Node {
        let (variable, sequence) = try ExpressionParser.parseLoop(header, baseOffset: offset)
        let (body, closer) = try parseBody(until: ["else", "endfor"])
        guard let closer else { throw ExpressionError("{% for %} without {% endfor %}", at: offset) }
        if closer.name == "endfor" { return .loop(variable: variable, sequence: sequence, offset: offset, body: body, otherwise: []) }
        let (otherwise, end) = try parseBody(until: ["endfor"])
        guard end != nil else { throw ExpressionError("{% for %} without {% endfor %}", at: offset) }
        return .loop(variable: variable, sequence: sequence, offset: offset, body: body, otherwise: otherwise)
    }

    /// The text up to `{% endraw %}`, unparsed.
    private mutating func readRaw(from open: Int) throws(ExpressionError) -> String {
        var text = ""
        while index < characters.count {
            if starts(["{", "%"], at: index) {
                let save = index
                let (inner, _) = try readTag(from: index, openLength: 2, close: ["%", "}"], what: "tag")
                if inner.trimmingCharacters(in: .whitespaces) == "endraw" { return text }
                text += String(characters[save..<index])
                continue
            }
            text.append(characters[index])
            index += 1
        }
        throw ExpressionError("{% raw %} without {% endraw %}", at: open)
    }
}

typealias Node = TextTemplate.Node
