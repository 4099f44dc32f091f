/// What one entity contributes to a catalog comparison: its identity, the fields whose
/// changes are reported, and its relations as `catalog.json` lists them.
public struct DiffEntity: Sendable, Equatable {
    public var ref: EntityRef
    public var kind: String
    public var title: String?
    public var type: String?
    /// The `ownedBy` relation's target, else `spec.owner` as written.
    public var owner: String?
    public var lifecycle: String?
    /// The `partOf` relation's system target, else `spec.system` as written.
    public var system: String?
    /// `backstage.io/managed-by-location`: the descriptor file the entity came from.
    public var location: String?
    /// Sorted, without repeats.
    public var relations: [Relation]

    public init(ref: EntityRef, kind: String, title: String? = nil, type: String? = nil, owner: String? = nil,
                lifecycle: String? = nil, system: String? = nil, location: String? = nil, relations: [Relation] = []) {
        self.ref = ref
        self.kind = kind
        self.title = title
        self.type = type
        self.owner = owner
        self.lifecycle = lifecycle
        self.system = system
        self.location = location
        self.relations = Array(Set(relations)).sorted()
    }

    /// The entity as `catalog.json` shows it: `document` with `relations` listed beside it.
    init(_ document: some EntityDocument, relations: [Relation], location: String?) {
        let owner = relations.first { $0.type == "ownedBy" }?.target.description ?? document.specString("owner")
        let system = relations.first { $0.type == "partOf" && $0.target.kind == "system" }?.target.description
            ?? document.specString("system")
        self.init(ref: document.ref, kind: document.kind, title: document.metadata?["title"]?.stringValue,
                  type: document.specString("type"), owner: owner, lifecycle: document.specString("lifecycle"),
                  system: system, location: location, relations: relations)
    }

    /// How many relations of `type` the entity has.
    func count(_ type: String) -> Int { relations.reduce(0) { $0 + ($1.type == type ? 1 : 0) } }
}

/// A catalog reduced to what ``CatalogDiff`` compares, from a build or a published `catalog.json`.
public struct DiffCatalog: Sendable {
    /// Sorted by reference, each reference once.
    public private(set) var entities: [DiffEntity]
    private var index: [EntityRef: Int] = [:]
    /// The docs pages, when known (a ROOT, or a `catalog.json` with `docs.json` beside it).
    public var docs: DiffDocs?

    public init(_ entities: [DiffEntity]) {
        var seen: Set<EntityRef> = []
        self.entities = entities.filter { seen.insert($0.ref).inserted }.sorted { $0.ref < $1.ref }
        for (position, entity) in self.entities.enumerated() { index[entity.ref] = position }
    }

    /// The linked graph of a build, as `build` would write it to `catalog.json`.
    public init(_ graph: CatalogGraph) {
        self.init(zip(graph.entities, graph.relations).map { entity, relations in
            DiffEntity(entity, relations: relations, location: "file:" + entity.source.rootRelativePath)
        })
    }

    /// The entities read from a published `catalog.json`.
    public init(_ overlay: OverlayCatalog) {
        self.init(overlay.entities.map { entity in
            DiffEntity(entity, relations: entity.relations, location: entity.annotation("backstage.io/managed-by-location"))
        })
    }

    public func entity(_ ref: EntityRef) -> DiffEntity? { index[ref].map { entities[$0] } }
    public func contains(_ ref: EntityRef) -> Bool { index[ref] != nil }
}

