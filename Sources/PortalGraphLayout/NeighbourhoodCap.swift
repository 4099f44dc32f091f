/// Keeps a graph within a number of boxes: the focus and the nodes nearest to it (by edge
/// distance, then id), plus one "+N more" node standing for the rest.
struct NeighbourhoodCap {
    /// The most boxes drawn, the "+N more" node included; at least the focus and that node are kept.
    var maxNodes: Int

    func apply(to graph: IndexedGraph) -> IndexedGraph {
        let count = graph.nodes.count
        guard count > max(maxNodes, 1) else { return graph }
        let distance = distances(in: graph)
        let nearest = graph.nodes.indices.sorted {
            (distance[$0], graph.nodes[$0].id) < (distance[$1], graph.nodes[$1].id)
        }
        var newIndex = [Int](repeating: -1, count: count)
        for old in nearest.prefix(max(maxNodes - 1, 1)) {
            newIndex[old] = 0
        }
        var nodes: [GraphNode] = []
        for old in 0..<count where newIndex[old] == 0 {
            newIndex[old] = nodes.count
            nodes.append(graph.nodes[old])
        }
        let edges = graph.edges.compactMap { edge -> IndexedEdge? in
            let from = newIndex[edge.from], to = newIndex[edge.to]
            guard from >= 0, to >= 0 else { return nil }
            return IndexedEdge(from: from, to: to, label: edge.label)
        }
        let hidden = count - nodes.count
        nodes.append(GraphNode(id: "", title: "+\(hidden) more", kind: ""))
        return IndexedGraph(nodes: nodes, edges: edges, summary: nodes.count - 1)
    }

    /// Edge distance (either direction) from the focus nodes, or from the first node when there is
    /// no focus; `Int.max` for nodes that cannot be reached.
    private func distances(in graph: IndexedGraph) -> [Int] {
        let count = graph.nodes.count
        var neighbours = [[Int]](repeating: [], count: count)
        for edge in graph.edges where !edge.isSelfLoop {
            neighbours[edge.from].append(edge.to)
            neighbours[edge.to].append(edge.from)
        }
        var distance = [Int](repeating: .max, count: count)
        var queue = graph.nodes.indices.filter { graph.nodes[$0].isFocus }
        if queue.isEmpty {
            queue = [0]
        }
        for start in queue {
            distance[start] = 0
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in neighbours[node] where distance[next] == .max {
                distance[next] = distance[node] + 1
                queue.append(next)
            }
        }
        return distance
    }
}
