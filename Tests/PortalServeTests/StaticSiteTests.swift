import Foundation
import Testing
@testable import PortalServe

@Suite("static site: which file a request path serves")
struct StaticSiteTests {
    /// A site with pages, assets, a folder without index.html, and links in and out of it.
    private func makeSite() throws -> (base: String, site: StaticSite) {
        let base = try folder([
            "site/index.html": "<html><body>home</body></html>",
            "site/404.html": "<html><body>missing</body></html>",
            "site/docs/index.html": "docs",
            "site/docs/guide.html": "guide",
            "site/assets/portal.css": "body{}",
            "site/empty-folder/notes.txt": "no index here",
            "site/a b/ü.html": "encoded",
            "site/.portal-build": "marker",
            "secret/passwd": "root:x:0:0",
        ])
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: base + "/site/leak.txt", withDestinationPath: base + "/secret/passwd")
        try manager.createSymbolicLink(atPath: base + "/site/leak-folder", withDestinationPath: base + "/secret")
        try manager.createSymbolicLink(atPath: base + "/site/guide-link.html", withDestinationPath: "docs/guide.html")
        return (base, StaticSite(folder: base + "/site"))
    }

    @Test("traversal attempts are refused: .., encoded dots, encoded slashes, backslashes, NUL, odd paths")
    func traversal() throws {
        let (base, site) = try makeSite()
        defer { try? FileManager.default.removeItem(atPath: base) }
        for path in ["/../etc/passwd", "/%2e%2e/x", "/a/%2e%2e/%2e%2e/x", "/x%2f..%2fy", "/..%5cx", "/a%00b", "/%00",
                     "/docs/../../secret/passwd", "/%2e%2E/secret/passwd", "/docs%2fguide.html", "/docs%5cguide.html",
                     "/./index.html", "//index.html", "//evil.example", "/docs//guide.html", "index.html", "",
                     "/%zz", "/%2", "/%ff.html", "/.portal-build"] {
            #expect(site.resolve(requestPath: path) == .notFound, "\(path)")
        }
    }

    @Test("a symbolic link inside the site that leads outside it is not followed; one that stays inside is")
    func symlinks() throws {
        let (base, site) = try makeSite()
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(site.resolve(requestPath: "/leak.txt") == .notFound)
        #expect(site.resolve(requestPath: "/leak-folder/passwd") == .notFound)
        #expect(site.resolve(requestPath: "/leak-folder/") == .notFound)
        guard case .file(let path, _) = site.resolve(requestPath: "/guide-link.html") else {
            Issue.record("a link to a page inside the site should be served")
            return
        }
        #expect(path.hasSuffix("/site/docs/guide.html"))
    }

    @Test("folders serve their index.html; without the trailing slash they redirect; no listings")
    func folders() throws {
        let (base, site) = try makeSite()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let root = try #require(realpath(base + "/site", nil).map { pointer in defer { free(pointer) }; return String(cString: pointer) })
        #expect(site.resolve(requestPath: "/") == .file(path: root + "/index.html", contentType: "text/html; charset=utf-8"))
        #expect(site.resolve(requestPath: "/docs/") == .file(path: root + "/docs/index.html", contentType: "text/html; charset=utf-8"))
        #expect(site.resolve(requestPath: "/docs") == .redirect(location: "/docs/"))
        #expect(site.resolve(requestPath: "/a%20b") == .redirect(location: "/a%20b/"))
        #expect(site.resolve(requestPath: "/a%20b/%C3%BC.html") == .file(path: root + "/a b/ü.html", contentType: "text/html; charset=utf-8"))
        #expect(site.resolve(requestPath: "/empty-folder/") == .notFound, "no directory listing")
        #expect(site.resolve(requestPath: "/docs/guide.html/") == .notFound)
        #expect(site.resolve(requestPath: "/docs/missing.html") == .notFound)
    }

    @Test("a missing site folder serves nothing")
    func missingSite() {
        #expect(StaticSite(folder: "/nonexistent-portal-site").resolve(requestPath: "/") == .notFound)
    }

    @Test("content types by extension, with charset=utf-8 for text")
    func contentTypes() {
        let expected = [
            "a.html": "text/html; charset=utf-8", "a.css": "text/css; charset=utf-8", "a.js": "text/javascript; charset=utf-8",
            "a.json": "application/json; charset=utf-8", "a.svg": "image/svg+xml; charset=utf-8", "a.png": "image/png",
            "a.jpg": "image/jpeg", "a.JPEG": "image/jpeg", "a.gif": "image/gif", "a.webp": "image/webp", "a.ico": "image/x-icon",
            "a.txt": "text/plain; charset=utf-8", "a.xml": "application/xml; charset=utf-8", "a.woff2": "font/woff2",
            "a.pdf": "application/pdf", "a.bin": "application/octet-stream", "Makefile": "application/octet-stream",
            "/x.y/.hidden": "application/octet-stream", "search/terms/0.json": "application/json; charset=utf-8",
        ]
        for (name, type) in expected {
            #expect(MediaTypes.contentType(of: name) == type, "\(name)")
        }
    }
}
