import PortalYAML

extension YAMLNode {
    /// A short phrase naming this node's type for messages: "a string", "a list", …
    var typeDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "an object"
        case .scalar:
            switch scalarValue {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int, .double: return "a number"
            case .string, nil: return "a string"
            }
        }
    }

    var isNull: Bool {
        if case .null = scalarValue { return true }
        return false
    }

    /// Whether this is an unresolved `$text`/`$json`/`$yaml` placeholder object.
    var isPlaceholder: Bool {
        guard let pairs, pairs.count == 1, let key = pairs[0].key.scalarText else { return false }
        return Placeholder.Resolver(rawValue: key) != nil && pairs[0].value.stringValue != nil
    }
}
