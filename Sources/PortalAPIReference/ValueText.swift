import PortalYAML

/// Short one-line text for values shown in a reference (defaults, enum values, examples).
enum ValueText {
    /// Scalars as written; collections in flow style (`[a, b]`, `{k: v}`), cut at `limit` characters.
    static func compact(_ node: YAMLNode, limit: Int = 120) -> String {
        var text = ""
        append(node, to: &text, limit: limit, depth: 0)
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return text
    }

    private static func append(_ node: YAMLNode, to text: inout String, limit: Int, depth: Int) {
        guard text.utf8.count <= limit, depth < 8 else {
            text += "…"
            return
        }
        switch node.content {
        case .scalar(let value, let style):
            text += style == .plain && node.scalarValue == .null ? "null" : value
        case .sequence(let items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += ", " }
                append(item, to: &text, limit: limit, depth: depth + 1)
                if text.utf8.count > limit { break }
            }
            text += "]"
        case .mapping(let pairs):
            text += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { text += ", " }
                text += (pair.key.scalarText ?? "?") + ": "
                append(pair.value, to: &text, limit: limit, depth: depth + 1)
                if text.utf8.count > limit { break }
            }
            text += "}"
        }
    }
}
