import Foundation
import Testing
import PortalKit
@testable import PortalSite

/// The payments service's TechDocs in the fixture organisation (`Fixtures/org/payments`): every
/// idiom, every link form, and every broken-link case.
@Suite("Docs of the fixture organisation")
struct DocsSiteTests {
    var pages: RenderedPages { SiteRenderingTests.pages }
    static let folder = "docs/default/component/payments-service/"

    @Test("one page per Markdown file at Backstage's URLs, the docs index, and safe files only")
    func files() throws {
        #expect(pages.build.docs.sites.map(\.siteName) == ["Payments handbook"])
        for page in ["", "guides/setup/", "idioms/"] {
            #expect(pages.page(Self.folder + page + "index.html") != nil, "\(page)")
        }
        let index = try #require(pages.page("docs/index.html"))
        #expect(index.contains("<a href=\"default/component/payments-service/\">Payments handbook</a>"))
        let svg = String(decoding: try #require(pages.files[Self.folder + "images/logo.svg"]), as: UTF8.self)
        #expect(svg.contains("<circle"))
        #expect(!svg.contains("script") && !svg.contains("onload"))
        #expect(pages.files[Self.folder + "evil.html"] == nil)
    }

    @Test("every broken link, anchor and image is reported at the Markdown file's line and column")
    func brokenLinks() {
        let docs = pages.site.diagnostics.filter { $0.location.file.contains("/docs/") || $0.id.rawValue.hasPrefix("docs.") }
            .sorted(by: Diagnostic.ordered).map { $0.formatted.replacingOccurrences(of: SiteRenderingTests.fixture + "/", with: "") }
        #expect(docs == [
            "payments/docs/index.md:9:64: warning: link target 'guides/' is a folder without index.md or README.md [docs.broken-link]",
            "payments/docs/index.md:19:3: warning: link target 'nope.md' does not exist [docs.broken-link]",
            "payments/docs/index.md:20:3: warning: '#not-a-heading' is not a heading on guides/setup.md [docs.missing-anchor]",
            "payments/docs/index.md:21:3: warning: link 'entity:component:ghost' names component:default/ghost, which is not in the catalog [docs.broken-link]",
            "payments/docs/index.md:22:3: warning: link '/assets/x.png' starts with '/', which depends on where the portal is hosted; use a relative link, a /docs/… TechDocs URL or entity:<ref> [docs.broken-link]",
            "payments/docs/index.md:23:3: warning: link target 'evil.html' is not published: files of this type could run code in the portal and are never copied [docs.broken-link]",
            "payments/docs/index.md:24:3: warning: link to 'javascript:alert(1)' removed: only relative, http(s), mailto, tel and ftp links (and data: images) are kept [page.unsafe-url]",
            "payments/docs/index.md:26:26: warning: image target 'images/missing.png' does not exist [docs.missing-image]",
            "payments/docs/index.md:28:17: warning: link to 'java\\tscript:alert(2)' removed: only relative, http(s), mailto, tel and ftp links (and data: images) are kept [page.unsafe-url]",
            "payments/docs/index.md:28:61: warning: link to 'javascript:alert(3)' removed: only relative, http(s), mailto, tel and ftp links (and data: images) are kept [page.unsafe-url]",
        ])
    }

    @Test("docs.json lists each page with its URL, title and problems, missing anchors on the page that links")
    func docsJSON() throws {
        let json = try #require(pages.files["docs.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        let sites = try #require(object["sites"] as? [[String: Any]])
        #expect(sites.count == 1)
        #expect(sites[0]["entity"] as? String == "component:default/payments-service")
        #expect(sites[0]["url"] as? String == Self.folder)
        let pageList = try #require(sites[0]["pages"] as? [[String: Any]])
        let byPath = Dictionary(uniqueKeysWithValues: pageList.map { ($0["path"] as? String ?? "", $0) })
        #expect(Set(byPath.keys) == ["index.md", "guides/setup.md", "idioms.md"])
        #expect(byPath["guides/setup.md"]?["url"] as? String == Self.folder + "guides/setup/")
        #expect(byPath["guides/setup.md"]?["title"] as? String == "Setup")
        #expect(byPath["guides/setup.md"]?["source"] as? String == SiteRenderingTests.fixture + "/payments/docs/guides/setup.md")
        let problems = try #require(byPath["index.md"]?["problems"] as? [[String: Any]])
        #expect(problems.map { "\($0["line"] ?? ""):\($0["column"] ?? "") \($0["id"] ?? "")" } == [
            "9:64 docs.broken-link", "19:3 docs.broken-link", "20:3 docs.missing-anchor", "21:3 docs.broken-link",
            "22:3 docs.broken-link", "23:3 docs.broken-link", "24:3 page.unsafe-url", "26:26 docs.missing-image",
            "28:17 page.unsafe-url", "28:61 page.unsafe-url",
        ])
        #expect((byPath["guides/setup.md"]?["problems"] as? [Any])?.isEmpty == true)
    }

    @Test("links written for MkDocs, TechDocs and the catalog are rewritten to relative portal URLs")
    func linkRewriting() throws {
        let home = try #require(pages.page(Self.folder + "index.html"))
        for link in [
            "<a href=\"guides/setup/#install-the-tools\">setup guide</a>",
            "<a href=\"idioms/\">idioms</a>",
            "<a href=\"../../../../catalog/default/api/payments-api/\">payments-api</a>",
            "<a href=\"../../../../catalog/default/group/payments-team/\">the team</a>",
            "<a href=\"guides/setup/\">TechDocs URL</a>",
            "<a href=\"../../../../catalog/default/system/checkout/\">catalog URL</a>",
            "<a href=\"idioms/#content-tabs\">docs syntax</a>",
            "<a href=\"guides/setup/\">MkDocs page URL</a>",
            "<a href=\"https://example.com/\">external</a>",
            "<img src=\"images/logo.svg\" alt=\"Logo\" />",
        ] {
            #expect(home.contains(link), "\(link)")
        }
        #expect(home.contains("<a>no such entity</a>"))
        #expect(home.contains("<a>script</a>"))
        #expect(home.contains("<p>Raw HTML: <a>tab</a> <a>plain</a></p>"))
        #expect(!home.contains("href=\"\""))
        let idioms = try #require(pages.page(Self.folder + "idioms/index.html"))
        #expect(idioms.contains("<img src=\"../images/logo.svg\" width=\"40\" alt=\"logo\">"))
        #expect(idioms.contains("<a href=\"../guides/setup/\">links</a>"))
    }

    @Test("a docs page has the site's nav with the current page, its TOC, breadcrumbs, previous/next and an edit link")
    func pageFrame() throws {
        let setup = try #require(pages.page(Self.folder + "guides/setup/index.html"))
        #expect(setup.contains("<li><a href=\"./\" aria-current=\"page\">Setup</a></li>"))
        #expect(setup.contains("<a class=\"external\" href=\"https://status.example.com\" rel=\"noopener noreferrer\">Status page</a>"))
        #expect(!setup.contains("Retired"))
        #expect(setup.contains("<li><a href=\"#install-the-tools\">Install the tools</a></li>"))
        #expect(setup.contains("<li><a href=\"#configure-it\">Configure</a></li>"))
        #expect(setup.contains("<li><a href=\"#configure\">Configure</a></li>"))
        #expect(setup.contains("<a href=\"../../../../../../catalog/default/component/payments-service/\">Payments service</a>"))
        #expect(setup.contains("<a class=\"docs-previous\" href=\"../../\" rel=\"prev\"><span class=\"muted\">Previous</span> Payments handbook</a>"))
        #expect(setup.contains("<a class=\"docs-next\" href=\"../../idioms/\" rel=\"next\"><span class=\"muted\">Next</span> Idioms</a>"))
        #expect(setup.contains("href=\"https://github.com/example/payments-service/edit/main/docs/guides/setup.md\""))
        #expect(setup.contains("<script src=\"../../../../../../assets/docs.js?v="))
        #expect(setup.contains("<pre class=\"mermaid\" tabindex=\"0\">"))
        let home = try #require(pages.page(Self.folder + "index.html"))
        #expect(home.contains("<title>Payments handbook · Developer Portal</title>"))
        #expect(home.contains("<meta name=\"description\" content=\"Start here.\">"))
        #expect(home.contains("<li class=\"tag\">onboarding</li>"))
    }

    @Test("the entity page links to its docs")
    func entityLinksToDocs() throws {
        let entity = try #require(pages.page("catalog/default/component/payments-service/index.html"))
        #expect(entity.contains("<a class=\"button\" href=\"../../../../docs/default/component/payments-service/\">Read the docs</a>"))
    }

    @Test("with mermaidScript set, Mermaid pages load it and allow its origin in the CSP; other pages do not")
    func mermaidScript() throws {
        var config = PortalConfig()
        config.mermaidScript = "https://cdn.example.org/mermaid@11/mermaid.esm.min.mjs"
        let site = RenderedPages(roots: [SiteRenderingTests.fixture], config: config)
        let setup = try #require(site.page(Self.folder + "guides/setup/index.html"))
        #expect(setup.contains("script-src 'self' https://cdn.example.org;"))
        #expect(setup.contains("data-mermaid-script=\"https://cdn.example.org/mermaid@11/mermaid.esm.min.mjs\""))
        #expect(setup.contains("assets/mermaid-loader.js"))
        let idioms = try #require(site.page(Self.folder + "idioms/index.html"))
        #expect(idioms.contains("script-src 'self';"))
        #expect(!idioms.contains("mermaid-loader"))
    }

    @Test("without an edit_uri, a page's edit link is the entity's backstage.io/edit-url with its descriptor's path swapped for the page's")
    func editLinkFromEditURL() throws {
        func service(_ name: String, editURL: String) -> String {
            """
            {apiVersion: backstage.io/v1alpha1, kind: Component,
             metadata: {name: \(name), annotations: {backstage.io/techdocs-ref: "dir:.", backstage.io/edit-url: "\(editURL)"}},
             spec: {type: service, lifecycle: production, owner: team-a}}
            """
        }
        let pages = try TemplatePageTests.render([
            "billing/catalog-info.yaml": service("billing", editURL: "https://git.example.com/acme/billing/edit/main/catalog-info.yaml"),
            "billing/docs/index.md": "# Billing\n", "billing/docs/guides/setup.md": "# Setup\n",
            // The descriptor is not where the edit URL says: no link is made up.
            "ledger/catalog-info.yaml": service("ledger", editURL: "https://git.example.com/acme/ledger/edit/main/elsewhere.yaml"),
            "ledger/docs/index.md": "# Ledger\n",
        ])
        let setup = try #require(pages.page("docs/default/component/billing/guides/setup/index.html"))
        #expect(setup.contains("<a class=\"edit-link\" href=\"https://git.example.com/acme/billing/edit/main/docs/guides/setup.md\""))
        let ledger = try #require(pages.page("docs/default/component/ledger/index.html"))
        #expect(!ledger.contains("class=\"edit-link\""))
    }
}

