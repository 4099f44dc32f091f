/// The languages the source view highlights; the raw value is the code block's `language-…` class suffix.
enum SourceLanguage: String {
    case yaml, json, graphql, protobuf, text

    /// The language's name for `CodeHighlighter`; nil for text, which is only escaped.
    var highlighterName: String? {
        self == .text ? nil : rawValue
    }

    /// A guess from the text itself, for types the renderer does not know.
    static func guess(_ text: String) -> SourceLanguage {
        let lines = text.split(separator: "\n", maxSplits: 200, omittingEmptySubsequences: true)
            .map { $0.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" } }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("//") }
        guard let first = lines.first else { return .text }
        if first.hasPrefix("{") || first.hasPrefix("[") { return .json }
        let protobufStarts = ["syntax ", "syntax=", "package ", "service ", "message ", "import \"", "edition "]
        if lines.contains(where: { line in protobufStarts.contains { line.hasPrefix($0) } }) { return .protobuf }
        let graphQLStarts = ["type ", "schema {", "schema{", "input ", "interface ", "union ", "scalar ", "extend ", "directive @"]
        if lines.contains(where: { line in graphQLStarts.contains { line.hasPrefix($0) } }) { return .graphql }
        if first.hasPrefix("---") || Self.looksLikeYAMLKey(first) { return .yaml }
        return .text
    }

    private static func looksLikeYAMLKey(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let key = line[..<colon]
        let after = line[colon...].dropFirst()
        return !key.isEmpty && !key.contains(" ") && (after.isEmpty || after.first == " ")
    }
}
