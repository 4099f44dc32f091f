import PortalYAML

/// The settings of an mkdocs.yaml / mkdocs.yml that a static portal uses.
///
/// Only `site_name`, `site_description`, `docs_dir`, `nav`, `repo_url` and `edit_uri` are
/// read. Settings that would run code or change the theme (`theme.custom_dir`, `hooks`) and
/// `INHERIT` / `exclude_docs` are never followed, with an info diagnostic; the many other
/// MkDocs settings (plugins, markdown_extensions, extra_css …) are ignored quietly.
/// Python tags (`!!python/name:…`) parse as plain tagged values.
struct MkDocsConfig: Sendable {
    /// The file's absolute path and its path as shown in diagnostics.
    var path: String
    var display: String
    var siteName: String?
    var siteDescription: String?
    /// `docs_dir` as written, and where (nil: the default `docs`).
    var docsDir = "docs"
    var docsDirNode: YAMLNode?
    /// The `nav` sequence, when written and well-formed.
    var nav: YAMLNode?
    var navMark: Mark?
    var repoURL: String?
    var editURI: String?
    /// Whether `edit_uri` was written (an empty one turns edit links off).
    var hasEditURI = false
    /// Whether any of `repo_url`, `edit_uri` and `edit_uri_template` was written
    /// (Backstage then leaves them alone).
    var hasRepositorySettings = false

    /// The config file names, in the order MkDocs and Backstage look for them.
    static let fileNames = ["mkdocs.yaml", "mkdocs.yml"]

    enum Outcome {
        /// No mkdocs file in the folder.
        case none
        /// A file exists but cannot be used (diagnostics say why).
        case failed
        case config(MkDocsConfig)
    }

    /// Finds and reads the config file in `folder` (an absolute, link-free folder of `repository`).
    static func read(in folder: String, repository: Int, scan: ScanResult, limits: InputLimits,
                     into diagnostics: inout Diagnostics) -> Outcome {
        let present = fileNames.map { folder + "/" + $0 }.filter { FileSystem.type(of: $0) != nil }
        guard let path = present.first else { return .none }
        let display = scan.displayPath(path, in: repository)
        if present.count > 1 {
            diagnostics.add(.info, .docsIgnoredSetting, at: SourceLocation(file: scan.displayPath(present[1], in: repository)),
                            "mkdocs.yml is not read: mkdocs.yaml beside it takes precedence, as in MkDocs and Backstage")
        }
        guard let real = FileSystem.realPath(path), Path.isInside(real, scan.repositories[repository].path) else {
            diagnostics.add(.error, .inputSymlinkOutside, at: SourceLocation(file: display),
                            "'\(Path.fileName(of: path))' is a link that leaves the repository or leads nowhere; it is not read")
            return .failed
        }
        let bytes: [UInt8]
        switch FileSystem.read(real, limit: limits.maxFileBytes) {
        case .bytes(let read): bytes = read
        case .tooLarge(let size):
            diagnostics.add(.error, .inputTooLarge, at: SourceLocation(file: display),
                            "file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes; it is not read")
            return .failed
        case .failed(let reason):
            diagnostics.add(.error, .inputUnreadable, at: SourceLocation(file: display), "could not read the file: \(reason)")
            return .failed
        }
        let yamlLimits = YAMLLimits(maxAliasExpansion: limits.maxAliasExpansion, maxDepth: limits.maxDepth)
        let documents = bytes.withUnsafeBytes { YAMLParser.parse(bytes: $0, limits: yamlLimits) }
        var config = MkDocsConfig(path: path, display: display)
        guard let document = documents.first else {
            config.reportMissingSiteName(into: &diagnostics)
            return .config(config)
        }
        for warning in document.warnings {
            diagnostics.add(.warning, .yamlDuplicateKey, at: config.at(warning.mark), warning.message)
        }
        if let error = document.error {
            diagnostics.add(.error, .docsConfig, at: config.at(error.mark), "mkdocs config does not parse: \(error.message)")
            return .failed
        }
        guard let root = document.root, !root.isNull else {
            config.reportMissingSiteName(into: &diagnostics)
            return .config(config)
        }
        guard root.pairs != nil else {
            diagnostics.add(.error, .docsConfig, at: config.at(root.mark), "mkdocs config must be a mapping of settings, got \(root.typeDescription)")
            return .failed
        }
        if documents.count > 1 {
            diagnostics.add(.warning, .docsConfig, at: config.at(documents[1].start), "only the first YAML document of an mkdocs config is read")
        }
        config.siteName = config.string(root, "site_name", into: &diagnostics)
        if root["site_name"] == nil { config.reportMissingSiteName(into: &diagnostics) }
        config.siteDescription = config.string(root, "site_description", into: &diagnostics)
        if let node = root["docs_dir"], let value = config.string(root, "docs_dir", into: &diagnostics) {
            config.docsDir = value
            config.docsDirNode = node
        }
        config.repoURL = config.string(root, "repo_url", into: &diagnostics)
        if root["edit_uri"] != nil {
            config.hasEditURI = true
            config.editURI = config.string(root, "edit_uri", into: &diagnostics)
        }
        config.hasRepositorySettings = root["repo_url"] != nil || root["edit_uri"] != nil || root["edit_uri_template"] != nil
        if let nav = root["nav"] {
            if nav.items != nil {
                config.nav = nav
                config.navMark = root.pair("nav")?.key.mark
            } else if !nav.isNull {
                diagnostics.add(.warning, .docsConfig, at: config.at(nav.mark),
                                "nav must be a list of pages and sections, got \(nav.typeDescription); the nav is made from the folder tree")
            }
        }
        config.reportIgnoredSettings(root, into: &diagnostics)
        return .config(config)
    }

