/// Highlights source text as HTML: escaped text with `<span class="tok-…">` around tokens.
///
/// Classes: `tok-key` (mapping keys, field names), `tok-string`, `tok-number`, `tok-comment`,
/// `tok-keyword` (language keywords, booleans, null, YAML anchors and tags), `tok-type` (type names).
enum SourceHighlighter {
    /// The highlighted inner HTML of a `<code>` block for `text`.
    static func highlight(_ text: String, as language: SourceLanguage) -> String {
        String(decoding: highlightedBytes(text, as: language), as: UTF8.self)
    }

    /// ``highlight(_:as:)`` as UTF-8.
    static func highlightedBytes(_ text: String, as language: SourceLanguage) -> [UInt8] {
        let bytes = Array(text.utf8)
        var output = HighlightOutput(source: bytes)
        switch language {
        case .yaml, .json: YAMLHighlighter.highlight(bytes, into: &output)
        case .graphql: highlightTokens(bytes, syntax: .graphQL, keywords: graphQLKeywords, namesBeforeEquals: false, into: &output)
        case .protobuf: highlightTokens(bytes, syntax: .protobuf, keywords: protobufKeywords, namesBeforeEquals: true, into: &output)
        case .text: output.plain(0..<bytes.count)
        }
        return output.bytes
    }

    private static let graphQLKeywords: Set<String> = [
        "type", "input", "enum", "interface", "union", "scalar", "schema", "directive", "extend", "implements",
        "query", "mutation", "subscription", "fragment", "on", "repeatable", "true", "false", "null",
    ]
    private static let protobufKeywords: Set<String> = [
        "syntax", "edition", "package", "import", "public", "weak", "option", "message", "enum", "service", "rpc",
        "returns", "stream", "repeated", "optional", "required", "oneof", "map", "reserved", "extensions", "extend",
        "to", "max", "group", "true", "false",
        "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64",
        "sfixed32", "sfixed64", "bool", "string", "bytes",
    ]

    /// GraphQL and protobuf: tokens from ``SourceLexer``, classified by kind and context.
    /// `namesBeforeEquals`: a name before `=` is a field or value name (protobuf), not a type (GraphQL defaults).
    private static func highlightTokens(_ bytes: [UInt8], syntax: LexerSyntax, keywords: Set<String>, namesBeforeEquals: Bool,
                                        into output: inout HighlightOutput) {
        let tokens = SourceLexer.tokens(bytes, syntax: syntax)
        var end = 0
        for (index, token) in tokens.enumerated() {
            output.plain(end..<token.range.lowerBound)
            end = token.range.upperBound
            output.token(token.range, class: tokenClass(token, at: index, in: tokens, bytes: bytes, keywords: keywords,
                                                        namesBeforeEquals: namesBeforeEquals))
        }
        output.plain(end..<bytes.count)
    }

    private static func tokenClass(_ token: SourceToken, at index: Int, in tokens: [SourceToken], bytes: [UInt8],
                                   keywords: Set<String>, namesBeforeEquals: Bool) -> String? {
        switch token.kind {
        case .comment: return "tok-comment"
        case .string, .blockString: return "tok-string"
        case .number: return "tok-number"
        case .punctuation, .unknown: return nil
        case .name:
            let name = String(decoding: bytes[token.range], as: UTF8.self)
            let previous = tokens[..<index].last { $0.kind != .comment }
            let next = tokens[(index + 1)...].first { $0.kind != .comment }
            var nextByte = next.flatMap { $0.kind == .punctuation ? bytes[$0.range.lowerBound] : nil }
            if nextByte == UInt8(ascii: "="), !namesBeforeEquals { nextByte = nil }
            // A field or argument name (`type: String`, `string message = 1`) even when it is a keyword.
            if nextByte == UInt8(ascii: ":") { return "tok-key" }
            if nextByte == UInt8(ascii: "="), previous?.kind == .name || previous.map({ bytes[$0.range.lowerBound] }) == UInt8(ascii: ">") {
                return "tok-key"
            }
            if keywords.contains(name) { return "tok-keyword" }
            if nextByte == UInt8(ascii: "(") || nextByte == UInt8(ascii: "=") { return "tok-key" }
            if let previous, previous.kind == .punctuation, bytes[previous.range.lowerBound] == UInt8(ascii: "@") {
                return "tok-keyword"
            }
            return name.first?.isUppercase == true ? "tok-type" : nil
        }
    }
}

/// The HTML being built from a source's bytes.
struct HighlightOutput {
    let source: [UInt8]
    private var output: [UInt8] = []
    /// Plain source not yet escaped into the output: adjacent plain runs (a line's indentation
    /// comes a byte at a time) are escaped in one go.
    private var pending: Range<Int>?

    init(source: [UInt8]) {
        self.source = source
        output.reserveCapacity(source.count * 2)
    }

    /// The HTML so far.
    var bytes: [UInt8] {
        mutating get {
            flush()
            return output
        }
    }

    /// Escaped source bytes without markup.
    mutating func plain(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if let run = pending, run.upperBound == range.lowerBound {
            pending = run.lowerBound..<range.upperBound
        } else {
            flush()
            pending = range
        }
    }

    /// Escaped source bytes in a span of `className`, or plain when it is nil.
    mutating func token(_ range: Range<Int>, class className: String?) {
        guard let className, !range.isEmpty else { return plain(range) }
        flush()
        // Through buffer pointers: appending a string's `utf8` view takes a slow generic path.
        var name = className
        ("<span class=\"" as StaticString).withUTF8Buffer { output.append(contentsOf: $0) }
        name.withUTF8 { output.append(contentsOf: $0) }
        ("\">" as StaticString).withUTF8Buffer { output.append(contentsOf: $0) }
        HTML.appendEscaped(source[range], to: &output)
        ("</span>" as StaticString).withUTF8Buffer { output.append(contentsOf: $0) }
    }

    private mutating func flush() {
        guard let run = pending else { return }
        HTML.appendEscaped(source[run], to: &output)
        pending = nil
    }
}
