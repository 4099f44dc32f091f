import PortalKit

/// `catalog/index.html`: every entity in one sorted table, with filter controls that the
/// theme's script enables (by kind, type, owner, lifecycle, tag, namespace and text).
struct CatalogPage {
    static let path = "catalog/index.html"
    let catalog: SiteCatalog

    func model() -> TemplateValue {
        let root = SitePaths.root(from: Self.path)
        let order = catalog.facts.indices.sorted { a, b in
            let (x, y) = (catalog.facts[a], catalog.facts[b])
            return (x.kind.lowercased(), x.title.lowercased(), x.ref) < (y.kind.lowercased(), y.title.lowercased(), y.ref)
        }
        var kinds: [String: Int] = [:], types: [String: Int] = [:], lifecycles: [String: Int] = [:]
        var tags: [String: Int] = [:], namespaces: [String: Int] = [:], owners: [EntityRef: Int] = [:]
        let rows: [TemplateValue] = order.map { position in
            let facts = catalog.facts[position]
            kinds[facts.kind, default: 0] += 1
            namespaces[facts.namespace, default: 0] += 1
            if let type = facts.type { types[type, default: 0] += 1 }
            if let lifecycle = facts.lifecycle { lifecycles[lifecycle, default: 0] += 1 }
            if let owner = facts.owner { owners[owner, default: 0] += 1 }
            for tag in facts.tags { tags[tag, default: 0] += 1 }
            guard case .object(var row) = catalog.row(facts.ref, root: root) else { return .object([:]) }
            row["kindKey"] = .text(facts.kind.lowercased())
            row["namespace"] = .text(facts.namespace)
            row["ownerKey"] = .text(facts.owner?.description ?? "")
            row["tagKeys"] = .text(facts.tags.joined(separator: " "))
            row["name"] = .text(facts.name)
            return .object(row)
        }
        func options(_ counts: [String: Int], labels: [String: String] = [:]) -> TemplateValue {
            .list(counts.keys.sorted { $0.lowercased() < $1.lowercased() }.map {
                ["value": .text($0), "label": .text(labels[$0] ?? $0), "count": .number(counts[$0]!)]
            })
        }
        let ownerOptions: TemplateValue = .list(owners.keys.sorted { catalog.label($0).lowercased() < catalog.label($1).lowercased() }.map {
            ["value": .text($0.description), "label": .text(catalog.label($0)), "count": .number(owners[$0]!)]
        })
        return [
            "rows": .list(rows),
            "count": .number(rows.count),
            "filters": .list([
                filter("kind", "Kind", options(Dictionary(kinds.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +),
                                               labels: Dictionary(kinds.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first }))),
                filter("type", "Type", options(types)),
                filter("owner", "Owner", ownerOptions),
                filter("lifecycle", "Lifecycle", options(lifecycles)),
                filter("tag", "Tag", options(tags)),
                filter("namespace", "Namespace", options(namespaces)),
            ]),
        ]
    }

    private func filter(_ key: String, _ label: String, _ options: TemplateValue) -> TemplateValue {
        ["key": .text(key), "label": .text(label), "options": options]
    }
}
