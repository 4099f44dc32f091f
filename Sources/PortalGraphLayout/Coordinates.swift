/// Positions for the ordered layers: ranks become columns left to right, and within a column
/// nodes are stacked in order at the least-squares compromise between their neighbours' heights.
///
/// Vertical positions come from a few sweeps that set each node's target to the weighted mean
/// height of its neighbours and then solve "as close to the targets as the gaps allow" exactly.
/// Horizontal gaps between columns widen where edges climb steeply.
struct Coordinates: Sendable {
    /// The centre of each node.
    var center: [Point]
    /// The left and right edge of each rank's column.
    var columns: [(left: Double, right: Double)]
    /// The size of the whole drawing, margins included.
    var canvas: Size

    init(_ graph: LayeredGraph, layers: [[Int]], metrics: LayoutMetrics, iterations: Int = 6) {
        let offsets = layers.map { Self.offsets($0, graph: graph, metrics: metrics) }
        var y = [Double](repeating: 0, count: graph.nodeCount)
        for (layer, offsets) in zip(layers, offsets) {
            let middle = (offsets.last ?? 0) / 2
            for (node, offset) in zip(layer, offsets) {
                y[node] = offset - middle
            }
        }
        // One pass left to right pulled only by the column before gives a start near the final
        // shape, so the weak springs of busy boxes need not drag whole columns across the drawing.
        var relaxation = Relaxation()
        let leftSprings = Springs(graph, successors: false)
        for (layer, offsets) in zip(layers, offsets).dropFirst() where !layer.isEmpty {
            relaxation.relax(layer, offsets: offsets, springs: leftSprings, y: &y)
        }
        let springs = Springs(graph, successors: true)
        for sweep in 0..<(2 * iterations) {
            let ranks = sweep.isMultiple(of: 2) ? Array(layers.indices) : layers.indices.reversed()
            for rank in ranks where !layers[rank].isEmpty {
                relaxation.relax(layers[rank], offsets: offsets[rank], springs: springs, y: &y)
            }
        }
        for (layer, offsets) in zip(layers, offsets) {
            Self.levelWithLoneEnds(layer, offsets: offsets, graph: graph, y: &y)
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

    /// Moves each virtual node level with a box next to it that has no other edge on that side,
    /// where the column has room, so an edge runs straight into such a box and bends only at the
    /// busier end.
    private static func levelWithLoneEnds(_ layer: [Int], offsets: [Double], graph: LayeredGraph, y: inout [Double]) {
        for (index, node) in layer.enumerated() where graph.isVirtual(node) {
            let lone = graph.successors[node].first { !graph.isVirtual($0) && graph.predecessors[$0].count == 1 }
                ?? graph.predecessors[node].first { !graph.isVirtual($0) && graph.successors[$0].count == 1 }
            guard let box = lone else { continue }
            let target = y[box]
            let fitsAbove = index == 0 || y[layer[index - 1]] + (offsets[index] - offsets[index - 1]) <= target
            let fitsBelow = index == layer.count - 1 || target + (offsets[index + 1] - offsets[index]) <= y[layer[index + 1]]
            if fitsAbove, fitsBelow {
                y[node] = target
            }
        }
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

/// Every node's neighbours (on the left, and optionally on the right) and how strongly each
/// pulls, in flat arrays.
private struct Springs {
    var start: [Int]
    var neighbour: [Int]
    var strength: [Double]

    init(_ graph: LayeredGraph, successors: Bool) {
        start = [0]
        start.reserveCapacity(graph.nodeCount + 1)
        let springCount = graph.predecessors.reduce(0) { $0 + $1.count } * (successors ? 2 : 1)
        neighbour = []
        neighbour.reserveCapacity(springCount)
        strength = []
        strength.reserveCapacity(springCount)
        for node in 0..<graph.nodeCount {
            // Predecessors, then successors: two loops rather than one over a concatenated copy.
            for other in graph.predecessors[node] {
                neighbour.append(other)
                strength.append(Self.strength(graph, node, other))
            }
            guard successors else {
                start.append(neighbour.count)
                continue
            }
            for other in graph.successors[node] {
                neighbour.append(other)
                strength.append(Self.strength(graph, node, other))
            }
            start.append(neighbour.count)
        }
    }

    /// How strongly two neighbours pull at each other. Chains of virtual nodes pull hardest, so
    /// long edges run straight; a box with k edges on one side pulls each of them with 1/k², so a
    /// label lines up with the box at its other end and a fan spreads out at the busy box.
    private static func strength(_ graph: LayeredGraph, _ node: Int, _ other: Int) -> Double {
        switch (graph.isVirtual(node), graph.isVirtual(other)) {
        case (true, true):
            return 8
        case (false, false):
            return 1
        case (true, false), (false, true):
            let (box, edge) = graph.isVirtual(node) ? (other, node) : (node, other)
            let side = Double(graph.rank[edge] < graph.rank[box] ? graph.predecessors[box].count : graph.successors[box].count)
            return 1 / (side * side)
        }
    }
}

/// One relaxation step, with scratch space kept between layers.
private struct Relaxation {
    private var targets: [Double] = []
    private var weights: [Double] = []
    private var blocks: [(weight: Double, sum: Double, count: Int)] = []

    /// Moves the nodes of one layer as close to their neighbours' weighted mean heights as the
    /// gaps allow: with the gaps taken out this is a weighted least-squares fit of a non-decreasing
    /// sequence, solved exactly in linear time by pooling adjacent violators.
    mutating func relax(_ layer: [Int], offsets: [Double], springs: Springs, y: inout [Double]) {
        targets.removeAll(keepingCapacity: true)
        weights.removeAll(keepingCapacity: true)
        for (node, offset) in zip(layer, offsets) {
            var sum = 0.0, weight = 0.0
            for index in springs.start[node]..<springs.start[node + 1] {
                sum += springs.strength[index] * y[springs.neighbour[index]]
                weight += springs.strength[index]
            }
            // A node without neighbours stays put, yielding to any other.
            targets.append((weight == 0 ? y[node] : sum / weight) - offset)
            weights.append(weight == 0 ? 0.01 : weight)
        }
        blocks.removeAll(keepingCapacity: true)
        for (target, weight) in zip(targets, weights) {
            var block = (weight: weight, sum: weight * target, count: 1)
            while let previous = blocks.last, previous.sum / previous.weight >= block.sum / block.weight {
                blocks.removeLast()
                block = (previous.weight + block.weight, previous.sum + block.sum, previous.count + block.count)
            }
            blocks.append(block)
        }
        var index = 0
        for block in blocks {
            let mean = block.sum / block.weight
            for _ in 0..<block.count {
                y[layer[index]] = mean + offsets[index]
                index += 1
            }
        }
    }
}
