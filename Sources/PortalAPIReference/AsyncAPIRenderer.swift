import PortalYAML

/// Renders an ``AsyncAPIDocument``: overview, servers, channels (with their 2.x operations),
/// 3.x operations, then the messages and schemas of `components`.
struct AsyncAPIRenderer {
    let limits: APIReferenceLimits

    func render(_ document: AsyncAPIDocument, resolver: ReferenceResolver, into out: inout HTMLWriter) {
        out.overview(document.info, format: "AsyncAPI \(document.version)")
        var resolver = resolver
        for component in document.messages.prefix(limits.maxSchemas) {
            let label = component.node.text("name") ?? component.name
            resolver.name(component.path, NamedTarget(id: out.anchors.make("message", component.name), label: label))
        }
        for component in document.schemas.prefix(limits.maxSchemas) {
            resolver.name(component.path, NamedTarget(id: out.anchors.make("schema", component.name), label: component.name))
        }
        var channelIDs: [String: String] = [:]
        for channel in document.channels.prefix(limits.maxOperations) {
            channelIDs[channel.key] = out.anchors.make("channel", channel.key)
        }
        var messages = MessageRenderer(schemas: SchemaRenderer(resolver: resolver, limits: limits),
                                       defaultContentType: document.defaultContentType)
        out.servers(document.servers)
        if !document.channels.isEmpty {
            out.section(class: "api-channels", id: out.anchors.make("channels", ""), label: "Channels", level: 1) { out in
                for channel in document.channels.prefix(limits.maxOperations) {
                    self.channel(channel, id: channelIDs[channel.key] ?? "", messages: &messages, into: &out)
                }
                out.omitted(document.channels.count - limits.maxOperations, "more channels are not shown")
            }
        }
        if !document.operations.isEmpty {
            out.section(class: "api-operations", id: out.anchors.make("operations", ""), label: "Operations", level: 1) { out in
                for operation in document.operations.prefix(limits.maxOperations) {
                    self.operation(operation, channelIDs: channelIDs, messages: &messages, into: &out)
                }
                out.omitted(document.operations.count - limits.maxOperations, "more operations are not shown")
            }
        }
        out.components(document.messages, title: "Messages", kind: "message", limit: limits.maxSchemas,
                       id: { resolver.target(at: $0.path)?.id }) { out, component in
            messages.contents(component.node, into: &out)
        }
        out.components(document.schemas, title: "Schemas", kind: "schema", limit: limits.maxSchemas,
                       id: { resolver.target(at: $0.path)?.id }) { out, component in
            messages.schemas.block(component.node, into: &out)
        }
    }

    private func channel(_ channel: AsyncAPIChannel, id: String, messages: inout MessageRenderer, into out: inout HTMLWriter) {
        let address = channel.address ?? channel.key
        out.section(class: "api-channel", id: id, label: channel.title ?? address, level: 2, title: { out in
            out.element("code", class: "api-channel__address", address)
        }) { out in
            if let title = channel.title { out.paragraph(class: "api-channel__label", title) }
            if let summary = channel.summary { out.paragraph(class: "api-operation__summary", summary) }
            out.markdown(channel.description)
            if !channel.parameters.isEmpty {
                out.subheading("Parameters")
                out.tableStart(class: "api-parameters", columns: ["Name", "Type", "Description"])
                for parameter in channel.parameters {
                    out.rowHeader(parameter.name, class: "api-parameter__name")
                    out.raw("<td class=\"api-parameter__type\">")
                    if let schema = parameter.schema { messages.schemas.contents(schema, depth: 0, into: &out) }
                    out.raw("</td><td class=\"api-parameter__description\">")
                    out.markdown(parameter.description)
                    if let location = parameter.location {
                        out.raw("<p class=\"api-parameter__location\">Location: ")
                        out.element("code", location)
                        out.raw("</p>")
                    }
                    out.raw("</td></tr>\n")
                }
                out.tableEnd()
            }
            for operation in channel.operations {
                out.open("div", class: "api-channel__operation")
                out.raw("<h4 class=\"api-subheading\">")
                badge(operation.action, into: &out)
                if let id = operation.id {
                    out.raw(" ")
                    out.element("code", class: "api-operation__id", id)
                }
                out.raw("</h4>\n")
                details(operation, messages: &messages, into: &out)
                out.raw("</div>\n")
            }
            if !channel.messages.isEmpty {
                out.subheading("Messages")
                messages.list(channel.messages, into: &out)
            }
        }
    }

