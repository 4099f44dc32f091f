import PortalYAML

/// Renders JSON Schema (as OpenAPI and AsyncAPI use it) as a nested, readable tree.
///
/// Named components become links to their anchors instead of being expanded again; other
/// internal `$ref`s expand in place until they lead back into a node being expanded. Depth and
/// the total number of nodes are capped, so no definition can make the output explode.
struct SchemaRenderer {
    let resolver: ReferenceResolver
    private let maxDepth: Int
    private var nodesLeft: Int
    /// Canonical pointers of the `$ref`s being expanded around the current node.
    private var expanding: [String] = []

    init(resolver: ReferenceResolver, limits: APIReferenceLimits) {
        self.resolver = resolver
        maxDepth = limits.maxSchemaDepth
        nodesLeft = limits.maxSchemaNodes
    }

    /// `<div class="api-schema">` with the schema's type line, description and nested parts.
    mutating func block(_ schema: YAMLNode, into out: inout HTMLWriter) {
        out.open("div", class: "api-schema")
        contents(schema, depth: 0, into: &out)
        out.raw("</div>\n")
    }

    /// The schema's type line, description and nested parts, without a wrapper (for table cells and list items).
    mutating func contents(_ schema: YAMLNode, depth: Int, into out: inout HTMLWriter) {
        guard depth <= maxDepth, nodesLeft > 0 else {
            out.raw("<span class=\"api-schema__truncated\" title=\"cut: nested too deep or too large\">…</span>")
            return
        }
        nodesLeft -= 1
        guard case .node(let node, let refs) = resolver.resolve(schema, expanding: expanding) else {
            reference(schema, into: &out)
            out.markdown(schema.text("description"))
            return
        }
        expanding += refs
        defer { expanding.removeLast(refs.count) }
        out.open("span", class: "api-schema__summary")
        label(node, depth: depth, into: &out)
        modifiers(node, into: &out)
        out.raw("</span>\n")
        out.markdown(schema.text("description") ?? node.text("description"))
        body(node, depth: depth, into: &out)
    }

    /// Writes what a `$ref` that does not expand in place stands for: a link, or the reference as text.
    func reference(_ schema: YAMLNode, into out: inout HTMLWriter) {
        switch resolver.resolve(schema, expanding: expanding) {
        case .named(let target):
            out.link(to: target.id, class: "api-schema__ref", target.label)
        case .external(let ref):
            out.element("code", class: "api-schema__external-ref", ref)
        case .missing(let ref, let mark):
            out.problem(line: mark.line, column: mark.column, "unresolved reference '\(ref)'")
            out.element("code", class: "api-schema__missing-ref", ref)
        case .cycle(let ref):
            out.open("span", class: "api-schema__cycle")
            out.raw("recursive ")
            out.element("code", ref)
            out.close("span")
        case .node(let node, _):
            out.element("span", class: "api-schema__type", Self.typeName(node))
        }
    }

    // MARK: - Type line

    private static let compositions = [("allOf", "all of"), ("oneOf", "one of"), ("anyOf", "any of")]

    /// `array of <items>`, the type name(s), or what the schema is made of.
    private mutating func label(_ node: YAMLNode, depth: Int, into out: inout HTMLWriter) {
        if Self.isArray(node) {
            out.element("span", class: "api-schema__type", "array")
            guard let items = node["items"], items.pairs != nil else { return }
            out.raw(" of ")
            guard depth < maxDepth, case .node(let element, _) = resolver.resolve(items, expanding: expanding) else {
                reference(items, into: &out)
                return
            }
            label(element, depth: depth + 1, into: &out)
            modifiers(element, into: &out)
            return
        }
        out.element("span", class: "api-schema__type", Self.typeName(node))
    }

    private static func isArray(_ node: YAMLNode) -> Bool {
        if let type = node["type"] {
            return type.scalarText == "array"
        }
        return node["items"] != nil
    }

    private static func typeName(_ node: YAMLNode) -> String {
        if let type = node["type"] {
            if let items = type.items { return items.compactMap(\.scalarText).joined(separator: " | ") }
            if let text = type.scalarText { return text }
        }
        if node["properties"] != nil || node["additionalProperties"] != nil { return "object" }
        for (key, words) in compositions where node[key] != nil { return words }
        return "any"
    }

