/// A 1-based line and column (in characters) inside a YAML source.
public struct Mark: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// How a scalar was written; quoted and block scalars are always strings.
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One node of a YAML document, with the position where it starts.
///
/// Nodes are plain values: they hold no C pointers and can be passed between threads.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var mark: Mark
    /// The explicit tag, expanded (`tag:yaml.org,2002:str`), or nil for none.
    public var tag: String?

    public init(_ content: Content, mark: Mark, tag: String? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }

    /// A plain string scalar at `mark`.
    public static func string(_ text: String, at mark: Mark) -> YAMLNode {
        YAMLNode(.scalar(text, .doubleQuoted), mark: mark)
    }
}

/// A key and its value inside a mapping, in source order.
public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

extension YAMLNode {
    /// The mapping's pairs, or nil when this node is not a mapping.
    public var pairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The sequence's items, or nil when this node is not a sequence.
    public var items: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The pair whose scalar key equals `key`, if this is a mapping holding it.
    public func pair(_ key: String) -> YAMLPair? {
        guard case .mapping(let pairs) = content, let index = Self.index(of: key, in: pairs) else { return nil }
        return pairs[index]
    }

    /// The value under the scalar key `key`, if this is a mapping holding it.
    public subscript(key: String) -> YAMLNode? {
        // The value alone: copying the whole pair would retain the key as well.
        guard case .mapping(let pairs) = content, let index = Self.index(of: key, in: pairs) else { return nil }
        return pairs[index].value
    }

    /// Where the pair with the scalar key `key` is, looked up by index: `first(where:)` would
    /// copy (retain) every pair it passes.
    private static func index(of key: String, in pairs: [YAMLPair]) -> Int? {
        for index in pairs.indices where pairs[index].key.scalarText == key { return index }
        return nil
    }

    /// The raw text of a scalar node, whatever its resolved type.
    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }
}
