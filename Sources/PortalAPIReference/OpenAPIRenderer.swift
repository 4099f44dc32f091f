/// Renders an ``OpenAPIDocument``: overview, servers, operations by tag, then the schemas.
struct OpenAPIRenderer {
    let limits: APIReferenceLimits

    func render(_ document: OpenAPIDocument, resolver: ReferenceResolver, into out: inout HTMLWriter) {
        out.overview(document.info, format: document.isSwagger ? "Swagger \(document.version)" : "OpenAPI \(document.version)")
        var resolver = resolver
        for component in document.schemas.prefix(limits.maxSchemas) {
            resolver.name(component.path, NamedTarget(id: out.anchors.make("schema", component.name), label: component.name))
        }
        var schemas = SchemaRenderer(resolver: resolver, limits: limits)
        out.servers(document.servers)
        var operationsLeft = limits.maxOperations
        for group in document.groups {
            guard operationsLeft > 0 else { break }
            let id = group.isWebhooks ? out.anchors.make("webhooks", "") : out.anchors.make("tag", group.name)
            out.section(class: "api-group", id: id, label: group.name, level: 1) { out in
                out.markdown(group.description)
                for operation in group.operations.prefix(operationsLeft) {
                    render(operation, schemas: &schemas, into: &out)
                }
            }
            operationsLeft -= min(operationsLeft, group.operations.count)
        }
        let total = document.groups.reduce(0) { $0 + $1.operations.count }
        out.omitted(total - limits.maxOperations, "more operations are not shown")
        out.components(document.schemas, title: "Schemas", kind: "schema", limit: limits.maxSchemas,
                       id: { resolver.target(at: $0.path)?.id }) { out, component in
            schemas.block(component.node, into: &out)
        }
    }

    private func render(_ operation: OpenAPIOperation, schemas: inout SchemaRenderer, into out: inout HTMLWriter) {
        let method = operation.method.uppercased()
        let id = out.anchors.make("op", operation.operationID ?? "\(operation.method) \(operation.path)")
        out.section(class: "api-operation", id: id, label: "\(method) \(operation.path)", level: 2, title: { out in
            out.element("span", class: "api-method api-method-\(operation.method)", method)
            out.raw(" ")
            out.element("code", class: "api-operation__path", operation.path)
        }) { out in
            if let summary = operation.summary { out.paragraph(class: "api-operation__summary", summary) }
            if operation.isDeprecated { out.raw("<p class=\"api-deprecated\">Deprecated</p>") }
            if let operationID = operation.operationID {
                out.raw("<p class=\"api-operation__id\">Operation ID: ")
                out.element("code", operationID)
                out.raw("</p>")
            }
            out.raw("\n")
            out.markdown(operation.description)
            if !operation.parameters.isEmpty {
                out.subheading("Parameters")
                parameterTable(operation.parameters, showsLocation: true, schemas: &schemas, into: &out)
            }
            if let body = operation.requestBody { requestBody(body, schemas: &schemas, into: &out) }
            if !operation.responses.isEmpty {
                out.subheading("Responses")
                responseTable(operation.responses, schemas: &schemas, into: &out)
            }
        }
    }

    /// Parameters (or response headers, without the location column) as a table.
    private func parameterTable(_ parameters: [OpenAPIParameter], showsLocation: Bool, schemas: inout SchemaRenderer,
                                into out: inout HTMLWriter) {
        let columns = showsLocation ? ["Name", "In", "Type", "Required", "Description"] : ["Name", "Type", "Required", "Description"]
        out.tableStart(class: showsLocation ? "api-parameters" : "api-headers", columns: columns)
        for parameter in parameters {
            out.rowHeader(parameter.name, class: "api-parameter__name")
            if showsLocation { out.element("td", class: "api-parameter__location", parameter.location ?? "") }
            out.raw("<td class=\"api-parameter__type\">")
            if let schema = parameter.schema { schemas.contents(schema, depth: 0, into: &out) }
            out.raw("</td>")
            out.element("td", class: "api-parameter__required", parameter.isRequired ? "Yes" : "No")
            out.raw("<td class=\"api-parameter__description\">")
            if parameter.isDeprecated { out.raw("<p class=\"api-deprecated\">Deprecated</p>") }
            if let ref = parameter.externalRef { out.element("code", class: "api-schema__external-ref", ref) }
            out.markdown(parameter.description)
            out.raw("</td></tr>\n")
        }
        out.tableEnd()
    }

    private func requestBody(_ body: OpenAPIBody, schemas: inout SchemaRenderer, into out: inout HTMLWriter) {
        out.subheading("Request body")
        out.open("div", class: "api-body")
        if body.isRequired { out.raw("<p class=\"api-body__required\">Required</p>\n") }
        if let ref = body.externalRef { out.element("code", class: "api-schema__external-ref", ref) }
        out.markdown(body.description)
        content(body.content, schemas: &schemas, into: &out)
        out.raw("</div>\n")
    }

    private func responseTable(_ responses: [OpenAPIResponse], schemas: inout SchemaRenderer, into out: inout HTMLWriter) {
        out.tableStart(class: "api-responses", columns: ["Status", "Response"])
        for response in responses {
            out.raw("<tr><th scope=\"row\">")
            out.element("span", class: "api-status api-status-\(Self.statusClass(response.status))", response.status)
            out.raw("</th><td>")
            if let ref = response.externalRef { out.element("code", class: "api-schema__external-ref", ref) }
            out.markdown(response.description)
            if !response.headers.isEmpty {
                out.paragraph(class: "api-responses__label", "Headers")
                parameterTable(response.headers, showsLocation: false, schemas: &schemas, into: &out)
            }
            content(response.content, schemas: &schemas, into: &out)
            out.raw("</td></tr>\n")
        }
        out.tableEnd()
    }

    private func content(_ content: [MediaContent], schemas: inout SchemaRenderer, into out: inout HTMLWriter) {
        for media in content {
            out.raw("<div class=\"api-media\">\n<p class=\"api-media__types\">")
            for (index, type) in media.mediaTypes.enumerated() {
                if index > 0 { out.raw(", ") }
                out.element("code", class: "api-media__type", type)
            }
            out.raw("</p>\n")
            if let schema = media.schema { schemas.block(schema, into: &out) }
            out.raw("</div>\n")
        }
    }

    /// `2xx` for 200–299 and `2XX`, `default` otherwise.
    static func statusClass(_ status: String) -> String {
        guard let first = status.first, first.isASCII, first.isNumber else { return "default" }
        return "\(first)xx"
    }
}
