import PortalKit
import PortalYAML

/// The model of one entity's page: header, about, kind-specific sections, relations, graph.
struct EntityPage {
    let catalog: SiteCatalog
    let position: Int
    /// HTML for the relation graph (an inline SVG and its text alternative), made by the caller.
    var graphHTML: [UInt8]?
    /// Cards (and tabs, shown as cards) from plugins, already sanitised.
    var pluginCards: [PluginContentRenderer.Card] = []
    /// HTML for an API's definition reference, and its outline, made by the caller.
    var apiHTML: [UInt8]?
    var apiOutline: [TemplateValue] = []
    /// The URL of the entity's docs (its own TechDocs or the ones it shares), when they were found.
    var docsHref: String?
    /// Whether the docs it shares are a published entity's (in an overlay preview); ``docsHref``
    /// is then their URL in the published portal, if known.
    var publishedDocs = false
    /// The entity's links, badges and cards from `annotations:` in portal.yaml.
    var annotationCards: [AnnotationCards.Card] = []

    /// Rows shown per table, so a top-level group owning thousands of entities keeps a readable page.
    static let maxRows = 200

    /// Copied once: each read of `catalog.graph.entities[position]` copies (retains) every field.
    let entity: Entity
    let facts: EntityFacts
    var relations: [Relation] { catalog.graph.relations[position] }
    /// A relation's target and where it sits in the graph (nil when it is not in the catalog).
    typealias Target = (ref: EntityRef, position: Int?)
    /// The page's file, and the way back from it to the site root (made once: every link uses the root).
    let path: String
    let root: String

    init(catalog: SiteCatalog, position: Int) {
        self.catalog = catalog
        self.position = position
        entity = catalog.graph.entities[position]
        facts = catalog.facts[position]
        path = SitePaths.file(ofFolder: facts.folder)
        root = SitePaths.root(from: path)
    }

    func model() -> TemplateValue {
        var fields: TemplateFields = [
            "title": .text(facts.title),
            "name": .text(facts.name),
            "kind": .text(facts.kind),
            "kindClass": .text(SitePaths.segment(entity.ref.kind)),
            "namespace": .text(facts.namespace),
            "ref": .text(entity.ref.description),
            "tags": .list(facts.tags.map { .text($0) }),
            "breadcrumbs": .list(breadcrumbs()),
            "relationGroups": .list(relationGroups()),
            "sections": .list(sections()),
            "source": source(),
        ]
        fields.setIfPresent("type", .optional(facts.type))
        fields.setIfPresent("lifecycle", .optional(facts.lifecycle))
        fields.setIfPresent("description", .optional(facts.description))
        fields.setIfPresent("showTitleName", facts.title != facts.name ? .text(facts.name) : nil)
        fields["owner"] = facts.owner.map { catalog.link($0, root: root) } ?? .absent
        // Groups, Users and Locations have no owner; saying "No owner" there would be noise.
        fields["ownable"] = .flag(CatalogHealth.ownedKinds.contains(entity.ref.kind) || !entity.isKnownKind)
        let about = EntityAbout(entity: entity, annotationCards: annotationCards)
        let links = about.links + annotationCards.filter { $0.style == .link }.map(Self.linkModel)
        fields.setIfPresent("links", links.isEmpty ? nil : .list(links))
        let badges = annotationCards.filter { $0.style == .badge }.map { Self.cardModel($0) }
        fields.setIfPresent("annotationBadges", badges.isEmpty ? nil : .list(badges))
        let cards = annotationCards.filter { $0.style == .card }.enumerated().map { Self.cardModel($0.element, number: $0.offset + 1) }
        fields.setIfPresent("annotationCards", cards.isEmpty ? nil : .list(cards))
        fields.setIfPresent("annotations", about.annotations.isEmpty ? nil : .list(about.annotations))
        fields.setIfPresent("labels", about.labels.isEmpty ? nil : .list(about.labels))
        fields.setIfPresent("graph", graphHTML.map(TemplateValue.utf8))
        fields["pluginContent"] = .list(pluginCards.enumerated().map { index, card in
            ["id": .text("plugin-\(card.plugin)-\(index + 1)"), "title": .text(card.title), "plugin": .text(card.plugin), "html": .utf8(card.html)]
        })
        fields.setIfPresent("api", apiHTML.map(TemplateValue.utf8))
        fields.setIfPresent("apiOutline", apiOutline.isEmpty ? nil : .list(apiOutline))
        fields.setIfPresent("profile", userProfile())
        fields.setIfPresent("template", TemplateDescription(entity: entity).model())
        fields.setIfPresent("location", locationTargets())
        if facts.hasDocs { fields["hasDocs"] = true }
        fields.setIfPresent("docsHref", .optional(docsHref))
        fields["publishedDocs"] = .flag(publishedDocs)
        return .object(fields)
    }

