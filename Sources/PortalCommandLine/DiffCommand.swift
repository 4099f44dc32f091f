public import ArgumentParser
public import PortalKit
import PortalSite

/// The output formats of `diff`.
public enum DiffFormat: String, Sendable, CaseIterable, ExpressibleByArgument {
    /// One line per change and a summary.
    case text
    /// A pull-request comment: heading, summary, a section per kind of change.
    case markdown
    /// `{"summary": {...}, "changes": [...]}`.
    case json
}

/// `portal-build diff OLD NEW`: what a change does to the catalog.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two catalogs (catalog.json files or ROOT folders) and report what changed.",
        discussion: """
            Change kinds: \(CatalogChangeKind.allCases.map(\.rawValue).joined(separator: ", ")).
            Exits 1 when a change of a kind given to --fail-on happened, 2 when an input cannot be read, else 0.
            """
    )

    @Argument(help: ArgumentHelp("The old catalog: a catalog.json file, or a ROOT folder of descriptors.", valueName: "old"))
    var old: String

    @Argument(help: ArgumentHelp("The new catalog: a catalog.json file, or a ROOT folder of descriptors.", valueName: "new"))
    var new: String

    @Option(help: "Output format: text, markdown (for a pull-request comment) or json.")
    var format: DiffFormat = .text

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Comma-separated change kinds that make the command exit 1.", valueName: "kinds"))
    var failOn: String?

    @Option(name: .customLong("max-file-size"), help: "The largest catalog.json or descriptor file read, in bytes.")
    var maxFileSize: Int = 16 << 20

    func validate() throws {
        _ = try failKinds()
    }

    func failKinds() throws -> Set<CatalogChangeKind> {
        guard let failOn else { return [] }
        var kinds: Set<CatalogChangeKind> = []
        for text in failOn.split(separator: ",").map({ $0.filter { !$0.isWhitespace } }) where !text.isEmpty {
            guard let kind = CatalogChangeKind(rawValue: text) else {
                throw ValidationError("--fail-on: unknown change kind '\(text)'; expected \(CatalogChangeKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kinds.insert(kind)
        }
        return kinds
    }

    func run() throws {
        let action = DiffAction(old: old, new: new, format: format, failOn: try failKinds(),
                                limits: InputLimits(maxFileBytes: maxFileSize))
        let outcome = action.perform()
        if !outcome.errors.isEmpty { StandardError.write(outcome.errors) }
        print(outcome.output, terminator: "")
        if outcome.status != 0 { throw ExitCode(outcome.status) }
    }
}

/// The work of `diff`, testable without parsing arguments.
public struct DiffAction: Sendable {
    public var old: String
    public var new: String
    public var format: DiffFormat
    public var failOn: Set<CatalogChangeKind>
    public var limits: InputLimits

    public init(old: String, new: String, format: DiffFormat = .text, failOn: Set<CatalogChangeKind> = [], limits: InputLimits = InputLimits()) {
        self.old = old
        self.new = new
        self.format = format
        self.failOn = failOn
        self.limits = limits
    }

    /// What `diff` printed, the diagnostics for standard error (also a ROOT's errors, which do
    /// not stop the comparison), and the exit status
    /// (0, 1 for a change of a `failOn` kind, 2 for an unreadable input).
    public struct Outcome: Sendable {
        public var output: String
        public var errors: String
        public var status: Int32
        public var changes: [CatalogChange]
    }

    public func perform() -> Outcome {
        var diagnostics = Diagnostics()
        let before = load(old, into: &diagnostics)
        let after = load(new, into: &diagnostics)
        var errors = diagnostics.sorted.map { $0.formatted + "\n" }.joined()
        guard let before, let after else { return Outcome(output: "", errors: errors, status: 2, changes: []) }
        let changes = CatalogDiff().changes(from: before, to: after)
        if before.docs == nil || after.docs == nil {
            let missing = before.docs == nil ? old : new
            errors += "note: docs pages are not compared: there is no docs.json beside \(missing) (build writes one beside catalog.json)\n"
        }
        let output = DiffRenderer(format: format).render(changes)
        let failed = changes.contains { failOn.contains($0.kind) }
        return Outcome(output: output, errors: errors, status: failed ? 1 : 0, changes: changes)
    }

    /// A folder is a ROOT loaded as `build` would, its docs pages converted in memory; anything
    /// else is read as a `catalog.json`, with the `docs.json` beside it if there is one.
    /// Nil, with an error reported, when the input cannot be read.
    func load(_ path: String, into diagnostics: inout Diagnostics) -> DiffCatalog? {
        switch FileSystem.resolvedType(of: path) {
        case nil:
            diagnostics.add(.error, .inputMissing, at: SourceLocation(file: path), "'\(path)' does not exist")
            return nil
        case .directory?:
            // Errors are shown (an entity whose descriptor does not load would otherwise just
            // look removed), but only an unreadable ROOT stops the comparison.
            let build = BuildPipeline(roots: [path], limits: limits).runCatalog()
            let errors = build.diagnostics.filter { $0.severity == .error }
            diagnostics.add(contentsOf: errors)
            if errors.contains(where: { $0.id == .inputMissing || $0.id == .inputUnreadable }) { return nil }
            var catalog = DiffCatalog(build.graph)
            catalog.docs = DiffDocs.parse(SiteRenderer(config: PortalConfig(), limits: limits).docsJSON(build), file: path, into: &diagnostics)
            return catalog
        default:
            var read = Diagnostics()
            let catalog = OverlayLoader(limits: limits, noun: "catalog").load([path], into: &read)
            diagnostics.add(contentsOf: read)
            guard read.count(.error) == 0 else { return nil }
            var diffCatalog = DiffCatalog(catalog)
            let docsPath = Path.join(Path.directory(of: path), "docs.json")
            if FileSystem.resolvedType(of: docsPath) == .file, case .bytes(let bytes) = FileSystem.read(docsPath, limit: limits.maxFileBytes) {
                diffCatalog.docs = DiffDocs.parse(bytes, file: docsPath, into: &diagnostics)
            }
            return diffCatalog
        }
    }
}
