/// An entity's relation neighbourhood: the nodes to draw and the relations between them.
///
/// Any input is accepted: later nodes with an id already seen are ignored, as are edges to unknown ids.
public struct RelationGraph: Sendable {
    public var nodes: [GraphNode]
    public var edges: [GraphEdge]

    public init(nodes: [GraphNode], edges: [GraphEdge]) {
        self.nodes = nodes
        self.edges = edges
    }
}