    /// An annotation shown among the links: its title links to its page, its value beside it.
    private static func linkModel(_ card: AnnotationCards.Card) -> TemplateValue {
        var fields: TemplateFields = ["title": .text(card.title), "icon": .text(card.icon), "detail": .text(card.text), "type": .absent, "refused": .absent]
        fields.setIfPresent("href", .optional(card.href))
        return .object(fields)
    }

    /// A badge or card: title, icon, the value (or the entry's text) and the link, if any.
    private static func cardModel(_ card: AnnotationCards.Card, number: Int = 0) -> TemplateValue {
        var fields: TemplateFields = ["title": .text(card.title), "icon": .text(card.icon), "text": .text(card.text),
                                      "annotation": .text(card.annotation), "id": .text("tool-\(number)")]
        fields.setIfPresent("href", .optional(card.href))
        return .object(fields)
    }

    /// Domain › System › this entity, as far as the catalog knows them.
    private func breadcrumbs() -> [TemplateValue] {
        var crumbs: [TemplateValue] = []
        if let domain = facts.domain, domain != entity.ref { crumbs.append(catalog.link(domain, root: root)) }
        if let system = facts.system { crumbs.append(catalog.link(system, root: root)) }
        return crumbs
    }

    /// Every relation, grouped by type with a readable title, known types first.
    private func relationGroups() -> [TemplateValue] {
        var groups: [String: [Target]] = [:]
        for (relation, target) in zip(relations, catalog.targetPositions[position]) {
            groups[relation.type, default: []].append((relation.target, target))
        }
        return groups.keys.sorted { (RelationTitles.order($0), $0) < (RelationTitles.order($1), $1) }.map { type -> TemplateValue in
            let targets = groups[type]!
            var group: TemplateFields = [
                "title": .text(RelationTitles.title(type)),
                "type": .text(type),
                "count": .number(targets.count),
                "items": .list(targets.prefix(Self.maxRows).map { catalog.link($0.ref, at: $0.position, root: root) }),
                "more": .absent,
            ]
            if targets.count > Self.maxRows { group["more"] = .text("and \(targets.count - Self.maxRows) more") }
            return .object(group)
        }
    }

    /// Targets of relations of `type`, optionally only of one kind.
    private func targets(_ type: String, kind: String? = nil) -> [Target] {
        targets { $0.type == type && (kind == nil || $0.target.kind == kind) }
    }

    /// Targets of the relations that `include` keeps.
    private func targets(where include: (Relation) -> Bool) -> [Target] {
        zip(relations, catalog.targetPositions[position]).compactMap { include($0) ? ($0.target, $1) : nil }
    }

