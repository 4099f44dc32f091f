import PortalYAML

/// Where an entity's TechDocs folder is, once its `backstage.io/techdocs-ref` is resolved.
struct DocsTarget: Sendable, Hashable {
    /// Index into ``ScanResult/repositories``.
    var repository: Int
    /// The absolute, link-free folder that holds (or should hold) mkdocs.yml.
    var folder: String
    /// The `url:` ref that named this folder, which Backstage copies into `repo_url`.
    var remote: RemoteDocs?

    struct RemoteDocs: Sendable, Hashable {
        var text: String
        var url: RepositoryURL
        var branch: String?
    }
}

/// Resolves `backstage.io/techdocs-ref` to a folder of the entity's repository, the way
/// Backstage's TechDocs does, and never outside that repository.
///
/// - `dir:PATH` is relative to the entity's source location: `backstage.io/source-location`
///   when written (a URL of this repository, or a local `dir:`/`file:` path), else the
///   descriptor's folder (`managed-by-location`). `..` may climb while it stays inside the
///   repository. A leading `/` means the repository root, as Backstage's URL resolution does
///   for entities registered by URL (with an info diagnostic: registered from a file, Backstage
///   refuses it).
/// - `url:https://HOST/OWNER/REPO/tree/BRANCH/PATH` (or `/blob/`) is read from the local
///   folder PATH when it names this repository: the entity's `github.com/project-slug`, a URL
///   in its `source-location` / `managed-by-location`, or the repository folder's name
///   (`OWNER__REPO` or `REPO`) says so. Other repositories are reported, not fetched.
/// - A bare path (`docs`) is read as `dir:` with a warning when that folder exists.
struct DocsReferenceResolver {
    let scan: ScanResult

    static let refKey = "backstage.io/techdocs-ref"
    static let sourceLocationKey = "backstage.io/source-location"

    func resolve(_ entity: Entity, descriptorPath: String, into diagnostics: inout Diagnostics) -> DocsTarget? {
        guard let node = entity.metadata?["annotations"]?[Self.refKey] else { return nil }
        let origin = location(entity, node)
        guard let raw = node.stringValue else {
            diagnostics.add(.warning, .docsInvalidRef, at: origin, "\(Self.refKey) must be a string such as dir:. or url:https://…")
            return nil
        }
        let text = raw.trimmingWhitespace
        if text.isEmpty {
            diagnostics.add(.warning, .docsInvalidRef, at: origin, "\(Self.refKey) is empty; write dir:. for docs beside this descriptor")
            return nil
        }
        if text.contains("\0") || text.contains("\n") || text.contains("\r") {
            diagnostics.add(.warning, .docsInvalidRef, at: origin, "\(Self.refKey) holds control characters or several lines")
            return nil
        }
        let colon = text.firstIndex(of: ":")
        let type = colon.map { String(text[..<$0]) }
        let target = colon.map { String(text[text.index(after: $0)...]).trimmingWhitespace } ?? text
        switch type {
        case "dir":
            return resolveDirectory(target, written: text, entity: entity, descriptorPath: descriptorPath,
                                    origin: origin, into: &diagnostics)
        case "url":
            return resolveURL(target, written: text, entity: entity, origin: origin, into: &diagnostics)
        case nil:
            // A bare path: Backstage fails to parse it; read it as dir: when the folder is there.
            let folder = Path.join(Path.directory(of: descriptorPath), text)
            if FileSystem.resolvedType(of: folder) == .directory {
                diagnostics.add(.warning, .docsInvalidRef, at: origin,
                                "\(Self.refKey) '\(text)' has no type; Backstage cannot parse it. It is read as 'dir:\(text)'")
                return resolveDirectory(text, written: "dir:" + text, entity: entity, descriptorPath: descriptorPath,
                                        origin: origin, into: &diagnostics)
            }
            diagnostics.add(.warning, .docsInvalidRef, at: origin,
                            "\(Self.refKey) '\(text)' is not a location reference; write dir:PATH (relative to this descriptor) or url:URL")
            return nil
        case let type?:
            let legacy = ["github", "gitlab", "bitbucket", "azure/api", "file"].contains(type)
            diagnostics.add(.warning, .docsInvalidRef, at: origin,
                            "\(Self.refKey) type '\(type):' is " + (legacy ? "a legacy form TechDocs no longer reads" : "unknown")
                            + "; write dir:PATH or url:URL")
            return nil
        }
    }

