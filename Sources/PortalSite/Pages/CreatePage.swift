import PortalKit

/// `create/index.html`: every Template, grouped by `spec.type`, with its tags, owner and link,
/// then the tags with the templates that carry them. Only built when the catalog has a Template.
struct CreatePage {
    static let path = "create/index.html"
    let catalog: SiteCatalog

    /// Whether the catalog has any Template (the page and its menu entry exist only then).
    static func isNeeded(_ catalog: SiteCatalog) -> Bool {
        catalog.facts.contains { $0.ref.kind == "template" }
    }

    func model() -> TemplateValue {
        let root = SitePaths.root(from: Self.path)
        let templates = catalog.facts.filter { $0.ref.kind == "template" }.sorted { ($0.title, $0.ref) < ($1.title, $1.ref) }
        let types = Set(templates.map { $0.type ?? "" }).sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }
        let tags = Set(templates.flatMap(\.tags)).sorted()
        return [
            "count": .number(templates.count),
            "countText": .text(CheckSummary.plural(templates.count, "software template")),
            "groups": .list(types.enumerated().map { index, type in
                let members = templates.filter { ($0.type ?? "") == type }
                return [
                    "id": .text("type-\(index + 1)"),
                    "title": .text(type.isEmpty ? "Other" : type),
                    "count": .number(members.count),
                    "templates": .list(members.map { card($0, root: root) }),
                ]
            }),
            "hasTags": .flag(!tags.isEmpty),
            "tags": .list(tags.map { tag in
                [
                    "tag": .text(tag),
                    "templates": .list(templates.filter { $0.tags.contains(tag) }.map { catalog.link($0.ref, root: root) }),
                ]
            }),
        ]
    }

    private func card(_ facts: EntityFacts, root: String) -> TemplateValue {
        var fields: TemplateFields = [
            "link": catalog.link(facts.ref, root: root),
            "tags": .list(facts.tags.map { .text($0) }),
            "hasTags": .flag(!facts.tags.isEmpty),
        ]
        fields.setIfPresent("description", .optional(facts.description))
        if let owner = facts.owner { fields["owner"] = catalog.link(owner, root: root) }
        return .object(fields)
    }
}
