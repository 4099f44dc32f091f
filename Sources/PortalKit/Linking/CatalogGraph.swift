/// A typed edge from one entity to another, e.g. `ownedBy → group:default/payments`.
public struct Relation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Backstage's relation type (`ownedBy`, `partOf`, `hasMember`, …).
    public var type: String
    public var target: EntityRef

    public init(type: String, target: EntityRef) {
        self.type = type
        self.target = target
    }

    public static func < (lhs: Relation, rhs: Relation) -> Bool {
        (lhs.type, lhs.target) < (rhs.type, rhs.target)
    }

    /// `ownedBy group:default/payments`.
    public var description: String { "\(type) \(target)" }
}

/// The linked catalog: every entity with both directions of every relation.
public struct CatalogGraph: Sendable {
    /// Entities sorted by reference.
    public var entities: [Entity]
    /// Relations per entity (same order as ``entities``), sorted and without repeats.
    public var relations: [[Relation]]
    /// Position of each entity in ``entities``.
    public var index: [EntityRef: Int]
    /// What was read to build it.
    public var files: [LoadedFile]
    public var scan: ScanResult
    /// The published entities references may point at (`--overlay`), less those the local
    /// repositories replace. They are not part of the catalog: no pages, no counts.
    public var overlay = OverlayCatalog()

    public func entity(_ ref: EntityRef) -> Entity? {
        index[ref].map { entities[$0] }
    }

    /// Whether `ref` names an entity of the catalog or of the overlay (not a dangling reference).
    public func resolves(_ ref: EntityRef) -> Bool {
        index[ref] != nil || overlay.index[ref] != nil
    }

    public func relations(of ref: EntityRef) -> [Relation] {
        index[ref].map { relations[$0] } ?? []
    }

    /// Entity counts by kind as written, sorted by kind.
    public var countsByKind: [(kind: String, count: Int)] {
        var counts: [String: Int] = [:]
        for entity in entities { counts[entity.kind, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
