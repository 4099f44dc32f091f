/// A small, tolerant parser for GraphQL SDL (see ``RecoveringParser`` for how it survives errors).
/// Executable definitions (queries, fragments) are skipped.
struct GraphQLParser: RecoveringParser {
    var cursor: TokenCursor
    var problems: [APIReferenceProblem] = []
    private var schema = GraphQLSchema()
    private var typeIndex: [String: Int] = [:]
    private var depth = 0

    private static let definitionKeywords: Set<String> = [
        "schema", "scalar", "type", "interface", "union", "enum", "input", "directive", "extend",
        "query", "mutation", "subscription", "fragment",
    ]
    private static let maxDepth = 64

    /// The schema in `text` and the problems found reading it.
    static func parse(_ text: String) -> (schema: GraphQLSchema, problems: [APIReferenceProblem]) {
        var parser = GraphQLParser(cursor: TokenCursor(text, syntax: .graphQL))
        parser.parseDefinitions()
        if parser.schema.rootTypes.isEmpty {
            parser.schema.rootTypes = [("query", "Query"), ("mutation", "Mutation"), ("subscription", "Subscription")]
                .filter { parser.typeIndex[$0.1] != nil }
        }
        return (parser.schema, parser.problems)
    }

    /// A description, or a definition keyword.
    func startsDefinition(_ token: SourceToken) -> Bool {
        if token.kind == .string || token.kind == .blockString { return true }
        return token.kind == .name && Self.definitionKeywords.contains(cursor.text(token))
    }

    // MARK: - Definitions

    mutating func definition() throws(SyntaxError) {
        let description = optionalDescription()
        let extending = cursor.accept(name: "extend")
        let keywordToken = cursor.current
        let keyword = try cursor.expectName("a definition (type, input, enum, …)")
        switch keyword {
        case "schema": try schemaDefinition()
        case "directive": try directiveDefinition(description: description)
        case "query", "mutation", "subscription", "fragment": try skipExecutable()
        default:
            guard let kind = GraphQLType.Kind(rawValue: keyword) else {
                throw SyntaxError(line: keywordToken?.line ?? 1, column: keywordToken?.column ?? 1,
                                  message: "expected a definition (type, input, enum, …), found '\(keyword)'")
            }
            try typeDefinition(kind, description: description, extending: extending)
        }
    }

    private mutating func schemaDefinition() throws(SyntaxError) {
        try directives()
        guard cursor.accept("{") else { return }
        while !cursor.accept("}") {
            let operation = try cursor.expectName("an operation type")
            try cursor.expect(":")
            let type = try cursor.expectName("a type name")
            schema.rootTypes.removeAll { $0.operation == operation }
            schema.rootTypes.append((operation, type))
        }
    }

    private mutating func typeDefinition(_ kind: GraphQLType.Kind, description: String?, extending: Bool) throws(SyntaxError) {
        var type = GraphQLType(kind: kind, name: try cursor.expectName("a type name"), description: description)
        if cursor.accept(name: "implements") {
            _ = cursor.accept("&")
            type.interfaces.append(try cursor.expectName("an interface name"))
            while cursor.accept("&") || isLegacyInterface() {
                type.interfaces.append(try cursor.expectName("an interface name"))
            }
        }
        try directives()
        switch kind {
        case .object, .interface, .input:
            if cursor.at("{") { type.fields = try fields(allowArguments: kind != .input) }
        case .enum:
            if cursor.accept("{") {
                while !cursor.accept("}") { type.values.append(try enumValue()) }
            }
        case .union:
            if cursor.accept("=") {
                _ = cursor.accept("|")
                type.members.append(try cursor.expectName("a member type"))
                while cursor.accept("|") { type.members.append(try cursor.expectName("a member type")) }
            }
        case .scalar:
            break
        }
        add(type, extending: extending)
    }

