public import PortalKit

/// The catalog as pages see it: every entity's facts, and how to name and link any reference.
public struct SiteCatalog: Sendable {
    public let graph: CatalogGraph
    /// The published portal's URL (`--overlay-base-url`): references to overlay entities link
    /// to their pages there. Without it they are shown as text.
    public let publishedBaseURL: String?
    /// Facts per entity, in the graph's order.
    public let facts: [EntityFacts]
    /// `kind:namespace/name` of every entity, in the graph's order.
    public let ids: [String]
    /// Where each relation's target sits in the graph (nil for a dangling reference), in the
    /// order of ``CatalogGraph/relations``, so pages follow relations without hashing references.
    public let targetPositions: [[Int?]]
    /// Links and table rows of every entity as seen from an entity page (all entity pages sit
    /// at the same depth), made once: most links of the site are these.
    private let entityPageLinks: [TemplateValue]
    /// The path of each descriptor file by the display path entities name their file with (the
    /// first file of a display path), so docs pages find theirs without a scan of every file.
    let descriptorPaths: [String: String]
    private var entityPageRows: [TemplateValue] = []
    static let entityPageRoot = "../../../../"

    public init(graph: CatalogGraph, publishedBaseURL: String? = nil) {
        self.graph = graph
        self.publishedBaseURL = publishedBaseURL
        var facts = zip(graph.entities, graph.relations).map { EntityFacts(entity: $0, relations: $1) }
        // A component's domain comes through its system.
        for position in facts.indices where facts[position].domain == nil {
            if let system = facts[position].system, let systemPosition = graph.index[system] {
                facts[position].domain = facts[systemPosition].domain
            } else if let system = facts[position].system, let published = graph.overlay.index[system] {
                facts[position].domain = Self.publishedFacts(graph.overlay.entities[published]).domain
            }
        }
        self.facts = facts
        ids = graph.entities.map(\.ref.description)
        targetPositions = graph.relations.map { relations in relations.map { graph.index[$0.target] } }
        entityPageLinks = facts.map { Self.makeLink(facts: $0, root: Self.entityPageRoot) }
        descriptorPaths = Dictionary(graph.files.map { ($0.displayPath, $0.path) }) { first, _ in first }
        entityPageRows = facts.map { makeRow(facts: $0, root: Self.entityPageRoot) }
    }

    public func facts(_ ref: EntityRef) -> EntityFacts? {
        graph.index[ref].map { facts[$0] }
    }

    /// The facts of an entity of the catalog or, failing that, of the overlay.
    func facts(_ ref: EntityRef, at position: Int?) -> EntityFacts? {
        if let position { return facts[position] }
        return graph.overlay.index[ref].map { Self.publishedFacts(graph.overlay.entities[$0]) }
    }

    /// What pages show of a published entity: what its spec declares, then what it lists.
    private static func publishedFacts(_ entity: OverlayEntity) -> EntityFacts {
        EntityFacts(entity: entity, relations: entity.declared + entity.relations)
    }

    /// The title of an entity in the catalog or the overlay, or a short form of a dangling
    /// reference (`group:payments`, with the namespace only when it is not `default`).
    public func label(_ ref: EntityRef) -> String {
        facts(ref)?.title ?? graph.overlay.entity(ref)?.displayTitle ?? Self.danglingLabel(ref)
    }

    /// The absolute URL of a published entity's page, when the published portal's URL is known.
    func publishedURL(_ entity: OverlayEntity) -> String? {
        publishedBaseURL.map { SiteURLs.absolute(base: $0, path: SitePaths.entityFolder(entity)) }
    }

    /// `group:payments`, or `group:ops/payments` outside the default namespace.
    private static func danglingLabel(_ ref: EntityRef) -> String {
        ref.namespace == "default" ? "\(ref.kind):\(ref.name)" : ref.description
    }

    /// A link to a reference from a page whose root prefix is `root`: title, kind and URL; for an
    /// overlay entity a "published" marker and the published page's URL, if known; or a "not in
    /// catalog" marker for a dangling reference.
    public func link(_ ref: EntityRef, root: String) -> TemplateValue {
        link(ref, at: graph.index[ref], root: root)
    }

    /// ``link(_:root:)`` for a reference whose position in the graph (if any) is known.
    func link(_ ref: EntityRef, at position: Int?, root: String) -> TemplateValue {
        if let position {
            return root == Self.entityPageRoot ? entityPageLinks[position] : Self.makeLink(facts: facts[position], root: root)
        }
        if let published = graph.overlay.entity(ref) {
            return ["title": .text(published.displayTitle), "ref": .text(ref.description), "href": .optional(publishedURL(published)) ?? .absent,
                    "missing": false, "published": true, "kind": .text(published.kind)]
        }
        return ["title": .text(Self.danglingLabel(ref)), "ref": .text(ref.description), "href": .absent, "missing": true, "published": false,
                "kind": .text(ref.kind.capitalisedKind)]
    }

    // Links and rows always carry every key the templates read, absent ones as empty text:
    // Mustache looks a missing key up in the enclosing contexts, so a row without a
    // lifecycle would otherwise show the page's own.
    private static func makeLink(facts: EntityFacts, root: String) -> TemplateValue {
        ["title": .text(facts.title), "ref": .text(facts.ref.description), "href": .text(root + facts.folder),
         "missing": false, "published": false, "kind": .text(facts.kind)]
    }

    /// One row for a table of entities.
    public func row(_ ref: EntityRef, root: String) -> TemplateValue {
        row(ref, at: graph.index[ref], root: root)
    }

    /// ``row(_:root:)`` for a reference whose position in the graph (if any) is known.
    func row(_ ref: EntityRef, at position: Int?, root: String) -> TemplateValue {
        guard let position else {
            if let published = graph.overlay.index[ref] {
                return makeRow(facts: Self.publishedFacts(graph.overlay.entities[published]), root: root)
            }
            return ["link": link(ref, at: nil, root: root), "missing": true, "kind": .text(ref.kind.capitalisedKind), "tags": [],
                    "type": .absent, "lifecycle": .absent, "description": .absent, "owner": .absent, "system": .absent]
        }
        return root == Self.entityPageRoot ? entityPageRows[position] : makeRow(facts: facts[position], root: root)
    }

    private func makeRow(facts: EntityFacts, root: String) -> TemplateValue {
        let ref = facts.ref
        var fields: TemplateFields = [
            "link": link(ref, root: root),
            "kind": .text(facts.kind),
            "tags": .list(facts.tags.map { .text($0) }),
        ]
        fields["type"] = .text(facts.type ?? "")
        fields["lifecycle"] = .text(facts.lifecycle ?? "")
        fields["description"] = .text(facts.description ?? "")
        fields["owner"] = facts.owner.map { link($0, root: root) } ?? .absent
        fields["system"] = facts.system.map { link($0, root: root) } ?? .absent
        fields["missing"] = false
        return .object(fields)
    }
}
