public import PortalYAML

/// One entity of a published catalog (`--overlay`): what references to it need to resolve,
/// link and be checked, and where it was read in the overlay file.
public struct OverlayEntity: EntityDocument {
    public var ref: EntityRef
    public var kind: String
    public var name: String
    public var namespace: String
    /// The item as read from the overlay file.
    public var document: YAMLNode
    /// The item's position in the overlay file.
    public var location: SourceLocation
    /// The relations the item lists (`relations: [{type, targetRef}]`), sorted, without repeats.
    public var relations: [Relation]
    /// The relations its own spec declares (`spec.owner` → `ownedBy`, …), as the linker reads a
    /// local descriptor's, sorted, without repeats.
    public var declared: [Relation]

    /// `backstage.io/managed-by-location` and `managed-by-origin-location`, where set: where
    /// the published portal read the entity.
    public var managedByLocations: [String] {
        ["backstage.io/managed-by-location", "backstage.io/managed-by-origin-location"].compactMap { annotation($0) }
    }
}

/// The entities of one or more published catalogs, by reference. Not part of the catalog being
/// built: references may point at them, but they get no pages and are never counted.
public struct OverlayCatalog: Sendable {
    /// Entities sorted by reference, each reference once.
    public private(set) var entities: [OverlayEntity] = []
    /// Position of each entity in ``entities``.
    public private(set) var index: [EntityRef: Int] = [:]

    public init() {}

    /// The catalog of `entities`; of several with the same reference, the first is kept.
    public init(_ entities: [OverlayEntity]) {
        var seen: Set<EntityRef> = []
        self.entities = entities.filter { seen.insert($0.ref).inserted }.sorted { $0.ref < $1.ref }
        for (position, entity) in self.entities.enumerated() { index[entity.ref] = position }
    }

    public var isEmpty: Bool { entities.isEmpty }

    public func entity(_ ref: EntityRef) -> OverlayEntity? {
        index[ref].map { entities[$0] }
    }
}
