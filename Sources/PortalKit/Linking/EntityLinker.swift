import PortalYAML

/// Resolves every reference field and records both directions of each well-known relation,
/// as Backstage's BuiltinKindsEntityProcessor does. Missing targets keep their forward
/// relation (dangling) and get a warning with a suggestion when one is close.
public struct EntityLinker: Sendable {
    public init() {}

    public func link(_ catalog: LoadedCatalog, into diagnostics: inout Diagnostics) -> CatalogGraph {
        let order = catalog.entities.indices.sorted { catalog.entities[$0].ref < catalog.entities[$1].ref }
        let entities = order.map { catalog.entities[$0] }
        var index: [EntityRef: Int] = [:]
        index.reserveCapacity(entities.count)
        for (position, entity) in entities.enumerated() { index[entity.ref] = position }
        var relations = [Set<Relation>](repeating: [], count: entities.count)
        var dangling: [(field: SpecField, target: EntityRef, location: SourceLocation)] = []

        for (position, entity) in entities.enumerated() {
            guard let schema = KindSchema.known[entity.kind], let spec = entity.spec else { continue }
            for field in schema.fields {
                guard let rule = field.relation, let node = spec[field.name] else { continue }
                let values: [YAMLNode] = field.type == .refArray ? (node.items ?? []) : [node]
                for value in values {
                    guard let text = value.stringValue else { continue }
                    let location = SourceLocation(file: entity.source.file, line: value.mark.line, column: value.mark.column)
                    let target: EntityRef
                    do {
                        target = try EntityRef.parse(text, defaultKind: field.defaultKind, defaultNamespace: entity.namespace)
                    } catch {
                        diagnostics.add(.error, .invalidRef, at: location, "spec.\(field.name) '\(text)': \(error.description)")
                        continue
                    }
                    if !field.allowedKinds.isEmpty, !field.allowedKinds.contains(target.kind) {
                        let allowed = field.allowedKinds.joined(separator: " or ")
                        diagnostics.add(.warning, .unexpectedRefKind, at: location,
                                        "spec.\(field.name) should refer to a \(allowed), but '\(text)' refers to a \(target.kind)")
                    }
                    relations[position].insert(Relation(type: rule.forward, target: target))
                    if let targetPosition = index[target] {
                        relations[targetPosition].insert(Relation(type: rule.inverse, target: entity.ref))
                    } else {
                        dangling.append((field, target, location))
                    }
                }
            }
        }
        if !dangling.isEmpty {
            let nearMiss = NearMiss(index.keys)
            for (field, target, location) in dangling {
                var message = "spec.\(field.name) refers to \(target), which is not in the catalog"
                if let suggestion = nearMiss.suggestion(for: target, kinds: field.allowedKinds) {
                    message += "; did you mean \(suggestion)?"
                }
                diagnostics.add(.warning, .unresolvedRef, at: location, message)
            }
        }
        return CatalogGraph(entities: entities, relations: relations.map { $0.sorted() }, index: index,
                            files: catalog.files, scan: catalog.scan)
    }
}
