import PortalYAML

/// Reads an AsyncAPI document tree into an ``AsyncAPIDocument``.
struct AsyncAPIReader {
    private let resolver: ReferenceResolver
    private(set) var problems: [APIReferenceProblem] = []

    /// Reads `root`, the root mapping of a document that has an `asyncapi` field.
    static func read(_ root: YAMLNode, resolver: ReferenceResolver) -> (AsyncAPIDocument, [APIReferenceProblem]) {
        var reader = AsyncAPIReader(resolver: resolver)
        let version = root.text("asyncapi") ?? ""
        var document = AsyncAPIDocument(version: version, info: APIInfo(root["info"]))
        document.servers = (root["servers"]?.pairs ?? []).compactMap { pair in
            reader.object(pair.value).flatMap { APIServer(name: pair.key.scalarText, $0) }
        }
        document.defaultContentType = root.text("defaultContentType")
        document.channels = (root["channels"]?.pairs ?? []).compactMap { pair in
            guard let key = pair.key.scalarText, let node = reader.object(pair.value) else { return nil }
            return reader.channel(key, node, isV3: !version.hasPrefix("2"))
        }
        document.operations = (root["operations"]?.pairs ?? []).compactMap { pair in
            reader.object(pair.value).map { reader.operation(id: pair.key.scalarText, action: $0.text("action") ?? "", $0) }
        }
        document.messages = NamedComponent.all(at: ["components", "messages"], in: root)
        document.schemas = NamedComponent.all(at: ["components", "schemas"], in: root)
        return (document, reader.problems)
    }

    private mutating func channel(_ key: String, _ node: YAMLNode, isV3: Bool) -> AsyncAPIChannel {
        var channel = AsyncAPIChannel(key: key, address: isV3 ? node.text("address") : key, title: node.text("title"),
                                      summary: node.text("summary"), description: node.text("description"))
        channel.parameters = (node["parameters"]?.pairs ?? []).compactMap { pair in
            guard let parameter = object(pair.value) else { return nil }
            return AsyncAPIParameter(name: pair.key.scalarText ?? "", description: parameter.text("description"),
                                     schema: isV3 ? Self.stringSchema(parameter) : parameter["schema"],
                                     location: parameter.text("location"))
        }
        for action in ["publish", "subscribe"] {
            guard let operation = node[action].flatMap({ object($0) }) else { continue }
            channel.operations.append(self.operation(id: operation.text("operationId"), action: action, operation))
        }
        channel.messages = (node["messages"]?.pairs ?? []).map(\.value)
        return channel
    }

    private mutating func operation(id: String?, action: String, _ node: YAMLNode) -> AsyncAPIOperation {
        var operation = AsyncAPIOperation(id: id, action: action, title: node.text("title"), summary: node.text("summary"),
                                          description: node.text("description"))
        if let ref = node["channel"]?.text("$ref") {
            let tokens = ReferenceResolver.tokens(ref)
            if tokens.count == 2, tokens[0] == "channels" { operation.channel = tokens[1] }
        }
        if let message = node["message"] {
            // 2.x: one message, or `oneOf` several.
            operation.messages = message["oneOf"]?.items ?? [message]
        } else {
            operation.messages = node["messages"]?.items ?? []
        }
        return operation
    }

    /// A 3.x parameter (always a string, with `enum` and `default`) as a schema.
    private static func stringSchema(_ parameter: YAMLNode) -> YAMLNode {
        let kept = (parameter.pairs ?? []).filter { ["enum", "default"].contains($0.key.scalarText ?? "") }
        let type = YAMLPair(key: .string("type", at: parameter.mark), value: .string("string", at: parameter.mark))
        return YAMLNode(.mapping([type] + kept), mark: parameter.mark)
    }

    /// Follows a `$ref` to a server, channel, operation or parameter; a missing one is a problem.
    private mutating func object(_ node: YAMLNode) -> YAMLNode? {
        guard case .node(let resolved)? = resolver.object(node, problems: &problems) else { return nil }
        return resolved
    }
}
