public import PortalYAML

/// A Template's form: `spec.parameters` (one object or a list of pages) flattened to fields,
/// each with its JSON Schema node, in the order the form shows them.
public struct TemplateParameters: Sendable {
    /// One form field: a top-level property of a page.
    public struct Field: Sendable {
        public var name: String
        public var schema: YAMLNode
        public var isRequired: Bool
        /// The 1-based page (form step) that holds the field.
        public var page: Int
    }

    public var fields: [Field]
    /// JSON Schema keywords the pages use that portal-build describes but does not evaluate
    /// (`dependencies`, `oneOf`, `anyOf`, `allOf`, `if`), with where they appear.
    public var unmodelledKeywords: [(keyword: String, mark: Mark)]

    /// Reads the parameters of a Template's `spec`.
    public init(spec: YAMLNode?) {
        let pages: [YAMLNode] = spec?["parameters"].map { $0.items ?? [$0] } ?? []
        fields = []
        unmodelledKeywords = []
        for (number, page) in pages.enumerated() {
            let required = Set((page["required"]?.items ?? []).compactMap(\.scalarText))
            for pair in page["properties"]?.pairs ?? [] {
                guard let name = pair.key.scalarText else { continue }
                fields.append(Field(name: name, schema: pair.value, isRequired: required.contains(name), page: number + 1))
            }
            for keyword in Self.unmodelled {
                if let node = page.pair(keyword) { unmodelledKeywords.append((keyword, node.key.mark)) }
            }
        }
    }

    /// JSON Schema keywords that combine or switch schemas; described, not evaluated.
    public static let unmodelled = ["dependencies", "oneOf", "anyOf", "allOf", "if"]

    public func field(_ name: String) -> Field? {
        fields.first { $0.name == name }
    }

    /// The schema of `path` (`a.b` is property `b` of object field `a`), if the form declares it.
    public func schema(at path: [String]) -> YAMLNode? {
        guard let first = path.first, var schema = field(first)?.schema else { return nil }
        for key in path.dropFirst() {
            guard let next = schema["properties"]?[key] else { return nil }
            schema = next
        }
        return schema
    }
}

extension YAMLNode {
    /// The JSON Schema `type` names of a schema node (`type: [string, "null"]` gives both).
    var schemaTypes: [String] {
        guard let type = self["type"] else { return [] }
        return type.items?.compactMap(\.scalarText) ?? [type.scalarText].compactMap { $0 }
    }
}