/// The kinds of change ``CatalogDiff`` reports; the raw values are the ids `--fail-on` takes.
public enum CatalogChangeKind: String, Sendable, CaseIterable, Comparable {
    case added, removed, renamed
    case ownerChanged = "owner-changed"
    case lifecycleChanged = "lifecycle-changed"
    case systemChanged = "system-changed"
    case relationAdded = "relation-added"
    case relationRemoved = "relation-removed"
    case dangling
    case removedAPI = "removed-api"
    case orphanedAPI = "orphaned-api"
    case unprovidedAPI = "unprovided-api"
    case docsAdded = "docs-added"
    case docsRemoved = "docs-removed"
    case docsBroken = "docs-broken"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// One line on what the kind means, for help and documentation.
    public var summary: String {
        switch self {
        case .added: "an entity is in the new catalog only"
        case .removed: "an entity is in the old catalog only"
        case .renamed: "a removed and an added entity of the same kind share a descriptor file and spec.type, or a title"
        case .ownerChanged: "the owner (ownedBy / spec.owner) changed"
        case .lifecycleChanged: "spec.lifecycle changed"
        case .systemChanged: "the system (partOf / spec.system) changed"
        case .relationAdded: "an entity that is in both catalogs gained a relation its spec declares"
        case .relationRemoved: "an entity that is in both catalogs lost a relation its spec declared"
        case .dangling: "an entity that is in both catalogs now refers to an entity that was removed"
        case .removedAPI: "an API that had consumers was removed"
        case .orphanedAPI: "an API lost its last consumer"
        case .unprovidedAPI: "an API lost its last provider"
        case .docsAdded: "a docs page is in the new catalog only"
        case .docsRemoved: "a docs page is in the old catalog only"
        case .docsBroken: "a docs page has a broken link, anchor or image it did not have"
        }
    }
}

/// One change between two catalogs.
public struct CatalogChange: Sendable, Equatable, Comparable {
    public var kind: CatalogChangeKind
    /// The entity the change is about (for `renamed`, the old reference; for docs pages, the
    /// entity whose docs they are).
    public var ref: EntityRef
    /// The old value, where the kind has one: a field's value, a relation, the old
    /// reference's counterpart, the removed target, or a docs page.
    public var old: String?
    /// The new value, where the kind has one (for `docs-broken`, the problem).
    public var new: String?

    public init(kind: CatalogChangeKind, ref: EntityRef, old: String? = nil, new: String? = nil) {
        self.kind = kind
        self.ref = ref
        self.old = old
        self.new = new
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.kind, lhs.ref, lhs.old ?? "", lhs.new ?? "") < (rhs.kind, rhs.ref, rhs.old ?? "", rhs.new ?? "")
    }
}

/// Compares two catalogs: what a change to the descriptors does to the catalog. A pure
/// function of its inputs; changes come sorted by kind, then reference.
public struct CatalogDiff: Sendable {
    public init() {}

