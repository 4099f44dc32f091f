import PortalYAML

/// The `info` object shared by OpenAPI and AsyncAPI.
struct APIInfo {
    var title: String?
    var version: String?
    /// Markdown.
    var description: String?
    /// Label and text pairs: license, contact, terms of service.
    var details: [(label: String, text: String)] = []

    init(_ node: YAMLNode?) {
        title = node?.text("title")
        version = node?.text("version")
        description = node?.text("description")
        if let license = node?["license"], let name = license.text("name") ?? license.text("identifier") {
            details.append(("License", name))
        }
        if let contact = node?["contact"] {
            let parts = ["name", "email", "url"].compactMap { contact.text($0) }
            if !parts.isEmpty { details.append(("Contact", parts.joined(separator: " · "))) }
        }
        if let terms = node?.text("termsOfService") { details.append(("Terms of service", terms)) }
    }
}

/// A server an API is reached at.
struct APIServer {
    var name: String?
    /// The URL (OpenAPI, AsyncAPI 2) or `host` + `pathname` (AsyncAPI 3), variables unexpanded.
    var url: String
    var protocolName: String?
    /// Markdown.
    var description: String?
    var variables: [Variable] = []

    struct Variable {
        var name: String
        var defaultValue: String?
        var values: [String]
        var description: String?
    }

    /// Reads a server object; nil when it names no URL or host.
    init?(name: String?, _ node: YAMLNode) {
        if let url = node.text("url") {
            self.url = url
        } else if let host = node.text("host") {
            url = host + (node.text("pathname") ?? "")
        } else {
            return nil
        }
        self.name = name
        protocolName = node.text("protocol").map { protocolName in
            node.text("protocolVersion").map { "\(protocolName) \($0)" } ?? protocolName
        }
        description = node.text("description")
        variables = (node["variables"]?.pairs ?? []).map { pair in
            Variable(name: pair.key.scalarText ?? "", defaultValue: pair.value.text("default"),
                     values: pair.value["enum"]?.items?.compactMap(\.scalarText) ?? [],
                     description: pair.value.text("description"))
        }
    }

    init(url: String) {
        self.url = url
    }
}

/// A reusable component with its own anchor: a named schema or message.
struct NamedComponent {
    var name: String
    /// The JSON-pointer path to the component (`["components", "schemas", "Pet"]`).
    var path: [String]
    var node: YAMLNode

    /// The entries of the mapping at `path` in `root`, in source order.
    static func all(at path: [String], in root: YAMLNode) -> [NamedComponent] {
        var node: YAMLNode? = root
        for key in path { node = node?[key] }
        return (node?.pairs ?? []).compactMap { pair in
            guard let name = pair.key.scalarText else { return nil }
            return NamedComponent(name: name, path: path + [name], node: pair.value)
        }
    }
}
