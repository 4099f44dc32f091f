/// The figures of the catalog health page and `health.json`: problems by repository and
/// file, dangling references, gaps in metadata, orphans, and per-owner counts.
public struct CatalogHealth: Sendable {
    /// Diagnostics of one file.
    public struct FileProblems: Sendable {
        public var file: String
        public var diagnostics: [Diagnostic]
    }

    /// Diagnostics of one repository (or `nil` for problems outside any repository).
    public struct RepositoryProblems: Sendable {
        public var repository: String?
        public var files: [FileProblems]
        public var count: Int { files.reduce(0) { $0 + $1.diagnostics.count } }
    }

    /// A relation whose target is not in the catalog (nor in the overlay).
    public struct DanglingReference: Sendable, Hashable {
        public var source: EntityRef
        public var relation: String
        public var target: EntityRef
    }

    /// Counts for one owner.
    public struct OwnerFigures: Sendable {
        public var owner: EntityRef
        public var inCatalog: Bool
        public var entities = 0
        public var withoutDescription = 0
        public var withoutDocs = 0
        public var withoutLifecycle = 0
        public var warnings = 0
        public var errors = 0
    }

    public var entityCount: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var problems: [RepositoryProblems]
    public var dangling: [DanglingReference]
    public var withoutOwner: [EntityRef]
    public var withoutDescription: [EntityRef]
    public var withoutDocs: [EntityRef]
    public var withoutLifecycle: [EntityRef]
    /// Groups with no members, no child groups and nothing owned.
    public var orphanGroups: [EntityRef]
    /// APIs that no component provides.
    public var unprovidedAPIs: [EntityRef]
    public var owners: [OwnerFigures]

    /// Kinds expected to carry docs (a `backstage.io/techdocs-ref`). An API's definition is
    /// its documentation, and resources rarely have docs of their own.
    public static let documentedKinds: Set<String> = ["component", "system", "domain"]
    /// Kinds whose spec has a lifecycle.
    public static let lifecycleKinds: Set<String> = ["component", "api", "airesource"]
    /// Kinds whose spec has an owner.
    public static let ownedKinds: Set<String> = ["component", "api", "resource", "system", "domain", "template", "airesource"]

    public init(graph: CatalogGraph, diagnostics: [Diagnostic]) {
        entityCount = graph.entities.count
        errors = diagnostics.count { $0.severity == .error }
        warnings = diagnostics.count { $0.severity == .warning }
        infos = diagnostics.count { $0.severity == .info }
        problems = Self.group(diagnostics, scan: graph.scan)

        var dangling: [DanglingReference] = []
        var withoutOwner: [EntityRef] = [], withoutDescription: [EntityRef] = [], withoutDocs: [EntityRef] = []
        var withoutLifecycle: [EntityRef] = [], orphanGroups: [EntityRef] = [], unprovided: [EntityRef] = []
        var owners: [EntityRef: OwnerFigures] = [:]
        var problemsByFile: [String: (warnings: Int, errors: Int)] = [:]
        for diagnostic in diagnostics where diagnostic.severity >= .warning {
            var counts = problemsByFile[diagnostic.location.file] ?? (0, 0)
            if diagnostic.severity == .error { counts.errors += 1 } else { counts.warnings += 1 }
            problemsByFile[diagnostic.location.file] = counts
        }

        for (position, entity) in graph.entities.enumerated() {
            let ref = entity.ref
            let relations = graph.relations[position]
            for relation in relations where !graph.resolves(relation.target) {
                dangling.append(DanglingReference(source: ref, relation: relation.type, target: relation.target))
            }
            let owner = relations.first { $0.type == "ownedBy" }?.target
            let hasDescription = !(entity.metadata?["description"]?.scalarText ?? "").isEmpty
            let hasDocs = entity.hasDocs
            let hasLifecycle = !(entity.specString("lifecycle") ?? "").isEmpty
            if Self.ownedKinds.contains(ref.kind), owner == nil { withoutOwner.append(ref) }
            if !hasDescription { withoutDescription.append(ref) }
            if Self.documentedKinds.contains(ref.kind), !hasDocs { withoutDocs.append(ref) }
            if Self.lifecycleKinds.contains(ref.kind), !hasLifecycle { withoutLifecycle.append(ref) }
            if ref.kind == "group", !relations.contains(where: { ["hasMember", "parentOf", "ownerOf"].contains($0.type) }) {
                orphanGroups.append(ref)
            }
            if ref.kind == "api", !relations.contains(where: { $0.type == "apiProvidedBy" }) { unprovided.append(ref) }
            if let owner {
                var figures = owners[owner] ?? OwnerFigures(owner: owner, inCatalog: graph.resolves(owner))
                figures.entities += 1
                if !hasDescription { figures.withoutDescription += 1 }
                if Self.documentedKinds.contains(ref.kind), !hasDocs { figures.withoutDocs += 1 }
                if Self.lifecycleKinds.contains(ref.kind), !hasLifecycle { figures.withoutLifecycle += 1 }
                if let counts = problemsByFile[entity.source.file] {
                    figures.warnings += counts.warnings
                    figures.errors += counts.errors
                }
                owners[owner] = figures
            }
        }
        self.dangling = dangling
        self.withoutOwner = withoutOwner
        self.withoutDescription = withoutDescription
        self.withoutDocs = withoutDocs
        self.withoutLifecycle = withoutLifecycle
        self.orphanGroups = orphanGroups
        self.unprovidedAPIs = unprovided
        self.owners = owners.values.sorted { ($1.entities, $0.owner) < ($0.entities, $1.owner) }
    }

