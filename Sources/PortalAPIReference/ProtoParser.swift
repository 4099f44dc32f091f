/// A small, tolerant parser for proto2 and proto3 files (and editions); see ``RecoveringParser``
/// for how it survives errors. Comments right before a definition (or on a field's line)
/// become its description.
struct ProtoParser: RecoveringParser {
    var cursor: TokenCursor
    var problems: [APIReferenceProblem] = []
    private var file = ProtoFile()
    private var depth = 0

    private static let topLevelKeywords: Set<String> = [
        "syntax", "edition", "package", "import", "option", "message", "enum", "service", "extend",
    ]
    private static let labels: Set<String> = ["repeated", "optional", "required"]
    private static let maxDepth = 64

    /// The file in `text` and the problems found reading it.
    static func parse(_ text: String) -> (file: ProtoFile, problems: [APIReferenceProblem]) {
        var parser = ProtoParser(cursor: TokenCursor(text, syntax: .protobuf))
        parser.parseDefinitions()
        return (parser.file, parser.problems)
    }

    func startsDefinition(_ token: SourceToken) -> Bool {
        token.kind == .name && Self.topLevelKeywords.contains(cursor.text(token))
    }

    mutating func definition() throws(SyntaxError) {
        let description = comments()
        if cursor.accept(";") { return }
        let keywordToken = cursor.current
        let keyword = try cursor.expectName("a definition (message, enum, service, …)")
        switch keyword {
        case "syntax", "edition":
            try cursor.expect("=")
            let value = try stringLiteral()
            file.syntax = keyword == "edition" ? "edition \(value)" : value
            try cursor.expect(";")
        case "package":
            file.package = try fullName()
            try cursor.expect(";")
        case "import":
            _ = cursor.accept(name: "public") || cursor.accept(name: "weak")
            file.imports.append(try stringLiteral())
            try cursor.expect(";")
        case "option":
            file.options.append(try option())
        case "message": try message(scope: [], description: description)
        case "enum": try enumeration(scope: [], description: description)
        case "service": try service(description: description)
        case "extend":
            _ = try fullName()
            try skipBlock()
        default:
            throw SyntaxError(line: keywordToken?.line ?? 1, column: keywordToken?.column ?? 1,
                              message: "expected a definition (message, enum, service, …), found '\(keyword)'")
        }
    }

    // MARK: - Messages

    private mutating func message(scope: [String], description: String?) throws(SyntaxError) {
        try nested()
        defer { depth -= 1 }
        let name = try cursor.expectName("a message name")
        let path = scope + [name]
        let index = file.messages.count
        file.messages.append(ProtoMessage(name: path.joined(separator: "."), description: description))
        try cursor.expect("{")
        var fields: [ProtoField] = []
        while !cursor.accept("}") {
            try messageElement(path: path, oneof: nil, into: &fields)
        }
        file.messages[index].fields = fields
    }

    private mutating func messageElement(path: [String], oneof: String?, into fields: inout [ProtoField]) throws(SyntaxError) {
        let description = comments()
        if cursor.accept(";") { return }
        guard let token = cursor.current, token.kind == .name || cursor.at(".") else { throw cursor.error("expected a field") }
        switch cursor.text(token) {
        case "message":
            cursor.advance()
            try message(scope: path, description: description)
        case "enum":
            cursor.advance()
            try enumeration(scope: path, description: description)
        case "oneof" where cursor.next?.kind == .name:
            cursor.advance()
            let name = try cursor.expectName("a oneof name")
            try cursor.expect("{")
            while !cursor.accept("}") { try messageElement(path: path, oneof: name, into: &fields) }
        case "option", "reserved", "extensions":
            try skipStatement()
        case "extend":
            cursor.advance()
            _ = try fullName()
            try skipBlock()
        default:
            fields.append(try field(path: path, oneof: oneof, description: description))
        }
    }

