public import PortalKit

/// A theme: Mustache templates (`templates/NAME.mustache`) and assets (`assets/…`, copied
/// to the site's `assets/` folder). A theme folder may hold any subset of the default
/// theme's files; what it lacks comes from the default theme compiled into the binary.
public struct Theme: Sendable {
    /// Template sources by name (the path under `templates/` without `.mustache`).
    public var templates: [String: String]
    /// Asset bytes by path under `assets/`.
    public var assets: [String: [UInt8]]
    /// Where each template and asset came from, for diagnostics (`Themes/x/templates/page.mustache`
    /// or `(default theme)/templates/page.mustache`).
    public var origins: [String: String]

    /// The default theme, as compiled from `Themes/default`.
    public static let standard: Theme = {
        var theme = Theme(templates: [:], assets: [:], origins: [:])
        for (path, file) in embeddedDefaultTheme {
            theme.add(path: path, bytes: file.bytes, origin: "(default theme)/" + path)
        }
        return theme
    }()

    /// The default theme overlaid with the files of `folder`. Unreadable files are reported
    /// and skipped, so a broken override never stops the build.
    public static func overlay(folder: String, into diagnostics: inout Diagnostics) -> Theme {
        var theme = standard
        guard FileSystem.resolvedType(of: folder) == .directory else {
            diagnostics.add(.error, .themeUnreadable, at: SourceLocation(file: folder),
                            "the theme folder does not exist; using the default theme")
            return theme
        }
        for relative in files(under: folder, prefix: "") {
            let path = Path.join(folder, relative)
            switch FileSystem.read(path, limit: 16 << 20) {
            case .bytes(let bytes): theme.add(path: relative, bytes: bytes, origin: path)
            case .tooLarge(let size):
                diagnostics.add(.error, .themeUnreadable, at: SourceLocation(file: path), "theme file is too large (\(size) bytes)")
            case .failed(let reason):
                diagnostics.add(.error, .themeUnreadable, at: SourceLocation(file: path), "cannot read theme file: \(reason)")
            }
        }
        return theme
    }

    private mutating func add(path: String, bytes: [UInt8], origin: String) {
        if path.hasPrefix("templates/"), path.hasSuffix(".mustache") {
            let name = String(path.dropFirst("templates/".count).dropLast(".mustache".count))
            // A file's final line break would otherwise follow every partial into the page.
            var source = String(decoding: bytes, as: UTF8.self)
            if source.hasSuffix("\n") { source.removeLast() }
            templates[name] = source
            origins["templates/" + name] = origin
        } else if path.hasPrefix("assets/") {
            let name = String(path.dropFirst("assets/".count))
            assets[name] = bytes
            origins["assets/" + name] = origin
        }
    }

    /// Relative paths of the regular files under `folder`, skipping hidden entries and links.
    private static func files(under folder: String, prefix: String) -> [String] {
        var found: [String] = []
        for entry in FileSystem.entries(of: Path.join(folder, prefix)).sorted(by: { $0.name < $1.name }) {
            if entry.name.hasPrefix(".") { continue }
            let relative = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
            switch entry.type {
            case .file: found.append(relative)
            case .directory: found += files(under: folder, prefix: relative)
            default: continue
            }
        }
        return found
    }
}
