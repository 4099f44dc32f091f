import PortalYAML

/// Reads published catalogs for an overlay preview: the `catalog.json` that `build` writes
/// (`{"items": [...]}`), or Backstage's `/api/catalog/entities` output (a bare array or
/// `{"items": [...]}`). JSON is read with the YAML parser, so every problem has a line and
/// column. A file that cannot be used is reported and left out; so is an item without a kind
/// or name. Nothing here stops the build.
public struct OverlayLoader: Sendable {
    public var limits: InputLimits
    /// Absolute folders an overlay may not be read from (the output folder, which the build replaces).
    public var excludedPaths: [String]
    /// What the file is called in messages: "overlay", or "catalog" for `diff`.
    public var noun: String

    public init(limits: InputLimits = InputLimits(), excludedPaths: [String] = [], noun: String = "overlay") {
        self.limits = limits
        self.noun = noun
        self.excludedPaths = excludedPaths.map { FileSystem.realPath($0) ?? Path.join(FileSystem.currentDirectory, $0) }
    }

    /// The entities of every file in `paths` (as the user wrote them); the first file wins
    /// where two hold the same reference.
    public func load(_ paths: [String], into diagnostics: inout Diagnostics) -> OverlayCatalog {
        OverlayCatalog(paths.flatMap { loadFile($0, into: &diagnostics) })
    }

    func loadFile(_ path: String, into diagnostics: inout Diagnostics) -> [OverlayEntity] {
        let file = SourceLocation(file: path)
        switch FileSystem.resolvedType(of: path) {
        case .file:
            if let real = FileSystem.realPath(path), excludedPaths.contains(where: { Path.isInside(real, $0) }) {
                diagnostics.add(.error, .overlayUnreadable, at: file,
                                "the \(noun) is inside the output folder, which the build replaces; copy it elsewhere first")
                return []
            }
        case nil:
            diagnostics.add(.error, .overlayUnreadable, at: file, "the \(noun) file does not exist")
            return []
        default:
            diagnostics.add(.error, .overlayUnreadable, at: file, "the \(noun) is not a file")
            return []
        }
        let bytes: [UInt8]
        switch FileSystem.read(path, limit: limits.maxFileBytes) {
        case .bytes(let read): bytes = read
        case .tooLarge(let size):
            diagnostics.add(.error, .overlayUnreadable, at: file,
                            "the \(noun) file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes (--max-file-size); it is not read")
            return []
        case .failed(let reason):
            diagnostics.add(.error, .overlayUnreadable, at: file, "could not read the \(noun) file: \(reason)")
            return []
        }
        let yamlLimits = YAMLLimits(maxAliasExpansion: limits.maxAliasExpansion, maxDepth: limits.maxDepth)
        let documents = Self.joiningSurrogatePairs(bytes).withUnsafeBytes { YAMLParser.parse(bytes: $0, limits: yamlLimits) }
        if let error = documents.lazy.compactMap(\.error).first {
            diagnostics.add(.error, .overlayInvalid, at: location(path, error.mark), "the \(noun) does not parse as JSON: \(error.message)")
            return []
        }
        let expected = "expected a JSON array of entities or an object with an \"items\" array"
        guard let root = documents.lazy.compactMap(\.root).first(where: { !$0.isNull }) else {
            diagnostics.add(.error, .overlayInvalid, at: file, "the \(noun) file is empty; \(expected)")
            return []
        }
        let items: [YAMLNode]
        if let list = root.items {
            items = list
        } else if let value = root["items"] {
            guard let list = value.items else {
                diagnostics.add(.error, .overlayInvalid, at: location(path, value.mark), "\"items\" must be an array of entities, not \(value.typeDescription)")
                return []
            }
            items = list
        } else {
            diagnostics.add(.error, .overlayInvalid, at: location(path, root.mark),
                            "\(expected), not \(root.pairs == nil ? root.typeDescription : "an object without \"items\"")")
            return []
        }
        return items.compactMap { entity($0, file: path, into: &diagnostics) }
    }

