import PortalYAML

/// Resolves a Location entity's `target` and `targets` to local files.
///
/// Relative paths (and globs) resolve against the Location file's folder. A target may not
/// leave its repository, except into another repository of the same ROOT. URLs are listed,
/// never fetched.
struct LocationTargets {
    let scan: ScanResult
    let limits: InputLimits

    func resolve(_ location: Entity, file: DescriptorFile) -> ([CatalogLoader.LocationEdge], [Diagnostic]) {
        var diagnostics = Diagnostics()
        var edges: [CatalogLoader.LocationEdge] = []
        guard let spec = location.spec else { return ([], []) }
        let display = location.source.file
        let optional = spec["presence"]?.stringValue == "optional"
        if let type = spec["type"]?.stringValue, type != "file", type != "url" {
            diagnostics.add(.info, .locationRemote, at: at(display, spec["type"]!),
                            "Location type '\(type)' is read by Backstage's providers only; its targets are not read")
            return ([], diagnostics.items)
        }
        var targetNodes: [YAMLNode] = []
        if let target = spec["target"], target.stringValue != nil { targetNodes.append(target) }
        targetNodes += (spec["targets"]?.items ?? []).filter { $0.stringValue != nil }
        let folder = Path.directory(of: file.path)
        let repositoryPath = scan.repositories[file.repository].path
        for node in targetNodes {
            let text = node.stringValue!.trimmingWhitespace
            let origin = at(display, node)
            if text.isEmpty {
                diagnostics.add(.error, .locationInvalid, at: origin, "Location target is empty")
                continue
            }
            if Placeholder.isURL(text) {
                diagnostics.add(.info, .locationRemote, at: origin,
                                "Location target '\(text)' is a URL; portal-build reads local files only, so it is not fetched")
                continue
            }
            if text.hasPrefix("/") || text.hasPrefix("~") {
                diagnostics.add(.error, .locationOutside, at: origin,
                                "Location target '\(text)' is an absolute path; only paths relative to the Location file are read")
                continue
            }
            if text.contains("\0") || text.contains("\n") {
                diagnostics.add(.error, .locationInvalid, at: origin, "Location target contains control characters")
                continue
            }
            let joined = Path.join(folder, text)
            if Glob.isPattern(text) {
                let glob = Glob(joined)
                let prefixes = glob.staticPrefixes
                guard prefixes.allSatisfy({ Path.isInside($0, repositoryPath) }) else {
                    diagnostics.add(.error, .locationOutside, at: origin,
                                    "Location target '\(text)' leaves the repository; it is not read")
                    continue
                }
                var matches = Set<String>()
                for prefix in Set(prefixes) {
                    collect(glob, from: prefix, repositoryPath: repositoryPath, into: &matches)
                }
                matches.remove(file.path)
                if matches.isEmpty && !optional {
                    diagnostics.add(.error, .locationNotFound, at: origin, "Location target '\(text)' matches no file")
                }
                for match in matches.sorted() {
                    edges.append(.init(target: match, repository: file.repository, origin: origin, text: text))
                }
                continue
            }
            var targetRepository = file.repository
            if !Path.isInside(joined, repositoryPath) {
                guard let other = scan.repository(containing: joined),
                      scan.repositories[other].root == scan.repositories[file.repository].root else {
                    diagnostics.add(.error, .locationOutside, at: origin,
                                    "Location target '\(text)' leaves the repository; it is not read")
                    continue
                }
                targetRepository = other
            }
            guard let real = FileSystem.realPath(joined) else {
                if !optional {
                    diagnostics.add(.error, .locationNotFound, at: origin, "Location target '\(text)' does not exist")
                }
                continue
            }
            guard Path.isInside(real, scan.repositories[targetRepository].path) else {
                diagnostics.add(.error, .locationOutside, at: origin,
                                "Location target '\(text)' is a link that leaves the repository; it is not read")
                continue
            }
            guard FileSystem.resolvedType(of: real) == .file else {
                diagnostics.add(.error, .locationInvalid, at: origin, "Location target '\(text)' is a folder; name a descriptor file")
                continue
            }
            if real == file.path { continue }
            edges.append(.init(target: real, repository: targetRepository, origin: origin, text: text))
        }
        return (edges, diagnostics.items)
    }

    private func at(_ file: String, _ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    /// Walks `folder` (not leaving the repository, not following links) and collects matching files.
    private func collect(_ glob: Glob, from folder: String, repositoryPath: String, into matches: inout Set<String>) {
        switch FileSystem.type(of: folder) {
        case .file:
            if glob.matches(folder) { matches.insert(folder) }
            return
        case .directory:
            break
        default:
            return
        }
        for entry in FileSystem.entries(of: folder) {
            let path = folder + "/" + entry.name
            switch entry.type {
            case .directory:
                if entry.name == ".git" || RepositoryScanner.skippedFolders.contains(entry.name) { continue }
                collect(glob, from: path, repositoryPath: repositoryPath, into: &matches)
            case .file:
                if glob.matches(path) { matches.insert(path) }
            case .symlink:
                if glob.matches(path), let real = FileSystem.realPath(path), Path.isInside(real, repositoryPath),
                   FileSystem.resolvedType(of: real) == .file {
                    matches.insert(real)
                }
            case .other:
                continue
            }
        }
    }
}
