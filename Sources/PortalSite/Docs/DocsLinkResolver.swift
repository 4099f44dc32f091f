internal import PortalKit
internal import PortalMarkdown

/// Where a docs page sits: the site's position in ``DocsCatalog/sites`` and the page's in its ``DocSite/pages``.
struct DocsPageID: Hashable, Sendable {
    var site: Int
    var page: Int
}

/// What became of one link in a docs page.
struct ResolvedLink: Sendable {
    /// The URL to emit (nil: keep the destination as written).
    var url: String?
    /// A problem to report at the link's position.
    var problem: (id: DiagnosticID, message: String)?
    /// A `#fragment` on another page (or this one) to check once every page's headings are known.
    var anchor: (page: DocsPageID, fragment: String)?
}

/// Turns link destinations written in docs into portal URLs, in one function for every form:
///
/// - relative file links (`../guides/setup.md#install`, `images/x.png`, `guides/`), also across
///   sites and repositories when the target is a page the portal publishes;
/// - MkDocs page URLs (`../setup/`) and TechDocs URLs (`/docs/default/component/x/guides/setup/`);
/// - Backstage catalog URLs (`/catalog/default/component/x`);
/// - the portal's own syntax: `entity:<ref>` for an entity page, `docs:<ref>` for its docs, and
///   `docs:<kind>:<namespace>/<name>/<path.md>` for a page of them.
///
/// External URLs stay as written. Anything that points nowhere is reported. An entity of the
/// overlay (a published catalog) is linked at the published portal when its URL is known, and
/// otherwise its links lead nowhere, unreported.
struct DocsLinkResolver: Sendable {
    let docs: DocsCatalog
    let graph: CatalogGraph
    /// The published portal's URL (`--overlay-base-url`).
    let publishedBaseURL: String?
    /// Every page's site folder (`docs/<ns>/<kind>/<name>/`), by site position.
    let siteFolders: [String]
    private let pagesByPath: [String: [DocsPageID]]
    private let assetsByPath: [String: [Int]]
    private let skippedByPath: [String: SkippedDocFile.Reason]
    private let pagesByURL: [[String: Int]]
    private let siteByEntity: [EntityRef: Int]
    /// Each page's absolute folder, by site and page position (links are relative to it).
    private let pageDirectories: [[String]]
    /// Each page's site-relative folder (``pageFolder(_:)``), made once: it is asked for every link.
    private let pageFolders: [[String]]

    init(docs: DocsCatalog, graph: CatalogGraph, publishedBaseURL: String? = nil) {
        self.docs = docs
        self.graph = graph
        self.publishedBaseURL = publishedBaseURL
        var siteFolders: [String] = []
        var pagesByPath: [String: [DocsPageID]] = [:]
        var assetsByPath: [String: [Int]] = [:]
        var skippedByPath: [String: SkippedDocFile.Reason] = [:]
        var pagesByURL: [[String: Int]] = []
        var siteByEntity: [EntityRef: Int] = [:]
        for (position, site) in docs.sites.enumerated() {
            siteFolders.append(Self.folder(of: site.entity, graph: graph))
            if siteByEntity[site.entity] == nil { siteByEntity[site.entity] = position }
            var byURL: [String: Int] = [:]
            for (index, page) in site.pages.enumerated() {
                pagesByPath[Path.join(site.docsFolder, page.relativePath), default: []].append(DocsPageID(site: position, page: index))
                byURL[page.urlPath] = index
            }
            pagesByURL.append(byURL)
            for asset in site.assets {
                assetsByPath[Path.join(site.docsFolder, asset.relativePath), default: []].append(position)
            }
            for skipped in site.skipped {
                skippedByPath[Path.join(site.docsFolder, skipped.relativePath)] = skipped.reason
            }
        }
        self.siteFolders = siteFolders
        self.pagesByPath = pagesByPath
        self.assetsByPath = assetsByPath
        self.skippedByPath = skippedByPath
        self.pagesByURL = pagesByURL
        self.siteByEntity = siteByEntity
        pageDirectories = parallelMap(docs.sites) { site in
            site.pages.map { Path.directory(of: Path.join(site.docsFolder, $0.relativePath)) }
        }
        pageFolders = parallelMap(Array(zip(docs.sites, siteFolders))) { site, folder in site.pages.map { folder + $0.urlPath } }
    }

