/// The graph cut into one-rank segments: every edge longer than one rank becomes a chain through
/// virtual nodes, one per rank it crosses, and its label rides on one of them.
///
/// Nodes `0..<realCount` are the real ones, in the caller's order; virtual nodes follow.
struct LayeredGraph: Sendable {
    /// An edge to lay out, already pointing left to right (from a lower rank to a higher one).
    struct Edge: Sendable {
        var from: Int
        var to: Int
        /// The size of the label box, or nil for an unlabelled edge.
        var label: Size?
    }

    var realCount: Int
    var rankCount: Int
    var rank: [Int]
    var size: [Size]
    /// Distinct numbers for deterministic tie-breaks: ids order the real nodes, creation order the virtual ones.
    var tieKey: [Int]
    var successors: [[Int]]
    var predecessors: [[Int]]
    /// For each edge, the nodes it passes through, from its left end to its right end.
    var chains: [[Int]]
    /// For each edge, the virtual node carrying its label.
    var labelNode: [Int?]

    /// - Parameter ranks: the rank of each real node; every edge must span at least two ranks.
    init(ranks: [Int], sizes: [Size], tieKeys: [Int], edges: [Edge]) {
        realCount = ranks.count
        rankCount = (ranks.max() ?? 0) + 1
        rank = ranks
        size = sizes
        tieKey = tieKeys
        // Room for the virtual nodes, one per rank an edge crosses, so the arrays do not grow piecemeal.
        let nodeCount = ranks.count + edges.reduce(0) { $0 + max(0, ranks[$1.to] - ranks[$1.from] - 1) }
        rank.reserveCapacity(nodeCount)
        size.reserveCapacity(nodeCount)
        tieKey.reserveCapacity(nodeCount)
        successors = [[Int]](repeating: [], count: ranks.count)
        successors.reserveCapacity(nodeCount)
        predecessors = successors
        chains = []
        chains.reserveCapacity(edges.count)
        labelNode = []
        labelNode.reserveCapacity(edges.count)
        var nextTieKey = (tieKeys.filter { $0 < .max }.max() ?? -1) + 1
        for edge in edges {
            let first = rank[edge.from], last = rank[edge.to]
            let labelRank = edge.label.map { _ in Self.labelRank(from: first, to: last) }
            var chain = [edge.from]
            chain.reserveCapacity(last - first + 1)
            var carrier: Int?
            for middle in (first + 1)..<last {
                let node = rank.count
                rank.append(middle)
                tieKey.append(nextTieKey)
                nextTieKey += 1
                if middle == labelRank, let label = edge.label {
                    size.append(label)
                    carrier = node
                } else {
                    size.append(.zero)
                }
                successors.append([])
                predecessors.append([])
                chain.append(node)
            }
            chain.append(edge.to)
            for (left, right) in zip(chain, chain.dropFirst()) {
                successors[left].append(right)
                predecessors[right].append(left)
            }
            chains.append(chain)
            labelNode.append(carrier)
        }
    }

    var nodeCount: Int { rank.count }

    func isVirtual(_ node: Int) -> Bool { node >= realCount }

    /// The gap rank (odd) nearest the middle of an edge: labels sit between the columns of boxes.
    private static func labelRank(from first: Int, to last: Int) -> Int {
        let gaps = (last - first) / 2
        return first + 1 + 2 * ((gaps - 1) / 2)
    }
}