    /// `[label] type name = number [options];`, `map<K, V> name = number;`, or a proto2 group.
    private mutating func field(path: [String], oneof: String?, description: String?) throws(SyntaxError) -> ProtoField {
        var label: String?
        if let token = cursor.current, Self.labels.contains(cursor.text(token)), cursor.next?.kind == .name {
            label = cursor.text(token)
            cursor.advance()
        }
        var mapKey: String?
        var type: String
        if cursor.at(name: "map"), cursor.next.map({ cursor.text($0) == "<" }) == true {
            cursor.advance()
            try cursor.expect("<")
            mapKey = try fullName()
            try cursor.expect(",")
            type = try fullName()
            try cursor.expect(">")
        } else {
            type = try fullName()
        }
        let name = try cursor.expectName("a field name")
        try cursor.expect("=")
        let number = try integer()
        var field = ProtoField(name: name, number: number, type: type, label: label, mapKey: mapKey, oneof: oneof,
                               description: description)
        if type == "group", cursor.at("{") {
            // proto2 group: a nested message named after the field.
            field.type = name
            try cursor.expect("{")
            let index = file.messages.count
            file.messages.append(ProtoMessage(name: (path + [name]).joined(separator: ".")))
            var groupFields: [ProtoField] = []
            while !cursor.accept("}") { try messageElement(path: path + [name], oneof: nil, into: &groupFields) }
            file.messages[index].fields = groupFields
            return field
        }
        field.isDeprecated = try fieldOptions().contains("deprecated=true")
        try cursor.expect(";")
        field.description = field.description ?? trailingComment()
        return field
    }

    // MARK: - Enums and services

    private mutating func enumeration(scope: [String], description: String?) throws(SyntaxError) {
        let name = try cursor.expectName("an enum name")
        var enumeration = ProtoEnum(name: (scope + [name]).joined(separator: "."), description: description)
        try cursor.expect("{")
        while !cursor.accept("}") {
            let description = comments()
            if cursor.accept(";") { continue }
            if cursor.at(name: "option") || cursor.at(name: "reserved") {
                try skipStatement()
                continue
            }
            let value = try cursor.expectName("an enum value")
            try cursor.expect("=")
            let number = try integer()
            _ = try fieldOptions()
            try cursor.expect(";")
            enumeration.values.append((value, number, description ?? trailingComment()))
        }
        file.enums.append(enumeration)
    }

    private mutating func service(description: String?) throws(SyntaxError) {
        var service = ProtoService(name: try cursor.expectName("a service name"), description: description)
        try cursor.expect("{")
        while !cursor.accept("}") {
            let description = comments()
            if cursor.accept(";") { continue }
            guard cursor.accept(name: "rpc") else {
                guard cursor.at(name: "option") else { throw cursor.error("expected 'rpc'") }
                try skipStatement()
                continue
            }
            let name = try cursor.expectName("a method name")
            try cursor.expect("(")
            let requestStreamed = acceptStream()
            let request = try fullName()
            try cursor.expect(")")
            guard cursor.accept(name: "returns") else { throw cursor.error("expected 'returns'") }
            try cursor.expect("(")
            let responseStreamed = acceptStream()
            let response = try fullName()
            try cursor.expect(")")
            if cursor.at("{") { try skipBlock() } else { try cursor.expect(";") }
            service.rpcs.append(ProtoRPC(name: name, description: description ?? trailingComment(), request: request,
                                         isRequestStreamed: requestStreamed, response: response,
                                         isResponseStreamed: responseStreamed))
        }
        file.services.append(service)
    }

    // MARK: - Pieces

    /// Skips `stream` before a type name (and not a type named `stream`).
    private mutating func acceptStream() -> Bool {
        guard cursor.at(name: "stream"), cursor.next?.kind == .name else { return false }
        cursor.advance()
        return true
    }

    /// `a.b.C` or `.a.b.C`.
    private mutating func fullName() throws(SyntaxError) -> String {
        var name = cursor.accept(".") ? "." : ""
        name += try cursor.expectName("a name")
        while cursor.accept(".") { name += "." + (try cursor.expectName("a name")) }
        return name
    }

    private mutating func integer() throws(SyntaxError) -> String {
        let negative = cursor.accept("-")
        guard let token = cursor.current, token.kind == .number else { throw cursor.error("expected a field number") }
        cursor.advance()
        return (negative ? "-" : "") + cursor.text(token)
    }

