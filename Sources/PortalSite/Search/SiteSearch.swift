import PortalKit
internal import PortalMarkdown
internal import PortalSearch

/// What the portal offers to search: every entity, and every section of every docs page, in
/// the shape ``SearchIndex`` indexes (README "Search": What is indexed).
enum SiteSearch {
    /// Where the index's files go (the search index writes `search/<name>.json` and `.js`).
    static let folder = "search"
    /// The search page, which lives in the same folder but is not part of the index.
    static let page = "search/index.html"

    static func catalog(_ catalog: SiteCatalog, docs: DocsCatalog, conversion: DocsConversion, resolver: DocsLinkResolver,
                        plugins: PluginContributions = PluginContributions()) -> SearchCatalog {
        let entities = catalog.facts.enumerated().map { position, facts in entityDocument(facts, position: position, catalog: catalog) }
        let facets = catalog.facts.map { facetValues($0, catalog: catalog) }

        // Sections grouped by the entity whose site they belong to, in entity order.
        var sitesByEntity: [[Int]] = Array(repeating: [], count: catalog.facts.count)
        for (position, site) in docs.sites.enumerated() {
            if let entity = catalog.graph.index[site.entity] { sitesByEntity[entity].append(position) }
        }
        let pluginDocuments = pluginDocuments(plugins, catalog: catalog)
        // Each entity's sections go straight to their place in one array, on all cores: a
        // document copied from one array into another retains every string of it, and letting go
        // of the first array releases them all again.
        let counts = sitesByEntity.enumerated().map { entity, sites in
            sites.reduce(0) { total, site in total + conversion.pages[site].reduce(0) { $0 + ($1?.sections.count ?? 0) } }
                + (pluginDocuments.byEntity[entity]?.count ?? 0)
        }
        var starts = [0]
        for count in counts { starts.append(starts[starts.count - 1] + count) }
        let total = starts[counts.count]
        var sections = [SearchDocument](unsafeUninitializedCapacity: total + pluginDocuments.pages.count) { buffer, written in
            let output = buffer
            _ = parallelMap(Array(sitesByEntity.indices)) { entity in
                var slot = starts[entity]
                func place(_ document: SearchDocument) {
                    precondition(slot < starts[entity + 1], "more sections than counted")
                    (output.baseAddress! + slot).initialize(to: document)
                    slot += 1
                }
                for site in sitesByEntity[entity] {
                    for (page, converted) in conversion.pages[site].enumerated() {
                        guard let converted else { continue }
                        let folder = SitePaths.encodedPath(resolver.pageFolder(DocsPageID(site: site, page: page)))
                        sectionDocuments(converted, url: folder, entity: entity, facts: catalog.facts[entity], place)
                    }
                }
                pluginDocuments.byEntity[entity]?.forEach(place)
                precondition(slot == starts[entity + 1], "fewer sections than counted")
            }
            written = total
        }
        // Documents about a plugin's page belong to no entity: they come last.
        sections.append(contentsOf: pluginDocuments.pages)
        return SearchCatalog(entities: entities, facets: facets, sections: sections)
    }

    /// The plugins' search documents: those about an entity (leading to its page) by entity
    /// position, and those leading to a plugin's page (entity -1).
    private static func pluginDocuments(_ plugins: PluginContributions, catalog: SiteCatalog) -> (byEntity: [Int: [SearchDocument]], pages: [SearchDocument]) {
        var byEntity: [Int: [SearchDocument]] = [:]
        var pages: [SearchDocument] = []
        for plugin in plugins.plugins {
            for document in plugin.search {
                let fields: [(field: SearchField, text: String)] = [(.heading, document.title), (.text, document.text)]
                let label = document.kind ?? "Plugin"
                switch document.target {
                case .entity(let ref):
                    guard let position = catalog.graph.index[ref] else { continue }
                    byEntity[position, default: []].append(SearchDocument(label: label, title: document.title, url: SitePaths.encodedPath(catalog.facts[position].folder),
                                                                          entity: position, context: catalog.facts[position].title, snippet: document.text, fields: fields))
                case .page(let path, let fragment):
                    let url = "plugins/\(plugin.name)/\(path)/" + (fragment.map { "#" + $0 } ?? "")
                    pages.append(SearchDocument(label: label, title: document.title, url: url, entity: -1, context: plugin.name, snippet: document.text, fields: fields))
                }
            }
        }
        return (byEntity, pages)
    }

    private static func entityDocument(_ facts: EntityFacts, position: Int, catalog: SiteCatalog) -> SearchDocument {
        var fields: [(field: SearchField, text: String)] = [(.name, facts.name)]
        if facts.title != facts.name { fields.append((.title, facts.title)) }
        fields.append((.tags, facts.tags.joined(separator: " ")))
        var attributes = [facts.kind, facts.namespace]
        attributes += [facts.type, facts.lifecycle].compactMap { $0 }
        attributes += [facts.owner, facts.system].compactMap { $0 }.flatMap { [$0.name, catalog.label($0)] }
        fields.append((.attributes, attributes.joined(separator: " ")))
        if let description = facts.description { fields.append((.description, description)) }
        let context = [facts.type, facts.owner.map(catalog.label), facts.system.map(catalog.label)].compactMap { $0 }.joined(separator: " · ")
        return SearchDocument(label: facts.kind, title: facts.title, url: SitePaths.encodedPath(facts.folder), entity: position,
                              context: context, snippet: facts.description ?? "", fields: fields, exactName: facts.name)
    }

    private static func facetValues(_ facts: EntityFacts, catalog: SiteCatalog) -> SearchFacets {
        SearchFacets(kind: .init(key: facts.kind.lowercased(), label: facts.kind),
                     type: facts.type.map { .init(key: $0, label: $0) },
                     owner: facts.owner.map { .init(key: $0.description, label: catalog.label($0)) },
                     lifecycle: facts.lifecycle.map { .init(key: $0, label: $0) },
                     tags: facts.tags.map { .init(key: $0, label: $0) })
    }

    /// Appends one document per section of a page: the part before the first heading (or under the
    /// page's own h1) links to the page, the others to their heading.
    private static func sectionDocuments(_ page: ConvertedPage, url: String, entity: Int, facts: EntityFacts,
                                         _ place: (SearchDocument) -> Void) {
        let owner = facts.name + " " + facts.title
        let tags = page.tags.joined(separator: " ")
        for (position, section) in page.sections.enumerated() {
            let isTop = position == 0 && section.level <= 1  // only the first section can be level 0
            let heading = isTop || section.heading.isEmpty ? page.title : section.heading
            var fields: [(field: SearchField, text: String)] = [(.heading, heading), (.pageTitle, page.title), (.text, section.text), (.context, owner)]
            if !tags.isEmpty { fields.append((.tags, tags)) }
            let anchor = isTop ? "" : section.id.map { "#" + $0 } ?? ""
            place(SearchDocument(label: "Docs", title: heading, url: url + anchor, entity: entity,
                                 context: (heading == page.title ? "" : page.title + " · ") + facts.title,
                                 snippet: section.text, fields: fields))
        }
    }
}