    /// Tables of related entities that matter for this kind (Backstage's "Has components" cards).
    private func sections() -> [TemplateValue] {
        var sections: [(String, [Target])] = []
        switch entity.ref.kind {
        case "component":
            sections = [("Subcomponents", targets("hasPart", kind: "component")),
                        ("Provided APIs", targets("providesApi")), ("Consumed APIs", targets("consumesApi")),
                        ("Depends on", targets("dependsOn")), ("Dependency of", targets("dependencyOf"))]
        case "api":
            sections = [("Providers", targets("apiProvidedBy")), ("Consumers", targets("apiConsumedBy"))]
        case "system":
            sections = [("Components", targets("hasPart", kind: "component")), ("APIs", targets("hasPart", kind: "api")),
                        ("Resources", targets("hasPart", kind: "resource")),
                        ("Other parts", targets { $0.type == "hasPart" && !["component", "api", "resource"].contains($0.target.kind) })]
        case "domain":
            sections = [("Systems", targets("hasPart", kind: "system")), ("Subdomains", targets("hasPart", kind: "domain"))]
        case "resource", "airesource":
            sections = [("Depends on", targets("dependsOn")), ("Dependency of", targets("dependencyOf"))]
        case "group":
            sections = [("Parent group", targets("childOf")), ("Child groups", targets("parentOf")),
                        ("Members", targets("hasMember")),
                        ("Owned by this group and its sub-groups", groupOwnership().map { ($0, catalog.graph.index[$0]) })]
        case "user":
            sections = [("Groups", targets("memberOf")), ("Owned entities", targets("ownerOf"))]
        default:
            sections = [("Owned entities", targets("ownerOf"))]
        }
        return sections.enumerated().compactMap { index, section in
            let (title, refs) = section
            // Empty tables add noise; the Relations section already says what there is.
            if refs.isEmpty { return nil }
            let rows = refs.prefix(Self.maxRows).compactMap { catalog.facts($0.ref, at: $0.position) }
            var section: TemplateFields = [
                "title": .text(title),
                "id": .text("section-\(index)"),
                "count": .number(refs.count),
                "rows": .list(refs.prefix(Self.maxRows).map { catalog.row($0.ref, at: $0.position, root: root) }),
                // Columns only where some row has a value (a group's members have no lifecycle).
                "showType": .flag(rows.contains { $0.type != nil }),
                "showOwner": .flag(rows.contains { $0.owner != nil }),
                "showLifecycle": .flag(rows.contains { $0.lifecycle != nil }),
                "more": .absent,
            ]
            if refs.count > Self.maxRows {
                section["more"] = .text("\(refs.count - Self.maxRows) more not shown; catalog.json and graph.json list them all.")
            }
            return .object(section)
        }
    }

    /// Everything the group and its sub-groups own (sub-groups followed through `parentOf`,
    /// each visited once so cycles end).
    private func groupOwnership() -> [EntityRef] {
        var visited: Set<EntityRef> = [entity.ref]
        var queue = [entity.ref]
        var owned: [EntityRef] = []
        var seenOwned: Set<EntityRef> = []
        while let group = queue.popLast() {
            for relation in catalog.graph.relations(of: group) {
                if relation.type == "ownerOf", seenOwned.insert(relation.target).inserted { owned.append(relation.target) }
                if relation.type == "parentOf", visited.insert(relation.target).inserted { queue.append(relation.target) }
            }
        }
        return owned.sorted()
    }

    /// A User's or Group's `spec.profile`: display name, email and picture, as written.
    private func userProfile() -> TemplateValue? {
        guard let profile = entity.spec?["profile"], profile.pairs != nil else { return nil }
        var fields: TemplateFields = [:]
        fields.setIfPresent("displayName", .optional(profile["displayName"]?.scalarText))
        if let email = profile["email"]?.scalarText, !email.isEmpty {
            fields["email"] = .text(email)
            fields.setIfPresent("emailHref", SafeURL.href("mailto:" + email).map(TemplateValue.text))
        }
        if let picture = profile["picture"]?.scalarText, picture.hasPrefix("https://") {
            fields["picture"] = .text(picture)
        }
        return fields.isEmpty ? nil : .object(fields)
    }

    /// A Location's targets as written.
    private func locationTargets() -> TemplateValue? {
        guard entity.ref.kind == "location", let spec = entity.spec else { return nil }
        var targets: [String] = []
        if let target = spec["target"]?.scalarText { targets.append(target) }
        targets += (spec["targets"]?.items ?? []).compactMap(\.scalarText)
        var fields: TemplateFields = ["targets": .list(targets.map { .text($0) })]
        fields.setIfPresent("presence", .optional(spec["presence"]?.scalarText))
        return .object(fields)
    }

    /// Where the entity was read: file and line, repository, and Backstage's location annotations.
    private func source() -> TemplateValue {
        let repository = catalog.graph.scan.repositories[entity.source.repository]
        return [
            "file": .text(entity.source.file),
            "line": .number(entity.source.line),
            "repository": .text(repository.name),
        ]
    }
}