    /// `implements A, B` (the old syntax without `&`): a further name that starts no definition.
    private func isLegacyInterface() -> Bool {
        guard let token = cursor.current, token.kind == .name else { return false }
        return !Self.definitionKeywords.contains(cursor.text(token))
    }

    private mutating func add(_ type: GraphQLType, extending: Bool) {
        guard let index = typeIndex[type.name] else {
            typeIndex[type.name] = schema.types.count
            schema.types.append(type)
            return
        }
        // An extension, or a repeated definition: merge into the first one.
        schema.types[index].description = schema.types[index].description ?? type.description
        schema.types[index].interfaces += type.interfaces
        schema.types[index].fields += type.fields
        schema.types[index].values += type.values
        schema.types[index].members += type.members
    }

    private mutating func directiveDefinition(description: String?) throws(SyntaxError) {
        try cursor.expect("@")
        let name = try cursor.expectName("a directive name")
        let arguments = cursor.at("(") ? try argumentDefinitions() : []
        let isRepeatable = cursor.accept(name: "repeatable")
        guard cursor.accept(name: "on") else { throw cursor.error("expected 'on'") }
        _ = cursor.accept("|")
        var locations = [try cursor.expectName("a directive location")]
        while cursor.accept("|") { locations.append(try cursor.expectName("a directive location")) }
        schema.directives.append(GraphQLDirective(name: name, description: description, arguments: arguments,
                                                  locations: locations, isRepeatable: isRepeatable))
    }

    /// Skips a query, mutation, subscription or fragment: everything up to its balanced `}`.
    private mutating func skipExecutable() throws(SyntaxError) {
        while !cursor.isAtEnd, !cursor.at("{") { cursor.advance() }
        try skipBalanced()
    }

    private mutating func skipBalanced() throws(SyntaxError) {
        var open = 0
        repeat {
            if cursor.at("{") { open += 1 }
            if cursor.at("}") { open -= 1 }
            if cursor.isAtEnd { throw cursor.error("expected '}'") }
            cursor.advance()
        } while open > 0
    }

    // MARK: - Fields and values

    private mutating func fields(allowArguments: Bool) throws(SyntaxError) -> [GraphQLField] {
        try cursor.expect("{")
        var fields: [GraphQLField] = []
        while !cursor.accept("}") {
            let description = optionalDescription()
            let name = try cursor.expectName("a field name")
            let arguments = allowArguments && cursor.at("(") ? try argumentDefinitions() : []
            try cursor.expect(":")
            var field = GraphQLField(name: name, description: description, arguments: arguments, type: try typeReference())
            if cursor.accept("=") { field.defaultValue = try value() }
            field.deprecation = try directives()
            fields.append(field)
        }
        return fields
    }

    private mutating func argumentDefinitions() throws(SyntaxError) -> [GraphQLField] {
        try cursor.expect("(")
        var arguments: [GraphQLField] = []
        while !cursor.accept(")") {
            let description = optionalDescription()
            let name = try cursor.expectName("an argument name")
            try cursor.expect(":")
            var argument = GraphQLField(name: name, description: description, type: try typeReference())
            if cursor.accept("=") { argument.defaultValue = try value() }
            argument.deprecation = try directives()
            arguments.append(argument)
        }
        return arguments
    }

    private mutating func enumValue() throws(SyntaxError) -> GraphQLEnumValue {
        let description = optionalDescription()
        let name = try cursor.expectName("an enum value")
        return GraphQLEnumValue(name: name, description: description, deprecation: try directives())
    }

    private mutating func typeReference() throws(SyntaxError) -> GraphQLTypeReference {
        try nested()
        defer { depth -= 1 }
        var type: GraphQLTypeReference
        if cursor.accept("[") {
            type = .list(try typeReference())
            try cursor.expect("]")
        } else {
            type = .named(try cursor.expectName("a type"))
        }
        if cursor.accept("!") { type = .nonNull(type) }
        return type
    }

