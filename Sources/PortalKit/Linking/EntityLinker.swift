import PortalYAML

/// Resolves every reference field and records both directions of each well-known relation,
/// as Backstage's BuiltinKindsEntityProcessor does. Missing targets keep their forward
/// relation (dangling) and get a warning with a suggestion when one is close.
///
/// With an overlay (a published catalog, see ``OverlayLoader``), its entities are targets too:
/// a reference to one resolves, and what they declare towards local entities gives those
/// entities the other direction.
public struct EntityLinker: Sendable {
    public init() {}

    public func link(_ catalog: LoadedCatalog, overlay: OverlayCatalog = OverlayCatalog(),
                     into diagnostics: inout Diagnostics) -> CatalogGraph {
        let order = catalog.entities.indices.sorted { catalog.entities[$0].ref < catalog.entities[$1].ref }
        let entities = order.map { catalog.entities[$0] }
        var index: [EntityRef: Int] = [:]
        index.reserveCapacity(entities.count)
        for (position, entity) in entities.enumerated() { index[entity.ref] = position }
        var relations = [Set<Relation>](repeating: [], count: entities.count)
        var dangling: [(field: SpecField, target: EntityRef, location: SourceLocation)] = []

        // Each entity's references are parsed on all cores, then recorded in entity order (so the
        // relations and the diagnostics come out as they would on one core).
        let references = parallelMap(entities) { entity in
            var found: [Reference] = []
            KindSchema.forEachReference(kind: entity.kind, spec: entity.spec, namespace: entity.namespace) { field, rule, value, text, parsed in
                found.append(Reference(field: field, rule: rule, text: text, parsed: parsed,
                                       location: SourceLocation(file: entity.source.file, line: value.mark.line, column: value.mark.column)))
            }
            return found
        }
        for (position, entity) in entities.enumerated() {
            for reference in references[position] {
                let field = reference.field, location = reference.location
                let target: EntityRef
                switch reference.parsed {
                case .success(let ref): target = ref
                case .failure(let error):
                    diagnostics.add(.error, .invalidRef, at: location, "spec.\(field.name) '\(reference.text)': \(error.description)")
                    continue
                }
                if !field.allowedKinds.isEmpty, !field.allowedKinds.contains(target.kind) {
                    let allowed = field.allowedKinds.joined(separator: " or ")
                    diagnostics.add(.warning, .unexpectedRefKind, at: location,
                                    "spec.\(field.name) should refer to a \(allowed), but '\(reference.text)' refers to a \(target.kind)")
                }
                relations[position].insert(Relation(type: reference.rule.forward, target: target))
                if let targetPosition = index[target] {
                    relations[targetPosition].insert(Relation(type: reference.rule.inverse, target: entity.ref))
                } else if overlay.index[target] == nil {
                    dangling.append((field, target, location))
                }
            }
        }
        for published in overlay.entities {
            for (relation, position) in Self.reverseRelations(of: published, towards: index, entities: entities) {
                relations[position].insert(relation)
            }
        }
        if !dangling.isEmpty {
            let nearMiss = NearMiss(Array(index.keys) + overlay.index.keys)
            for (field, target, location) in dangling {
                var message = "spec.\(field.name) refers to \(target), which is not in the catalog"
                if let suggestion = nearMiss.suggestion(for: target, kinds: field.allowedKinds) {
                    message += "; did you mean \(suggestion)?"
                }
                diagnostics.add(.warning, .unresolvedRef, at: location, message)
            }
        }
        return CatalogGraph(entities: entities, relations: parallelMap(relations) { $0.sorted() }, index: index,
                            files: catalog.files, scan: catalog.scan, overlay: overlay)
    }

    /// One reference of an entity's spec, parsed.
    private struct Reference {
        var field: SpecField
        var rule: RelationRule
        var text: String
        var parsed: Result<EntityRef, EntityRef.ParseError>
        var location: SourceLocation
    }

    /// The relations a published entity gives local ones (the relation's other direction, with
    /// the local entity's position). What the published entity's own spec declares always
    /// counts; a relation it only lists counts unless the local entity's kind would declare
    /// the other direction itself: then the local descriptor, the changed one, decides (a
    /// published system's `hasPart` towards a component that moved to another system is stale).
    static func reverseRelations(of published: OverlayEntity, towards index: [EntityRef: Int],
                                 entities: [Entity]) -> [(Relation, Int)] {
        var found: [(Relation, Int)] = []
        let declared = Set(published.declared)
        for relation in published.declared + published.relations {
            guard let position = index[relation.target], let inverse = KindSchema.inverseRelations[relation.type] else { continue }
            if !declared.contains(relation), KindSchema.declares(inverse, kind: entities[position].kind) { continue }
            found.append((Relation(type: inverse, target: published.ref), position))
        }
        return found
    }
}
