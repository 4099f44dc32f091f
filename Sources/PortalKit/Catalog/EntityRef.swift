/// A canonical reference to an entity: `kind:namespace/name`, all lowercase.
///
/// Backstage compares references case-insensitively; keeping the lowercase form makes
/// equality and hashing do the same.
public struct EntityRef: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let kind: String
    public let namespace: String
    public let name: String

    public init(kind: String, namespace: String, name: String) {
        self.kind = Self.lowercase(kind)
        self.namespace = Self.lowercase(namespace)
        self.name = Self.lowercase(name)
    }

    /// en-US lowercasing, skipping the copy for text that is already lowercase ASCII.
    private static func lowercase(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }) { return text }
        return text.lowercased()
    }

    /// `kind:namespace/name`, the form Backstage uses in `relations[].targetRef`.
    public var description: String { "\(kind):\(namespace)/\(name)" }

    public static func < (lhs: EntityRef, rhs: EntityRef) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name) < (rhs.kind, rhs.namespace, rhs.name)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try EntityRef.parse(text, defaultKind: nil, defaultNamespace: "default")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Why a reference string could not be parsed.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case emptyPart(String)
        case missingKind

        public var description: String {
            switch self {
            case .empty: "the reference is empty"
            case .emptyPart(let part): "the reference has an empty \(part)"
            case .missingKind: "the reference has no kind, and this field has no default kind (write it as kind:name, e.g. component:my-service)"
            }
        }
    }

    /// Parses `[kind:][namespace/]name` the way Backstage's `parseEntityRef` does.
    ///
    /// Surrounding white space is trimmed. A `/` before the first `:` means there is no kind.
    /// Missing parts take the given defaults; a missing kind without a default is an error.
    public static func parse(_ text: String, defaultKind: String?, defaultNamespace: String) throws(ParseError) -> EntityRef {
        let trimmed = text.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .empty }
        let colon = trimmed.firstIndex(of: ":")
        let slash = trimmed.firstIndex(of: "/")
        var kind: Substring?
        var rest = Substring(trimmed)
        if let colon, slash.map({ colon < $0 }) ?? true {
            kind = trimmed[..<colon]
            rest = trimmed[trimmed.index(after: colon)...]
        }
        var namespace: Substring?
        var name = rest
        if let slashInRest = rest.firstIndex(of: "/") {
            namespace = rest[..<slashInRest]
            name = rest[rest.index(after: slashInRest)...]
        }
        if let kind, kind.isEmpty { throw .emptyPart("kind") }
        if let namespace, namespace.isEmpty { throw .emptyPart("namespace") }
        if name.isEmpty { throw .emptyPart("name") }
        guard let resolvedKind = kind.map(String.init) ?? defaultKind else { throw .missingKind }
        return EntityRef(kind: resolvedKind, namespace: namespace.map(String.init) ?? defaultNamespace, name: String(name))
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    package var trimmingWhitespace: String {
        let bytes = utf8
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = bytes.first, let last = bytes.last else { return self }
        if !isSpace(first) && !isSpace(last) { return self }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = bytes.lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