    /// The changes; docs pages are compared when both catalogs know theirs.
    public func changes(from old: DiffCatalog, to new: DiffCatalog) -> [CatalogChange] {
        var changes: [CatalogChange] = []
        let renames = Self.renames(removed: old.entities.filter { !new.contains($0.ref) }, added: new.entities.filter { !old.contains($0.ref) })
        if let oldDocs = old.docs, let newDocs = new.docs {
            let renamed = Dictionary(renames.map { ($0.old.ref, $0.new.ref) }, uniquingKeysWith: { first, _ in first })
            changes += DiffDocs.changes(from: oldDocs, to: newDocs, renamed: renamed)
        }
        let renamedFrom = Set(renames.map(\.old.ref)), renamedTo = Set(renames.map(\.new.ref))
        changes += renames.map { CatalogChange(kind: .renamed, ref: $0.old.ref, old: $0.old.ref.description, new: $0.new.ref.description) }
        let added = new.entities.filter { !old.contains($0.ref) && !renamedTo.contains($0.ref) }
        let removed = old.entities.filter { !new.contains($0.ref) && !renamedFrom.contains($0.ref) }
        changes += added.map { CatalogChange(kind: .added, ref: $0.ref) }
        changes += removed.map { CatalogChange(kind: .removed, ref: $0.ref) }
        for api in removed where api.ref.kind == "api" {
            let consumers = api.count("apiConsumedBy")
            if consumers > 0 { changes.append(CatalogChange(kind: .removedAPI, ref: api.ref, old: "\(consumers)")) }
        }

        for before in old.entities {
            guard let after = new.entity(before.ref) else { continue }
            if before.owner != after.owner { changes.append(CatalogChange(kind: .ownerChanged, ref: before.ref, old: before.owner, new: after.owner)) }
            if before.lifecycle != after.lifecycle {
                changes.append(CatalogChange(kind: .lifecycleChanged, ref: before.ref, old: before.lifecycle, new: after.lifecycle))
            }
            if before.system != after.system { changes.append(CatalogChange(kind: .systemChanged, ref: before.ref, old: before.system, new: after.system)) }
            let oldRelations = Set(before.relations), newRelations = Set(after.relations)
            // An owner or system change is reported once, not again as its relations.
            let explained = { (relation: Relation) in
                (relation.type == "ownedBy" && before.owner != after.owner)
                    || (relation.type == "partOf" && relation.target.kind == "system" && before.system != after.system)
            }
            for relation in after.relations where !oldRelations.contains(relation) && Self.isDeclared(relation, by: after) && !explained(relation) {
                changes.append(CatalogChange(kind: .relationAdded, ref: before.ref, new: relation.description))
            }
            for relation in before.relations where !newRelations.contains(relation) && Self.isDeclared(relation, by: before) && !explained(relation) {
                changes.append(CatalogChange(kind: .relationRemoved, ref: before.ref, old: relation.description))
            }
            for relation in after.relations where old.contains(relation.target) && !new.contains(relation.target) {
                changes.append(CatalogChange(kind: .dangling, ref: before.ref, old: relation.description))
            }
            if before.ref.kind == "api" {
                if before.count("apiConsumedBy") > 0, after.count("apiConsumedBy") == 0 {
                    changes.append(CatalogChange(kind: .orphanedAPI, ref: before.ref))
                }
                if before.count("apiProvidedBy") > 0, after.count("apiProvidedBy") == 0 {
                    changes.append(CatalogChange(kind: .unprovidedAPI, ref: before.ref))
                }
            }
        }
        return changes.sorted()
    }

    /// Whether `relation` is one the entity's own spec declares (`ownedBy` on a Component), or
    /// of a type without a well-known inverse. The inverse direction (`ownerOf` on the Group)
    /// follows from the declaring side, which is reported instead.
    static func isDeclared(_ relation: Relation, by entity: DiffEntity) -> Bool {
        KindSchema.inverseRelations[relation.type] == nil || KindSchema.declares(relation.type, kind: entity.kind)
    }

    /// Pairs each removed entity (in reference order) with the first unpaired added one of the
    /// same kind from the same descriptor file with the same spec.type, else with the same title.
    static func renames(removed: [DiffEntity], added: [DiffEntity]) -> [(old: DiffEntity, new: DiffEntity)] {
        struct FileKey: Hashable { var kind: String, location: String, type: String? }
        struct TitleKey: Hashable { var kind: String, title: String }
        var byFile: [FileKey: [Int]] = [:], byTitle: [TitleKey: [Int]] = [:]
        for (position, entity) in added.enumerated() {
            if let location = entity.location { byFile[FileKey(kind: entity.ref.kind, location: location, type: entity.type), default: []].append(position) }
            if let title = entity.title { byTitle[TitleKey(kind: entity.ref.kind, title: title), default: []].append(position) }
        }
        var taken: Set<Int> = [], pairs: [(old: DiffEntity, new: DiffEntity)] = []
        for entity in removed {
            let sameFile = entity.location.flatMap { byFile[FileKey(kind: entity.ref.kind, location: $0, type: entity.type)] } ?? []
            let sameTitle = entity.title.flatMap { byTitle[TitleKey(kind: entity.ref.kind, title: $0)] } ?? []
            guard let match = (sameFile + sameTitle).first(where: { !taken.contains($0) }) else { continue }
            taken.insert(match)
            pairs.append((entity, added[match]))
        }
        return pairs
    }
}