    // MARK: - dir:

    private func resolveDirectory(_ target: String, written: String, entity: Entity, descriptorPath: String,
                                  origin: SourceLocation, into diagnostics: inout Diagnostics) -> DocsTarget? {
        let repositoryIndex = entity.source.repository
        let repository = scan.repositories[repositoryIndex]
        if target.isEmpty {
            diagnostics.add(.warning, .docsInvalidRef, at: origin, "\(Self.refKey) '\(written)' names no folder; write dir:.")
            return nil
        }
        if target.hasPrefix("/") {
            let joined = Path.join(repository.path, String(target.drop { $0 == "/" }))
            let found = folderTarget(joined, repository: repositoryIndex, written: written, origin: origin, remote: nil, into: &diagnostics)
            if found != nil {
                diagnostics.add(.info, .docsInvalidRef, at: origin,
                                "\(Self.refKey) '\(written)' starts with '/': it is read from the repository root, as Backstage does "
                                + "for entities registered by URL (registered from a file, Backstage refuses it); write a relative path")
            }
            return found
        }
        guard let base = sourceBase(entity, descriptorPath: descriptorPath, origin: origin, into: &diagnostics) else { return nil }
        return folderTarget(Path.join(base, target), repository: repositoryIndex, written: written, origin: origin, remote: nil,
                            into: &diagnostics)
    }

    /// The folder `dir:` refs resolve against: the source location when written, else the descriptor's folder.
    private func sourceBase(_ entity: Entity, descriptorPath: String, origin: SourceLocation,
                            into diagnostics: inout Diagnostics) -> String? {
        let descriptorFolder = Path.directory(of: descriptorPath)
        let repository = scan.repositories[entity.source.repository]
        guard let node = entity.metadata?["annotations"]?[Self.sourceLocationKey], let value = node.stringValue?.trimmingWhitespace,
              let colon = value.firstIndex(of: ":") else { return descriptorFolder }
        let type = value[..<colon]
        let target = String(value[value.index(after: colon)...]).trimmingWhitespace
        let sourceOrigin = location(entity, node)
        switch type {
        case "url":
            guard let url = RepositoryURL(target) else { return descriptorFolder }
            guard isSameRepository(url, entity: entity, repository: repository, evidence: Self.registrationKeys) else {
                diagnostics.add(.warning, .docsRemoteRef, at: origin,
                                "\(Self.refKey) is relative to \(Self.sourceLocationKey), which is another repository "
                                + "(\(url.owner)/\(url.name) on \(url.host)); portal-build reads local files only, so these docs are not fetched")
                return nil
            }
            let path = localPath(of: url, in: repository)
            // Backstage resolves against the URL: without a final '/', its last segment counts as a file.
            if !url.endsWithSlash, !path.isEmpty {
                let parent = Path.directory(of: Path.join(repository.path, path))
                diagnostics.add(.info, .docsInvalidRef, at: sourceOrigin,
                                "\(Self.sourceLocationKey) does not end with '/', so Backstage resolves dir: refs against its parent folder '"
                                + scan.displayPath(parent, in: entity.source.repository) + "'; add the '/' if the docs are relative to '\(path)'")
                return parent
            }
            return Path.join(repository.path, path)
        case "dir", "file":
            let resolved = Path.join(descriptorFolder, target)
            guard Path.isInside(resolved, repository.path) else {
                diagnostics.add(.error, .docsOutside, at: sourceOrigin,
                                "\(Self.sourceLocationKey) '\(value)' leaves the repository; the entity's docs are not read")
                return nil
            }
            return type == "file" ? Path.directory(of: resolved) : resolved
        default:
            return descriptorFolder
        }
    }

    // MARK: - url:

