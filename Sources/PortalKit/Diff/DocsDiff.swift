import PortalYAML

/// A link problem on a docs page: a broken link, a missing `#anchor` or a missing image.
public struct DiffDocsProblem: Sendable, Hashable, Comparable {
    public var line: Int
    /// `message [id]`: what is compared, since an edit above the link moves its line.
    public var text: String

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.line, lhs.text) < (rhs.line, rhs.text) }
}

/// One docs page as `docs.json` lists it.
public struct DiffDocsPage: Sendable, Equatable {
    /// The entity whose TechDocs site holds the page.
    public var entity: EntityRef
    /// The Markdown file, relative to the docs folder (`guides/setup.md`).
    public var path: String
    /// Sorted.
    public var problems: [DiffDocsProblem]

    public init(entity: EntityRef, path: String, problems: [DiffDocsProblem] = []) {
        self.entity = entity
        self.path = path
        self.problems = problems.sorted()
    }
}

/// The docs pages of a catalog, from the `docs.json` that `build` writes.
public struct DiffDocs: Sendable {
    /// The diagnostic ids that make a page broken.
    public static let linkProblemIDs = Set([DiagnosticID.docsBrokenLink, .docsMissingAnchor, .docsMissingImage].map(\.rawValue))

    /// Sorted by entity, then path; each page once.
    public private(set) var pages: [DiffDocsPage]

    public init(_ pages: [DiffDocsPage]) {
        var seen: Set<String> = []
        self.pages = pages.filter { seen.insert($0.entity.description + "\u{0}" + $0.path).inserted }
            .sorted { ($0.entity, $0.path) < ($1.entity, $1.path) }
    }

    /// The pages of a `docs.json` (`file` names it in diagnostics); nil, with an error
    /// reported, when it does not parse or has the wrong shape. Problems other than link
    /// problems are left out.
    public static func parse(_ bytes: [UInt8], file: String, into diagnostics: inout Diagnostics) -> DiffDocs? {
        let documents = OverlayLoader.joiningSurrogatePairs(bytes).withUnsafeBytes { YAMLParser.parse(bytes: $0) }
        if let error = documents.lazy.compactMap(\.error).first {
            diagnostics.add(.error, .overlayInvalid, at: SourceLocation(file: file, line: error.mark.line, column: error.mark.column),
                            "docs.json does not parse as JSON: \(error.message)")
            return nil
        }
        guard let sites = documents.lazy.compactMap(\.root).first?["sites"]?.items else {
            diagnostics.add(.error, .overlayInvalid, at: SourceLocation(file: file), "expected docs.json: an object with a \"sites\" array")
            return nil
        }
        var pages: [DiffDocsPage] = []
        for site in sites {
            guard let text = site["entity"]?.stringValue,
                  let entity = try? EntityRef.parse(text, defaultKind: nil, defaultNamespace: "default") else {
                diagnostics.add(.warning, .overlayInvalid, at: SourceLocation(file: file, line: site.mark.line, column: site.mark.column),
                                "a docs site without a valid \"entity\" is left out")
                continue
            }
            for page in site["pages"]?.items ?? [] {
                guard let path = page["path"]?.stringValue else { continue }
                let problems = (page["problems"]?.items ?? []).compactMap { problem -> DiffDocsProblem? in
                    guard let id = problem["id"]?.stringValue, linkProblemIDs.contains(id),
                          let message = problem["message"]?.stringValue else { return nil }
                    return DiffDocsProblem(line: problem["line"]?.scalarText.flatMap { Int($0) } ?? 0, text: "\(message) [\(id)]")
                }
                pages.append(DiffDocsPage(entity: entity, path: path, problems: problems))
            }
        }
        return DiffDocs(pages)
    }

    /// Docs pages added, removed, and newly broken from `old` to `new`. The pages of a renamed
    /// entity (`renamed`: old reference → new) are compared with its new reference's.
    public static func changes(from old: DiffDocs, to new: DiffDocs, renamed: [EntityRef: EntityRef] = [:]) -> [CatalogChange] {
        struct Key: Hashable { var entity: EntityRef, path: String }
        var before: [Key: DiffDocsPage] = [:]
        for page in old.pages { before[Key(entity: renamed[page.entity] ?? page.entity, path: page.path)] = page }
        var changes: [CatalogChange] = []
        var kept: Set<Key> = []
        for page in new.pages {
            let key = Key(entity: page.entity, path: page.path)
            let earlier = before[key]
            if earlier == nil { changes.append(CatalogChange(kind: .docsAdded, ref: page.entity, new: page.path)) } else { kept.insert(key) }
            let known = Set(earlier?.problems.map(\.text) ?? [])
            for problem in page.problems where !known.contains(problem.text) {
                changes.append(CatalogChange(kind: .docsBroken, ref: page.entity, old: page.path, new: "line \(problem.line): \(problem.text)"))
            }
        }
        for page in old.pages where !kept.contains(Key(entity: renamed[page.entity] ?? page.entity, path: page.path)) {
            changes.append(CatalogChange(kind: .docsRemoved, ref: page.entity, old: page.path))
        }
        return changes
    }
}
