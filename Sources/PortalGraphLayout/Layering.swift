/// Ranks (columns) for a left-to-right layered drawing.
///
/// Cycles are broken by reversing the back edges of a depth-first search that starts at the
/// sources, then at the remaining nodes in id order. Ranks are longest paths from the sources;
/// each source is then pulled right next to its nearest successor so it does not sit far left
/// at the end of one long edge.
struct Layering: Sendable {
    /// The rank of each node; the smallest is 0.
    var ranks: [Int]
    /// For each edge, whether it is drawn against its direction to break a cycle.
    var reversed: [Bool]

    /// - Parameters:
    ///   - edges: edges between distinct nodes, at most one per pair of nodes.
    ///   - tieKeys: a distinct number per node in id order, for deterministic choices.
    init(nodeCount: Int, edges: [IndexedEdge], tieKeys: [Int]) {
        var outgoing = [[Int]](repeating: [], count: nodeCount)
        var hasIncoming = [Bool](repeating: false, count: nodeCount)
        for (index, edge) in edges.enumerated() {
            outgoing[edge.from].append(index)
            hasIncoming[edge.to] = true
        }
        for node in 0..<nodeCount where outgoing[node].count > 1 {
            outgoing[node].sort { tieKeys[edges[$0].to] < tieKeys[edges[$1].to] }
        }
        let roots = (0..<nodeCount).sorted {
            (hasIncoming[$0] ? 1 : 0, tieKeys[$0]) < (hasIncoming[$1] ? 1 : 0, tieKeys[$1])
        }
        reversed = Self.backEdges(edges: edges, outgoing: outgoing, roots: roots)
        ranks = Self.longestPathRanks(nodeCount: nodeCount, edges: edges, reversed: reversed, roots: roots)
    }

    /// Marks the edges that point back at a node still on the depth-first search stack.
    private static func backEdges(edges: [IndexedEdge], outgoing: [[Int]], roots: [Int]) -> [Bool] {
        enum State { case new, open, done }
        var state = [State](repeating: .new, count: outgoing.count)
        var reversed = [Bool](repeating: false, count: edges.count)
        var stack: [(node: Int, next: Int)] = []
        for root in roots where state[root] == .new {
            state[root] = .open
            stack.append((root, 0))
            while let (node, next) = stack.last {
                guard next < outgoing[node].count else {
                    state[node] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = outgoing[node][next]
                let target = edges[edge].to
                switch state[target] {
                case .new:
                    state[target] = .open
                    stack.append((target, 0))
                case .open:
                    reversed[edge] = true
                case .done:
                    break
                }
            }
        }
        return reversed
    }

    /// Longest-path ranks of the acyclic graph, with sources pulled towards their successors.
    private static func longestPathRanks(nodeCount: Int, edges: [IndexedEdge], reversed: [Bool], roots: [Int]) -> [Int] {
        var successors = [[Int]](repeating: [], count: nodeCount)
        var incoming = [Int](repeating: 0, count: nodeCount)
        for (index, edge) in edges.enumerated() {
            let (from, to) = reversed[index] ? (edge.to, edge.from) : (edge.from, edge.to)
            successors[from].append(to)
            incoming[to] += 1
        }
        let isSource = incoming.map { $0 == 0 }
        var order = roots.filter { incoming[$0] == 0 }
        order.reserveCapacity(nodeCount)
        var rank = [Int](repeating: 0, count: nodeCount)
        var head = 0
        while head < order.count {
            let node = order[head]
            head += 1
            for next in successors[node] {
                rank[next] = max(rank[next], rank[node] + 1)
                incoming[next] -= 1
                if incoming[next] == 0 {
                    order.append(next)
                }
            }
        }
        for node in order.reversed() where isSource[node] {
            if let nearest = successors[node].lazy.map({ rank[$0] }).min() {
                rank[node] = nearest - 1
            }
        }
        let lowest = rank.min() ?? 0
        return rank.map { $0 - lowest }
    }
}
