import PortalYAML

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