    /// Directives on a definition; returns the `@deprecated` reason ("" without one), if present.
    @discardableResult
    private mutating func directives() throws(SyntaxError) -> String? {
        var deprecation: String?
        while cursor.accept("@") {
            let name = try cursor.expectName("a directive name")
            var reason = ""
            if cursor.accept("(") {
                while !cursor.accept(")") {
                    let argument = try cursor.expectName("an argument name")
                    try cursor.expect(":")
                    let token = cursor.current
                    let text = try value()
                    guard argument == "reason" else { continue }
                    reason = token.map { $0.kind == .string || $0.kind == .blockString ? stringValue($0) : text } ?? text
                }
            }
            if name == "deprecated" { deprecation = reason }
        }
        return deprecation
    }

    /// A constant value, returned as written.
    private mutating func value() throws(SyntaxError) -> String {
        guard let start = cursor.current else { throw cursor.error("expected a value") }
        try skipValue()
        let end = cursor.current?.range.lowerBound ?? cursor.bytes.count
        var text = String(decoding: cursor.bytes[start.range.lowerBound..<end], as: UTF8.self)
        while text.last?.isWhitespace == true || text.last == "," { text.removeLast() }
        return text
    }

    private mutating func skipValue() throws(SyntaxError) {
        try nested()
        defer { depth -= 1 }
        if cursor.accept("[") {
            while !cursor.accept("]") { try skipValue() }
        } else if cursor.accept("{") {
            while !cursor.accept("}") {
                _ = try cursor.expectName("a field name")
                try cursor.expect(":")
                try skipValue()
            }
        } else if cursor.accept("$") {
            _ = try cursor.expectName("a variable name")
        } else if let token = cursor.current, token.kind != .punctuation, token.kind != .unknown {
            cursor.advance()
        } else {
            throw cursor.error("expected a value")
        }
    }

    private mutating func nested() throws(SyntaxError) {
        depth += 1
        if depth > Self.maxDepth {
            depth -= 1
            throw cursor.error("nested deeper than \(Self.maxDepth) levels")
        }
    }

    // MARK: - Strings

    private mutating func optionalDescription() -> String? {
        guard let token = cursor.current, token.kind == .string || token.kind == .blockString else { return nil }
        cursor.advance()
        return stringValue(token)
    }

    /// The value of a string token: escapes decoded, block strings dedented.
    private func stringValue(_ token: SourceToken) -> String {
        let raw = cursor.bytes[token.range]
        if token.kind == .blockString {
            let inner = raw.dropFirst(3).dropLast(token.error == nil ? 3 : 0)
            return Self.blockStringValue(String(decoding: inner, as: UTF8.self).replacing("\\\"\"\"", with: "\"\"\""))
        }
        let inner = raw.dropFirst().dropLast(token.error == nil ? 1 : 0)
        return Self.unescape(String(decoding: inner, as: UTF8.self))
    }

    /// The GraphQL block string algorithm: common indentation and blank first and last lines removed.
    static func blockStringValue(_ raw: String) -> String {
        var lines = raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map(String.init)
        let indents = lines.dropFirst().compactMap { line -> Int? in
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            return indent < line.count ? indent : nil
        }
        if let common = indents.min(), common > 0 {
            for index in lines.indices.dropFirst() { lines[index] = String(lines[index].dropFirst(min(common, lines[index].count))) }
        }
        while let first = lines.first, first.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Decodes `\n`, `\"`, `\uXXXX` and the other escapes of a quoted string.
    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var characters = text.unicodeScalars.makeIterator()
        while let scalar = characters.next() {
            guard scalar == "\\", let escaped = characters.next() else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch escaped {
            case "n": result += "\n"
            case "t": result += "\t"
            case "r": result += "\r"
            case "b", "f": break
            case "u":
                var hex = ""
                for _ in 0..<4 { if let digit = characters.next() { hex.unicodeScalars.append(digit) } }
                if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) { result.unicodeScalars.append(decoded) }
            default: result.unicodeScalars.append(escaped)
            }
        }
        return result
    }
}
