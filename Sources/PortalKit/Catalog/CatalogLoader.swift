import PortalYAML

/// Reads descriptor files into entities: parses YAML, resolves placeholders, validates,
/// follows Location targets (in rounds, parsing each round's files in parallel), detects
/// cycles and duplicates, and leaves Template skeletons out.
public struct CatalogLoader: Sendable {
    public var limits: InputLimits

    public init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }

    /// A Location target that was resolved to a file.
    struct LocationEdge: Sendable {
        var target: String
        var repository: Int
        var origin: SourceLocation
        var text: String
    }

    /// What reading one file produced.
    struct FileLoad: Sendable {
        var file: DescriptorFile
        var displayPath: String
        var entities: [Entity] = []
        var diagnostics = Diagnostics()
        var edges: [LocationEdge] = []
        /// Absolute folders holding Template skeletons declared in this file.
        var templateSources: [String] = []
        /// Files read through `$text`, `$json` and `$yaml` placeholders.
        var placeholderFiles: [String] = []
    }

    public func load(_ scan: ScanResult, into diagnostics: inout Diagnostics) -> LoadedCatalog {
        var loads: [String: FileLoad] = [:]
        var order: [String] = []
        var pending = scan.descriptors
        var queued = Set(pending.map(\.path))
        while !pending.isEmpty {
            let round = parallelMap(pending) { loadFile($0, scan: scan) }
            pending = []
            for load in round {
                loads[load.file.path] = load
                order.append(load.file.path)
                for edge in load.edges where !queued.contains(edge.target) {
                    queued.insert(edge.target)
                    pending.append(DescriptorFile(path: edge.target, repository: edge.repository,
                                                  origin: load.file.origin, originRepository: load.file.originRepository))
                }
            }
        }
        reportCycles(loads, order: order, into: &diagnostics)
        let skeletons = loads.values.flatMap(\.templateSources)
        var files: [LoadedFile] = []
        var entities: [Entity] = []
        let sortedPaths = order.map { path -> (root: Int, display: String, path: String) in
            let load = loads[path]!
            return (scan.repositories[load.file.repository].root, load.displayPath, path)
        }.sorted { ($0.root, $0.display) < ($1.root, $1.display) }.map(\.path)
        for path in sortedPaths {
            let load = loads[path]!
            if let skeleton = skeletons.first(where: { Path.isInside(path, $0) }) {
                diagnostics.add(.info, .templateSource, at: SourceLocation(file: load.displayPath),
                                "template source inside the skeleton '\(Path.fileName(of: skeleton))' of a Template; not read as an entity")
                continue
            }
            diagnostics.add(contentsOf: load.diagnostics)
            entities += load.entities
            files.append(LoadedFile(path: path, displayPath: load.displayPath, repository: load.file.repository,
                                    entityCount: load.entities.count, placeholderFiles: load.placeholderFiles))
        }
        return LoadedCatalog(scan: scan, entities: removingDuplicates(entities, into: &diagnostics), files: files)
    }

    // MARK: - One file

    func loadFile(_ file: DescriptorFile, scan: ScanResult) -> FileLoad {
        let display = scan.displayPath(file.path, in: file.repository)
        var load = FileLoad(file: file, displayPath: display)
        let bytes: [UInt8]
        switch FileSystem.read(file.path, limit: limits.maxFileBytes) {
        case .bytes(let read): bytes = read
        case .tooLarge(let size):
            load.diagnostics.add(.error, .inputTooLarge, at: SourceLocation(file: display),
                                 "file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes; it is not read")
            return load
        case .failed(let reason):
            load.diagnostics.add(.error, .inputUnreadable, at: SourceLocation(file: display), "could not read the file: \(reason)")
            return load
        }
        read(bytes, into: &load, scan: scan)
        return load
    }

    /// Loads `bytes` as the descriptor `path` of a repository at `repository` (which need not
    /// exist; placeholders and Location targets are resolved against it): the path of the fuzz
    /// target (`Sources/fuzz-catalog`) through parsing, placeholders and validation.
    package func loadDescriptor(_ bytes: [UInt8], path: String, repository: String) -> (entities: [Entity], diagnostics: Diagnostics) {
        var scan = ScanResult()
        scan.roots = [InputRoot(argument: repository, path: repository, kind: .repository)]
        scan.repositories = [Repository(name: Path.fileName(of: repository), path: repository, displayPath: repository,
                                        rootRelativePath: "", root: 0)]
        scan.descriptors = [DescriptorFile(path: path, repository: 0)]
        scan.indexRepositories()
        var load = FileLoad(file: scan.descriptors[0], displayPath: scan.displayPath(path, in: 0))
        read(bytes, into: &load, scan: scan)
        return (load.entities, load.diagnostics)
    }

    /// Parses, substitutes placeholders in and validates the documents of one file's `bytes`.
    private func read(_ bytes: [UInt8], into load: inout FileLoad, scan: ScanResult) {
        let file = load.file
        let display = load.displayPath
        let yamlLimits = YAMLLimits(maxAliasExpansion: limits.maxAliasExpansion, maxDepth: limits.maxDepth)
        let documents = bytes.withUnsafeBytes { YAMLParser.parse(bytes: $0, limits: yamlLimits) }
        let repository = scan.repositories[file.repository]
        let placeholder = Placeholder(directory: Path.directory(of: file.path), repositoryPath: repository.path,
                                      file: display, limits: limits)
        let validator = EntityValidator(file: display)
        var documentCount = 0
        var failed = false
        for (index, document) in documents.enumerated() {
            for warning in document.warnings {
                load.diagnostics.add(.warning, .yamlDuplicateKey, at: location(display, warning.mark), warning.message)
            }
            if let error = document.error {
                load.diagnostics.add(.error, Self.diagnosticID(error.kind), at: location(display, error.mark), error.message)
                failed = true
                continue
            }
            guard let root = document.root, !root.isNull else { continue }
            documentCount += 1
            guard root.pairs != nil else {
                load.diagnostics.add(.error, .notAnEntity, at: location(display, root.mark),
                                     "expected an entity (an object with apiVersion, kind and metadata), got \(root.typeDescription)")
                failed = true
                continue
            }
            if root["apiVersion"] == nil && root["kind"] == nil {
                load.diagnostics.add(.error, .notAnEntity, at: location(display, root.mark), Self.notAnEntityMessage(root))
                failed = true
                continue
            }
            let resolved = placeholder.substitute(root, read: &load.placeholderFiles, into: &load.diagnostics)
            let errorsBefore = load.diagnostics.count(.error)
            guard let identity = validator.validate(resolved, into: &load.diagnostics) else {
                failed = true
                continue
            }
            if load.diagnostics.count(.error) > errorsBefore { failed = true }
            let entity = Entity(
                ref: EntityRef(kind: identity.kind, namespace: identity.namespace, name: identity.name),
                kind: identity.kind, apiVersion: identity.apiVersion, name: identity.name, namespace: identity.namespace,
                document: resolved,
                source: EntitySource(file: display, rootRelativePath: scan.rootRelativePath(file.path, in: file.repository),
                                     originRootRelativePath: scan.rootRelativePath(file.origin, in: file.originRepository),
                                     repository: file.repository, line: root.mark.line, column: root.mark.column,
                                     documentIndex: index))
            if identity.kind == "Location" {
                let (edges, problems) = LocationTargets(scan: scan, limits: limits).resolve(entity, file: file)
                load.edges += edges
                load.diagnostics.add(contentsOf: problems)
            }
            if identity.kind == "Template" {
                load.templateSources += Self.skeletonFolders(of: entity, file: file.path)
            }
            load.entities.append(entity)
        }
        if failed, !load.entities.contains(where: { $0.kind == "Template" }), let mark = Self.firstTemplateExpression(in: bytes) {
            load.diagnostics.add(.info, .unrenderedTemplate, at: location(display, mark),
                                 "this file holds scaffolder expressions (${{ … }}): it looks like template source, not a finished descriptor")
        }
        if documentCount == 0 && !failed {
            load.diagnostics.add(.warning, .noEntities, at: SourceLocation(file: display),
                                 bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
                                    ? "the file is empty, so it defines no entity"
                                    : "the file holds only empty documents or comments, so it defines no entity")
        }
    }

    private func location(_ file: String, _ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    static func diagnosticID(_ kind: YAMLProblem.Kind) -> DiagnosticID {
        switch kind {
        case .syntax: .yamlSyntax
        case .aliasExpansion: .yamlAliasExpansion
        case .tooDeep: .yamlTooDeep
        case .undefinedAlias: .yamlUndefinedAlias
        case .duplicateKey: .yamlDuplicateKey
        }
    }

    /// Explains a mapping that is not an entity, naming the format when it is a familiar one.
    static func notAnEntityMessage(_ root: YAMLNode) -> String {
        let base = "not a Backstage entity: the document has no apiVersion or kind"
        if root["openapi"] != nil || root["swagger"] != nil {
            return base + " (it looks like an OpenAPI document; point an API entity's spec.definition at it with $text)"
        }
        if root["asyncapi"] != nil {
            return base + " (it looks like an AsyncAPI document; point an API entity's spec.definition at it with $text)"
        }
        if root["jobs"] != nil && root["on"] != nil { return base + " (it looks like a GitHub Actions workflow)" }
        if root["configVersion"] != nil && root["typeId"] != nil { return base + " (it looks like an Atlassian Compass file)" }
        if root["accelerator"] != nil { return base + " (it looks like a Tanzu accelerator file)" }
        return base
    }

    /// The position of the first `${{` in the file, 1-based.
    static func firstTemplateExpression(in bytes: [UInt8]) -> Mark? {
        var line = 1, column = 1
        var index = 0
        while index + 2 < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{"), bytes[index + 2] == UInt8(ascii: "{") {
                return Mark(line: line, column: column)
            }
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return nil
    }

    /// Folders that Template steps copy from (`fetch:template`/`fetch:plain` with a relative `url`).
    static func skeletonFolders(of template: Entity, file: String) -> [String] {
        guard let steps = template.spec?["steps"]?.items else { return [] }
        return steps.compactMap { step in
            guard let action = step["action"]?.stringValue, action.hasPrefix("fetch:"),
                  let url = step["input"]?["url"]?.stringValue, !Placeholder.isURL(url), !url.contains("${{") else { return nil }
            let folder = Path.join(Path.directory(of: file), url)
            return folder == Path.directory(of: file) ? nil : folder
        }
    }

    // MARK: - Whole catalog

    /// Keeps the first of entities that share kind, namespace and name (any case).
    private func removingDuplicates(_ entities: [Entity], into diagnostics: inout Diagnostics) -> [Entity] {
        var first: [EntityRef: Entity] = [:]
        first.reserveCapacity(entities.count)
        var kept: [Entity] = []
        kept.reserveCapacity(entities.count)
        for entity in entities {
            if let original = first[entity.ref] {
                diagnostics.add(.error, .duplicateEntity, at: entity.source.location,
                                "duplicate entity \(entity.ref): already defined at \(original.source.location.description); this one is ignored")
            } else {
                first[entity.ref] = entity
                kept.append(entity)
            }
        }
        return kept
    }

    /// Reports each Location edge that closes a cycle, once.
    private func reportCycles(_ loads: [String: FileLoad], order: [String], into diagnostics: inout Diagnostics) {
        enum State { case visiting, done }
        var state: [String: State] = [:]
        for start in order.sorted() where state[start] == nil {
            // Iterative depth-first search: (file, index of the next edge to follow).
            var stack: [(String, Int)] = [(start, 0)]
            state[start] = .visiting
            while let (file, next) = stack.last {
                let edges = loads[file]?.edges ?? []
                guard next < edges.count else {
                    state[file] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].1 += 1
                let edge = edges[next]
                switch state[edge.target] {
                case .visiting:
                    let chain = stack.map(\.0).drop { $0 != edge.target }.map { loads[$0]?.displayPath ?? $0 }
                    let cycle = (chain + [loads[edge.target]?.displayPath ?? edge.target]).joined(separator: " → ")
                    diagnostics.add(.warning, .locationCycle, at: edge.origin,
                                    "Location target '\(edge.text)' leads back to a file that is already being read (cycle: \(cycle)); it is read once")
                case .done:
                    continue
                case nil:
                    state[edge.target] = .visiting
                    stack.append((edge.target, 0))
                }
            }
        }
    }
}
