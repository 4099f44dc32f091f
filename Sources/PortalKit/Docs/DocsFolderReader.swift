/// What one TechDocs folder holds, whichever entities point at it: the mkdocs settings, the
/// pages with their URLs, the assets and the nav.
struct DocsFolderContent: Sendable {
    var config: MkDocsConfig?
    var docsFolder: String
    var docsFolderDisplay: String
    var pages: [DocPage]
    var assets: [DocAsset]
    var skipped: [SkippedDocFile]
    var nav: [NavItem]
    /// Set when there is no mkdocs file and defaults were used: said at each techdocs-ref.
    var defaultsNote: String?
}

/// What reading a TechDocs folder gave.
enum DocsFolderOutcome: Sendable {
    case site(DocsFolderContent)
    /// No docs at all: said at each techdocs-ref naming the folder.
    case missing(String)
    /// Unusable; the diagnostics say why.
    case failed
}

/// Reads one TechDocs folder (the folder a techdocs-ref names) into a ``DocsFolderContent``.
///
/// With no mkdocs file, it uses the defaults that techdocs-cli and newer Backstage versions
/// generate (`docs_dir: docs`, site name from the entity); neither a config nor a `docs/`
/// folder means there are no docs.
struct DocsFolderReader {
    let scan: ScanResult
    let limits: InputLimits

    func read(_ folder: String, repository: Int, into diagnostics: inout Diagnostics) -> DocsFolderOutcome {
        let repositoryPath = scan.repositories[repository].path
        let folderDisplay = scan.displayPath(folder, in: repository)
        var config: MkDocsConfig?
        var defaultsNote: String?
        switch MkDocsConfig.read(in: folder, repository: repository, scan: scan, limits: limits, into: &diagnostics) {
        case .failed:
            return .failed
        case .config(let read):
            config = read
        case .none:
            guard FileSystem.resolvedType(of: folder + "/docs") == .directory else {
                return .missing("no mkdocs.yaml, mkdocs.yml or docs/ folder in '\(folderDisplay)'\(configElsewhere(folder, repository: repository))")
            }
            defaultsNote = "no mkdocs.yaml or mkdocs.yml in '\(folderDisplay)': its docs/ folder is read with default settings, "
                + "as newer Backstage versions do (older ones fail)\(configElsewhere(folder, repository: repository))"
        }

        // docs_dir: relative to the config file, inside the repository, not the config's own folder.
        let docsDir = config?.docsDir ?? "docs"
        let docsOrigin = config.map { config in config.docsDirNode.map { config.at($0.mark) } ?? SourceLocation(file: config.display) }
            ?? SourceLocation(file: folderDisplay)
        let docsDisplay = scan.displayPath(Path.join(folder, docsDir), in: repository)
        if docsDir.hasPrefix("/") || docsDir.hasPrefix("~") {
            diagnostics.add(.error, .docsConfig, at: docsOrigin, "docs_dir '\(docsDir)' is absolute; write a path relative to the mkdocs file")
            return .failed
        }
        let joined = Path.join(folder, docsDir)
        guard Path.isInside(joined, repositoryPath) else {
            diagnostics.add(.error, .docsOutside, at: docsOrigin, "docs_dir '\(docsDir)' leaves the repository; the docs are not read")
            return .failed
        }
        if Path.isInside(folder, joined) {
            diagnostics.add(.error, .docsConfig, at: docsOrigin,
                            "docs_dir '\(docsDir)' holds the mkdocs file itself, which MkDocs refuses; move the pages into a subfolder such as docs/")
            return .failed
        }
        guard let docsFolder = FileSystem.realPath(joined), FileSystem.resolvedType(of: docsFolder) == .directory else {
            diagnostics.add(.warning, .docsNotFound, at: docsOrigin, "docs_dir '\(docsDisplay)' does not exist or is not a folder")
            return .failed
        }
        guard Path.isInside(docsFolder, repositoryPath) else {
            diagnostics.add(.error, .docsOutside, at: docsOrigin, "docs_dir '\(docsDir)' is a link that leaves the repository; the docs are not read")
            return .failed
        }
        if !Path.isInside(joined, folder), config?.docsDirNode != nil {
            diagnostics.add(.warning, .docsConfig, at: docsOrigin,
                            "docs_dir '\(docsDir)' is outside the mkdocs file's folder, which Backstage refuses; it is read because it stays inside the repository")
        }

        let listing = DocsFolderListing.list(docsFolder, repository: repository, scan: scan, limits: limits, into: &diagnostics)
        var skipped = listing.skipped
        let pages = publishedPages(listing.pages, docsFolder: docsFolder, repository: repository, skipped: &skipped, into: &diagnostics)
        if pages.isEmpty {
            diagnostics.add(.warning, .docsNotFound, at: SourceLocation(file: docsDisplay),
                            "docs folder '\(docsDisplay)' holds no Markdown page; there is no site to show")
            return .failed
        }
        if !pages.contains(where: { $0.urlPath.isEmpty }) {
            diagnostics.add(.warning, .docsMissingIndex, at: SourceLocation(file: docsDisplay),
                            "docs folder '\(docsDisplay)' has no index.md or README.md, so the site has no home page")
        }
        let builder = DocsNavBuilder(pages: pages, assets: listing.assets, skipped: skipped, pagesFiles: listing.pagesFiles,
                                     docsDir: docsDir, scan: scan, repository: repository, limits: limits)
        let nav: [NavItem]
        if let config, let navNode = config.nav {
            nav = builder.explicitNav(navNode, config: config, into: &diagnostics)
        } else {
            nav = builder.generatedNav(into: &diagnostics)
        }
        return .site(DocsFolderContent(config: config, docsFolder: docsFolder, docsFolderDisplay: docsDisplay, pages: pages,
                                       assets: listing.assets.sorted { $0.relativePath < $1.relativePath },
                                       skipped: skipped.sorted { $0.relativePath < $1.relativePath }, nav: nav,
                                       defaultsNote: defaultsNote))
    }

