/// The order of the nodes within each rank, chosen to reduce edge crossings.
///
/// Starts from id order, then sweeps right and left a few times placing each node at the
/// barycenter (mean position) of its neighbours in the rank just fixed; ties go by id, and nodes
/// without such neighbours keep their slot. The order with the fewest crossings seen wins.
struct Ordering: Sendable {
    /// The nodes of each rank, top to bottom.
    var layers: [[Int]]
    /// The crossings between adjacent ranks in `layers`.
    var crossings: Int

    init(_ graph: LayeredGraph, iterations: Int = 4) {
        var layers = [[Int]](repeating: [], count: graph.rankCount)
        for node in 0..<graph.nodeCount {
            layers[graph.rank[node]].append(node)
        }
        let tieKey = graph.tieKey
        for rank in layers.indices {
            layers[rank].sort { tieKey[$0] < tieKey[$1] }
        }
        var position = [Int](repeating: 0, count: graph.nodeCount)
        Self.updatePositions(&position, layers: layers)
        var best = (layers: layers, crossings: Self.crossings(graph, layers: layers, position: position))
        var sweep = 0
        while sweep < 2 * iterations, best.crossings > 0 {
            let rightwards = sweep.isMultiple(of: 2)
            let ranks = rightwards ? Array(layers.indices.dropFirst()) : Array(layers.indices.dropLast().reversed())
            let fixed = rightwards ? graph.predecessors : graph.successors
            for rank in ranks {
                layers[rank] = Self.barycenterOrder(layers[rank], neighbours: fixed, position: position, tieKey: tieKey)
                for (index, node) in layers[rank].enumerated() {
                    position[node] = index
                }
            }
            let count = Self.crossings(graph, layers: layers, position: position)
            if count < best.crossings {
                best = (layers, count)
            }
            sweep += 1
        }
        self.layers = best.layers
        crossings = best.crossings
    }

    private static func updatePositions(_ position: inout [Int], layers: [[Int]]) {
        for layer in layers {
            for (index, node) in layer.enumerated() {
                position[node] = index
            }
        }
    }

    /// `layer` reordered by the mean position of each node's neighbours; nodes without neighbours stay put.
    private static func barycenterOrder(_ layer: [Int], neighbours: [[Int]], position: [Int], tieKey: [Int]) -> [Int] {
        var movable: [(barycenter: Double, tieKey: Int, node: Int)] = []
        movable.reserveCapacity(layer.count)
        for node in layer where !neighbours[node].isEmpty {
            let sum = neighbours[node].reduce(0) { $0 + position[$1] }
            movable.append((Double(sum) / Double(neighbours[node].count), tieKey[node], node))
        }
        guard !movable.isEmpty else { return layer }
        movable.sort { ($0.barycenter, $0.tieKey) < ($1.barycenter, $1.tieKey) }
        var next = 0
        return layer.map { node in
            guard !neighbours[node].isEmpty else { return node }
            defer { next += 1 }
            return movable[next].node
        }
    }

    /// Crossings between each pair of adjacent ranks: inversions among the edges sorted by their
    /// left ends, counted with a Fenwick tree over the right rank.
    static func crossings(_ graph: LayeredGraph, layers: [[Int]], position: [Int]) -> Int {
        var total = 0
        var ends: [(left: Int, right: Int)] = []
        var tree: [Int] = []
        for rank in layers.indices.dropLast() {
            ends.removeAll(keepingCapacity: true)
            for node in layers[rank] {
                for next in graph.successors[node] {
                    ends.append((position[node], position[next]))
                }
            }
            guard ends.count > 1 else { continue }
            ends.sort { ($0.left, $0.right) < ($1.left, $1.right) }
            let width = layers[rank + 1].count
            tree.removeAll(keepingCapacity: true)
            tree.append(contentsOf: repeatElement(0, count: width + 1))
            for (seen, end) in ends.enumerated() {
                var atMost = 0
                var index = end.right + 1
                while index > 0 {
                    atMost += tree[index]
                    index -= index & -index
                }
                total += seen - atMost
                index = end.right + 1
                while index <= width {
                    tree[index] += 1
                    index += index & -index
                }
            }
        }
        return total
    }
}