    /// One item as an entity, or nil (reported) when it has no usable kind or name.
    private func entity(_ item: YAMLNode, file: String, into diagnostics: inout Diagnostics) -> OverlayEntity? {
        func leftOut(_ node: YAMLNode, _ problem: String) -> OverlayEntity? {
            diagnostics.add(.warning, .overlayInvalid, at: location(file, node.mark), "\(problem); the item is left out")
            return nil
        }
        guard item.pairs != nil else { return leftOut(item, "each \(noun) item must be an entity object, not \(item.typeDescription)") }
        guard let kindNode = item["kind"] else { return leftOut(item, "the \(noun) item has no kind") }
        guard let kind = kindNode.stringValue, !kind.isEmpty else { return leftOut(kindNode, "kind must be a non-empty string") }
        guard let metadata = item["metadata"] else { return leftOut(item, "the \(noun) item (\(kind)) has no metadata") }
        guard metadata.pairs != nil else { return leftOut(metadata, "metadata must be an object, not \(metadata.typeDescription)") }
        guard let nameNode = metadata["name"] else { return leftOut(metadata, "the \(noun) item (\(kind)) has no metadata.name") }
        guard let name = nameNode.stringValue, !name.isEmpty else { return leftOut(nameNode, "metadata.name must be a non-empty string") }
        var namespace = "default"
        if let namespaceNode = metadata["namespace"], !namespaceNode.isNull {
            guard let text = namespaceNode.stringValue, !text.isEmpty else {
                return leftOut(namespaceNode, "metadata.namespace must be a non-empty string")
            }
            namespace = text
        }
        var declared: Set<Relation> = []
        KindSchema.forEachReference(kind: kind, spec: item["spec"], namespace: namespace) { _, rule, _, _, parsed in
            if case .success(let target) = parsed { declared.insert(Relation(type: rule.forward, target: target)) }
        }
        return OverlayEntity(ref: EntityRef(kind: kind, namespace: namespace, name: name), kind: kind, name: name, namespace: namespace,
                             document: item, location: location(file, item.mark),
                             relations: Self.listedRelations(item["relations"]), declared: declared.sorted())
    }

    /// `relations: [{type, targetRef}]`, also with Backstage's older `target: {kind, namespace, name}`.
    /// Entries of another shape are skipped: they cannot be followed.
    static func listedRelations(_ node: YAMLNode?) -> [Relation] {
        var relations: Set<Relation> = []
        for entry in node?.items ?? [] {
            guard let type = entry["type"]?.stringValue, !type.isEmpty else { continue }
            if let text = entry["targetRef"]?.stringValue {
                if let target = try? EntityRef.parse(text, defaultKind: nil, defaultNamespace: "default") {
                    relations.insert(Relation(type: type, target: target))
                }
            } else if let target = entry["target"], let kind = target["kind"]?.stringValue, let name = target["name"]?.stringValue,
                      !kind.isEmpty, !name.isEmpty {
                relations.insert(Relation(type: type, target: EntityRef(kind: kind, namespace: target["namespace"]?.stringValue ?? "default", name: name)))
            }
        }
        return relations.sorted()
    }

    /// JSON writes a character outside the Basic Multilingual Plane as a pair of UTF-16 escapes
    /// (`\ud83d\ude00`, as Python's `json.dumps` does); YAML takes one `\U0001f600` instead.
    /// Text after such a pair on the same line is reported 2 columns to the left per pair.
    static func joiningSurrogatePairs(_ bytes: [UInt8]) -> [UInt8] {
        func unit(at index: Int) -> UInt32? {  // the 4 hex digits of `\uXXXX` at `index`
            guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { return nil }
            return UInt32(String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16)
        }
        // Most files hold none: look before copying anything.
        guard bytes.indices.contains(where: { bytes[$0] == UInt8(ascii: "\\") && (unit(at: $0).map { (0xD800...0xDBFF).contains($0) } ?? false) })
        else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), let high = unit(at: index), (0xD800...0xDBFF).contains(high),
               let low = unit(at: index + 6), (0xDC00...0xDFFF).contains(low) {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                let hex = String(scalar, radix: 16)
                output += Array("\\U".utf8) + Array(repeating: UInt8(ascii: "0"), count: 8 - hex.utf8.count) + Array(hex.utf8)
                index += 12
            } else if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                output += bytes[index...index + 1]  // an escaped character, `\\` included, is never the start of a pair
                index += 2
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    private func location(_ file: String, _ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }
}
