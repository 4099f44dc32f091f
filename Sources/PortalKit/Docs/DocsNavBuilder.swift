import PortalYAML

/// Makes a site's navigation: from mkdocs `nav` when written, else from the folder tree the
/// way MkDocs does, arranged by awesome-pages `.pages` files where present.
///
/// Entries naming a page that is not published are reported and left out of the nav (MkDocs
/// would keep them as dead links).
package struct DocsNavBuilder {
    let pages: [DocPage]
    let skipped: [SkippedDocFile]
    let pagesFiles: [String: String]
    /// `docs_dir` as written, for hints.
    let docsDir: String
    let scan: ScanResult
    let repository: Int
    let limits: InputLimits
    /// Position of each page by relative path, and the assets' relative paths.
    private let pageIndex: [String: Int]
    private let assetPaths: Set<String>

    init(pages: [DocPage], assets: [DocAsset], skipped: [SkippedDocFile], pagesFiles: [String: String], docsDir: String,
         scan: ScanResult, repository: Int, limits: InputLimits) {
        self.pages = pages
        self.skipped = skipped
        self.pagesFiles = pagesFiles
        self.docsDir = docsDir
        self.scan = scan
        self.repository = repository
        self.limits = limits
        var index: [String: Int] = [:]
        for (position, page) in pages.enumerated() { index[page.relativePath] = position }
        pageIndex = index
        assetPaths = Set(assets.map(\.relativePath))
    }

    // MARK: - Explicit nav (mkdocs.yml)

    func explicitNav(_ nav: YAMLNode, config: MkDocsConfig, into diagnostics: inout Diagnostics) -> [NavItem] {
        var used = Set<String>()
        let items = entries(nav, config: config, used: &used, into: &diagnostics)
        let left = pages.filter { !used.contains($0.relativePath) }.map(\.relativePath)
        if !left.isEmpty {
            let shown = left.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (left.count > 5 ? ", …" : "")
            diagnostics.add(.info, .docsNotInNav, at: config.at(config.navMark ?? nav.mark),
                            "\(left.count) page\(left.count == 1 ? " is" : "s are") not in the nav (\(shown)); "
                            + (left.count == 1 ? "it is" : "they are") + " published, reachable by links only")
        }
        return items
    }

    private func entries(_ node: YAMLNode, config: MkDocsConfig, used: inout Set<String>,
                         into diagnostics: inout Diagnostics) -> [NavItem] {
        var result: [NavItem] = []
        for item in node.items ?? [] {
            if let text = item.stringValue {
                if let entry = entry(title: nil, text, at: config.at(item.mark), used: &used, into: &diagnostics) { result.append(entry) }
                continue
            }
            guard let pairs = item.pairs, pairs.count == 1 else {
                diagnostics.add(.warning, .docsConfig, at: config.at(item.mark),
                                "a nav entry is a page path, a 'Title: path' pair or a 'Section: [entries]' pair; this one is left out")
                continue
            }
            let title = pairs[0].key.scalarText ?? ""
            let value = pairs[0].value
            if let text = value.stringValue {
                if let entry = entry(title: title, text, at: config.at(value.mark), used: &used, into: &diagnostics) { result.append(entry) }
            } else if value.items != nil {
                let children = entries(value, config: config, used: &used, into: &diagnostics)
                if !children.isEmpty { result.append(.section(title: title, children: children)) }
            } else {
                diagnostics.add(.warning, .docsConfig, at: config.at(value.mark),
                                "nav entry '\(title)' must name a page, a URL or a list of entries, got \(value.typeDescription); it is left out")
            }
        }
        return result
    }

    /// One `path` or `Title: path` entry of mkdocs nav, paths relative to docs_dir.
    private func entry(title: String?, _ raw: String, at location: SourceLocation, used: inout Set<String>,
                       into diagnostics: inout Diagnostics) -> NavItem? {
        let text = raw.trimmingWhitespace
        if text.hasPrefix("!include") {
            diagnostics.add(.warning, .docsConfig, at: location,
                            "nav entry '\(text)' merges another site (mkdocs-monorepo-plugin), which is not supported; it is left out")
            return nil
        }
        if Placeholder.isURL(text) || text.hasPrefix("/") || text.hasPrefix("#") {
            return .link(title: title ?? text, url: text)
        }
        return resolve(text, in: "", title: title, at: location, what: "nav entry", base: "docs_dir '\(docsDir)'",
                       used: &used, into: &diagnostics)
    }

    /// A page, asset link or report for `text` relative to the folder `folder` of the docs folder.
    private func resolve(_ text: String, in folder: String, title: String?, at location: SourceLocation, what: String,
                         base: String, used: inout Set<String>, into diagnostics: inout Diagnostics) -> NavItem? {
        let path = Path.normalize(folder.isEmpty ? text : folder + "/" + text)
        if path == "." || path == ".." || path.hasPrefix("../") {
            diagnostics.add(.warning, .docsNavMissing, at: location,
                            "\(what) '\(text)' points outside \(base); only pages inside it are published, so it is left out")
            return nil
        }
        if pageIndex[path] != nil {
            used.insert(path)
            return .page(title: title, path: path)
        }
        if assetPaths.contains(path) {
            return .link(title: title ?? Path.fileName(of: path), url: path)
        }
        if let skip = skipped.first(where: { $0.relativePath == path }) {
            diagnostics.add(.warning, .docsNavMissing, at: location,
                            "\(what) '\(text)' names a file that is not published (\(Self.describe(skip.reason))); it is left out")
            return nil
        }
        diagnostics.add(.warning, .docsNavMissing, at: location,
                        "\(what) '\(text)' names no page in \(base); it is left out\(suggestion(for: path))")
        return nil
    }

    private func suggestion(for path: String) -> String {
        let prefix = Path.normalize(docsDir) + "/"
        if path.hasPrefix(prefix), pageIndex[String(path.dropFirst(prefix.count))] != nil {
            return " (nav paths are relative to docs_dir: did you mean '\(path.dropFirst(prefix.count))'?)"
        }
        let name = Path.fileName(of: path).lowercased()
        if let near = pages.first(where: { Path.fileName(of: $0.relativePath).lowercased() == name }) {
            return " (did you mean '\(near.relativePath)'?)"
        }
        return ""
    }

    static func describe(_ reason: SkippedDocFile.Reason) -> String {
        switch reason {
        case .unsafeType: "HTML, JavaScript, CSS and XML files are never copied"
        case .unknownType: "its file type is not copied"
        case .tooLarge: "it is over the size limit"
        case .duplicateURL: "another page has its URL"
        case .linkOutside: "it is a link leaving the repository"
        }
    }

    // MARK: - Generated nav (folder tree, .pages)

    /// A folder of the docs tree: its pages (index first, then by name) and subfolders (by name).
    private final class Folder {
        let path: String
        var pages: [String] = []
        var folders: [String: Folder] = [:]
        init(path: String) { self.path = path }
        var name: String { Path.fileName(of: path) }
        /// The URL of the folder's index page.
        var indexURL: String { path.isEmpty ? "" : path + "/" }
    }

    func generatedNav(into diagnostics: inout Diagnostics) -> [NavItem] {
        let root = Folder(path: "")
        var folders: [String: Folder] = ["": root]
        for page in pages {
            var folder = root
            let parts = page.relativePath.split(separator: "/").map(String.init)
            for part in parts.dropLast() {
                let path = folder.path.isEmpty ? part : folder.path + "/" + part
                if let next = folder.folders[part] {
                    folder = next
                } else {
                    let next = Folder(path: path)
                    folder.folders[part] = next
                    folders[path] = next
                    folder = next
                }
            }
            folder.pages.append(page.relativePath)
        }
        for folder in folders.values {
            folder.pages.sort { lhs, rhs in
                let (left, right) = (pageIndex[lhs]!, pageIndex[rhs]!)
                let (leftIndex, rightIndex) = (pages[left].urlPath == folder.indexURL, pages[right].urlPath == folder.indexURL)
                if leftIndex != rightIndex { return leftIndex }
                return Path.fileName(of: lhs) < Path.fileName(of: rhs)
            }
        }
        var context = GeneratedContext(folders: folders)
        return children(of: root, context: &context, into: &diagnostics)
    }

    private struct GeneratedContext {
        var folders: [String: Folder]
        var pagesSettings: [String: AwesomePages] = [:]
    }

    /// The default entries of a folder: its pages, then its subfolders as sections.
    private func defaultChildren(of folder: Folder, context: inout GeneratedContext,
                                 into diagnostics: inout Diagnostics) -> [(name: String, item: NavItem)] {
        var result: [(String, NavItem)] = folder.pages.map { (Path.fileName(of: $0), NavItem.page(title: nil, path: $0)) }
        for name in folder.folders.keys.sorted() {
            if let section = section(for: folder.folders[name]!, title: nil, context: &context, into: &diagnostics) {
                result.append((name, section))
            }
        }
        return result
    }

    private func children(of folder: Folder, context: inout GeneratedContext, into diagnostics: inout Diagnostics) -> [NavItem] {
        let defaults = defaultChildren(of: folder, context: &context, into: &diagnostics)
        guard let settings = pagesSettings(for: folder, context: &context, into: &diagnostics), let nav = settings.nav else {
            return defaults.map(\.item)
        }
        var used = Set<String>()
        var arranged: [NavItem?] = []
        var restAt: Int?
        let location = { (mark: Mark) in SourceLocation(file: settings.display, line: mark.line, column: mark.column) }
        func arrange(_ entries: [AwesomePages.Entry], into list: inout [NavItem?], topLevel: Bool,
                     diagnostics: inout Diagnostics) {
            for entry in entries {
                switch entry {
                case .rest:
                    if topLevel, restAt == nil { restAt = list.count; list.append(nil) }
                case .link(let title, let url):
                    list.append(.link(title: title, url: url))
                case .section(let title, let children):
                    var inner: [NavItem?] = []
                    arrange(children, into: &inner, topLevel: false, diagnostics: &diagnostics)
                    let items = inner.compactMap { $0 }
                    if !items.isEmpty { list.append(.section(title: title, children: items)) }
                case .name(let title, let text, let mark):
                    let path = Path.normalize(folder.path.isEmpty ? text : folder.path + "/" + text)
                    if let child = defaults.first(where: { $0.name == text }) {
                        used.insert(text)
                        list.append(retitled(child.item, title))
                    } else if let sub = context.folders[path], sub !== folder {
                        if let section = section(for: sub, title: title, context: &context, into: &diagnostics) { list.append(section) }
                    } else {
                        var ignored = Set<String>()
                        if let item = resolve(text, in: folder.path, title: title, at: location(mark), what: ".pages entry",
                                              base: "'\(folder.path.isEmpty ? "." : folder.path)'", used: &ignored, into: &diagnostics) {
                            list.append(item)
                        }
                    }
                }
            }
        }
        arrange(nav, into: &arranged, topLevel: true, diagnostics: &diagnostics)
        if let restAt {
            let rest = defaults.filter { !used.contains($0.name) }.map(\.item)
            var result = arranged[..<restAt].compactMap { $0 }
            result += rest
            result += arranged[(restAt + 1)...].compactMap { $0 }
            return result
        }
        return arranged.compactMap { $0 }
    }

    private func retitled(_ item: NavItem, _ title: String?) -> NavItem {
        guard let title else { return item }
        switch item {
        case .page(_, let path): return .page(title: title, path: path)
        case .section(_, let children): return .section(title: title, children: children)
        case .link(_, let url): return .link(title: title, url: url)
        }
    }

    private func section(for folder: Folder, title: String?, context: inout GeneratedContext,
                         into diagnostics: inout Diagnostics) -> NavItem? {
        let settings = pagesSettings(for: folder, context: &context, into: &diagnostics)
        if settings?.hide == true { return nil }
        let items = children(of: folder, context: &context, into: &diagnostics)
        guard !items.isEmpty else { return nil }
        return .section(title: title ?? settings?.title ?? Self.sectionTitle(folder.name), children: items)
    }

    private func pagesSettings(for folder: Folder, context: inout GeneratedContext,
                               into diagnostics: inout Diagnostics) -> AwesomePages? {
        if let known = context.pagesSettings[folder.path] { return known }
        guard let file = pagesFiles[folder.path] else { return nil }
        let settings = AwesomePages.read(file, display: scan.displayPath(file, in: repository), limits: limits, into: &diagnostics)
        context.pagesSettings[folder.path] = settings
        return settings
    }

    /// MkDocs' section title for a folder name: `-` and `_` become spaces, and an all-lowercase
    /// name is capitalised (`getting-started` → `Getting started`).
    package static func sectionTitle(_ name: String) -> String {
        let spaced = String(name.map { $0 == "-" || $0 == "_" ? " " : $0 })
        guard spaced.lowercased() == spaced, let first = spaced.first else { return spaced }
        return first.uppercased() + spaced.dropFirst()
    }
}