    private func operation(_ operation: AsyncAPIOperation, channelIDs: [String: String], messages: inout MessageRenderer,
                           into out: inout HTMLWriter) {
        let name = operation.id ?? operation.action
        out.section(class: "api-operation", id: out.anchors.make("op", name), label: operation.title ?? name, level: 2, title: { out in
            badge(operation.action, into: &out)
            out.raw(" ")
            out.element("code", class: "api-operation__path", name)
        }) { out in
            if let title = operation.title { out.paragraph(class: "api-operation__label", title) }
            if let channel = operation.channel {
                out.raw("<p class=\"api-operation__channel\">Channel: ")
                if let id = channelIDs[channel] { out.link(to: id, channel) } else { out.element("code", channel) }
                out.raw("</p>\n")
            }
            details(operation, messages: &messages, into: &out)
        }
    }

    private func details(_ operation: AsyncAPIOperation, messages: inout MessageRenderer, into out: inout HTMLWriter) {
        if let summary = operation.summary { out.paragraph(class: "api-operation__summary", summary) }
        out.markdown(operation.description)
        if !operation.messages.isEmpty { messages.list(operation.messages, into: &out) }
    }

    /// `<span class="api-method api-method-send">SEND</span>`; unknown actions keep a neutral class.
    private func badge(_ action: String, into out: inout HTMLWriter) {
        let known = ["publish", "subscribe", "send", "receive"].contains(action)
        out.element("span", class: "api-method api-method-\(known ? action : "other")", action.uppercased())
    }
}

/// Renders AsyncAPI messages: named ones as links, inline ones with their headers and payload.
struct MessageRenderer {
    var schemas: SchemaRenderer
    let defaultContentType: String?

    /// A list of messages (or `$ref`s to them).
    mutating func list(_ messages: [YAMLNode], into out: inout HTMLWriter) {
        out.raw("<ul class=\"api-message-list\">\n")
        for message in messages {
            out.raw("<li class=\"api-message\">")
            if case .node(let node, _) = schemas.resolver.resolve(message) {
                contents(node, into: &out)
            } else {
                schemas.reference(message, into: &out)
            }
            out.raw("</li>\n")
        }
        out.raw("</ul>\n")
    }

    /// A message's name, title, summary, description, content type, headers and payload.
    mutating func contents(_ message: YAMLNode, into out: inout HTMLWriter) {
        if message.text("name") != nil || message.text("title") != nil {
            out.raw("<p class=\"api-message__name\">")
            if let name = message.text("name") { out.element("code", name) }
            if let title = message.text("title") {
                out.raw(" ")
                out.element("span", class: "api-message__title", title)
            }
            out.raw("</p>\n")
        }
        if let summary = message.text("summary") { out.paragraph(class: "api-message__summary", summary) }
        out.markdown(message.text("description"))
        if let contentType = message.text("contentType") ?? defaultContentType {
            out.raw("<p class=\"api-message__content-type\">Content type: ")
            out.element("code", contentType)
            out.raw("</p>\n")
        }
        for (key, label) in [("headers", "Headers"), ("payload", "Payload")] {
            guard let schema = message[key] else { continue }
            out.paragraph(class: "api-message__part", label)
            // 3.x multi-format schema: { schemaFormat, schema }.
            if let format = schema.text("schemaFormat") ?? (key == "payload" ? message.text("schemaFormat") : nil) {
                out.raw("<p class=\"api-message__schema-format\">Schema format: ")
                out.element("code", format)
                out.raw("</p>\n")
            }
            schemas.block(schema.text("schemaFormat") != nil ? schema["schema"] ?? schema : schema, into: &out)
        }
    }
}