    /// `docs/<namespace>/<kind>/<name>/` for an entity's docs, with the name as written.
    static func folder(of ref: EntityRef, graph: CatalogGraph) -> String {
        let name = graph.index[ref].map { graph.entities[$0].name } ?? graph.overlay.entity(ref)?.name ?? ref.name
        return "docs/\(SitePaths.segment(ref.namespace))/\(SitePaths.segment(ref.kind))/\(SitePaths.segment(name))/"
    }

    /// The site an entity's docs link goes to: its own, or the one it shares (`techdocs-entity`).
    func sitePosition(showing ref: EntityRef) -> Int? {
        siteByEntity[ref] ?? docs.sharedDocs[ref].flatMap { siteByEntity[$0] }
    }

    /// The published portal's URL of the docs an entity shows, when they are a published
    /// entity's (`techdocs-entity` naming one) and the portal's URL is known.
    func publishedDocsURL(showing ref: EntityRef) -> String? {
        guard let target = docs.sharedDocs[ref], graph.index[target] == nil, graph.overlay.index[target] != nil,
              let base = publishedBaseURL else { return nil }
        return SiteURLs.absolute(base: base, path: Self.folder(of: target, graph: graph))
    }

    /// The folder of a site, or of its page at `path` (`backstage.io/techdocs-entity-path`, e.g.
    /// `/platforms/kotlin/`) when the site has that page.
    func docsFolder(site: Int, path: String?) -> String {
        guard var path = path?.trimmingWhitespace, !path.isEmpty else { return siteFolders[site] }
        while path.hasPrefix("/") { path.removeFirst() }
        if !path.isEmpty, !path.hasSuffix("/") { path += "/" }
        return pagesByURL[site][path] != nil ? siteFolders[site] + path : siteFolders[site]
    }

    /// The site-relative folder of a page (`docs/default/component/x/guides/setup/`).
    func pageFolder(_ id: DocsPageID) -> String {
        pageFolders[id.site][id.page]
    }

    /// The site-relative path of an asset.
    func assetPath(site: Int, relativePath: String) -> String {
        siteFolders[site] + relativePath
    }

    func resolve(_ link: MarkdownLinkReference, on id: DocsPageID) -> ResolvedLink {
        let destination = link.destination.trimmingWhitespace
        if destination.isEmpty { return ResolvedLink() }
        if destination.hasPrefix("#") {
            return ResolvedLink(anchor: (id, String(destination.dropFirst())))
        }
        let here = pageFolder(id)
        // The portal's own schemes mean nothing to a browser: an unresolved one links nowhere.
        if destination.hasPrefix("entity:") { return Self.orEmpty(resolveEntity(String(destination.dropFirst(7)), link: link, on: id, from: here)) }
        if destination.hasPrefix("docs:") { return Self.orEmpty(resolveDocsRef(String(destination.dropFirst(5)), on: id, from: here)) }
        if destination.hasPrefix("//") || URLText.hasScheme(destination) { return ResolvedLink() }
        let (path, fragment) = URLText.splitFragment(destination)
        if path.hasPrefix("/") { return resolveRooted(path, fragment: fragment, link: link, on: id, from: here) }
        return resolveRelative(PercentDecoding.decoded(path), fragment: fragment, link: link, on: id, from: here)
    }

    private static func orEmpty(_ link: ResolvedLink) -> ResolvedLink {
        var link = link
        if link.url == nil { link.url = "" }
        return link
    }

    // MARK: Relative paths

    private func resolveRelative(_ path: String, fragment: String?, link: MarkdownLinkReference, on id: DocsPageID, from here: String) -> ResolvedLink {
        let target = Path.join(pageDirectories[id.site][id.page], path)
        let kindOfLink = link.isImage ? "image" : "link"

        if !link.isImage, let found = pageID(at: target, preferring: id.site) ?? folderIndex(target, preferring: id.site) {
            return pageLink(found, fragment: fragment, from: here)
        }
        if let sites = assetsByPath[target] {
            let owner = sites.contains(id.site) ? id.site : sites[0]
            let relative = Path.relative(target, to: docs.sites[owner].docsFolder)
            return ResolvedLink(url: SitePaths.relativeURL(from: here, to: assetPath(site: owner, relativePath: relative)) + (fragment.map { "#" + $0 } ?? ""))
        }
        // MkDocs page URLs written by hand: `../setup/` from `guides/install.md` means the page at `setup/`.
        if !link.isImage, let found = pageByURL(relativeURL: path, from: id) {
            return pageLink(found, fragment: fragment, from: here)
        }
        if let reason = skippedByPath[target] {
            return ResolvedLink(problem: (.docsBrokenLink, "\(kindOfLink) target '\(path)' is not published: \(Self.describe(reason))"))
        }
        let missing = link.isImage ? DiagnosticID.docsMissingImage : .docsBrokenLink
        let docsFolder = docs.sites[id.site].docsFolder
        if !link.isImage, path.hasSuffix("/") || (Path.isInside(target, docsFolder) && FileSystem.type(of: target) == .directory) {
            return ResolvedLink(problem: (.docsBrokenLink, "link target '\(path)' is a folder without index.md or README.md"))
        }
        if !Path.isInside(target, docsFolder) {
            return ResolvedLink(problem: (missing, "\(kindOfLink) target '\(path)' is outside the docs folder and not a published page"))
        }
        return ResolvedLink(problem: (missing, "\(kindOfLink) target '\(path)' does not exist"))
    }

