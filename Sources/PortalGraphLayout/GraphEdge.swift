/// A labelled relation between two nodes, drawn as an arrow from `from` to `to`.
public struct GraphEdge: Sendable, Hashable {
    /// The id of the node the arrow starts at.
    public var from: String
    /// The id of the node the arrow points at.
    public var to: String
    /// The relation, e.g. `ownedBy`; a merged pair such as `ownerOf / ownedBy` is fine.
    public var label: String

    public init(from: String, to: String, label: String) {
        self.from = from
        self.to = to
        self.label = label
    }
}
