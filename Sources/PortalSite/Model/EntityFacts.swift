public import PortalKit
import PortalYAML

/// What pages show about one entity, read once from its descriptor and relations.
public struct EntityFacts: Sendable {
    public var ref: EntityRef
    /// The page folder, `catalog/<namespace>/<kind>/<name>/`.
    public var folder: String
    public var title: String
    public var name: String
    /// The kind as written (`Component`).
    public var kind: String
    public var namespace: String
    public var type: String?
    public var lifecycle: String?
    public var description: String?
    public var tags: [String]
    public var owner: EntityRef?
    public var system: EntityRef?
    public var domain: EntityRef?
    public var hasDocs: Bool

    init(entity: some EntityDocument, relations: [Relation]) {
        ref = entity.ref
        folder = SitePaths.entityFolder(entity)
        title = entity.displayTitle
        name = entity.name
        kind = entity.kind
        namespace = entity.namespace
        type = entity.specString("type")
        lifecycle = entity.specString("lifecycle")
        description = entity.metadata?["description"]?.scalarText
        tags = (entity.metadata?["tags"]?.items ?? []).compactMap(\.scalarText)
        owner = relations.first { $0.type == "ownedBy" }?.target
        system = relations.first { $0.type == "partOf" && $0.target.kind == "system" }?.target
        domain = relations.first { $0.type == "partOf" && $0.target.kind == "domain" }?.target
        hasDocs = entity.hasDocs
    }
}