    /// Diagnostics grouped by repository (in scan order, files sorted), then the rest.
    private static func group(_ diagnostics: [Diagnostic], scan: ScanResult) -> [RepositoryProblems] {
        var byRepository: [Int: [String: [Diagnostic]]] = [:]
        var outside: [String: [Diagnostic]] = [:]
        var byDisplayPath: [String: Int] = [:]
        for (position, repository) in scan.repositories.enumerated() where byDisplayPath[repository.displayPath] == nil {
            byDisplayPath[repository.displayPath] = position
        }
        /// The most specific repository whose display path holds `file`.
        func repository(holding file: String) -> Int? {
            var candidate = file
            while !candidate.isEmpty {
                if let position = byDisplayPath[candidate] { return position }
                guard let slash = candidate.lastIndex(of: "/") else { break }
                candidate = String(candidate[..<slash])
            }
            return nil
        }
        for diagnostic in diagnostics {
            let file = diagnostic.location.file
            if let repository = repository(holding: file) {
                byRepository[repository, default: [:]][file, default: []].append(diagnostic)
            } else {
                outside[file, default: []].append(diagnostic)
            }
        }
        func files(_ map: [String: [Diagnostic]]) -> [FileProblems] {
            map.keys.sorted().map { FileProblems(file: $0, diagnostics: map[$0]!.sorted(by: Diagnostic.ordered)) }
        }
        var groups = byRepository.keys.sorted().map {
            RepositoryProblems(repository: scan.repositories[$0].name, files: files(byRepository[$0]!))
        }
        if !outside.isEmpty { groups.append(RepositoryProblems(repository: nil, files: files(outside))) }
        return groups
    }

    /// The same figures as JSON, for `health.json`.
    public var json: JSONValue {
        func refs(_ list: [EntityRef]) -> JSONValue { .array(list.map { .string($0.description) }) }
        return .object([
            ("entities", .int(entityCount)),
            ("diagnostics", .object([("errors", .int(errors)), ("warnings", .int(warnings)), ("infos", .int(infos))])),
            ("problems", .array(problems.map { group in
                .object([
                    ("repository", group.repository.map(JSONValue.string) ?? .null),
                    ("files", .array(group.files.map { file in
                        .object([("file", .string(file.file)), ("diagnostics", .array(file.diagnostics.map { diagnostic in
                            .object([
                                ("severity", .string(diagnostic.severity.rawValue)), ("id", .string(diagnostic.id.rawValue)),
                                ("line", .int(diagnostic.location.line)), ("column", .int(diagnostic.location.column)),
                                ("message", .string(diagnostic.message)),
                            ])
                        }))])
                    })),
                ])
            })),
            ("danglingReferences", .array(dangling.map {
                .object([("source", .string($0.source.description)), ("relation", .string($0.relation)), ("target", .string($0.target.description))])
            })),
            ("withoutOwner", refs(withoutOwner)),
            ("withoutDescription", refs(withoutDescription)),
            ("withoutDocs", refs(withoutDocs)),
            ("withoutLifecycle", refs(withoutLifecycle)),
            ("orphanGroups", refs(orphanGroups)),
            ("unprovidedApis", refs(unprovidedAPIs)),
            ("owners", .array(owners.map { figures in
                .object([
                    ("owner", .string(figures.owner.description)), ("inCatalog", .bool(figures.inCatalog)),
                    ("entities", .int(figures.entities)), ("withoutDescription", .int(figures.withoutDescription)),
                    ("withoutDocs", .int(figures.withoutDocs)), ("withoutLifecycle", .int(figures.withoutLifecycle)),
                    ("warnings", .int(figures.warnings)), ("errors", .int(figures.errors)),
                ])
            })),
        ])
    }
}
