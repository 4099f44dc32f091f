/// Draws an entity's relation neighbourhood as a static, accessible SVG for an HTML page, laid
/// out left to right in layers like Backstage's EntityRelationsGraph; no JavaScript.
///
/// The SVG has no colours of its own (only `currentColor`), so a theme styles it with these classes:
///
/// ```
/// svg.graph
///   g.graph-edges > path.graph-edge                      (arrowhead: marker path.graph-arrow)
///   g.graph-edge-labels > g.graph-edge-label > rect, text
///   g.graph-nodes > a.graph-node.graph-kind-<kind>       (linked entity)
///                 | g.graph-node.graph-node-focus        (this page's entity)
///                 | g.graph-node.graph-node-missing      (not in the catalog)
///                 | a.graph-node.graph-node-published    (in the published portal of an overlay preview;
///                                                          a g without a link when its URL is unknown)
///                 | g.graph-node.graph-more              ("+N more")
///     > title?, rect, text.graph-node-kind?, text.graph-node-title
/// ```
///
/// Box widths are estimated from the font sizes set on the text, so a theme should keep those.
public struct RelationGraphRenderer: Sendable {
    /// The most boxes drawn; beyond it the nodes farthest from the focus become one "+N more" box.
    public var maxNodes: Int

    public init(maxNodes: Int = 40) {
        self.maxNodes = maxNodes
    }

    /// An `<svg>` element named by `aria-labelledby` (its `<title>` and
    /// `<desc>`; no `role="img"`, since its nodes are links), or nil for a graph without nodes. `idPrefix` keeps the element ids (title,
    /// description, arrow marker) unique when several graphs share a page.
    public func svg(_ graph: RelationGraph, title: String, idPrefix: String = "graph") -> String? {
        svgBytes(IndexedGraph(graph), title: title, idPrefix: idPrefix).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``svg(_:title:idPrefix:)`` as UTF-8 and ``textAlternative(_:)`` together, indexing the graph
    /// once: what a page that shows both needs. Nil for a graph without nodes.
    public func render(_ graph: RelationGraph, title: String, idPrefix: String = "graph") -> (svg: [UInt8], textAlternative: [String])? {
        let indexed = IndexedGraph(graph)
        guard let svg = svgBytes(indexed, title: title, idPrefix: idPrefix) else { return nil }
        return (svg, textAlternative(indexed))
    }

    private func svgBytes(_ indexed: IndexedGraph, title: String, idPrefix: String) -> [UInt8]? {
        guard !indexed.nodes.isEmpty else { return nil }
        let capped = NeighbourhoodCap(maxNodes: maxNodes).apply(to: indexed)
        let layout = GraphLayout(capped)
        return SVGWriter().write(layout, title: title, description: Self.description(of: indexed, shown: capped), idPrefix: idPrefix)
    }

    /// A plain-text alternative for a `<details>` element or screen readers: one line per relation,
    /// "A — label → B", with parallel relations merged as in the drawing but none left out by the cap.
    public func textAlternative(_ graph: RelationGraph) -> [String] {
        textAlternative(IndexedGraph(graph))
    }

    private func textAlternative(_ indexed: IndexedGraph) -> [String] {
        func name(_ node: GraphNode) -> String { node.isPublished ? node.title + " (published)" : node.title }
        return indexed.edges.map { edge in
            let from = name(indexed.nodes[edge.from]), to = name(indexed.nodes[edge.to])
            return edge.label.isEmpty ? "\(from) → \(to)" : "\(from) — \(edge.label) → \(to)"
        }
    }

    /// "5 entities and 4 relations.", plus how many entities the cap left out.
    private static func description(of graph: IndexedGraph, shown: IndexedGraph) -> String {
        let relations = graph.edges.count
        var text = "\(counted(graph.nodes.count, "entity", "entities")) and \(counted(relations, "relation", "relations"))."
        if shown.summary != nil {
            let hidden = graph.nodes.count - (shown.nodes.count - 1)
            text += " The \(counted(hidden, "entity", "entities")) farthest from it are summarised as “+\(hidden) more”."
        }
        return text
    }

    private static func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }
}
