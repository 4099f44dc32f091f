/// A weighted field of a search document (README "Search": Ranking).
public enum SearchField: Int, Sendable, CaseIterable {
    case name, title, heading, tags, pageTitle, attributes, description, text, context

    /// The BM25F weight.
    var weight: Float {
        switch self {
        case .name: 10
        case .title: 8
        case .heading: 6
        case .tags: 4
        case .pageTitle: 3
        case .attributes: 2
        case .description: 1.5
        case .text: 1
        case .context: 0.5
        }
    }
}

/// One thing search can find: an entity or a section of a docs page.
public struct SearchDocument: Sendable {
    /// What the result is labelled as: the entity's kind, or `Docs`.
    public var label: String
    public var title: String
    /// Relative to the site root: `catalog/default/component/x/`, `docs/…/setup/#install`.
    public var url: String
    /// The entity it belongs to (its position in ``SearchCatalog/entities``), or -1 for a
    /// section of no entity (a plugin's page), which comes after every other section.
    public var entity: Int
    /// A line under the title: the page and entity of a section, the type and owner of an entity.
    public var context: String
    /// The start of the text, shown under the result.
    public var snippet: String
    /// The indexed text, by field (several values per field are allowed).
    public var fields: [(field: SearchField, text: String)]
    /// The whole name of an entity: the term matching it exactly ranks first.
    public var exactName: String?

    public init(label: String, title: String, url: String, entity: Int, context: String, snippet: String,
                fields: [(field: SearchField, text: String)], exactName: String? = nil) {
        self.label = label
        self.title = title
        self.url = url
        self.entity = entity
        self.context = context
        self.snippet = snippet
        self.fields = fields
        self.exactName = exactName
    }
}

/// The facet values of one entity; a section has its entity's.
public struct SearchFacets: Sendable {
    /// `key` is what URLs carry (`component`, `group:default/team-a`), `label` what is shown.
    public struct Value: Sendable, Hashable {
        public var key: String
        public var label: String

        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    public var kind: Value
    public var type: Value?
    public var owner: Value?
    public var lifecycle: Value?
    public var tags: [Value]

    public init(kind: Value, type: Value?, owner: Value?, lifecycle: Value?, tags: [Value]) {
        self.kind = kind
        self.type = type
        self.owner = owner
        self.lifecycle = lifecycle
        self.tags = tags
    }
}

/// Everything the index is built from: one document and facet set per entity (in this order
/// the documents' ids start), then the docs sections, each group in entity order.
public struct SearchCatalog: Sendable {
    public var entities: [SearchDocument]
    public var facets: [SearchFacets]
    /// Sections; their `entity` must not decrease.
    public var sections: [SearchDocument]

    public init(entities: [SearchDocument], facets: [SearchFacets], sections: [SearchDocument]) {
        precondition(entities.count == facets.count)
        self.entities = entities
        self.facets = facets
        self.sections = sections
    }
}

/// A catalog's documents by id: its entities, then its sections (not copied into one array).
struct CatalogDocuments: RandomAccessCollection, Sendable {
    let entities: [SearchDocument]
    let sections: [SearchDocument]

    init(_ catalog: SearchCatalog) {
        entities = catalog.entities
        sections = catalog.sections
    }

    var startIndex: Int { 0 }
    var endIndex: Int { entities.count + sections.count }

    subscript(position: Int) -> SearchDocument {
        position < entities.count ? entities[position] : sections[position - entities.count]
    }

    /// The array holding document `position` and its index there, to read single fields in place
    /// (``subscript(_:)`` copies the whole document, retaining every string of it).
    func place(of position: Int) -> (documents: [SearchDocument], index: Int) {
        position < entities.count ? (entities, position) : (sections, position - entities.count)
    }

    /// The indexed text of one document (without copying the rest of it).
    func fields(of position: Int) -> [(field: SearchField, text: String)] {
        position < entities.count ? entities[position].fields : sections[position - entities.count].fields
    }

    func exactName(of position: Int) -> String? {
        position < entities.count ? entities[position].exactName : sections[position - entities.count].exactName
    }
}
