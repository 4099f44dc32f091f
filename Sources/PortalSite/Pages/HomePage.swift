import PortalKit

/// `index.html`: what the portal holds, the search box, entry points per kind, the
/// organisation's top groups and, with git history, recently changed entities.
struct HomePage {
    static let path = "index.html"
    let catalog: SiteCatalog
    /// Entities with the time their descriptor last changed, newest first.
    let recent: [(ref: EntityRef, time: Int)]

    /// What each kind is, in Backstage's words, for the entry points.
    static let kindBlurbs: [String: String] = [
        "component": "Software pieces: services, websites, libraries.",
        "api": "Interfaces that components provide and consume.",
        "system": "Collections of components and APIs that work together.",
        "domain": "Business areas that group systems.",
        "resource": "Infrastructure: databases, buckets, clusters.",
        "group": "Teams and organisational units.",
        "user": "People and their memberships.",
        "template": "Golden paths to scaffold new software.",
        "location": "Where descriptors are read from.",
    ]

    func model() -> TemplateValue {
        let root = "./"
        var counts: [String: (kind: String, count: Int)] = [:]
        for facts in catalog.facts {
            let key = facts.kind.lowercased()
            counts[key] = (counts[key]?.kind ?? facts.kind, (counts[key]?.count ?? 0) + 1)
        }
        let preferred = ["component", "api", "system", "domain", "resource", "group", "user", "template", "location"]
        let kinds = counts.keys.sorted { (preferred.firstIndex(of: $0) ?? 99, $0) < (preferred.firstIndex(of: $1) ?? 99, $1) }
        let kindCards: [TemplateValue] = kinds.map { key in
            var card: TemplateFields = [
                "kind": .text(counts[key]!.kind), "key": .text(key), "count": .number(counts[key]!.count),
                "href": .text("catalog/?kind=" + SitePaths.segment(key)),
            ]
            card.setIfPresent("blurb", .optional(Self.kindBlurbs[key]))
            return .object(card)
        }
        return [
            "entityCount": .number(catalog.facts.count),
            "kinds": .list(kindCards),
            "groups": .list(topGroups().map { catalog.row($0, root: root) }),
            "recent": .list(recent.prefix(10).map { item in
                guard case .object(var row) = catalog.row(item.ref, root: root) else { return .object([:]) }
                row["date"] = .text(Self.date(item.time))
                return .object(row)
            }),
            "hasRecent": .flag(!recent.isEmpty),
        ]
    }

    /// Groups without a parent, the ones owning most first.
    private func topGroups() -> [EntityRef] {
        let graph = catalog.graph
        var candidates: [(ref: EntityRef, owned: Int)] = []
        for (position, entity) in graph.entities.enumerated() where entity.ref.kind == "group" {
            let relations = graph.relations[position]
            let hasParent = relations.contains { $0.type == "childOf" && graph.index[$0.target] != nil }
            if hasParent { continue }
            candidates.append((entity.ref, relations.count { $0.type == "ownerOf" || $0.type == "parentOf" }))
        }
        var top = candidates.sorted { ($1.owned, $0.ref) < ($0.owned, $1.ref) }.map(\.ref)
        // One or two roots (the organisation itself): its child groups are the teams people look for.
        if top.count <= 2 {
            top += top.flatMap { root in graph.relations(of: root).filter { $0.type == "parentOf" && graph.index[$0.target] != nil }.map(\.target) }
        }
        return Array(top.prefix(12))
    }

    /// `2026-11-21` for seconds since 1970 (UTC).
    static func date(_ seconds: Int) -> String {
        var days = seconds / 86_400
        // Civil-from-days (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
