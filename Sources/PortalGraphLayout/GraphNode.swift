/// One entity in a relation graph: what its box shows and where it links.
public struct GraphNode: Sendable, Hashable {
    /// Unique key that edges refer to, e.g. `component:default/rides-service`.
    public var id: String
    /// Display label, e.g. the entity's name or its `metadata.title`.
    public var title: String
    /// Display kind, e.g. `Component`: shown small above the title and turned into the class `graph-kind-component`.
    public var kind: String
    /// Relative URL of the node's page; nil for a target that is not in the catalog.
    public var href: String?
    /// Whether this is the entity whose page shows the graph.
    public var isFocus: Bool
    /// Whether the entity belongs to another, published portal (an overlay preview): its kind
    /// line says so, it is never drawn as missing, and `href` (if any) is that portal's page.
    public var isPublished: Bool

    public init(id: String, title: String, kind: String, href: String? = nil, isFocus: Bool = false, isPublished: Bool = false) {
        self.id = id
        self.title = title
        self.kind = kind
        self.href = href
        self.isFocus = isFocus
        self.isPublished = isPublished
    }
}