    private func pageID(at path: String, preferring site: Int) -> DocsPageID? {
        guard let candidates = pagesByPath[path] else { return nil }
        return candidates.first { $0.site == site } ?? candidates.first
    }

    private func folderIndex(_ path: String, preferring site: Int) -> DocsPageID? {
        pageID(at: path + "/index.md", preferring: site) ?? pageID(at: path + "/README.md", preferring: site)
    }

    private func pageByURL(relativeURL path: String, from id: DocsPageID) -> DocsPageID? {
        let here = docs.sites[id.site].pages[id.page].urlPath
        var url = Path.normalize(Path.join("/" + here, path))
        url.removeFirst()
        if url == "." { url = "" }
        let key = url.isEmpty || url.hasSuffix("/") ? url : url + "/"
        return pagesByURL[id.site][key].map { DocsPageID(site: id.site, page: $0) }
    }

    private func pageLink(_ target: DocsPageID, fragment: String?, from here: String) -> ResolvedLink {
        let url = SitePaths.relativeURL(from: here, to: pageFolder(target))
        guard let fragment, !fragment.isEmpty else { return ResolvedLink(url: url) }
        return ResolvedLink(url: url + "#" + fragment, anchor: (target, fragment))
    }

    // MARK: Rooted paths: TechDocs and catalog URLs

    private func resolveRooted(_ path: String, fragment: String?, link: MarkdownLinkReference, on id: DocsPageID, from here: String) -> ResolvedLink {
        let parts = path.split(separator: "/").map { PercentDecoding.decoded(String($0)) }
        if parts.count >= 4, parts[0] == "docs" {
            let ref = EntityRef(kind: parts[2], namespace: parts[1], name: parts[3])
            return docsPage(of: ref, path: parts.dropFirst(4).joined(separator: "/"), fragment: fragment, from: here, written: path)
        }
        if parts.count >= 4, parts[0] == "catalog" {
            let ref = EntityRef(kind: parts[2], namespace: parts[1], name: parts[3])
            return entityPage(ref, from: here, written: path)
        }
        return ResolvedLink(problem: (.docsBrokenLink, "link '\(path)' starts with '/', which depends on where the portal is hosted; use a relative link, a /docs/… TechDocs URL or entity:<ref>"))
    }

    private func docsPage(of ref: EntityRef, path: String, fragment: String?, from here: String, written: String) -> ResolvedLink {
        guard let site = sitePosition(showing: ref) else {
            if let published = graph.overlay.entity(docs.sharedDocs[ref] ?? ref) {
                guard published.hasDocs else {
                    return ResolvedLink(problem: (.docsBrokenLink, "link '\(written)' points at the docs of \(published.ref), a published entity without docs"))
                }
                let page = Self.folder(of: published.ref, graph: graph) + path
                return ResolvedLink(url: publishedBaseURL.map { SiteURLs.absolute(base: $0, path: page) + (fragment.map { "#" + $0 } ?? "") } ?? "")
            }
            if graph.index[ref] == nil {
                return ResolvedLink(problem: (.docsBrokenLink, "link '\(written)' names \(ref), which is not in the catalog"))
            }
            return ResolvedLink(problem: (.docsBrokenLink, "link '\(written)' points at the docs of \(ref), which has none"))
        }
        let trimmed = path.hasSuffix("/") || path.isEmpty ? path : path + "/"
        if let index = pagesByURL[site][trimmed] {
            return pageLink(DocsPageID(site: site, page: index), fragment: fragment, from: here)
        }
        if let found = docs.sites[site].pages.firstIndex(where: { $0.relativePath == path }) {
            return pageLink(DocsPageID(site: site, page: found), fragment: fragment, from: here)
        }
        return ResolvedLink(problem: (.docsBrokenLink, "link '\(written)': the docs of \(ref) have no page '\(path)'"))
    }

