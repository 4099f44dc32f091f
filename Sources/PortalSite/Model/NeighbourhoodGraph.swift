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

    /// The graph around the entity at `position`, as seen from its page (`root` leads to the site root).
    func graph(around position: Int, root: String) -> RelationGraph {
        let focus = catalog.graph.entities[position].ref
        var nodes: [EntityRef] = [focus]
        var known: Set<EntityRef> = [focus]
        var edges: [GraphEdge] = []
        var seenEdges: Set<GraphEdge> = []
        var frontier = [focus]
        for level in 1...max(1, min(depth, 2)) {
            var next: [EntityRef] = []
            for source in frontier {
                for relation in catalog.graph.relations(of: source) {
                    let target = relation.target
                    if level > 1 && !known.contains(target) && next.count + nodes.count >= renderer.maxNodes * 2 { continue }
                    let drawn = RelationTitles.drawn[relation.type] ?? (relation.type, false)
                    let (from, to) = drawn.flipped ? (target, source) : (source, target)
                    let edge = GraphEdge(from: from.description, to: to.description, label: Self.edgeLabel(drawn.type))
                    if seenEdges.insert(edge).inserted { edges.append(edge) }
                    if known.insert(target).inserted {
                        nodes.append(target)
                        next.append(target)
                    }
                }
            }
            frontier = next.filter { catalog.graph.index[$0] != nil }
        }
        let graphNodes = nodes.map { ref -> GraphNode in
            let facts = catalog.facts(ref)
            return GraphNode(id: ref.description, title: catalog.label(ref), kind: facts?.kind ?? ref.kind.capitalisedKind,
                             href: ref == focus ? nil : facts.map { root + $0.folder }, isFocus: ref == focus)
        }
        return RelationGraph(nodes: graphNodes, edges: edges)
    }

    /// "owner of", "consumes API", "API provided by".
    static func edgeLabel(_ type: String) -> String {
        let title = RelationTitles.title(type)
        return title.hasPrefix("API") ? title : title.prefix(1).lowercased() + title.dropFirst()
    }

    /// The SVG and a `<details>` text alternative, or nil for an entity without relations.
    func html(around position: Int, root: String) -> String? {
        let graph = graph(around: position, root: root)
        guard !graph.edges.isEmpty else { return nil }
        let title = "Relations of \(catalog.facts[position].title)"
        guard let svg = renderer.svg(graph, title: title, idPrefix: "relations") else { return nil }
        var html = "<figure class=\"graph-figure\">" + svg
        html += "<figcaption><details class=\"graph-text\"><summary>Relations as text</summary><ul>"
        for line in renderer.textAlternative(graph) { html += "<li>" + XMLText.escape(line) + "</li>" }
        html += "</ul></details></figcaption></figure>"
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
