/// A relation graph laid out left to right: boxes, edge routes and label boxes, ready to write.
///
/// Runs the layered-drawing stages in order: layering, virtual nodes, ordering, coordinates, routing.
struct GraphLayout: Sendable {
    struct Node: Sendable {
        var source: GraphNode
        var isSummary: Bool
        var title: FittedText
        var kind: FittedText
        var center: Point
        var size: Size
    }

    struct Label: Sendable {
        var text: FittedText
        /// The whole label, for a tooltip when `text` is shortened.
        var fullText: String
        var center: Point
        var size: Size
    }

    struct Edge: Sendable {
        var path: EdgePath
        var label: Label?
    }

    var nodes: [Node]
    /// The drawn edges, in the order of `IndexedGraph.edges` less the self-loops.
    var edges: [Edge]
    /// For each drawn edge, whether it points right to left to break a cycle.
    var reversed: [Bool]
    /// Edge crossings left by the ordering.
    var crossings: Int
    var canvas: Size

    /// Lays out `graph`; self-loops are not drawn.
    init(_ graph: IndexedGraph, metrics: LayoutMetrics = .standard) {
        let count = graph.nodes.count
        let tieKeys = Self.tieKeys(graph)
        let drawn = graph.edges.filter { !$0.isSelfLoop }
        let layering = Layering(nodeCount: count, edges: drawn, tieKeys: tieKeys)
        var ranks = layering.ranks.map { 2 * $0 }
        if let summary = graph.summary {
            ranks[summary] = graph.nodes.indices.first { graph.nodes[$0].isFocus }.map { ranks[$0] } ?? 0
        }
        nodes = graph.nodes.indices.map { Self.node(graph, $0, metrics: metrics) }
        let labels = drawn.map { edge -> FittedText? in
            edge.label.isEmpty ? nil : TextMetrics.fit(edge.label, fontSize: metrics.labelFontSize, maxWidth: metrics.maxLabelWidth)
        }
        let layered = LayeredGraph(
            ranks: ranks,
            sizes: nodes.map(\.size),
            tieKeys: tieKeys,
            edges: zip(drawn, zip(layering.reversed, labels)).map { edge, extra in
                let (reversed, label) = extra
                return LayeredGraph.Edge(
                    from: reversed ? edge.to : edge.from,
                    to: reversed ? edge.from : edge.to,
                    label: label.map { Size(width: $0.width + 2 * metrics.labelPadding, height: metrics.labelHeight) }
                )
            }
        )
        let ordering = Ordering(layered)
        crossings = ordering.crossings
        reversed = layering.reversed
        let coordinates = Coordinates(layered, layers: ordering.layers, metrics: metrics)
        for index in nodes.indices {
            nodes[index].center = coordinates.center[index]
        }
        let ports = Self.ports(layered, coordinates: coordinates, metrics: metrics)
        edges = drawn.indices.map { index in
            let chain = layered.chains[index]
            var path = EdgePath(start: ports.right[index])
            var label: Label?
            for node in chain.dropFirst().dropLast() {
                let column = coordinates.columns[layered.rank[node]]
                let y = coordinates.center[node].y
                path.add(.curve, to: Point(x: column.left, y: y))
                if node == layered.labelNode[index], let text = labels[index] {
                    let box = Label(text: text, fullText: drawn[index].label, center: coordinates.center[node], size: layered.size[node])
                    path.add(.line, to: Point(x: box.center.x - box.size.width / 2, y: y))
                    path.add(.gap, to: Point(x: box.center.x + box.size.width / 2, y: y))
                    label = box
                }
                path.add(.line, to: Point(x: column.right, y: y))
            }
            path.add(.curve, to: ports.left[index])
            return Edge(path: layering.reversed[index] ? path.reversed() : path, label: label)
        }
        canvas = coordinates.canvas
    }

    /// Distinct numbers in id order; the "+N more" node sorts last.
    private static func tieKeys(_ graph: IndexedGraph) -> [Int] {
        var keys = [Int](repeating: .max, count: graph.nodes.count)
        let byID = graph.nodes.indices.filter { $0 != graph.summary }.sorted { graph.nodes[$0].id < graph.nodes[$1].id }
        for (key, node) in byID.enumerated() {
            keys[node] = key
        }
        return keys
    }

    /// A box sized to its text: the kind small above the title, or the title alone.
    private static func node(_ graph: IndexedGraph, _ index: Int, metrics: LayoutMetrics) -> Node {
        let source = graph.nodes[index]
        let title = TextMetrics.fit(source.title, fontSize: metrics.titleFontSize, maxWidth: metrics.maxTitleWidth)
        let kind = TextMetrics.fit(source.isPublished ? source.kind + " · published" : source.kind,
                                   fontSize: metrics.kindFontSize, maxWidth: metrics.maxTitleWidth)
        let width = max(title.width, kind.width) + 2 * metrics.nodePadding
        return Node(
            source: source,
            isSummary: index == graph.summary,
            title: title,
            kind: kind,
            center: Point(x: 0, y: 0),
            size: Size(width: max(width.rounded(.up), metrics.minNodeWidth), height: metrics.nodeHeight)
        )
    }

    /// Where each edge leaves its left end (on that box's right side) and enters its right end:
    /// the edges on one side of a box spread out in the order of where they go, so they do not cross there.
    private static func ports(_ graph: LayeredGraph, coordinates: Coordinates, metrics: LayoutMetrics) -> (right: [Point], left: [Point]) {
        var right = [Point](repeating: Point(x: 0, y: 0), count: graph.chains.count)
        var left = right
        var sides = [[(edge: Int, toward: Int)]](repeating: [], count: 2 * graph.realCount)
        for (edge, chain) in graph.chains.enumerated() {
            sides[2 * chain[0] + 1].append((edge, chain[1]))
            sides[2 * chain[chain.count - 1]].append((edge, chain[chain.count - 2]))
        }
        for (side, attached) in sides.enumerated() where !attached.isEmpty {
            let node = side / 2, isRight = side % 2 == 1
            let center = coordinates.center[node], size = graph.size[node]
            let sorted = attached.map { (y: coordinates.center[$0.toward].y, tieKey: graph.tieKey[$0.toward], edge: $0.edge) }.sorted {
                ($0.y, $0.tieKey) < ($1.y, $1.tieKey)
            }
            let room = size.height - 2 * metrics.edgeGap
            let step = sorted.count > 1 ? min(metrics.portSpacing, room / Double(sorted.count - 1)) : 0
            for (slot, attachment) in sorted.enumerated() {
                let point = Point(
                    x: center.x + (isRight ? size.width : -size.width) / 2,
                    y: center.y + (Double(slot) - Double(sorted.count - 1) / 2) * step
                )
                if isRight {
                    right[attachment.edge] = point
                } else {
                    left[attachment.edge] = point
                }
            }
        }
        return (right, left)
    }
}
