import Foundation
import PortalKit
@testable import PortalSite

/// The package's folder, found from this file.
let packageFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// `../shared` beside the repository, when present.
let sharedFolder: String? = {
    let shared = URL(fileURLWithPath: packageFolder).deletingLastPathComponent().appendingPathComponent("shared").path
    return FileManager.default.fileExists(atPath: shared + "/corpus") ? URL(fileURLWithPath: shared).resolvingSymlinksInPath().path : nil
}()

/// A rendered site held in memory, with helpers to read pages and check their links.
struct RenderedPages {
    let build: CatalogBuild
    let site: RenderedSite
    let files: [String: [UInt8]]

    init(roots: [String], overlays: [String] = [], config: PortalConfig = PortalConfig(), theme: Theme = .standard) {
        build = BuildPipeline(roots: roots, overlays: overlays).runCatalog()
        site = SiteRenderer(config: config, theme: theme).render(build)
        var files: [String: [UInt8]] = [:]
        for file in site.files { files[file.path] = file.bytes }
        self.files = files
    }

    func page(_ path: String) -> String? {
        files[path].map { String(decoding: $0, as: UTF8.self) }
    }

    var htmlPaths: [String] { files.keys.filter { $0.hasSuffix(".html") }.sorted() }

    /// Every `href` and `src` attribute value of a page (one pass over the bytes: pages can be large).
    static func urls(in html: String) -> [String] {
        var urls: [String] = []
        let bytes = Array(html.utf8)
        let patterns: [[UInt8]] = [Array("href=\"".utf8), Array("src=\"".utf8)]
        var index = 0
        while index < bytes.count {
            guard let pattern = patterns.first(where: { pattern in
                index + pattern.count <= bytes.count && bytes[index] == pattern[0] && Array(bytes[index..<index + pattern.count]) == pattern
            }) else {
                index += 1
                continue
            }
            let start = index + pattern.count
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
            urls.append(String(decoding: bytes[start..<end], as: UTF8.self))
            index = end
        }
        return urls
    }

    /// Relative links of `page` that point at no file of the site (query and fragment ignored).
    func brokenLinks(in pagePath: String) -> [String] {
        guard let html = page(pagePath) else { return ["(no page \(pagePath))"] }
        let folder = pagePath.contains("/") ? String(pagePath[..<pagePath.lastIndex(of: "/")!]) : ""
        return Self.urls(in: html).filter { url in
            if url.hasPrefix("#") || url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("mailto:") { return false }
            var target = String(url.prefix { $0 != "?" && $0 != "#" })
            if target.isEmpty { return false }
            if target.hasPrefix("/") { return pagePath != "404.html" }
            target = Self.normalize(folder.isEmpty ? target : folder + "/" + target)
            if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
            return files[target] == nil
        }
    }

    /// ``brokenLinks(in:)`` less the ones a docs author wrote and the build reported (a docs
    /// diagnostic quoting the destination): the portal never makes a broken link of its own.
    func unreportedBrokenLinks(in pagePath: String) -> [String] {
        let broken = brokenLinks(in: pagePath)
        guard pagePath.hasPrefix("docs/"), !broken.isEmpty else { return broken }
        let messages = site.diagnostics.filter { $0.id.rawValue.hasPrefix("docs.") }.map(\.message)
        return broken.filter { url in
            let written = String(url.prefix { $0 != "#" && $0 != "?" }).replacingOccurrences(of: "&amp;", with: "&")
            return !messages.contains { $0.contains("'\(written)'") || $0.contains("'\(url)'") }
        }
    }

    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." && !part.isEmpty { parts.append(part) }
        }
        return parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }
}
