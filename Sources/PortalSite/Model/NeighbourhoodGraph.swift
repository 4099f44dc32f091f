import PortalGraphLayout
import PortalKit

/// An entity's relation neighbourhood as a static SVG (PortalGraphLayout) plus a text
/// alternative. Pairs of inverse relations are drawn once, in the direction Backstage's
/// relation graph uses (`ownerOf`: owner → entity, `hasPart`: system → component, …).
struct NeighbourhoodGraph {
    let catalog: SiteCatalog
    /// 1: the entity's own relations; 2: also the relations among its neighbours' neighbours.
    var depth: Int = 1
    var renderer = RelationGraphRenderer(maxNodes: 40)

    /// A node of the neighbourhood: an entity of the catalog, or a reference that is not in it
    /// (an overlay entity or a dangling reference).
    private enum Node: Hashable {
        case entity(Int)
        case dangling(EntityRef)
    }

    /// An edge as drawn, to skip the second of a pair of inverse relations.
    private struct DrawnEdge: Hashable {
        var from: Node
        var to: Node
        var type: String
    }

    /// The graph around the entity at `position`, as seen from its page (`root` leads to the site root).
    func graph(around position: Int, root: String) -> RelationGraph {
        let focus = Node.entity(position)
        var nodes: [Node] = [focus]
        var known: Set<Node> = [focus]
        var edges: [GraphEdge] = []
        var seenEdges: Set<DrawnEdge> = []
        var frontier = [position]
        for level in 1...max(1, min(depth, 2)) {
            var next: [Node] = []
            for source in frontier {
                for (relation, targetPosition) in zip(catalog.graph.relations[source], catalog.targetPositions[source]) {
                    let target = targetPosition.map(Node.entity) ?? .dangling(relation.target)
                    if level > 1 && !known.contains(target) && next.count + nodes.count >= renderer.maxNodes * 2 { continue }
                    let drawn = RelationTitles.drawn[relation.type] ?? (relation.type, false)
                    let (from, to) = drawn.flipped ? (target, Node.entity(source)) : (Node.entity(source), target)
                    if seenEdges.insert(DrawnEdge(from: from, to: to, type: drawn.type)).inserted {
                        edges.append(GraphEdge(from: id(from), to: id(to), label: Self.edgeLabel(drawn.type)))
                    }
                    if known.insert(target).inserted {
                        nodes.append(target)
                        next.append(target)
                    }
                }
            }
            frontier = next.compactMap { node in
                guard case .entity(let position) = node else { return nil }
                return position
            }
        }
        let graphNodes = nodes.map { node -> GraphNode in
            switch node {
            case .entity(let index):
                // Fields one by one: copying a whole EntityFacts retains every string in it.
                return GraphNode(id: catalog.ids[index], title: catalog.facts[index].title, kind: catalog.facts[index].kind,
                                 href: index == position ? nil : root + catalog.facts[index].folder, isFocus: index == position)
            case .dangling(let ref):
                if let published = catalog.graph.overlay.entity(ref) {
                    return GraphNode(id: ref.description, title: published.displayTitle, kind: published.kind,
                                     href: catalog.publishedURL(published), isPublished: true)
                }
                return GraphNode(id: ref.description, title: catalog.label(ref), kind: ref.kind.capitalisedKind)
            }
        }
        return RelationGraph(nodes: graphNodes, edges: edges)
    }

    private func id(_ node: Node) -> String {
        switch node {
        case .entity(let position): catalog.ids[position]
        case .dangling(let ref): ref.description
        }
    }

    /// "owner of", "consumes API", "API provided by".
    static func edgeLabel(_ type: String) -> String {
        knownEdgeLabels[type] ?? makeEdgeLabel(type)
    }

    private static let knownEdgeLabels = Dictionary(uniqueKeysWithValues: RelationTitles.ordered.map { ($0.type, makeEdgeLabel($0.type)) })

    private static func makeEdgeLabel(_ type: String) -> String {
        let title = RelationTitles.title(type)
        return title.hasPrefix("API") ? title : title.prefix(1).lowercased() + title.dropFirst()
    }

    /// The SVG and a `<details>` text alternative as UTF-8 HTML, or nil for an entity without relations.
    func html(around position: Int, root: String) -> [UInt8]? {
        let graph = graph(around: position, root: root)
        guard !graph.edges.isEmpty else { return nil }
        let title = "Relations of \(catalog.facts[position].title)"
        guard let figure = renderer.render(graph, title: title, idPrefix: "relations") else { return nil }
        var html: [UInt8] = []
        html.reserveCapacity(figure.svg.count + 4096)
        html += "<figure class=\"graph-figure\">".utf8
        html += figure.svg
        html += "<figcaption><details class=\"graph-text\"><summary>Relations as text</summary><ul>".utf8
        for line in figure.textAlternative {
            html += "<li>".utf8
            HTMLEscaping.append(line, to: &html)
            html += "</li>".utf8
        }
        html += "</ul></details></figcaption></figure>".utf8
        return html
    }
}

extension String {
    /// `component` → `Component`, `api` → `API`, for kinds of references not in the catalog.
    var capitalisedKind: String {
        let known = ["api": "API", "airesource": "AiResource"]
        return known[self] ?? (prefix(1).uppercased() + dropFirst())
    }
}
