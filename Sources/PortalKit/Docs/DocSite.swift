/// Every entity's TechDocs site, found by ``DocsLocator``: plain values that rendering reads.
public struct DocsCatalog: Sendable {
    /// One site per entity with its own docs (`backstage.io/techdocs-ref`), sorted by entity ref.
    /// Entities whose refs name the same folder each get their own site, as Backstage renders
    /// the folder again under each entity.
    public let sites: [DocSite]
    /// Entities that show another entity's site (`backstage.io/techdocs-entity`): borrower →
    /// the entity whose site it shows. Only entries whose target has a site, here or (an
    /// overlay entity with TechDocs) in the published portal.
    public let sharedDocs: [EntityRef: EntityRef]
    private let index: [EntityRef: Int]

    public init(sites: [DocSite], sharedDocs: [EntityRef: EntityRef] = [:]) {
        self.sites = sites.sorted { $0.entity < $1.entity }
        self.sharedDocs = sharedDocs
        var index: [EntityRef: Int] = [:]
        for (position, site) in self.sites.enumerated() where index[site.entity] == nil { index[site.entity] = position }
        self.index = index
    }

    /// The site shown for `ref`: its own, or the one it borrows through `techdocs-entity`.
    public func site(for ref: EntityRef) -> DocSite? {
        if let position = index[ref] { return sites[position] }
        if let owner = sharedDocs[ref], let position = index[owner] { return sites[position] }
        return nil
    }

    /// Absolute folders holding docs, without repeats (for ``GitHistory/lastChanges(inFolders:)``).
    public var docsFolders: [String] {
        Array(Set(sites.map(\.docsFolder))).sorted()
    }
}

/// One entity's TechDocs site: its settings from mkdocs.yml and every file in its docs folder.
public struct DocSite: Sendable {
    public var entity: EntityRef
    /// Index into ``ScanResult/repositories``.
    public var repository: Int
    /// mkdocs `site_name`, else the entity's title.
    public var siteName: String
    /// mkdocs `site_description`.
    public var siteDescription: String?
    /// The mkdocs.yaml or mkdocs.yml read, as shown in diagnostics; nil for a site made from defaults.
    public var configFile: String?
    /// The absolute, link-free `docs_dir`.
    public var docsFolder: String
    /// ``docsFolder`` as shown in diagnostics.
    public var docsFolderDisplay: String
    /// mkdocs `repo_url`, or the `url:` techdocs-ref when mkdocs.yml sets none (as Backstage patches it).
    public var repoURL: String?
    /// mkdocs `edit_uri` (relative to ``repoURL``, or absolute), with MkDocs' defaults for
    /// github.com, gitlab.com and bitbucket.org.
    public var editURI: String?
    /// The explicit `nav`, or one made from the folder tree (and awesome-pages `.pages` files).
    public var nav: [NavItem]
    /// Every published Markdown file under ``docsFolder``, in or out of the nav, sorted by relative path.
    public var pages: [DocPage]
    /// Every other file to copy (images, PDFs, data, fonts …), sorted by relative path.
    public var assets: [DocAsset]
    /// Files that are neither published nor copied, with the reason, so that a link to one
    /// can get a precise warning.
    public var skipped: [SkippedDocFile]

    public init(entity: EntityRef, repository: Int, siteName: String, siteDescription: String? = nil,
                configFile: String? = nil, docsFolder: String, docsFolderDisplay: String,
                repoURL: String? = nil, editURI: String? = nil, nav: [NavItem] = [], pages: [DocPage] = [],
                assets: [DocAsset] = [], skipped: [SkippedDocFile] = []) {
        self.entity = entity
        self.repository = repository
        self.siteName = siteName
        self.siteDescription = siteDescription
        self.configFile = configFile
        self.docsFolder = docsFolder
        self.docsFolderDisplay = docsFolderDisplay
        self.repoURL = repoURL
        self.editURI = editURI
        self.nav = nav
        self.pages = pages
        self.assets = assets
        self.skipped = skipped
    }

    /// The page at the site's root URL (`index.md`, else `README.md`), if any.
    public var homePage: DocPage? {
        pages.first { $0.urlPath.isEmpty }
    }

    /// The page whose path relative to ``docsFolder`` is `relativePath`.
    public func page(at relativePath: String) -> DocPage? {
        binarySearch(pages, relativePath, \.relativePath)
    }

    /// The asset whose path relative to ``docsFolder`` is `relativePath`.
    public func asset(at relativePath: String) -> DocAsset? {
        binarySearch(assets, relativePath, \.relativePath)
    }

    private func binarySearch<T>(_ items: [T], _ key: String, _ path: KeyPath<T, String>) -> T? {
        var low = 0, high = items.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = items[middle][keyPath: path]
            if candidate == key { return items[middle] }
            if candidate < key { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}

/// One entry of a site's navigation, as MkDocs' `nav` setting describes it.
public indirect enum NavItem: Sendable, Hashable {
    /// A page; `path` is relative to the docs folder and normalised (`guides/setup.md`).
    /// A nil title means "the page's own title" (its first `# heading`, else its file name).
    case page(title: String?, path: String)
    /// A titled group of entries.
    case section(title: String, children: [NavItem])
    /// An external link, or a file of the docs folder that is not a page (a path relative to it).
    case link(title: String, url: String)
}

/// A Markdown file of a site. Rendering reads it; discovery only lists it.
public struct DocPage: Sendable, Hashable {
    /// Relative to the docs folder: `guides/setup.md`.
    public var relativePath: String
    /// The docs folder joined with ``relativePath`` (a link here stays inside the repository).
    public var absolutePath: String
    /// As shown in diagnostics.
    public var displayPath: String
    /// The page's URL relative to the site root, as MkDocs' `use_directory_urls` makes it:
    /// `guides/setup/` for `guides/setup.md`, `guides/` for `guides/index.md`, "" for the home page.
    public var urlPath: String
    public var size: Int

    public init(relativePath: String, absolutePath: String, displayPath: String, urlPath: String, size: Int) {
        self.relativePath = relativePath
        self.absolutePath = absolutePath
        self.displayPath = displayPath
        self.urlPath = urlPath
        self.size = size
    }
}

/// A file of a site that is copied as it is.
public struct DocAsset: Sendable, Hashable {
    /// Relative to the docs folder: `img/flow.png`.
    public var relativePath: String
    public var absolutePath: String
    public var size: Int

    public init(relativePath: String, absolutePath: String, size: Int) {
        self.relativePath = relativePath
        self.absolutePath = absolutePath
        self.size = size
    }
}

/// A file of a docs folder that is left out of the site.
public struct SkippedDocFile: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// HTML, JavaScript, CSS or XML: copied into the portal's origin it could run code.
        case unsafeType
        /// Not on the list of file types that are copied.
        case unknownType
        /// A Markdown file over ``InputLimits/maxFileBytes``.
        case tooLarge
        /// Another page already has its URL (e.g. `README.md` beside `index.md`).
        case duplicateURL
        /// A symbolic link that leaves the repository or leads nowhere.
        case linkOutside
    }

    /// Relative to the docs folder.
    public var relativePath: String
    public var reason: Reason

    public init(relativePath: String, reason: Reason) {
        self.relativePath = relativePath
        self.reason = reason
    }
}
