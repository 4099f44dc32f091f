/// A relation graph cleaned up for layout: unique nodes addressed by index, edges to unknown
/// nodes dropped, and the edges between the same two nodes (in either direction) merged into one.
struct IndexedGraph: Sendable {
    var nodes: [GraphNode]
    /// Merged edges in the order their first member appeared; self-loops included.
    var edges: [IndexedEdge]
    /// The index of the "+N more" node the cap added, if any.
    var summary: Int?

    init(nodes: [GraphNode], edges: [IndexedEdge], summary: Int? = nil) {
        self.nodes = nodes
        self.edges = edges
        self.summary = summary
    }

    /// Indexes `graph`: the first node with an id wins; an edge keeps the direction of the first
    /// relation between its two nodes and joins the distinct labels with " / ".
    init(_ graph: RelationGraph) {
        var nodes: [GraphNode] = []
        nodes.reserveCapacity(graph.nodes.count)
        var indexByID: [String: Int] = [:]
        indexByID.reserveCapacity(graph.nodes.count)
        for node in graph.nodes where indexByID[node.id] == nil {
            indexByID[node.id] = nodes.count
            nodes.append(node)
        }
        var edges: [IndexedEdge] = []
        var labels: [[String]] = []
        var slotByPair: [NodePair: Int] = [:]
        for edge in graph.edges {
            guard let from = indexByID[edge.from], let to = indexByID[edge.to] else { continue }
            let pair = NodePair(min(from, to), max(from, to))
            guard let slot = slotByPair[pair] else {
                slotByPair[pair] = edges.count
                edges.append(IndexedEdge(from: from, to: to, label: edge.label))
                labels.append(edge.label.isEmpty ? [] : [edge.label])
                continue
            }
            guard !edge.label.isEmpty, !labels[slot].contains(edge.label) else { continue }
            labels[slot].append(edge.label)
            edges[slot].label = labels[slot].joined(separator: " / ")
        }
        self.init(nodes: nodes, edges: edges)
    }
}

/// One merged relation between two nodes of an `IndexedGraph`.
struct IndexedEdge: Sendable, Hashable {
    var from: Int
    var to: Int
    var label: String

    var isSelfLoop: Bool { from == to }
}

/// An unordered pair of node indices, stored smaller first.
private struct NodePair: Hashable {
    var low: Int
    var high: Int

    init(_ low: Int, _ high: Int) {
        self.low = low
        self.high = high
    }
}
