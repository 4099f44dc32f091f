public import PortalYAML

/// Where an entity was read from.
public struct EntitySource: Sendable, Hashable {
    /// The descriptor's path as shown to the user (the ROOT argument plus the path inside it).
    public var file: String
    /// The descriptor's path relative to its ROOT, used for `backstage.io/managed-by-location`.
    public var rootRelativePath: String
    /// The path (relative to its ROOT) of the file whose reading led here, for
    /// `backstage.io/managed-by-origin-location`.
    public var originRootRelativePath: String
    /// Index of the repository in ``ScanResult/repositories``.
    public var repository: Int
    /// Position of the document's root mapping.
    public var line: Int
    public var column: Int
    /// Index of the document inside a multi-document file.
    public var documentIndex: Int

    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }
}

/// What a catalog entity and a published one (``OverlayEntity``) share: identity and the
/// document as written, so pages name and describe both the same way.
public protocol EntityDocument: Sendable {
    /// Canonical identity: lowercase `kind:namespace/name`.
    var ref: EntityRef { get }
    /// The kind as written (`Component`, or an unknown kind such as `Service`).
    var kind: String { get }
    /// The name as written (case kept for display).
    var name: String { get }
    /// The namespace, `default` when not written.
    var namespace: String { get }
    /// The whole document.
    var document: YAMLNode { get }
}

extension EntityDocument {
    /// Whether Backstage's default model (or a first-party plugin) defines this kind.
    public var isKnownKind: Bool { KindSchema.known[kind] != nil }

    public var metadata: YAMLNode? { document["metadata"] }
    public var spec: YAMLNode? { document["spec"] }

    /// `metadata.title`, else the name.
    public var displayTitle: String { metadata?["title"]?.stringValue ?? name }

    /// A `spec` field's string value.
    public func specString(_ key: String) -> String? { spec?[key]?.stringValue }

    /// Whether the entity has TechDocs, its own (`techdocs-ref`) or another entity's (`techdocs-entity`).
    public var hasDocs: Bool {
        annotation("backstage.io/techdocs-ref") != nil || annotation("backstage.io/techdocs-entity") != nil
    }

    /// An annotation's string value.
    public func annotation(_ key: String) -> String? { metadata?["annotations"]?[key]?.stringValue }
}

/// One catalog entity as written, after placeholder substitution and validation.
public struct Entity: EntityDocument {
    public var ref: EntityRef
    public var kind: String
    public var apiVersion: String
    public var name: String
    public var namespace: String
    /// The whole document with placeholders resolved.
    public var document: YAMLNode
    public var source: EntitySource
}