    private func entityPage(_ ref: EntityRef, from here: String, written: String) -> ResolvedLink {
        guard let position = graph.index[ref] else {
            if let published = graph.overlay.entity(ref) {
                return ResolvedLink(url: publishedBaseURL.map { SiteURLs.absolute(base: $0, path: SitePaths.entityFolder(published)) } ?? "")
            }
            return ResolvedLink(problem: (.docsBrokenLink, "link '\(written)' names \(ref), which is not in the catalog"))
        }
        return ResolvedLink(url: SitePaths.relativeURL(from: here, to: SitePaths.entityFolder(graph.entities[position])))
    }

    // MARK: The portal's own syntax

    private func resolveEntity(_ text: String, link: MarkdownLinkReference, on id: DocsPageID, from here: String) -> ResolvedLink {
        let namespace = docs.sites[id.site].entity.namespace
        let (refText, _) = URLText.splitFragment(text)
        guard let ref = try? EntityRef.parse(PercentDecoding.decoded(refText), defaultKind: "component", defaultNamespace: namespace) else {
            return ResolvedLink(problem: (.docsBrokenLink, "'entity:\(text)' is not an entity reference (entity:[kind:][namespace/]name)"))
        }
        return entityPage(ref, from: here, written: "entity:" + text)
    }

    private func resolveDocsRef(_ text: String, on id: DocsPageID, from here: String) -> ResolvedLink {
        let namespace = docs.sites[id.site].entity.namespace
        let (body, fragment) = URLText.splitFragment(PercentDecoding.decoded(text))
        var refText = body
        var path = ""
        // `kind:namespace/name/path…`: a page path needs the full reference.
        if let colon = body.firstIndex(of: ":") {
            let parts = body[body.index(after: colon)...].split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3 {
                refText = String(body[..<colon]) + ":" + parts[0] + "/" + parts[1]
                path = String(parts[2])
            }
        }
        guard let ref = try? EntityRef.parse(refText, defaultKind: "component", defaultNamespace: namespace) else {
            return ResolvedLink(problem: (.docsBrokenLink, "'docs:\(text)' is not an entity reference (docs:[kind:][namespace/]name)"))
        }
        if path.hasSuffix(".md") {
            let url = path.hasSuffix("index.md") || path.hasSuffix("README.md")
                ? String(path[..<(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)])
                : String(path.dropLast(3)) + "/"
            return docsPage(of: ref, path: url, fragment: fragment, from: here, written: "docs:" + text)
        }
        return docsPage(of: ref, path: path, fragment: fragment, from: here, written: "docs:" + text)
    }

    private static func describe(_ reason: SkippedDocFile.Reason) -> String {
        switch reason {
        case .unsafeType: "files of this type could run code in the portal and are never copied"
        case .unknownType: "files of this type are not copied"
        case .tooLarge: "the file is larger than the size limit"
        case .duplicateURL: "another page has the same URL"
        case .linkOutside: "it is a symbolic link leading out of the repository"
        }
    }
}

/// Small URL text helpers for links written in docs.
enum URLText {
    /// `scheme:` before any `/`, `?` or `#`, ignoring ASCII controls and spaces as the URL policy
    /// does (a browser drops a tab or newline anywhere), so `java\tscript:` has a scheme.
    static func hasScheme(_ text: String) -> Bool {
        var offset = 0
        for byte in text.utf8 where byte > 0x20 && byte != 0x7F {
            defer { offset += 1 }
            switch byte {
            case UInt8(ascii: ":"): return offset > 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if offset == 0 { return false }
            default: return false
            }
        }
        return false
    }

    /// The part before `#` (and without a `?query`), and the fragment.
    static func splitFragment(_ text: String) -> (path: String, fragment: String?) {
        // `#` and `?` are ASCII: their bytes are found without walking characters.
        var path = Substring(text)
        var fragment: String?
        if let hash = path.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(path[path.utf8.index(after: hash)...])
            path = path[..<hash]
        }
        if let question = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = path[..<question] }
        return (String(path), fragment)
    }
}
