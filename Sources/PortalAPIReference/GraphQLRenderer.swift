/// Renders a ``GraphQLSchema``: the root operation fields first (queries, mutations,
/// subscriptions), then every other type, then custom directives. Type names link to their types.
struct GraphQLRenderer {
    let limits: APIReferenceLimits

    private static let sectionTitles = ["query": "Queries", "mutation": "Mutations", "subscription": "Subscriptions"]

    func render(_ schema: GraphQLSchema, into out: inout HTMLWriter) {
        let typesByName = Dictionary(schema.types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let roots = schema.rootTypes.compactMap { root in typesByName[root.type].map { (root.operation, $0) } }
        var links: [String: String] = [:]
        var rootSectionIDs: [String] = []
        for (operation, type) in roots {
            let id = out.anchors.make(operation, "")
            rootSectionIDs.append(id)
            links[type.name] = links[type.name] ?? id
        }
        let types = schema.types.filter { type in !roots.contains { $0.1.name == type.name } }
        for type in types.prefix(limits.maxSchemas) { links[type.name] = out.anchors.make("type", type.name) }
        let renderer = Renderer(links: links)

        var fieldsLeft = limits.maxOperations
        for ((operation, type), id) in zip(roots, rootSectionIDs) {
            let title = Self.sectionTitles[operation] ?? operation
            out.section(class: "api-group", id: id, label: title, level: 1) { out in
                out.markdown(type.description)
                for field in type.fields.prefix(fieldsLeft) { renderer.operation(operation, field, into: &out) }
                out.omitted(type.fields.count - fieldsLeft, "more fields are not shown")
            }
            fieldsLeft -= min(fieldsLeft, type.fields.count)
        }
        if !types.isEmpty {
            out.section(class: "api-types", id: out.anchors.make("types", ""), label: "Types", level: 1) { out in
                for type in types.prefix(limits.maxSchemas) { renderer.type(type, id: links[type.name] ?? "", into: &out) }
                out.omitted(types.count - limits.maxSchemas, "more types are not shown")
            }
        }
        if !schema.directives.isEmpty {
            out.section(class: "api-directives", id: out.anchors.make("directives", ""), label: "Directives", level: 1) { out in
                for directive in schema.directives.prefix(limits.maxSchemas) { renderer.directive(directive, into: &out) }
            }
        }
    }

    /// Writes the parts of a schema, with type names linked to the anchors in `links`.
    private struct Renderer {
        let links: [String: String]

        func operation(_ operation: String, _ field: GraphQLField, into out: inout HTMLWriter) {
            out.section(class: "api-operation", id: out.anchors.make(operation, field.name), label: field.name, level: 2,
                        title: { out in
                            out.element("span", class: "api-method api-method-\(operation)", operation.uppercased())
                            out.raw(" ")
                            out.element("code", class: "api-operation__path", field.name)
                        }) { out in
                deprecation(field.deprecation, into: &out)
                out.markdown(field.description)
                if !field.arguments.isEmpty {
                    out.subheading("Arguments")
                    inputTable(field.arguments, into: &out)
                }
                out.raw("<p class=\"api-operation__returns\">Returns ")
                typeReference(field.type, into: &out)
                out.raw("</p>\n")
            }
        }

        func type(_ type: GraphQLType, id: String, into out: inout HTMLWriter) {
            out.section(class: "api-type-definition", id: id, label: type.name, level: 2, title: { out in
                out.element("span", class: "api-kind api-kind-\(type.kind)", type.kind.rawValue)
                out.raw(" ")
                out.text(type.name)
            }) { out in
                out.markdown(type.description)
                if !type.interfaces.isEmpty { nameList("Implements", type.interfaces, into: &out) }
                if !type.members.isEmpty { nameList("One of", type.members, into: &out) }
                switch type.kind {
                case .object, .interface: fieldTable(type.fields, into: &out)
                case .input: inputTable(type.fields, into: &out)
                case .enum: valueTable(type.values, into: &out)
                case .union, .scalar: break
                }
            }
        }

        func directive(_ directive: GraphQLDirective, into out: inout HTMLWriter) {
            out.section(class: "api-directive-definition", id: out.anchors.make("directive", directive.name),
                        label: "@" + directive.name, level: 2) { out in
                out.markdown(directive.description)
                out.raw("<p class=\"api-directive__locations\">")
                if directive.isRepeatable { out.raw("Repeatable, on ") } else { out.raw("On ") }
                for (index, location) in directive.locations.enumerated() {
                    if index > 0 { out.raw(" | ") }
                    out.element("code", location)
                }
                out.raw("</p>\n")
                if !directive.arguments.isEmpty { inputTable(directive.arguments, into: &out) }
            }
        }

        /// Fields of an object or interface: name, type, description with the arguments.
        private func fieldTable(_ fields: [GraphQLField], into out: inout HTMLWriter) {
            guard !fields.isEmpty else { return }
            out.tableStart(class: "api-fields", columns: ["Field", "Type", "Description"])
            for field in fields {
                out.rowHeader(field.name, class: "api-field__name")
                typeCell(field.type, into: &out)
                out.raw("<td>")
                deprecation(field.deprecation, into: &out)
                out.markdown(field.description)
                if !field.arguments.isEmpty {
                    out.raw("<ul class=\"api-arguments\">\n")
                    for argument in field.arguments {
                        out.raw("<li>")
                        out.element("code", class: "api-field__name", argument.name)
                        out.raw(": ")
                        typeReference(argument.type, into: &out)
                        defaultValue(argument.defaultValue, into: &out)
                        out.markdown(argument.description)
                        out.raw("</li>\n")
                    }
                    out.raw("</ul>\n")
                }
                out.raw("</td></tr>\n")
            }
            out.tableEnd()
        }

        /// Arguments or input fields: name, type, default, description.
        private func inputTable(_ fields: [GraphQLField], into out: inout HTMLWriter) {
            guard !fields.isEmpty else { return }
            out.tableStart(class: "api-fields", columns: ["Name", "Type", "Default", "Description"])
            for field in fields {
                out.rowHeader(field.name, class: "api-field__name")
                typeCell(field.type, into: &out)
                out.raw("<td>")
                if let value = field.defaultValue { out.element("code", class: "api-field__default", value) }
                out.raw("</td><td>")
                deprecation(field.deprecation, into: &out)
                out.markdown(field.description)
                out.raw("</td></tr>\n")
            }
            out.tableEnd()
        }

        private func valueTable(_ values: [GraphQLEnumValue], into out: inout HTMLWriter) {
            guard !values.isEmpty else { return }
            out.tableStart(class: "api-enum-values", columns: ["Value", "Description"])
            for value in values {
                out.rowHeader(value.name, class: "api-field__name")
                out.raw("<td>")
                deprecation(value.deprecation, into: &out)
                out.markdown(value.description)
                out.raw("</td></tr>\n")
            }
            out.tableEnd()
        }

        private func typeCell(_ type: GraphQLTypeReference, into out: inout HTMLWriter) {
            out.raw("<td>")
            typeReference(type, into: &out)
            out.raw("</td>")
        }

        private func nameList(_ label: String, _ names: [String], into out: inout HTMLWriter) {
            out.raw("<p class=\"api-type-definition__related\">")
            out.text(label)
            out.raw(": ")
            for (index, name) in names.enumerated() {
                if index > 0 { out.raw(", ") }
                out.raw("<code class=\"api-type-ref\">")
                typeName(name, into: &out)
                out.raw("</code>")
            }
            out.raw("</p>\n")
        }

        /// `[Film!]!` in code, the type name linked when it is defined.
        private func typeReference(_ type: GraphQLTypeReference, into out: inout HTMLWriter) {
            out.raw("<code class=\"api-type-ref\">")
            writeType(type, into: &out)
            out.raw("</code>")
        }

        private func writeType(_ type: GraphQLTypeReference, into out: inout HTMLWriter) {
            switch type {
            case .named(let name):
                typeName(name, into: &out)
            case .list(let inner):
                out.raw("[")
                writeType(inner, into: &out)
                out.raw("]")
            case .nonNull(let inner):
                writeType(inner, into: &out)
                out.raw("!")
            }
        }

        private func typeName(_ name: String, into out: inout HTMLWriter) {
            if let id = links[name] { out.link(to: id, name) } else { out.text(name) }
        }

        private func defaultValue(_ value: String?, into out: inout HTMLWriter) {
            guard let value else { return }
            out.raw(" = ")
            out.element("code", class: "api-field__default", value)
        }

        private func deprecation(_ reason: String?, into out: inout HTMLWriter) {
            guard let reason else { return }
            out.paragraph(class: "api-deprecated", reason.isEmpty ? "Deprecated" : "Deprecated: \(reason)")
        }
    }
}
