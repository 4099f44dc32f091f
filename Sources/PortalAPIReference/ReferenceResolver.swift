import PortalMarkdown
import PortalYAML

/// A component that has its own anchor in the reference: `$ref`s to it become links.
struct NamedTarget {
    var id: String
    var label: String
}

/// Resolves internal `$ref`s (`#/components/schemas/Pet`, JSON-pointer escaped) inside one document.
///
/// External references (other files, URLs) are never fetched: they resolve to ``Resolution/external(_:)``.
struct ReferenceResolver {
    /// Where a node leads once its `$ref`s are followed.
    enum Resolution {
        /// A node to render in place; `refs` are the canonical pointers followed to reach it.
        case node(YAMLNode, refs: [String])
        /// A component with its own anchor.
        case named(NamedTarget)
        /// A reference to another file or URL, as written.
        case external(String)
        /// An internal reference that points nowhere, and where it is written.
        case missing(String, Mark)
        /// A reference back into a node that is being expanded.
        case cycle(String)
    }

    let root: YAMLNode
    private var named: [String: NamedTarget] = [:]

    init(root: YAMLNode) {
        self.root = root
    }

    /// Makes `$ref`s to the node at `path` links to `target`.
    mutating func name(_ path: [String], _ target: NamedTarget) {
        named[Self.pointer(path)] = target
    }

    /// The named target for the node at `path`, if any.
    func target(at path: [String]) -> NamedTarget? {
        named[Self.pointer(path)]
    }

    /// Follows `node`'s `$ref` chain. Pointers in `expanding` (the nodes being rendered around
    /// this one) count as cycles, so recursion always stops.
    func resolve(_ node: YAMLNode, expanding: [String] = []) -> Resolution {
        var current = node
        var refs: [String] = []
        while let refNode = current["$ref"], let ref = refNode.scalarText {
            guard ref.hasPrefix("#") else { return .external(ref) }
            let canonical = Self.canonicalPointer(ref)
            if let target = named[canonical] { return .named(target) }
            if expanding.contains(canonical) || refs.contains(canonical) || refs.count > 32 { return .cycle(ref) }
            guard let next = self.node(at: Self.tokens(ref)) else { return .missing(ref, refNode.mark) }
            refs.append(canonical)
            current = next
        }
        return .node(current, refs: refs)
    }

    /// What an object (parameter, response, channel…) stands for once its `$ref`s are followed.
    enum Lookup {
        case node(YAMLNode)
        /// A reference to another file or URL, as written.
        case external(String)
    }

    /// Follows `node`'s `$ref`s to an object. A reference that points nowhere or back into
    /// itself is a problem (at its position) and gives nil.
    func object(_ node: YAMLNode, problems: inout [APIReferenceProblem]) -> Lookup? {
        switch resolve(node) {
        case .node(let resolved, _):
            return .node(resolved)
        case .external(let ref):
            return .external(ref)
        case .named:
            // Only schemas and messages are named, and readers run before they are.
            return nil
        case .missing(let ref, let mark):
            problems.append(APIReferenceProblem(line: mark.line, column: mark.column, message: "unresolved reference '\(ref)'"))
            return nil
        case .cycle(let ref):
            problems.append(APIReferenceProblem(line: node.mark.line, column: node.mark.column, message: "reference cycle at '\(ref)'"))
            return nil
        }
    }

    /// The node at the JSON pointer tokens `tokens`, if there is one.
    func node(at tokens: [String]) -> YAMLNode? {
        var current = root
        for token in tokens {
            switch current.content {
            case .mapping(let pairs):
                guard let pair = pairs.first(where: { $0.key.scalarText == token }) else { return nil }
                current = pair.value
            case .sequence(let items):
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            case .scalar:
                return nil
            }
        }
        return current
    }

    /// `pointer(tokens(ref))`: a fragment without `%` or `~` that starts with `#/` (or is `#`) is its own canonical form.
    static func canonicalPointer(_ ref: String) -> String {
        let utf8 = ref.utf8
        let plain = !utf8.contains { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "~") }
        if plain && (utf8.count == 1 || utf8.dropFirst().first == UInt8(ascii: "/")) { return ref }
        return pointer(tokens(ref))
    }

    /// `#/a/b~1c` for the path `["a", "b/c"]`.
    static func pointer(_ path: [String]) -> String {
        if !path.contains(where: { $0.utf8.contains { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") } }) {
            return path.reduce(into: "#") { result, token in
                result += "/"
                result += token
            }
        }
        var result = "#"
        for token in path {
            result += "/"
            for character in token {
                switch character {
                case "~": result += "~0"
                case "/": result += "~1"
                default: result.append(character)
                }
            }
        }
        return result
    }

    /// The unescaped tokens of the fragment `#/a/b~1c%20d`: `["a", "b/c d"]`.
    static func tokens(_ ref: String) -> [String] {
        let fragment = PercentDecoding.decoded(String(ref.dropFirst()))
        guard !fragment.isEmpty else { return [] }
        return fragment.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { token in
            // `replacing` is slow even when nothing matches, and most tokens have no escapes.
            guard token.utf8.contains(UInt8(ascii: "~")) else { return String(token) }
            return String(token).replacing("~1", with: "/").replacing("~0", with: "~")
        }
    }
}

extension YAMLNode {
    /// The scalar text under `key`, whatever its resolved type (`1.0` stays `1.0`).
    func text(_ key: String) -> String? {
        self[key]?.scalarText
    }

    /// Whether the value under `key` is the boolean true.
    func flag(_ key: String) -> Bool {
        self[key]?.scalarValue == .bool(true)
    }
}
