import PortalYAML

/// Reads an OpenAPI 3.x or Swagger 2.0 document tree into an ``OpenAPIDocument``.
///
/// Parameters, request bodies, responses, headers and path items given as internal `$ref`s
/// are resolved here; a `$ref` that points nowhere is a problem at its position.
struct OpenAPIReader {
    private let root: YAMLNode
    private let resolver: ReferenceResolver
    private let isSwagger: Bool
    private(set) var problems: [APIReferenceProblem] = []

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    /// Keys of a Swagger 2.0 parameter or header that are not part of its schema.
    private static let nonSchemaKeys: Set<String> = ["name", "in", "description", "required", "deprecated",
                                                     "allowEmptyValue", "collectionFormat"]

    /// Reads `root`, the root mapping of a document that has an `openapi` or `swagger` field.
    static func read(_ root: YAMLNode, resolver: ReferenceResolver) -> (OpenAPIDocument, [APIReferenceProblem]) {
        let swaggerVersion = root.text("swagger")
        var reader = OpenAPIReader(root: root, resolver: resolver, isSwagger: swaggerVersion != nil)
        let document = reader.document(version: swaggerVersion ?? root.text("openapi") ?? "")
        return (document, reader.problems)
    }

    private init(root: YAMLNode, resolver: ReferenceResolver, isSwagger: Bool) {
        self.root = root
        self.resolver = resolver
        self.isSwagger = isSwagger
    }

    private mutating func document(version: String) -> OpenAPIDocument {
        var document = OpenAPIDocument(version: version, isSwagger: isSwagger, info: APIInfo(root["info"]))
        document.servers = isSwagger ? swaggerServers() : (root["servers"]?.items ?? []).compactMap { APIServer(name: nil, $0) }
        document.groups = groups()
        document.schemas = NamedComponent.all(at: isSwagger ? ["definitions"] : ["components", "schemas"], in: root)
        return document
    }

    /// `schemes` × `host` + `basePath`.
    private func swaggerServers() -> [APIServer] {
        let basePath = root.text("basePath") ?? ""
        guard let host = root.text("host") else {
            return basePath.isEmpty ? [] : [APIServer(url: basePath)]
        }
        let schemes = root["schemes"]?.items?.compactMap(\.scalarText) ?? []
        guard !schemes.isEmpty else { return [APIServer(url: host + basePath)] }
        return schemes.map { APIServer(url: "\($0)://\(host)\(basePath)") }
    }

    // MARK: - Operations

    private mutating func groups() -> [OperationGroup] {
        var groups: [OperationGroup] = []
        var index: [String: Int] = [:]
        for tag in root["tags"]?.items ?? [] {
            guard let name = tag.text("name"), index[name] == nil else { continue }
            index[name] = groups.count
            groups.append(OperationGroup(name: name, description: tag.text("description")))
        }
        var untagged: [OpenAPIOperation] = []
        for (path, pathItem) in pathItems(root["paths"]) {
            for (operation, tags) in operations(path: path, pathItem) {
                if tags.isEmpty { untagged.append(operation) }
                for tag in tags {
                    if index[tag] == nil {
                        index[tag] = groups.count
                        groups.append(OperationGroup(name: tag))
                    }
                    groups[index[tag]!].operations.append(operation)
                }
            }
        }
        groups.removeAll { $0.operations.isEmpty }
        if !untagged.isEmpty {
            if let existing = groups.firstIndex(where: { $0.name == "default" }) {
                groups[existing].operations += untagged
            } else {
                groups.append(OperationGroup(name: "default", operations: untagged))
            }
        }
        var webhooks = OperationGroup(name: "Webhooks", isWebhooks: true)
        for (name, pathItem) in pathItems(root["webhooks"]) {
            webhooks.operations += operations(path: name, pathItem).map(\.operation)
        }
        if !webhooks.operations.isEmpty { groups.append(webhooks) }
        return groups
    }

    /// The entries of `paths` or `webhooks`, with path items given as `$ref`s resolved.
    private mutating func pathItems(_ node: YAMLNode?) -> [(String, YAMLNode)] {
        (node?.pairs ?? []).compactMap { pair in
            guard let name = pair.key.scalarText, case .node(let item)? = resolve(pair.value) else { return nil }
            return (name, item)
        }
    }

    private mutating func operations(path: String, _ pathItem: YAMLNode) -> [(operation: OpenAPIOperation, tags: [String])] {
        let shared = pathItem["parameters"]?.items ?? []
        return Self.methods.compactMap { method in
            guard let node = pathItem[method], node.pairs != nil else { return nil }
            var operation = OpenAPIOperation(method: method, path: path, operationID: node.text("operationId"),
                                             summary: node.text("summary"), description: node.text("description"),
                                             isDeprecated: node.flag("deprecated"))
            parameters(shared + (node["parameters"]?.items ?? []), of: node, into: &operation)
            if let body = node["requestBody"] { operation.requestBody = requestBody(body) }
            operation.responses = (node["responses"]?.pairs ?? []).compactMap { pair in
                pair.key.scalarText.flatMap { response($0, pair.value, of: node) }
            }
            return (operation, node["tags"]?.items?.compactMap(\.scalarText) ?? [])
        }
    }

