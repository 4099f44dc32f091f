/// What is left of the overlay once the local repositories replace their published versions.
public struct OverlayReplacement: Sendable {
    /// The published entities that stay: references may point at them.
    public var kept: OverlayCatalog
    /// Published entities the change removes: read from a repository being built now, which
    /// no longer defines them.
    public var removed: [OverlayEntity]

    public init(kept: OverlayCatalog, removed: [OverlayEntity] = []) {
        self.kept = kept
        self.removed = removed
    }
}

/// The repositories being built are the changed versions of what was published: a published
/// entity that was read from one of them (its `managed-by-location` or origin location points
/// into it) is dropped, and so is every published entity that a local one redefines.
public struct OverlayReplacer: Sendable {
    public init() {}

    public func replace(_ overlay: OverlayCatalog, with catalog: LoadedCatalog) -> OverlayReplacement {
        guard !overlay.isEmpty else { return OverlayReplacement(kept: overlay) }
        let local = Set(catalog.entities.map(\.ref))
        let repositories = PublishedRepositories(catalog, overlay: overlay)
        var kept: [OverlayEntity] = []
        var removed: [OverlayEntity] = []
        for entity in overlay.entities where !local.contains(entity.ref) {
            if entity.managedByLocations.contains(where: repositories.contain) {
                removed.append(entity)
            } else {
                kept.append(entity)
            }
        }
        return OverlayReplacement(kept: OverlayCatalog(kept), removed: removed)
    }
}

/// Where the local repositories sit in a published catalog, read from its locations:
///
/// - `file:REPO/path` (what `build` writes: the path relative to the published build's ROOT)
///   whose first folder is a local repository's folder relative to its ROOT (its folder name
///   when the repository is a ROOT itself). A repository read from a descriptor-file ROOT (say
///   `examples/all.yaml`) is also found deeper, where the published paths end with its folder
///   name and one of its files (`…/catalog-model/examples/all.yaml`);
/// - `file:/absolute/path` inside a local repository's folder;
/// - `url:https://host/OWNER/REPO/…` whose repository name is a local repository's folder name.
struct PublishedRepositories {
    /// Root-relative folders, each ending with `/`.
    private var folders: Set<String> = []
    /// Absolute folders of the local repositories.
    private var paths: [String] = []
    /// Local repository folder names, lowercased.
    private var names: Set<String> = []

    init(_ catalog: LoadedCatalog, overlay: OverlayCatalog) {
        let scan = catalog.scan
        var suffixes: [String: Int] = [:]  // "/examples/all.yaml" → the length of "all.yaml"
        for (position, repository) in scan.repositories.enumerated() {
            paths.append(repository.path)
            names.insert(repository.name.lowercased())
            folders.insert((repository.rootRelativePath.isEmpty ? repository.name : repository.rootRelativePath) + "/")
            guard scan.roots[repository.root].kind == .descriptorFile else { continue }
            for file in catalog.files where file.repository == position {
                let inside = scan.rootRelativePath(file.path, in: position)
                suffixes["/" + repository.name + "/" + inside] = inside.utf8.count
            }
        }
        guard !suffixes.isEmpty else { return }
        for entity in overlay.entities {
            for location in entity.managedByLocations {
                guard let path = Self.relativePath(location) else { continue }
                for (offset, byte) in path.utf8.enumerated() where byte == UInt8(ascii: "/") {
                    let tail = String(path.utf8.dropFirst(offset))!
                    if let length = suffixes[tail] { folders.insert(String(path.utf8.dropLast(length))!) }
                }
            }
        }
    }

    /// Whether the location (`file:…` or `url:…`) points into a local repository.
    func contain(_ location: String) -> Bool {
        if let path = Self.relativePath(location) {
            var end = path.startIndex
            while let slash = path[end...].firstIndex(of: "/") {
                end = path.index(after: slash)
                if folders.contains(String(path[..<end])) { return true }
            }
            return false
        }
        if location.hasPrefix("file:/") {
            let path = Path.normalize(String(location.dropFirst(5)))
            return paths.contains { Path.isInside(path, $0) }
        }
        if location.hasPrefix("url:"), let url = RepositoryURL(String(location.dropFirst(4))) {
            return names.contains(url.name.lowercased())
        }
        return false
    }

    /// The path of a relative `file:` location, without a leading `./`.
    private static func relativePath(_ location: String) -> String? {
        guard location.hasPrefix("file:"), !location.hasPrefix("file:/") else { return nil }
        var path = Substring(location.dropFirst(5))
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        return path.isEmpty ? nil : String(path)
    }
}
