/// The document a plugin reads on stdin (`portal-build/plugin-v1`, README "Plugins"): the
/// portal's settings, the plugin's own name and options, the catalog in `catalog.json`'s shape
/// and the located docs sites. The same inputs give the same bytes.
struct PluginInput {
    /// The parts every plugin gets, made once per build.
    struct Shared {
        var portal: JSONValue
        var catalog: JSONValue
        var docs: JSONValue
    }

    static func shared(_ build: CatalogBuild, title: String, baseURL: String?, version: String) -> Shared {
        let graph = build.graph
        let renderer = CatalogJSONRenderer()
        let items = graph.entities.indices.map { renderer.entityJSON(graph.entities[$0], relations: graph.relations[$0]) }
        let sites = build.docs.sites.map { site -> JSONValue in
            var fields: [(String, JSONValue)] = [("entity", .string(site.entity.description)), ("title", .string(site.siteName))]
            if let description = site.siteDescription { fields.append(("description", .string(description))) }
            fields.append(("pages", .array(site.pages.map { .object([("path", .string($0.relativePath)), ("urlPath", .string($0.urlPath))]) })))
            return .object(fields)
        }
        return Shared(portal: .object([("version", .string(version)), ("title", .string(title)), ("baseUrl", baseURL.map(JSONValue.string) ?? .null)]),
                      catalog: .object([("items", .array(items))]),
                      docs: .object([("sites", .array(sites))]))
    }

    static func bytes(_ shared: Shared, for spec: PluginSpec) -> [UInt8] {
        JSONWriter(pretty: false).write(.object([
            ("protocol", .string(PluginOutputParser.protocolID)),
            ("portal", shared.portal),
            ("plugin", .object([("name", .string(spec.name)), ("options", spec.options)])),
            ("catalog", shared.catalog),
            ("docs", shared.docs),
        ]))
    }
}