    private mutating func stringLiteral() throws(SyntaxError) -> String {
        guard let token = cursor.current, token.kind == .string else { throw cursor.error("expected a string") }
        cursor.advance()
        return GraphQLParser.unescape(String(cursor.text(token).dropFirst().dropLast()))
    }

    /// `option name = value;` as name and value text.
    private mutating func option() throws(SyntaxError) -> (name: String, value: String) {
        var name = ""
        while !cursor.isAtEnd, !cursor.at("=") {
            name += cursor.text(cursor.current!)
            cursor.advance()
        }
        try cursor.expect("=")
        let value = try skipStatement()
        return (name, String(decoding: cursor.bytes[value], as: UTF8.self).trimmingSpaces)
    }

    /// `[a = b, c = d]` after a field, without spaces; empty without options.
    private mutating func fieldOptions() throws(SyntaxError) -> String {
        guard cursor.accept("[") else { return "" }
        var text = ""
        var open = 1
        while open > 0 {
            guard let token = cursor.current else { throw cursor.error("expected ']'") }
            if cursor.at("[") { open += 1 }
            if cursor.at("]") { open -= 1 }
            if open > 0 { text += cursor.text(token) }
            cursor.advance()
        }
        return text
    }

    /// Skips to and past the `;` that ends a statement, over balanced braces; returns the
    /// byte range of what it skipped before the `;`.
    @discardableResult
    private mutating func skipStatement() throws(SyntaxError) -> Range<Int> {
        let start = cursor.current?.range.lowerBound ?? cursor.bytes.count
        var open = 0
        while let token = cursor.current {
            if cursor.at("{") { open += 1 }
            if cursor.at("}") {
                if open == 0 { throw cursor.error("expected ';'") }
                open -= 1
            }
            let isEnd = open == 0 && cursor.at(";")
            cursor.advance()
            if isEnd { return start..<token.range.lowerBound }
        }
        throw cursor.error("expected ';'")
    }

    /// Skips a `{ … }` block, nested blocks included.
    private mutating func skipBlock() throws(SyntaxError) {
        try cursor.expect("{")
        var open = 1
        while open > 0 {
            guard !cursor.isAtEnd else { throw cursor.error("expected '}'") }
            if cursor.at("{") { open += 1 }
            if cursor.at("}") { open -= 1 }
            cursor.advance()
        }
    }

    private mutating func nested() throws(SyntaxError) {
        depth += 1
        if depth > Self.maxDepth {
            depth -= 1
            throw cursor.error("messages nest deeper than \(Self.maxDepth) levels")
        }
    }

    // MARK: - Comments

    /// The comments attached to the current token: the run of comments directly above it.
    private func comments() -> String? {
        let comments = cursor.leadingComments
        guard let current = cursor.current, !comments.isEmpty else { return nil }
        var attached: [SourceToken] = []
        var nextLine = current.line
        for comment in comments.reversed() {
            guard endLine(of: comment) + 1 >= nextLine else { break }
            attached.insert(comment, at: 0)
            nextLine = comment.line
        }
        return text(of: attached)
    }

    /// The comment after the previous token on its line.
    private func trailingComment() -> String? {
        cursor.trailingComment.flatMap { text(of: [$0]) }
    }

    private func endLine(of token: SourceToken) -> Int {
        token.line + cursor.bytes[token.range].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// Comment text without `//`, `/*`, `*/` and leading `*`s.
    private func text(of comments: [SourceToken]) -> String? {
        var lines: [Substring] = []
        for comment in comments {
            let raw = cursor.text(comment)
            if raw.hasPrefix("//") {
                lines.append(Self.strippingOneSpace(raw.dropFirst(2).drop { $0 == "/" }))
                continue
            }
            let body = raw.dropFirst(2).dropLast(raw.hasSuffix("*/") && raw.count >= 4 ? 2 : 0)
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                var line = line.drop { $0 == " " || $0 == "\t" }
                if line.hasPrefix("*") { line = line.dropFirst() }
                lines.append(Self.strippingOneSpace(line))
            }
        }
        let text = lines.joined(separator: "\n").trimmingSpaces
        return text.isEmpty ? nil : text
    }

    private static func strippingOneSpace(_ line: Substring) -> Substring {
        line.hasPrefix(" ") ? line.dropFirst() : line
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
