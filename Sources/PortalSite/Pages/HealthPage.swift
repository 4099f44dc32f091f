import PortalKit

/// `health/index.html`: the catalog health figures as a page.
struct HealthPage {
    static let path = "health/index.html"
    let catalog: SiteCatalog
    let health: CatalogHealth

    func model() -> TemplateValue {
        let root = SitePaths.root(from: Self.path)
        func list(_ id: String, _ title: String, _ explanation: String, _ refs: [EntityRef]) -> TemplateValue {
            [
                "id": .text(id), "title": .text(title), "explanation": .text(explanation),
                "count": .number(refs.count),
                "items": .list(refs.prefix(500).map { catalog.link($0, root: root) }),
                "truncated": refs.count > 500 ? .text("and \(refs.count - 500) more (see health.json)") : .flag(false),
            ]
        }
        let complete = catalog.facts.count - Set(health.withoutOwner + health.withoutDescription + health.withoutDocs + health.withoutLifecycle).count
        return [
            "entities": .number(health.entityCount),
            "errors": .number(health.errors),
            "warnings": .number(health.warnings),
            "infos": .number(health.infos),
            "dangling": .number(health.dangling.count),
            "complete": .number(complete),
            "completePercent": .number(health.entityCount == 0 ? 100 : complete * 100 / health.entityCount),
            "repositories": .list(health.problems.map { group in
                [
                    "name": .text(group.repository ?? "Outside repositories"),
                    "count": .number(group.count),
                    "files": .list(group.files.map { file in
                        [
                            "file": .text(file.file),
                            "diagnostics": .list(file.diagnostics.map { diagnostic in
                                [
                                    "severity": .text(diagnostic.severity.rawValue),
                                    "line": .number(diagnostic.location.line),
                                    "column": .number(diagnostic.location.column),
                                    "message": .text(diagnostic.message),
                                    "id": .text(diagnostic.id.rawValue),
                                ]
                            }),
                        ]
                    }),
                ]
            }),
            "danglingRows": .list(health.dangling.prefix(1000).map { reference in
                [
                    "source": catalog.link(reference.source, root: root),
                    "relation": .text(RelationTitles.title(reference.relation)),
                    "target": .text(reference.target.description),
                ]
            }),
            "gaps": .list([
                list("without-owner", "Without an owner", "Components, APIs, resources, systems, domains and templates need spec.owner.", health.withoutOwner),
                list("without-description", "Without a description", "metadata.description tells readers what an entity is.", health.withoutDescription),
                list("without-docs", "Without docs", "Components, systems and domains without a backstage.io/techdocs-ref annotation.", health.withoutDocs),
                list("without-lifecycle", "Without a lifecycle", "spec.lifecycle (experimental, production, deprecated).", health.withoutLifecycle),
                list("orphan-groups", "Orphan groups", "Groups with no members, no child groups and nothing owned.", health.orphanGroups),
                list("unprovided-apis", "APIs nobody provides", "No component lists these APIs in spec.providesApis.", health.unprovidedAPIs),
            ]),
            "owners": .list(health.owners.map { figures in
                [
                    "owner": catalog.link(figures.owner, root: root),
                    "entities": .number(figures.entities),
                    "withoutDescription": .number(figures.withoutDescription),
                    "withoutDocs": .number(figures.withoutDocs),
                    "withoutLifecycle": .number(figures.withoutLifecycle),
                    "warnings": .number(figures.warnings),
                    "errors": .number(figures.errors),
                ]
            }),
        ]
    }
}