    /// A note naming the nearest mkdocs file above `folder` inside the repository, if any.
    private func configElsewhere(_ folder: String, repository: Int) -> String {
        let repositoryPath = scan.repositories[repository].path
        var candidate = folder
        while candidate != repositoryPath, Path.isInside(candidate, repositoryPath) {
            candidate = Path.directory(of: candidate)
            for name in MkDocsConfig.fileNames where FileSystem.type(of: candidate + "/" + name) != nil {
                return "; '\(scan.displayPath(candidate + "/" + name, in: repository))' is not used, as the techdocs-ref names '\(scan.displayPath(folder, in: repository))'"
            }
        }
        return ""
    }

    /// Gives each Markdown file its URL as MkDocs does with `use_directory_urls`, leaving out
    /// `README.md` beside `index.md` and any later file whose URL is taken.
    private func publishedPages(_ listed: [DocsFolderListing.Page], docsFolder: String, repository: Int,
                                skipped: inout [SkippedDocFile], into diagnostics: inout Diagnostics) -> [DocPage] {
        let sorted = listed.sorted { $0.relativePath < $1.relativePath }
        let indexPaths = Set(sorted.map(\.relativePath).filter { Path.fileName(of: $0) == "index.md" })
        var owners: [String: String] = [:]
        var pages: [DocPage] = []
        pages.reserveCapacity(sorted.count)
        for page in sorted {
            let absolute = docsFolder + "/" + page.relativePath
            let display = scan.displayPath(absolute, in: repository)
            let folder = page.relativePath.utf8.contains(UInt8(ascii: "/")) ? Path.directory(of: page.relativePath) : ""
            let name = Path.fileName(of: page.relativePath)
            if name == "README.md", indexPaths.contains(folder.isEmpty ? "index.md" : folder + "/index.md") {
                diagnostics.add(.warning, .docsDuplicateURL, at: SourceLocation(file: display),
                                "README.md is not published: index.md beside it is this folder's page (MkDocs leaves it out too)")
                skipped.append(SkippedDocFile(relativePath: page.relativePath, reason: .duplicateURL))
                continue
            }
            let url = Self.urlPath(of: page.relativePath)
            if let owner = owners[url] {
                diagnostics.add(.warning, .docsDuplicateURL, at: SourceLocation(file: display),
                                "'\(page.relativePath)' maps to the same URL '\(url.isEmpty ? "/" : url)' as '\(owner)'; it is not published")
                skipped.append(SkippedDocFile(relativePath: page.relativePath, reason: .duplicateURL))
                continue
            }
            owners[url] = page.relativePath
            pages.append(DocPage(relativePath: page.relativePath, absolutePath: absolute, displayPath: display, urlPath: url, size: page.size))
        }
        return pages
    }

    /// The site-relative URL MkDocs gives a Markdown file with `use_directory_urls`:
    /// `a/b.md` → `a/b/`, `a/index.md` and `a/README.md` → `a/`, `index.md` → "".
    static func urlPath(of relativePath: String) -> String {
        // A byte search: String's contains(_:) goes through Foundation here, a few µs a page.
        let folder = relativePath.utf8.contains(UInt8(ascii: "/")) ? Path.directory(of: relativePath) + "/" : ""
        let name = Path.fileName(of: relativePath)
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        if stem == "index" || stem == "README" { return folder }
        return folder + stem + "/"
    }
}
