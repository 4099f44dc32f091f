/// Every file of a docs folder, sorted into pages, assets and skipped files; reads directory
/// listings only, never the files.
///
/// Hidden files and folders are left out (as MkDocs does), except that awesome-pages `.pages`
/// files are noted. Links are followed only while they stay inside the repository.
struct DocsFolderListing: Sendable {
    /// A Markdown file, before URLs are given out.
    struct Page: Sendable {
        var relativePath: String
        var size: Int
    }

    var pages: [Page] = []
    var assets: [DocAsset] = []
    var skipped: [SkippedDocFile] = []
    /// Folder relative path ("" for the docs folder itself) → absolute path of its `.pages` file.
    var pagesFiles: [String: String] = [:]

    /// File extensions MkDocs reads as Markdown (compared lowercased).
    static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkdn", "mkd"]
    /// File types copied into the portal: media, documents, data, fonts, diagram sources, archives.
    static let assetExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "avif", "bmp", "ico", "svg", "tif", "tiff",
        "pdf", "txt", "csv", "tsv", "json", "yaml", "yml", "toml",
        "zip", "gz", "tgz", "tar", "bz2", "xz", "7z",
        "mp4", "webm", "mov", "m4v", "mp3", "ogg", "oga", "wav", "m4a", "flac",
        "woff", "woff2", "ttf", "otf", "eot",
        "drawio", "excalidraw", "puml", "plantuml", "dot", "mmd",
    ]
    /// File types never copied: a browser runs them (or styles the portal) on the portal's origin.
    static let unsafeExtensions: Set<String> = ["html", "htm", "xhtml", "shtml", "xml", "xsl", "xslt", "js", "mjs", "cjs", "css", "svgz", "swf"]

    /// The lowercased extension of a file name ("" when none).
    static func fileExtension(_ name: String) -> String {
        let utf8 = name.utf8
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")), dot != utf8.startIndex else { return "" }
        return String(decoding: utf8[utf8.index(after: dot)...], as: UTF8.self).lowercased()
    }

    static func isMarkdown(_ name: String) -> Bool { markdownExtensions.contains(fileExtension(name)) }

    /// Lists `folder` (absolute, link-free) of `repository`.
    static func list(_ folder: String, repository: Int, scan: ScanResult, limits: InputLimits,
                     into diagnostics: inout Diagnostics) -> DocsFolderListing {
        var walker = Walker(root: folder, repository: repository, scan: scan, limits: limits)
        walker.visited.insert(folder)
        walker.walk(folder, relative: "")
        diagnostics.add(contentsOf: walker.diagnostics)
        return walker.listing
    }

    private struct Walker {
        let root: String
        let repository: Int
        let scan: ScanResult
        let limits: InputLimits
        var listing = DocsFolderListing()
        var diagnostics = Diagnostics()
        var visited: Set<String> = []
        var count = 0
        var full = false

        mutating func walk(_ folder: String, relative: String) {
            let repositoryPath = scan.repositories[repository].path
            var subfolders: [(path: String, relative: String)] = []
            for entry in FileSystem.stampedEntries(of: folder) {
                if full { return }
                let path = folder + "/" + entry.name
                let inside = relative.isEmpty ? entry.name : relative + "/" + entry.name
                if entry.name.hasPrefix(".") {
                    if entry.name == ".pages", FileSystem.resolvedType(of: path) == .file,
                       let real = FileSystem.realPath(path), Path.isInside(real, repositoryPath) {
                        listing.pagesFiles[relative] = real
                    }
                    continue
                }
                var type = entry.type
                var real = path
                if type == .symlink {
                    guard let target = FileSystem.realPath(path), Path.isInside(target, repositoryPath),
                          let targetType = FileSystem.resolvedType(of: target) else {
                        diagnostics.add(.warning, .inputSymlinkOutside, at: SourceLocation(file: display(path)),
                                        "'\(entry.name)' is a link that leaves the repository or leads nowhere; it is not published")
                        listing.skipped.append(SkippedDocFile(relativePath: inside, reason: .linkOutside))
                        continue
                    }
                    type = targetType
                    real = target
                }
                switch type {
                case .directory:
                    if visited.insert(real).inserted { subfolders.append((path, inside)) }
                case .file:
                    add(path, relative: inside, name: entry.name, size: entry.stamp.flatMap { $0 == .missing ? nil : Int($0.size) })
                case .symlink, .other:
                    continue
                }
            }
            for subfolder in subfolders {
                if full { return }
                walk(subfolder.path, relative: subfolder.relative)
            }
        }

        /// Lists the file at `path`; `size` when the folder's listing had it (else it is asked for).
        private mutating func add(_ path: String, relative: String, name: String, size listedSize: Int?) {
            count += 1
            if count > limits.maxDocsFiles {
                full = true
                diagnostics.add(.warning, .docsTooManyFiles, at: SourceLocation(file: display(root)),
                                "the docs folder holds more than \(limits.maxDocsFiles) files; the rest (from '\(relative)' on) are left out")
                return
            }
            let size = listedSize ?? FileSystem.size(of: path) ?? 0
            let type = DocsFolderListing.fileExtension(name)
            if DocsFolderListing.markdownExtensions.contains(type) {
                if size > limits.maxFileBytes {
                    diagnostics.add(.warning, .inputTooLarge, at: SourceLocation(file: display(path)),
                                    "page is \(size) bytes, over the limit of \(limits.maxFileBytes) bytes; it is not published")
                    listing.skipped.append(SkippedDocFile(relativePath: relative, reason: .tooLarge))
                } else {
                    listing.pages.append(Page(relativePath: relative, size: size))
                }
            } else if DocsFolderListing.assetExtensions.contains(type) {
                listing.assets.append(DocAsset(relativePath: relative, absolutePath: path, size: size))
            } else {
                let reason: SkippedDocFile.Reason = DocsFolderListing.unsafeExtensions.contains(type) ? .unsafeType : .unknownType
                listing.skipped.append(SkippedDocFile(relativePath: relative, reason: reason))
            }
        }

        private func display(_ path: String) -> String {
            scan.displayPath(path, in: repository)
        }
    }
}
