/// Positions for the ordered layers: ranks become columns left to right, and within a column
/// nodes are stacked in order at the least-squares compromise between their neighbours' heights.
///
/// Vertical positions come from a few sweeps that set each node's target to the weighted mean
/// height of its neighbours (edges between virtual nodes weigh more, so long edges run straight)
/// and then solve "as close to the targets as the gaps allow" exactly, by isotonic regression.
struct Coordinates: Sendable {
    /// The centre of each node.
    var center: [Point]
    /// The left and right edge of each rank's column.
    var columns: [(left: Double, right: Double)]
    /// The size of the whole drawing, margins included.
    var canvas: Size

    init(_ graph: LayeredGraph, layers: [[Int]], metrics: LayoutMetrics, iterations: Int = 6) {
        var y = [Double](repeating: 0, count: graph.nodeCount)
        for layer in layers {
            let offsets = Self.offsets(layer, graph: graph, metrics: metrics)
            let middle = (offsets.last ?? 0) / 2
            for (node, offset) in zip(layer, offsets) {
                y[node] = offset - middle
            }
        }
        for sweep in 0..<(2 * iterations) {
            let ranks = sweep.isMultiple(of: 2) ? Array(layers.indices) : layers.indices.reversed()
            for rank in ranks where !layers[rank].isEmpty {
                Self.relax(layers[rank], graph: graph, metrics: metrics, y: &y)
            }
        }
        var top = Double.infinity, bottom = -Double.infinity
        for node in 0..<graph.nodeCount {
            top = min(top, y[node] - graph.size[node].height / 2)
            bottom = max(bottom, y[node] + graph.size[node].height / 2)
        }
        let shift = metrics.margin - top
        var columns: [(left: Double, right: Double)] = []
        columns.reserveCapacity(layers.count)
        var left = metrics.margin
        for (rank, layer) in layers.enumerated() {
            let width = layer.reduce(0) { max($0, graph.size[$1].width) }
            columns.append((left, left + width))
            left += width
            if rank < layers.count - 1 {
                left += Self.rankGap(after: layer, graph: graph, y: y, metrics: metrics)
            }
        }
        center = (0..<graph.nodeCount).map { node in
            let column = columns[graph.rank[node]]
            return Point(x: (column.left + column.right) / 2, y: y[node] + shift)
        }
        self.columns = columns
        canvas = Size(width: left + metrics.margin, height: bottom - top + 2 * metrics.margin)
    }

    /// Moves the nodes of one layer as close to their neighbours' mean heights as the gaps allow.
    private static func relax(_ layer: [Int], graph: LayeredGraph, metrics: LayoutMetrics, y: inout [Double]) {
        var targets: [Double] = []
        var weights: [Double] = []
        targets.reserveCapacity(layer.count)
        weights.reserveCapacity(layer.count)
        for node in layer {
            var sum = 0.0, weight = 0.0
            func pull(towards neighbour: Int) {
                let strength = Self.strength(graph, node, neighbour)
                sum += strength * y[neighbour]
                weight += strength
            }
            graph.predecessors[node].forEach(pull)
            graph.successors[node].forEach(pull)
            if weight == 0 {
                targets.append(y[node])
                weights.append(0.01)
            } else {
                targets.append(sum / weight)
                weights.append(weight)
            }
        }
        let offsets = offsets(layer, graph: graph, metrics: metrics)
        let placed = IsotonicRegression.fit(zip(targets, offsets).map { $0 - $1 }, weights: weights)
        for (index, node) in layer.enumerated() {
            y[node] = placed[index] + offsets[index]
        }
    }

    /// How strongly two neighbours pull at each other. Chains of virtual nodes pull hardest, so
    /// long edges run straight; a box with several edges on one side pulls each of them weakly,
    /// so a label lines up with the box at its other end and a fan spreads out at the busy box.
    private static func strength(_ graph: LayeredGraph, _ node: Int, _ neighbour: Int) -> Double {
        switch (graph.isVirtual(node), graph.isVirtual(neighbour)) {
        case (true, true): return 8
        case (false, false): return 1
        case (true, false): return busySideWeakening(graph, box: neighbour, towards: node)
        case (false, true): return busySideWeakening(graph, box: node, towards: neighbour)
        }
    }

    /// 1/k² for a box with k edges on the side facing `other`.
    private static func busySideWeakening(_ graph: LayeredGraph, box: Int, towards other: Int) -> Double {
        let side = Double(graph.rank[other] < graph.rank[box] ? graph.predecessors[box].count : graph.successors[box].count)
        return 1 / (side * side)
    }

    /// The smallest distance of each node's centre below the first one's, keeping the gaps.
    private static func offsets(_ layer: [Int], graph: LayeredGraph, metrics: LayoutMetrics) -> [Double] {
        var offsets = [0.0]
        offsets.reserveCapacity(layer.count)
        for (above, below) in zip(layer, layer.dropFirst()) {
            let gap = graph.isVirtual(above) || graph.isVirtual(below) ? metrics.edgeGap : metrics.boxGap
            let distance = (graph.size[above].height + graph.size[below].height) / 2 + gap
            offsets.append(offsets[offsets.count - 1] + distance)
        }
        return offsets
    }

    /// Room after a column: enough for the steepest edge leaving it to curve gently.
    private static func rankGap(after layer: [Int], graph: LayeredGraph, y: [Double], metrics: LayoutMetrics) -> Double {
        var steepest = 0.0
        for node in layer {
            for next in graph.successors[node] {
                steepest = max(steepest, abs(y[next] - y[node]))
            }
        }
        return min(max(steepest / 3, metrics.minRankGap), metrics.maxRankGap)
    }
}

/// Weighted least-squares fit of a non-decreasing sequence (pool adjacent violators, linear time).
enum IsotonicRegression {
    static func fit(_ values: [Double], weights: [Double]) -> [Double] {
        var blocks: [(weight: Double, sum: Double, count: Int)] = []
        blocks.reserveCapacity(values.count)
        for (value, weight) in zip(values, weights) {
            blocks.append((weight, weight * value, 1))
            while blocks.count > 1 {
                let last = blocks[blocks.count - 1], previous = blocks[blocks.count - 2]
                guard previous.sum / previous.weight >= last.sum / last.weight else { break }
                blocks.removeLast()
                blocks[blocks.count - 1] = (previous.weight + last.weight, previous.sum + last.sum, previous.count + last.count)
            }
        }
        var fitted: [Double] = []
        fitted.reserveCapacity(values.count)
        for block in blocks {
            fitted.append(contentsOf: repeatElement(block.sum / block.weight, count: block.count))
        }
        return fitted
    }
}
