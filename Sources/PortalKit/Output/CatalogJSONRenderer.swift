/// Renders the linked catalog as `catalog.json`: `{"items": [...]}` with each entity in
/// Backstage's API shape, in reference order, byte-identical for the same input.
public struct CatalogJSONRenderer: Sendable {
    public init() {}

    public func render(_ graph: CatalogGraph) -> [UInt8] {
        JSONWriter().write(key: "items", count: graph.entities.count) { entityJSON(graph.entities[$0], relations: graph.relations[$0]) }
    }

    /// One entity: apiVersion, kind, metadata (namespace filled in, managed-by annotations
    /// added), spec with placeholders resolved, and relations as `{type, targetRef}`.
    public func entityJSON(_ entity: Entity, relations: [Relation]) -> JSONValue {
        var metadata: [(String, JSONValue)] = []
        var sawNamespace = false
        var annotations: [(String, JSONValue)] = []
        if case .object(let pairs)? = entity.metadata.map(JSONValue.init) {
            for (key, value) in pairs {
                switch key {
                case "namespace":
                    metadata.append((key, .string(entity.namespace)))
                    sawNamespace = true
                case "annotations":
                    if case .object(let existing) = value { annotations = existing }
                case "uid", "etag", "generation":
                    continue
                default:
                    metadata.append((key, value))
                    if key == "name", !pairs.contains(where: { $0.0 == "namespace" }) {
                        metadata.append(("namespace", .string(entity.namespace)))
                        sawNamespace = true
                    }
                }
            }
        }
        if !sawNamespace { metadata.append(("namespace", .string(entity.namespace))) }
        let location = JSONValue.string("file:" + entity.source.rootRelativePath)
        annotations.removeAll { $0.0 == "backstage.io/managed-by-location" || $0.0 == "backstage.io/managed-by-origin-location" }
        annotations = [("backstage.io/managed-by-location", location),
                       ("backstage.io/managed-by-origin-location", .string("file:" + entity.source.originRootRelativePath))]
            + annotations
        metadata.append(("annotations", .object(annotations)))

        var object: [(String, JSONValue)] = [
            ("apiVersion", .string(entity.apiVersion)),
            ("kind", .string(entity.kind)),
            ("metadata", .object(metadata)),
        ]
        if let spec = entity.spec { object.append(("spec", JSONValue(spec))) }
        object.append(("relations", .array(relations.map {
            .object([("type", .string($0.type)), ("targetRef", .string($0.target.description))])
        })))
        return .object(object)
    }
}
