extension ScaffoldValue {
    /// The value as a YAML document (what `catalog:write` writes): block style, entity envelope
    /// keys first (`apiVersion`, `kind`, `metadata`, `spec`; `name`, `namespace`, `title` …),
    /// other keys sorted, strings quoted whenever YAML would read them as something else.
    public var yamlDocument: String {
        var output = ""
        switch self {
        case .object(let members) where !members.isEmpty: Self.appendMapping(members, indent: 0, into: &output)
        case .list(let items) where !items.isEmpty: Self.appendSequence(items, indent: 0, into: &output)
        default: output = Self.scalar(self) + "\n"
        }
        return output
    }

    private static let keyOrder = ["apiVersion", "kind", "metadata", "spec", "name", "namespace", "title", "description",
                                   "labels", "annotations", "tags", "links", "type", "lifecycle", "owner", "system"]

    private static func orderedKeys(_ members: [String: ScaffoldValue]) -> [String] {
        members.keys.sorted { left, right in
            let a = keyOrder.firstIndex(of: left) ?? keyOrder.count, b = keyOrder.firstIndex(of: right) ?? keyOrder.count
            return a != b ? a < b : left < right
        }
    }

    private static func appendMapping(_ members: [String: ScaffoldValue], indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for key in orderedKeys(members) {
            let value = members[key]!
            if case .undefined = value { continue }
            output += pad + scalar(.string(key)) + ":"
            appendNested(value, indent: indent, into: &output)
        }
    }

    private static func appendSequence(_ items: [ScaffoldValue], indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            output += pad + "-"
            appendNested(item, indent: indent, into: &output)
        }
    }

    private static func appendNested(_ value: ScaffoldValue, indent: Int, into output: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            output += "\n"
            appendMapping(members, indent: indent + 2, into: &output)
        case .list(let items) where !items.isEmpty:
            output += "\n"
            appendSequence(items, indent: indent + 2, into: &output)
        case .string(let text) where text.contains("\n"):
            let pad = String(repeating: " ", count: indent + 2)
            output += " |" + (text.hasSuffix("\n") ? "" : "-") + "\n"
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                output += (line.isEmpty ? "" : pad + line) + "\n"
            }
        default:
            output += " " + scalar(value) + "\n"
        }
    }

    private static func scalar(_ value: ScaffoldValue) -> String {
        switch value {
        case .undefined, .null: return "null"
        case .list: return "[]"
        case .object: return "{}"
        case .bool, .int, .double: return value.text
        case .string(let text):
            let plainSafe = !text.isEmpty && text.first.map { !"-?:,[]{}#&*!|>'\"%@` ".contains($0) } == true
                && !text.hasSuffix(" ") && !text.contains(": ") && !text.contains(" #") && !text.hasSuffix(":")
                && text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
            if plainSafe, case .string = YAMLResolution.resolve(text) { return text }
            return quoted(text)
        }
    }
}

import PortalYAML

/// How YAML would read a plain scalar, to know when a string needs quotes.
enum YAMLResolution {
    static func resolve(_ text: String) -> ScalarValue { YAMLNode.resolvePlain(text) }
}
