/// A problem found while reading YAML: a syntax error, or a structure the reader refuses.
public struct YAMLProblem: Sendable, Hashable {
    public enum Kind: String, Sendable {
        /// libyaml could not parse the text; the message is libyaml's own.
        case syntax
        /// Aliases would expand past ``YAMLLimits/maxAliasExpansion`` nodes (a "billion laughs" file).
        case aliasExpansion
        /// Collections nested deeper than ``YAMLLimits/maxDepth``.
        case tooDeep
        /// An alias names an anchor that was not defined before it.
        case undefinedAlias
        /// The same key appears twice in one mapping; the later value wins.
        case duplicateKey
    }

    public var kind: Kind
    public var message: String
    public var mark: Mark

    public init(_ kind: Kind, _ message: String, at mark: Mark) {
        self.kind = kind
        self.message = message
        self.mark = mark
    }
}

/// One document of a YAML stream: its root node, or the error that stopped it.
public struct YAMLDocument: Sendable {
    /// The root node; nil when the document is empty or could not be read.
    public var root: YAMLNode?
    /// Where the document starts.
    public var start: Mark
    /// Set when the document could not be read; other documents in the stream are unaffected.
    public var error: YAMLProblem?
    /// Problems that did not stop the document (duplicate keys).
    public var warnings: [YAMLProblem]

    public init(root: YAMLNode?, start: Mark, error: YAMLProblem? = nil, warnings: [YAMLProblem] = []) {
        self.root = root
        self.start = start
        self.error = error
        self.warnings = warnings
    }
}

/// Limits that keep hostile YAML from exhausting time or memory.
public struct YAMLLimits: Sendable {
    /// Nodes that aliases may add to one document by repetition.
    public var maxAliasExpansion: Int
    /// Nesting depth of collections.
    public var maxDepth: Int

    public init(maxAliasExpansion: Int = 100_000, maxDepth: Int = 512) {
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
    }
}