    /// Path-level and operation parameters; the operation's win when name and location match.
    private mutating func parameters(_ nodes: [YAMLNode], of operationNode: YAMLNode, into operation: inout OpenAPIOperation) {
        var parameters: [OpenAPIParameter] = []
        for node in nodes {
            let parameter: YAMLNode
            switch resolve(node) {
            case .node(let resolved)? where resolved.pairs != nil: parameter = resolved
            case .external(let ref)?:
                parameters.append(OpenAPIParameter(name: ref, externalRef: ref))
                continue
            case .node?, nil: continue
            }
            if isSwagger, parameter.text("in") == "body" {
                operation.requestBody = OpenAPIBody(
                    description: parameter.text("description"), isRequired: parameter.flag("required"),
                    content: [MediaContent(mediaTypes: mediaTypes("consumes", of: operationNode), schema: parameter["schema"])])
                continue
            }
            let read = self.parameter(parameter)
            parameters.removeAll { $0.name == read.name && $0.location == read.location }
            parameters.append(read)
        }
        operation.parameters = parameters
    }

    private func parameter(_ node: YAMLNode) -> OpenAPIParameter {
        var parameter = OpenAPIParameter(name: node.text("name") ?? "", location: node.text("in"),
                                         isRequired: node.flag("required"), isDeprecated: node.flag("deprecated"),
                                         description: node.text("description"))
        parameter.schema = isSwagger ? Self.schemaPart(of: node) : (node["schema"] ?? firstSchema(in: node["content"]))
        return parameter
    }

    private mutating func requestBody(_ node: YAMLNode) -> OpenAPIBody? {
        switch resolve(node) {
        case .node(let body)?:
            return OpenAPIBody(description: body.text("description"), isRequired: body.flag("required"),
                               content: content(body["content"]))
        case .external(let ref)?:
            return OpenAPIBody(externalRef: ref)
        case nil:
            return nil
        }
    }

    private mutating func response(_ status: String, _ node: YAMLNode, of operationNode: YAMLNode) -> OpenAPIResponse? {
        switch resolve(node) {
        case .node(let response)?:
            var read = OpenAPIResponse(status: status, description: response.text("description"))
            read.headers = (response["headers"]?.pairs ?? []).compactMap { pair in
                guard case .node(let header)? = resolve(pair.value) else { return nil }
                var parameter = self.parameter(header)
                parameter.name = pair.key.scalarText ?? ""
                parameter.location = nil
                return parameter
            }
            if isSwagger {
                if let schema = response["schema"] {
                    read.content = [MediaContent(mediaTypes: mediaTypes("produces", of: operationNode), schema: schema)]
                }
            } else {
                read.content = content(response["content"])
            }
            return read
        case .external(let ref)?:
            return OpenAPIResponse(status: status, externalRef: ref)
        case nil:
            return nil
        }
    }

    // MARK: - Media

    /// The media types of a 3.x `content` map; neighbours with the same schema `$ref` are merged.
    private func content(_ node: YAMLNode?) -> [MediaContent] {
        var result: [MediaContent] = []
        for pair in node?.pairs ?? [] {
            let type = pair.key.scalarText ?? ""
            let schema = pair.value["schema"]
            if let last = result.last, let ref = schema?.text("$ref"), last.schema?.text("$ref") == ref {
                result[result.count - 1].mediaTypes.append(type)
            } else {
                result.append(MediaContent(mediaTypes: [type], schema: schema))
            }
        }
        return result
    }

    private func firstSchema(in content: YAMLNode?) -> YAMLNode? {
        content?.pairs?.lazy.compactMap { $0.value["schema"] }.first
    }

    /// Swagger 2.0 `consumes` or `produces`: the operation's, else the document's, else JSON.
    private func mediaTypes(_ key: String, of operation: YAMLNode) -> [String] {
        let types = (operation[key] ?? root[key])?.items?.compactMap(\.scalarText) ?? []
        return types.isEmpty ? ["application/json"] : types
    }

    /// A Swagger 2.0 parameter or header without the keys that describe the parameter, leaving its schema.
    static func schemaPart(of node: YAMLNode) -> YAMLNode {
        guard let pairs = node.pairs else { return node }
        return YAMLNode(.mapping(pairs.filter { !nonSchemaKeys.contains($0.key.scalarText ?? "") }), mark: node.mark)
    }

    // MARK: - References

    private mutating func resolve(_ node: YAMLNode) -> ReferenceResolver.Lookup? {
        resolver.object(node, problems: &problems)
    }
}
