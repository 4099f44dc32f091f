import PortalYAML

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
