import PortalYAML

/// The docs stage: finds every entity's TechDocs site and describes it as plain values.
///
/// It reads `backstage.io/techdocs-ref` and `backstage.io/techdocs-entity`, the mkdocs
/// config files and directory listings, never the Markdown files (rendering reads those
/// later, in parallel). Each folder is read once, however many entities name it; folders
/// are read in parallel.
///
/// When an entity has both annotations, `techdocs-entity` wins, as in Backstage's Docs tab,
/// and `techdocs-ref` is reported as ignored.
public struct DocsLocator: Sendable {
    public var limits: InputLimits

    public init(limits: InputLimits = InputLimits()) {
        self.limits = limits
    }

    static let sharedKey = "backstage.io/techdocs-entity"

    public func locate(_ graph: CatalogGraph, into diagnostics: inout Diagnostics) -> DocsCatalog {
        let scan = graph.scan
        var descriptorPaths: [String: String] = [:]
        for file in graph.files where descriptorPaths[file.displayPath] == nil { descriptorPaths[file.displayPath] = file.path }

        let resolver = DocsReferenceResolver(scan: scan)
        var requests: [(entity: Entity, target: DocsTarget, origin: SourceLocation)] = []
        var borrowers: [(entity: Entity, node: YAMLNode)] = []
        for entity in graph.entities {
            guard let annotations = entity.metadata?["annotations"] else { continue }
            if let shared = annotations[Self.sharedKey] {
                borrowers.append((entity, shared))
                if let ref = annotations[DocsReferenceResolver.refKey] {
                    diagnostics.add(.info, .docsInvalidRef, at: SourceLocation(file: entity.source.file, line: ref.mark.line, column: ref.mark.column),
                                    "\(DocsReferenceResolver.refKey) is ignored: \(Self.sharedKey) on the same entity wins, as in Backstage; remove one of them")
                }
                continue
            }
            guard let ref = annotations[DocsReferenceResolver.refKey], let path = descriptorPaths[entity.source.file] else { continue }
            if let target = resolver.resolve(entity, descriptorPath: path, into: &diagnostics) {
                requests.append((entity, target, SourceLocation(file: entity.source.file, line: ref.mark.line, column: ref.mark.column)))
            }
        }

        // Each folder once, in parallel; diagnostics once per folder.
        let folders = Array(Set(requests.map { FolderKey(repository: $0.target.repository, folder: $0.target.folder) }))
            .sorted { ($0.repository, $0.folder) < ($1.repository, $1.folder) }
        let reader = DocsFolderReader(scan: scan, limits: limits)
        let read = parallelMap(folders) { key -> (DocsFolderOutcome, [Diagnostic]) in
            var problems = Diagnostics()
            let outcome = reader.read(key.folder, repository: key.repository, into: &problems)
            return (outcome, problems.items)
        }
        var outcomes: [FolderKey: DocsFolderOutcome] = [:]
        for (key, (outcome, problems)) in zip(folders, read) {
            diagnostics.add(contentsOf: problems)
            outcomes[key] = outcome
        }

        var sites: [DocSite] = []
        for (entity, target, origin) in requests {
            switch outcomes[FolderKey(repository: target.repository, folder: target.folder)] {
            case .site(let content):
                if let note = content.defaultsNote { diagnostics.add(.info, .docsConfig, at: origin, note) }
                sites.append(site(for: entity, target: target, content: content, scan: scan))
            case .missing(let message):
                diagnostics.add(.warning, .docsNotFound, at: origin, message)
            case .failed, nil:
                continue
            }
        }

        let withSites = Set(sites.map(\.entity))
        var shared: [EntityRef: EntityRef] = [:]
        for (entity, node) in borrowers {
            let origin = SourceLocation(file: entity.source.file, line: node.mark.line, column: node.mark.column)
            guard let text = node.stringValue else {
                diagnostics.add(.warning, .docsInvalidRef, at: origin, "\(Self.sharedKey) must be an entity reference such as system:default/example")
                continue
            }
            let ref: EntityRef
            do {
                ref = try EntityRef.parse(text, defaultKind: nil, defaultNamespace: "default")
            } catch {
                diagnostics.add(.warning, .docsInvalidRef, at: origin,
                                "\(Self.sharedKey) '\(text)': \(error.description); write the full kind:namespace/name")
                continue
            }
            if withSites.contains(ref) {
                shared[entity.ref] = ref
            } else if let published = graph.overlay.entity(ref) {
                if published.hasDocs {
                    shared[entity.ref] = ref
                } else {
                    diagnostics.add(.warning, .docsSharedMissing, at: origin, "\(Self.sharedKey) names \(ref), a published entity without TechDocs")
                }
            } else if graph.entity(ref) == nil {
                diagnostics.add(.warning, .docsSharedMissing, at: origin, "\(Self.sharedKey) names \(ref), which is not in the catalog")
            } else if graph.entity(ref)?.annotation(Self.sharedKey) != nil {
                diagnostics.add(.warning, .docsSharedMissing, at: origin,
                                "\(Self.sharedKey) names \(ref), which itself borrows another entity's docs; name that entity directly")
            } else {
                diagnostics.add(.warning, .docsSharedMissing, at: origin, "\(Self.sharedKey) names \(ref), which has no TechDocs site")
            }
        }
        return DocsCatalog(sites: sites, sharedDocs: shared)
    }

    private struct FolderKey: Hashable {
        var repository: Int
        var folder: String
    }

    /// The entity's own value of a folder's site: its name, and the repository settings
    /// Backstage patches in from a `url:` ref.
    private func site(for entity: Entity, target: DocsTarget, content: DocsFolderContent, scan: ScanResult) -> DocSite {
        let config = content.config
        var repoURL = config?.repoURL
        var editURI = config?.hasEditURI == true ? config?.editURI : nil
        if config?.hasRepositorySettings != true, let remote = target.remote {
            // Backstage sets repo_url (and an edit URL of the docs folder) from a url: techdocs-ref.
            repoURL = remote.text
            if let branch = remote.branch {
                let inside = Path.relative(content.docsFolder, to: scan.repositories[target.repository].path)
                editURI = remote.url.editURL(branch: branch, path: inside == "." ? "" : inside)
            }
        }
        if config?.hasEditURI != true, editURI == nil, let repoURL {
            editURI = Self.defaultEditURI(for: repoURL)
        }
        if let uri = editURI {
            if uri.isEmpty {
                editURI = nil
            } else if !uri.hasSuffix("/"), !uri.contains("?"), !uri.contains("#") {
                editURI = uri + "/"
            }
        }
        return DocSite(entity: entity.ref, repository: target.repository,
                       siteName: config?.siteName ?? entity.displayTitle, siteDescription: config?.siteDescription,
                       configFile: config?.display, docsFolder: content.docsFolder, docsFolderDisplay: content.docsFolderDisplay,
                       repoURL: repoURL, editURI: editURI, nav: content.nav, pages: content.pages, assets: content.assets,
                       skipped: content.skipped)
    }

    /// MkDocs' `edit_uri` default for a `repo_url` on github.com, gitlab.com or bitbucket.org.
    static func defaultEditURI(for repoURL: String) -> String? {
        guard let url = RepositoryURL(repoURL) else { return nil }
        switch url.host {
        case "github.com", "gitlab.com": return "edit/master/docs/"
        case "bitbucket.org": return "src/default/docs/"
        default: return nil
        }
    }
}
