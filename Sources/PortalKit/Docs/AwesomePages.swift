import PortalYAML

/// The settings of an awesome-pages `.pages` file (mkdocs-awesome-pages-plugin), which
/// arrange the generated nav of its folder.
///
/// Read: `title` (the folder's section title), `nav` (or its older name `arrange`) with file
/// and folder names, `...` for the rest, `Title: name`, `Title: https://link` and
/// `Section: [entries]`, and `hide: true`. Other keys (`order`, `collapse` …) are ignored.
/// Without `...`, unlisted pages stay out of the nav (they are still published).
struct AwesomePages: Sendable {
    indirect enum Entry: Sendable {
        /// `...`: every entry not named elsewhere, in the default order.
        case rest
        /// A file or folder name (or relative path), optionally retitled.
        case name(title: String?, String, Mark)
        case link(title: String, url: String)
        case section(title: String, [Entry])
    }

    var display: String
    var title: String?
    var nav: [Entry]?
    var hide = false

    /// Reads the `.pages` file at `path`; nil (with a diagnostic) when it is unusable.
    static func read(_ path: String, display: String, limits: InputLimits, into diagnostics: inout Diagnostics) -> AwesomePages? {
        let bytes: [UInt8]
        switch FileSystem.read(path, limit: limits.maxFileBytes) {
        case .bytes(let read): bytes = read
        case .tooLarge(let size):
            diagnostics.add(.warning, .inputTooLarge, at: SourceLocation(file: display),
                            "file is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes; it is not read")
            return nil
        case .failed(let reason):
            diagnostics.add(.warning, .inputUnreadable, at: SourceLocation(file: display), "could not read the file: \(reason)")
            return nil
        }
        let yamlLimits = YAMLLimits(maxAliasExpansion: limits.maxAliasExpansion, maxDepth: limits.maxDepth)
        let documents = bytes.withUnsafeBytes { YAMLParser.parse(bytes: $0, limits: yamlLimits) }
        var settings = AwesomePages(display: display)
        let at = { (mark: Mark) in SourceLocation(file: display, line: mark.line, column: mark.column) }
        guard let document = documents.first else { return settings }
        if let error = document.error {
            diagnostics.add(.warning, .docsConfig, at: at(error.mark), ".pages does not parse: \(error.message); the folder's default order is used")
            return nil
        }
        guard let root = document.root, !root.isNull else { return settings }
        guard root.pairs != nil else {
            diagnostics.add(.warning, .docsConfig, at: at(root.mark), ".pages must be a mapping of settings, got \(root.typeDescription); it is ignored")
            return nil
        }
        if let title = root["title"] {
            if let text = title.scalarText, !title.isNull { settings.title = text } else {
                diagnostics.add(.warning, .docsConfig, at: at(title.mark), ".pages title must be a string, got \(title.typeDescription)")
            }
        }
        if let hide = root["hide"], case .bool(let value)? = hide.scalarValue { settings.hide = value }
        if let nav = root["nav"] ?? root["arrange"] {
            if nav.items != nil {
                settings.nav = entries(nav, at: at, into: &diagnostics)
            } else {
                diagnostics.add(.warning, .docsConfig, at: at(nav.mark), ".pages nav must be a list, got \(nav.typeDescription); it is ignored")
            }
        }
        return settings
    }

    private static func entries(_ node: YAMLNode, at: (Mark) -> SourceLocation, into diagnostics: inout Diagnostics) -> [Entry] {
        var result: [Entry] = []
        for item in node.items ?? [] {
            if let text = item.scalarText, item.pairs == nil, !item.isNull {
                let trimmed = text.trimmingWhitespace
                if trimmed == "..." || trimmed.hasPrefix("... |") || trimmed.hasPrefix("...|") {
                    result.append(.rest)
                } else {
                    result.append(.name(title: nil, trimmed, item.mark))
                }
                continue
            }
            guard let pairs = item.pairs, pairs.count == 1, let title = pairs[0].key.scalarText else {
                diagnostics.add(.warning, .docsConfig, at: at(item.mark),
                                "a .pages nav entry is a name, '...', 'Title: name', 'Title: URL' or 'Section: [entries]'; this one is left out")
                continue
            }
            let value = pairs[0].value
            if let text = value.stringValue {
                let trimmed = text.trimmingWhitespace
                result.append(Placeholder.isURL(trimmed) ? .link(title: title, url: trimmed) : .name(title: title, trimmed, value.mark))
            } else if value.items != nil {
                result.append(.section(title: title, entries(value, at: at, into: &diagnostics)))
            } else {
                diagnostics.add(.warning, .docsConfig, at: at(value.mark),
                                ".pages nav entry '\(title)' must name a page, a URL or a list, got \(value.typeDescription); it is left out")
            }
        }
        return result
    }
}