    private func resolveURL(_ target: String, written: String, entity: Entity, origin: SourceLocation,
                            into diagnostics: inout Diagnostics) -> DocsTarget? {
        guard let url = RepositoryURL(target) else {
            diagnostics.add(.warning, .docsInvalidRef, at: origin,
                            "\(Self.refKey) '\(written)' is not a repository URL; write url:https://HOST/OWNER/REPO/tree/BRANCH/PATH, or dir:PATH for local docs")
            return nil
        }
        let repositoryIndex = entity.source.repository
        let repository = scan.repositories[repositoryIndex]
        guard isSameRepository(url, entity: entity, repository: repository, evidence: [Self.sourceLocationKey] + Self.registrationKeys) else {
            diagnostics.add(.warning, .docsRemoteRef, at: origin,
                            "\(Self.refKey) points at another repository (\(url.owner)/\(url.name) on \(url.host)); "
                            + "portal-build reads local files only, so these docs are not fetched")
            return nil
        }
        let split = branchAndPath(of: url, in: repository)
        let remote = DocsTarget.RemoteDocs(text: target, url: url, branch: split?.branch)
        return folderTarget(Path.join(repository.path, split?.path ?? ""), repository: repositoryIndex, written: written,
                            origin: origin, remote: remote, into: &diagnostics)
    }

    /// Annotations saying where a descriptor was registered from.
    static let registrationKeys = ["backstage.io/managed-by-location", "backstage.io/managed-by-origin-location"]

    /// Whether `url` names the repository the entity was read from, by its project slug,
    /// the URLs in the `evidence` annotations, or the repository folder's name.
    func isSameRepository(_ url: RepositoryURL, entity: Entity, repository: Repository, evidence: [String]) -> Bool {
        if url.host.contains("github"), let slug = entity.annotation("github.com/project-slug")?.trimmingWhitespace {
            let identity = RepositoryURL(slug)?.identity
                ?? slug.lowercased().split(separator: "/").prefix(2).joined(separator: "/").replacingAll(".git", "")
            if identity == url.identity { return true }
        }
        for key in evidence {
            guard let value = entity.annotation(key)?.trimmingWhitespace, value.hasPrefix("url:"),
                  let other = RepositoryURL(String(value.dropFirst(4))) else { continue }
            if other.host == url.host && other.identity == url.identity { return true }
        }
        let folder = repository.name.lowercased()
        return folder == url.identity.replacingAll("/", "__") || folder == url.name.lowercased()
    }

    /// The branch and folder that `url` names: the split whose folder exists locally, else
    /// the one with a one-segment branch.
    private func branchAndPath(of url: RepositoryURL, in repository: Repository) -> (branch: String, path: String)? {
        let candidates = url.branchAndPathCandidates
        return candidates.first { FileSystem.resolvedType(of: Path.join(repository.path, $0.path)) != nil } ?? candidates.first
    }

    private func localPath(of url: RepositoryURL, in repository: Repository) -> String {
        branchAndPath(of: url, in: repository)?.path ?? ""
    }

    // MARK: - The folder

    private func folderTarget(_ joined: String, repository: Int, written: String, origin: SourceLocation,
                              remote: DocsTarget.RemoteDocs?, into diagnostics: inout Diagnostics) -> DocsTarget? {
        let repositoryPath = scan.repositories[repository].path
        guard Path.isInside(joined, repositoryPath) else {
            diagnostics.add(.error, .docsOutside, at: origin, "\(Self.refKey) '\(written)' leaves the repository; its docs are not read")
            return nil
        }
        let display = scan.displayPath(joined, in: repository)
        guard let real = FileSystem.realPath(joined) else {
            diagnostics.add(.warning, .docsNotFound, at: origin, "\(Self.refKey) '\(written)' names '\(display)', which does not exist")
            return nil
        }
        guard Path.isInside(real, repositoryPath) else {
            diagnostics.add(.error, .docsOutside, at: origin,
                            "\(Self.refKey) '\(written)' names '\(display)', a link that leaves the repository; its docs are not read")
            return nil
        }
        guard FileSystem.resolvedType(of: real) == .directory else {
            diagnostics.add(.warning, .docsNotFound, at: origin,
                            "\(Self.refKey) '\(written)' names '\(display)', which is a file; name the folder holding mkdocs.yml")
            return nil
        }
        return DocsTarget(repository: repository, folder: real, remote: remote)
    }

    private func location(_ entity: Entity, _ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: entity.source.file, line: node.mark.line, column: node.mark.column)
    }
}
