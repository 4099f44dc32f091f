/// Renders a ``ProtoFile``: overview, services with their rpcs, messages, enums. Message and
/// enum types defined in the file link to their definitions.
struct ProtoRenderer {
    let limits: APIReferenceLimits

    func render(_ file: ProtoFile, into out: inout HTMLWriter) {
        overview(file, into: &out)
        var links: [String: String] = [:]
        for message in file.messages.prefix(limits.maxSchemas) { links[message.name] = out.anchors.make("message", message.name) }
        for enumeration in file.enums.prefix(limits.maxSchemas) { links[enumeration.name] = out.anchors.make("enum", enumeration.name) }
        let types = TypeLinks(links: links, package: file.package)

        if !file.services.isEmpty {
            out.section(class: "api-services", id: out.anchors.make("services", ""), label: "Services", level: 1) { out in
                var rpcsLeft = limits.maxOperations
                for service in file.services where rpcsLeft > 0 {
                    self.service(service, types: types, limit: rpcsLeft, into: &out)
                    rpcsLeft -= min(rpcsLeft, service.rpcs.count)
                }
                out.omitted(file.services.reduce(0) { $0 + $1.rpcs.count } - limits.maxOperations, "more methods are not shown")
            }
        }
        if !file.messages.isEmpty {
            out.section(class: "api-messages", id: out.anchors.make("messages", ""), label: "Messages", level: 1) { out in
                for message in file.messages.prefix(limits.maxSchemas) {
                    out.section(class: "api-message-definition", id: links[message.name] ?? "", label: message.name, level: 2) { out in
                        out.markdown(message.description)
                        fields(message, types: types, into: &out)
                    }
                }
                out.omitted(file.messages.count - limits.maxSchemas, "more messages are not shown")
            }
        }
        if !file.enums.isEmpty {
            out.section(class: "api-enums", id: out.anchors.make("enums", ""), label: "Enums", level: 1) { out in
                for enumeration in file.enums.prefix(limits.maxSchemas) {
                    out.section(class: "api-enum-definition", id: links[enumeration.name] ?? "", label: enumeration.name, level: 2) { out in
                        values(enumeration, into: &out)
                    }
                }
                out.omitted(file.enums.count - limits.maxSchemas, "more enums are not shown")
            }
        }
    }

    private func overview(_ file: ProtoFile, into out: inout HTMLWriter) {
        let title = file.package.map { "package \($0)" } ?? "Protocol buffers"
        out.section(class: "api-info", id: out.anchors.make("overview", ""), label: title, level: 1) { out in
            out.raw("<p class=\"api-info__version\">")
            out.text(file.syntax ?? "proto2")
            if let package = file.package {
                out.raw(" · package ")
                out.element("code", package)
            }
            out.raw("</p>\n")
            if !file.imports.isEmpty {
                out.raw("<p class=\"api-info__imports\">Imports: ")
                for (index, path) in file.imports.enumerated() {
                    if index > 0 { out.raw(", ") }
                    out.element("code", path)
                }
                out.raw("</p>\n")
            }
            guard !file.options.isEmpty else { return }
            out.tableStart(class: "api-options", columns: ["Option", "Value"])
            for option in file.options {
                out.rowHeader(option.name, class: "api-option__name")
                out.raw("<td>")
                out.element("code", option.value)
                out.raw("</td></tr>\n")
            }
            out.tableEnd()
        }
    }

    private func service(_ service: ProtoService, types: TypeLinks, limit: Int, into out: inout HTMLWriter) {
        let serviceID = out.anchors.make("service", service.name)
        out.section(class: "api-service-definition", id: serviceID, label: service.name, level: 2) { out in
            out.markdown(service.description)
            guard !service.rpcs.isEmpty else { return }
            out.tableStart(class: "api-rpcs", columns: ["Method", "Request", "Response", "Description"])
            for rpc in service.rpcs.prefix(limit) {
                out.open("tr", [("id", out.anchors.make("rpc", "\(service.name) \(rpc.name)"))])
                out.raw("<th scope=\"row\">")
                out.element("code", class: "api-rpc__name", rpc.name)
                out.raw("</th><td>")
                messageType(rpc.request, streamed: rpc.isRequestStreamed, types: types, scope: [], into: &out)
                out.raw("</td><td>")
                messageType(rpc.response, streamed: rpc.isResponseStreamed, types: types, scope: [], into: &out)
                out.raw("</td><td>")
                out.markdown(rpc.description)
                out.raw("</td></tr>\n")
            }
            out.tableEnd()
        }
    }

    private func messageType(_ type: String, streamed: Bool, types: TypeLinks, scope: [String], into out: inout HTMLWriter) {
        if streamed { out.raw("<span class=\"api-stream\">stream</span> ") }
        out.raw("<code class=\"api-type-ref\">")
        types.write(type, scope: scope, into: &out)
        out.raw("</code>")
    }

    private func fields(_ message: ProtoMessage, types: TypeLinks, into out: inout HTMLWriter) {
        guard !message.fields.isEmpty else { return }
        let scope = message.name.split(separator: ".").map(String.init)
        out.tableStart(class: "api-fields", columns: ["Field", "Number", "Type", "Label", "Description"])
        for field in message.fields {
            out.rowHeader(field.name, class: "api-field__name")
            out.element("td", class: "api-field__number", field.number)
            out.raw("<td><code class=\"api-type-ref\">")
            if let key = field.mapKey {
                out.raw("map&lt;")
                types.write(key, scope: scope, into: &out)
                out.raw(", ")
                types.write(field.type, scope: scope, into: &out)
                out.raw("&gt;")
            } else {
                types.write(field.type, scope: scope, into: &out)
            }
            out.raw("</code></td><td class=\"api-field__label\">")
            if let label = field.label { out.text(label) }
            if let oneof = field.oneof {
                out.raw("oneof ")
                out.element("code", oneof)
            }
            out.raw("</td><td>")
            if field.isDeprecated { out.raw("<p class=\"api-deprecated\">Deprecated</p>") }
            out.markdown(field.description)
            out.raw("</td></tr>\n")
        }
        out.tableEnd()
    }

    private func values(_ enumeration: ProtoEnum, into out: inout HTMLWriter) {
        out.markdown(enumeration.description)
        guard !enumeration.values.isEmpty else { return }
        out.tableStart(class: "api-enum-values", columns: ["Value", "Number", "Description"])
        for value in enumeration.values {
            out.rowHeader(value.name, class: "api-field__name")
            out.element("td", class: "api-field__number", value.number)
            out.raw("<td>")
            out.markdown(value.description)
            out.raw("</td></tr>\n")
        }
        out.tableEnd()
    }

    /// Resolves type names the way protoc does: innermost scope first, then outwards.
    private struct TypeLinks {
        let links: [String: String]
        let package: String?

        func write(_ type: String, scope: [String], into out: inout HTMLWriter) {
            if let id = resolve(type, scope: scope) { out.link(to: id, type) } else { out.text(type) }
        }

        private func resolve(_ type: String, scope: [String]) -> String? {
            var name = Substring(type)
            if name.hasPrefix(".") {
                name = name.dropFirst()
                if let package, name.hasPrefix(package + ".") { name = name.dropFirst(package.count + 1) }
                return links[String(name)]
            }
            if let package, name.hasPrefix(package + "."), links[String(name)] == nil {
                name = name.dropFirst(package.count + 1)
            }
            for length in stride(from: scope.count, through: 0, by: -1) {
                let candidate = (scope.prefix(length) + [String(name)]).joined(separator: ".")
                if let id = links[candidate] { return id }
            }
            return nil
        }
    }
}