    private static let flags = [("nullable", "nullable"), ("readOnly", "read-only"), ("writeOnly", "write-only"),
                                ("deprecated", "deprecated"), ("uniqueItems", "unique items")]
    private static let constraints = ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "multipleOf",
                                      "minLength", "maxLength", "pattern", "minItems", "maxItems",
                                      "minProperties", "maxProperties"]

    /// Format, flags, constraints, default, const and enum values, after the type.
    private func modifiers(_ node: YAMLNode, into out: inout HTMLWriter) {
        if let format = node.text("format") {
            out.raw(" ")
            out.element("span", class: "api-schema__format", format)
        }
        for (key, word) in Self.flags where node.flag(key) {
            out.raw(" ")
            out.element("span", class: "api-schema__flag", word)
        }
        for key in Self.constraints {
            guard let value = node[key] else { continue }
            valueSpan(class: "api-schema__constraint", label: key, value, into: &out)
        }
        if let value = node["default"] { valueSpan(class: "api-schema__default", label: "default", value, into: &out) }
        if let value = node["const"] { valueSpan(class: "api-schema__const", label: "const", value, into: &out) }
        if let values = node["enum"]?.items { Self.enumeration(values, into: &out) }
    }

    private func valueSpan(class className: String, label: String, _ value: YAMLNode, into out: inout HTMLWriter) {
        out.raw(" ")
        out.open("span", class: className)
        out.text(label)
        out.raw(": ")
        out.element("code", ValueText.compact(value))
        out.close("span")
    }

    /// `one of: <code>a</code>, <code>b</code>`, at most 50 values.
    static func enumeration(_ values: [YAMLNode], into out: inout HTMLWriter) {
        out.raw(" <span class=\"api-schema__enum\">one of: ")
        for (index, value) in values.prefix(50).enumerated() {
            if index > 0 { out.raw(", ") }
            out.element("code", class: "api-enum-value", ValueText.compact(value))
        }
        if values.count > 50 { out.text(" and \(values.count - 50) more") }
        out.raw("</span>")
    }

    // MARK: - Nested parts

    /// Properties, array items, additional properties and compositions, one level deeper.
    private mutating func body(_ node: YAMLNode, depth: Int, into out: inout HTMLWriter) {
        guard depth < maxDepth else {
            if Self.hasBody(node) { out.raw("<span class=\"api-schema__truncated\" title=\"cut: nested too deep\">…</span>\n") }
            return
        }
        if Self.isArray(node), let items = node["items"], items.pairs != nil,
           case .node(let element, let refs) = resolver.resolve(items, expanding: expanding) {
            expanding += refs
            body(element, depth: depth + 1, into: &out)
            expanding.removeLast(refs.count)
        }
        properties(node, depth: depth, into: &out)
        if let discriminator = node["discriminator"], let name = discriminator.text("propertyName") ?? discriminator.scalarText {
            out.raw("<p class=\"api-schema__discriminator\">Discriminator: ")
            out.element("code", name)
            out.raw("</p>\n")
        }
        for (key, words) in Self.compositions {
            guard let alternatives = node[key]?.items, !alternatives.isEmpty else { continue }
            composition(label: words, alternatives, depth: depth, into: &out)
        }
        if let not = node["not"], not.pairs != nil {
            composition(label: "not", [not], depth: depth, into: &out)
        }
    }

    private static func hasBody(_ node: YAMLNode) -> Bool {
        ["properties", "items", "additionalProperties", "allOf", "oneOf", "anyOf", "not"].contains { node[$0] != nil }
    }

    private mutating func properties(_ node: YAMLNode, depth: Int, into out: inout HTMLWriter) {
        let properties = node["properties"]?.pairs ?? []
        let additional = node["additionalProperties"].flatMap { $0.pairs != nil ? $0 : nil }
        guard !properties.isEmpty || additional != nil else { return }
        let required = Set(node["required"]?.items?.compactMap(\.scalarText) ?? [])
        out.raw("<ul class=\"api-schema__properties\">\n")
        for property in properties {
            let name = property.key.scalarText ?? ""
            out.raw("<li class=\"api-property\">")
            out.element("code", class: "api-property__name", name)
            if required.contains(name) { out.raw(" <span class=\"api-property__required\">required</span>") }
            out.raw(" ")
            contents(property.value, depth: depth + 1, into: &out)
            out.raw("</li>\n")
        }
        if let additional {
            out.raw("<li class=\"api-property api-property--additional\"><span class=\"api-property__name\">additional properties</span> ")
            contents(additional, depth: depth + 1, into: &out)
            out.raw("</li>\n")
        }
        out.raw("</ul>\n")
    }

    private mutating func composition(label: String, _ alternatives: [YAMLNode], depth: Int,
                                      into out: inout HTMLWriter) {
        out.open("div", class: "api-schema__composition api-schema__composition--\(AnchorRegistry.slug(label))")
        out.paragraph(class: "api-schema__composition-label", label.prefix(1).uppercased() + label.dropFirst())
        out.raw("\n<ol class=\"api-schema__alternatives\">\n")
        for alternative in alternatives {
            out.raw("<li>")
            contents(alternative, depth: depth + 1, into: &out)
            out.raw("</li>\n")
        }
        out.raw("</ol>\n</div>\n")
    }
}