/// Real docs from `../shared/corpus`.
@Suite("Docs of the real-world corpus", .enabled(if: sharedFolder != nil, "../shared/corpus is not present"))
struct DocsCorpusSiteTests {
    var pages: RenderedPages { SiteCorpusTests.pages }

    @Test("every docs site of the corpus is published, one page per Markdown file")
    func published() {
        let docs = pages.build.docs
        #expect(docs.sites.count == 17)
        var published = 0
        for site in docs.sites {
            let folder = DocsLinkResolver.folder(of: site.entity, graph: pages.build.graph)
            for page in site.pages where pages.files[SitePaths.file(ofFolder: folder + page.urlPath)] != nil { published += 1 }
        }
        #expect(published == docs.sites.reduce(0) { $0 + $1.pages.count })
    }

    @Test("real broken links are reported where they are written")
    func realBrokenLinks() {
        let messages = pages.site.diagnostics.filter { $0.id == .docsBrokenLink || $0.id == .docsMissingImage }
            .map { $0.formatted.replacingOccurrences(of: sharedFolder! + "/corpus/", with: "") }
        #expect(messages.count > 20)
        #expect(messages.contains { $0.hasPrefix("21JumpClick__fivem-docs/content/docs/") && $0.contains("'/docs/") })
        #expect(messages.contains { $0.hasPrefix("NikolasSantofimio__documentation/") && $0.contains("image target 'assets/diagrama.png' does not exist") })
    }