    func at(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: display, line: mark.line, column: mark.column)
    }

    /// A string setting; other types (and `!ENV` values, which are never read) give a warning.
    private func string(_ root: YAMLNode, _ key: String, into diagnostics: inout Diagnostics) -> String? {
        guard let node = root[key], !node.isNull else { return nil }
        if node.tag == "!ENV" {
            diagnostics.add(.warning, .docsConfig, at: at(node.mark),
                            "\(key) uses !ENV; environment variables are never read, so the setting is ignored")
            return nil
        }
        guard let text = node.stringValue else {
            diagnostics.add(.warning, .docsConfig, at: at(node.mark), "\(key) must be a string, got \(node.typeDescription); it is ignored")
            return nil
        }
        return text
    }

    private func reportMissingSiteName(into diagnostics: inout Diagnostics) {
        diagnostics.add(.warning, .docsConfig, at: SourceLocation(file: display),
                        "mkdocs config has no site_name, which MkDocs requires; the entity's title is used")
    }

    private func reportIgnoredSettings(_ root: YAMLNode, into diagnostics: inout Diagnostics) {
        if let theme = root["theme"], let customDir = theme.pair("custom_dir") {
            diagnostics.add(.info, .docsIgnoredSetting, at: at(customDir.key.mark),
                            "theme.custom_dir is never read: theme overrides are templates that would run in the portal's pages")
        }
        if let hooks = root.pair("hooks") {
            diagnostics.add(.info, .docsIgnoredSetting, at: at(hooks.key.mark), "hooks are never run: they are Python code")
        }
        if let inherit = root.pair("INHERIT") {
            diagnostics.add(.info, .docsIgnoredSetting, at: at(inherit.key.mark),
                            "INHERIT is not followed: settings are read from this file only")
        }
        if let exclude = root.pair("exclude_docs") {
            diagnostics.add(.info, .docsIgnoredSetting, at: at(exclude.key.mark),
                            "exclude_docs is not honoured: every page of docs_dir is published")
        }
    }
}