    @Test("0install's docs (no descriptor in the corpus) convert when a descriptor points at them")
    func zeroInstall() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-0install-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: sharedFolder! + "/corpus/0install__docs", toPath: folder + "/0install")
        try """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: zero-install
          annotations:
            backstage.io/techdocs-ref: dir:.
        spec:
          type: tool
          lifecycle: production
          owner: group:packaging
        """.write(toFile: folder + "/0install/catalog-info.yaml", atomically: true, encoding: .utf8)
        let site = RenderedPages(roots: [folder])
        let docsPages = site.htmlPaths.filter { $0.hasPrefix("docs/default/component/zero-install/") }
        #expect(docsPages.count == 83)
        // The XML schemas the specification pages link to are not in the corpus (it holds no .xsd).
        let broken = site.site.diagnostics.filter { $0.id == .docsBrokenLink }.map(\.message).sorted()
        #expect(broken == ["link target 'capabilities.xsd' does not exist", "link target 'catalog.xsd' does not exist",
                           "link target 'feed.xsd' does not exist"])
        #expect(site.files["docs/default/component/zero-install/img/diagrams/0template.svg"] != nil)
        let home = try #require(site.page("docs/default/component/zero-install/index.html"))
        #expect(home.contains("class=\"admonition") || site.htmlPaths.contains { site.page($0)?.contains("class=\"admonition") == true })
    }

    @Test("a long nav opens only the section holding the current page; a short one opens every section; links lead up and down from nested pages")
    func navSections() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-nav-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func write(_ text: String, _ path: String) throws {
            try FileManager.default.createDirectory(atPath: folder + "/" + (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: folder + "/" + path, atomically: true, encoding: .utf8)
        }
        /// A repository whose mkdocs.yml lists `count` reference pages under a section, and two guides.
        func repository(_ name: String, references count: Int) throws {
            try write("""
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: \(name)
              annotations:
                backstage.io/techdocs-ref: dir:.
            spec: {type: service, lifecycle: production, owner: group:team}
            """, "\(name)/catalog-info.yaml")
            let references = (0..<count).map { "      - 'Ref <\($0)> & co': reference/r\($0).md" }.joined(separator: "\n")
            try write("""
            site_name: \(name)
            nav:
              - Home: index.md
              - Guides:
                  - guides/start.md
                  - 'Deep <one>': guides/deep/inner.md
              - Reference:
            \(references)
            """, "\(name)/mkdocs.yml")
            try write("# Home\n", "\(name)/docs/index.md")
            try write("# Start\n", "\(name)/docs/guides/start.md")
            try write("# Inner\n", "\(name)/docs/guides/deep/inner.md")
            for index in 0..<count { try write("# R\(index)\n", "\(name)/docs/reference/r\(index).md") }
        }
        try repository("long", references: 45)
        try repository("short", references: 3)
        let site = RenderedPages(roots: [folder])

        let inner = try #require(site.page("docs/default/component/long/guides/deep/inner/index.html"))
        #expect(inner.contains("<li class=\"docs-nav-section\"><details open><summary>Guides</summary><ul><li><a href=\"../../../guides/start/\">Start</a></li><li><a href=\"./\" aria-current=\"page\">Deep &lt;one&gt;</a></li></ul></details></li>"))
        #expect(inner.contains("<li class=\"docs-nav-section\"><details><summary>Reference</summary><ul><li><a href=\"../../../reference/r0/\">Ref &lt;0&gt; &amp; co</a></li>"))
        #expect(inner.contains("<li><a href=\"../../../\">Home</a></li>"))
        let reference = try #require(site.page("docs/default/component/long/reference/r44/index.html"))
        #expect(reference.contains("<details><summary>Guides</summary><ul><li><a href=\"../../guides/start/\">Start</a></li>"))
        #expect(reference.contains("<details open><summary>Reference</summary>"))
        #expect(reference.contains("<li><a href=\"./\" aria-current=\"page\">Ref &lt;44&gt; &amp; co</a></li>"))
        let home = try #require(site.page("docs/default/component/long/index.html"))
        #expect(home.contains("<li><a href=\"./\" aria-current=\"page\">Home</a></li>"))
        #expect(home.contains("<li><a href=\"guides/deep/inner/\">Deep &lt;one&gt;</a></li>"))
        #expect(!home.contains("aria-current=\"page\">Start") && !home.contains("aria-current=\"page\">Ref"), "one current page")

        let short = try #require(site.page("docs/default/component/short/reference/r1/index.html"))
        #expect(short.contains("<details open><summary>Guides</summary>") && short.contains("<details open><summary>Reference</summary>"))
    }
}
