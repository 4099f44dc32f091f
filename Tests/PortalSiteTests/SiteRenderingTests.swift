import Foundation
import Testing
import PortalKit
@testable import PortalSite

/// The small fixture organisation in `Fixtures/org`: one entity of every kind, a dangling
/// owner, a dangling dependency, hostile text and a `javascript:` URL.
@Suite("Site rendering of the fixture organisation")
struct SiteRenderingTests {
    static let fixture = packageFolder + "/Tests/PortalSiteTests/Fixtures/org"
    static let pages = RenderedPages(roots: [fixture])

    var pages: RenderedPages { Self.pages }

    @Test("every entity has a page at catalog/<namespace>/<kind>/<name>/")
    func entityPages() {
        #expect(pages.build.graph.entities.count == 15)
        for entity in pages.build.graph.entities {
            let path = "catalog/\(entity.ref.namespace)/\(entity.ref.kind)/\(entity.name)/index.html"
            #expect(pages.page(path)?.contains("<h1>\(XMLText.escape(entity.displayTitle))</h1>") == true, "\(path)")
        }
        for file in ["index.html", "catalog/index.html", "health/index.html", "404.html", "catalog.json", "graph.json",
                     "docs.json", "health.json", "llms.txt", "favicon.svg", "assets/portal.css", "assets/portal.js", "assets/catalog-filter.js"] {
            #expect(pages.files[file] != nil, "\(file)")
        }
        #expect(pages.files["sitemap.xml"] == nil)
    }

    @Test("every relative link of every page resolves to a file of the site")
    func linksResolve() {
        for path in pages.htmlPaths {
            #expect(pages.unreportedBrokenLinks(in: path).isEmpty, "\(path): \(pages.unreportedBrokenLinks(in: path))")
        }
    }

    @Test("descriptor text is escaped and unsafe URLs never become links")
    func safety() throws {
        for path in pages.htmlPaths {
            let html = try #require(pages.page(path))
            #expect(!html.contains("<script>alert"), "\(path)")
            #expect(!html.contains("<b>bold</b>"), "\(path)")
            for url in RenderedPages.urls(in: html) {
                #expect(!url.lowercased().contains("javascript:"), "\(path): \(url)")
            }
        }
        let component = try #require(pages.page("catalog/default/component/payments-service/index.html"))
        #expect(component.contains("Charges cards &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; refunds them."))
        // The unsafe view-url annotation is listed as text, not as a link.
        #expect(component.contains("<dt>backstage.io/view-url</dt><dd>javascript:alert(1)</dd>"))
    }

    @Test("dangling references are shown as text marked 'not in catalog'")
    func danglingReferences() throws {
        let component = try #require(pages.page("catalog/default/component/payments-service/index.html"))
        #expect(component.contains("component:ledger <span class=\"badge badge-missing\">not in catalog</span>"))
        let api = try #require(pages.page("catalog/default/api/fraud-api/index.html"))
        #expect(api.contains("group:risk-team <span class=\"badge badge-missing\">not in catalog</span>"))
    }

    @Test("a group page lists members, children and what it and its sub-groups own")
    func groupPage() throws {
        let group = try #require(pages.page("catalog/default/group/engineering/index.html"))
        for text in ["Child groups", "href=\"../../../../catalog/default/group/payments-team/\"", "Owned by this group and its sub-groups",
                     "href=\"../../../../catalog/default/component/payments-service/\"", "href=\"../../../../catalog/default/domain/commerce/\""] {
            #expect(group.contains(text), "\(text)")
        }
        let user = try #require(pages.page("catalog/default/user/ada/index.html"))
        #expect(user.contains("<a href=\"mailto:ada@example.com\">ada@example.com</a>"))
        let grace = try #require(pages.page("catalog/default/user/grace/index.html"))
        #expect(!grace.contains("mailto:"), "no email is invented for a user without one")
    }

    @Test("a row never shows its page's own values for fields the row's entity lacks")
    func rowsDoNotInheritPageFields() throws {
        func row(_ page: String, containing link: String) throws -> String {
            let html = try #require(pages.page(page))
            let rows = html.components(separatedBy: "<tr>").filter { $0.contains(link) }
            return try #require(rows.first { $0.contains("</td>") }).components(separatedBy: "</tr>")[0]
        }
        // Engineering is a "department"; the Commerce domain it owns has no type, and the
        // table shows a Type column because other rows have one.
        let domain = try row("catalog/default/group/engineering/index.html", containing: "domain/commerce/")
        #expect(domain.contains("<td>Domain</td><td></td>"), "\(domain)")
        #expect(!domain.contains("department"), "\(domain)")
        let group = try #require(pages.page("catalog/default/group/payments-team/index.html"))
        #expect(!group.contains("No owner"), "groups have no owner field")
    }

    @Test("the health figures match the fixture")
    func health() throws {
        let data = try #require(pages.files["health.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
        #expect(json["entities"] as? Int == 15)
        let dangling = try #require(json["danglingReferences"] as? [[String: String]])
        #expect(Set(dangling.map { $0["target"]! }) == ["component:default/ledger", "group:default/risk-team"])
        #expect(json["orphanGroups"] as? [String] == ["group:default/empty-team"])
        #expect(json["unprovidedApis"] as? [String] == ["api:default/fraud-api", "api:default/refunds-api"])
        let owners = try #require(json["owners"] as? [[String: Any]])
        #expect(owners.first?["owner"] as? String == "group:default/payments-team")
        #expect(owners.first?["entities"] as? Int == 7)
        let page = try #require(pages.page("health/index.html"))
        #expect(page.contains("payments/catalog-info.yaml</h3>"))
        #expect(page.contains("<code class=\"path\">27:37</code> <span class=\"badge badge-warning\">warning</span>"))
    }

    @Test("graph.json has every entity as a node and both directions of each relation as edges")
    func graphJSON() throws {
        let data = try #require(pages.files["graph.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: [[String: Any]]])
        let nodes = try #require(json["nodes"])
        #expect(nodes.count == 17, "15 entities and 2 dangling targets")
        #expect(nodes.filter { $0["inCatalog"] as? Bool == false }.count == 2)
        let edges = try #require(json["edges"])
        let pairs = Set(edges.map { "\($0["source"]!) \($0["type"]!) \($0["target"]!)" })
        #expect(pairs.contains("component:default/payments-service providesApi api:default/payments-api"))
        #expect(pairs.contains("api:default/payments-api apiProvidedBy component:default/payments-service"))
    }

    @Test("llms.txt maps the portal in Markdown sections, one line per entity")
    func llmsText() throws {
        let text = try #require(pages.files["llms.txt"].map { String(decoding: $0, as: UTF8.self) })
        #expect(text.hasPrefix("# Developer Portal\n\n> "))
        #expect(text.contains("## Component\n\n- [card-vault](catalog/default/component/card-vault/): type library; owner group:default/payments-team; experimental\n"))
        #expect(text.contains("[graph.json](graph.json)"))
    }

    @Test("llms.txt values cannot inject links, HTML, autolinks or code spans, and stay on one line", arguments: [
        ("plain words", "plain words"),
        ("[click](https://evil.example) ![x](y)", "(click)(https://evil.example) !(x)(y)"),
        ("<img src=x onerror=alert(1)> <https://evil.example>", "\\<img src=x onerror=alert(1)\\> \\<https://evil.example\\>"),
        ("`code` and\nnext line\r\nthird", "\\`code\\` and next line third"),
        ("\\<b\\> and C:\\Users\\x", "\\\\\\<b\\\\\\> and C:\\Users\\x"),
        ("Über [β]", "Über (β)"),
    ])
    func llmsTextEscaping(_ value: String, _ expected: String) {
        #expect(LLMSText.oneLine(value) == expected)
    }

    @Test("with a base URL: a sitemap, canonical links and absolute llms.txt URLs")
    func baseURL() throws {
        var config = PortalConfig()
        config.baseURL = "https://portal.example.com/eng"
        let pages = RenderedPages(roots: [Self.fixture], config: config)
        let sitemap = try #require(pages.files["sitemap.xml"].map { String(decoding: $0, as: UTF8.self) })
        #expect(sitemap.contains("<loc>https://portal.example.com/eng/catalog/default/component/payments-service/</loc>"))
        #expect(sitemap.contains("<loc>https://portal.example.com/eng/</loc>"))
        #expect(!sitemap.contains("404"))
        #expect(pages.page("index.html")?.contains("<link rel=\"canonical\" href=\"https://portal.example.com/eng/\">") == true)
        #expect(pages.page("404.html")?.contains("href=\"/eng/assets/portal.css") == true)
    }
}

@Suite("API pages")
struct APIPageTests {
    @Test("an API page shows its definition as a reference with an outline, and links providers")
    func reference() throws {
        let page = try #require(SiteRenderingTests.pages.page("catalog/default/api/payments-api/index.html"))
        #expect(page.contains("<h2 id=\"api-outline-title\">Definition contents</h2>"))
        #expect(page.contains("api-method-post"))
        #expect(page.contains("/charges"))
        #expect(page.contains("href=\"../../../../catalog/default/component/payments-service/\""), "the provider is linked")
        let graphQL = try #require(SiteRenderingTests.pages.page("catalog/default/api/fraud-api/index.html"))
        #expect(graphQL.contains("api-reference--graphql"))
    }

    @Test("a definition that does not parse is shown as source, with a diagnostic at its line in the descriptor")
    func brokenDefinition() throws {
        let pages = SiteRenderingTests.pages
        let problems = pages.site.diagnostics.filter { $0.id == .apiDefinition }
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.location.file.hasSuffix("payments/catalog-info.yaml"))
        #expect(problem.location.line == 142, "libyaml notices the unclosed [ on line 5 of the block that starts on line 138")
        let page = try #require(pages.page("catalog/default/api/refunds-api/index.html"))
        #expect(page.contains("api-source"))
        #expect(page.contains("version</span>: [<span class=\"tok-number\">1.0</span>"))
        let health = try #require(pages.page("health/index.html"))
        #expect(health.contains("[api.definition]"))
    }
}

@Suite("Relation graphs on entity pages")
struct NeighbourhoodGraphTests {
    let catalog = SiteCatalog(graph: SiteRenderingTests.pages.build.graph)

    @Test("inverse pairs are drawn once, in Backstage's direction, with links to the neighbours' pages")
    func directions() throws {
        let position = try #require(catalog.graph.index[EntityRef(kind: "component", namespace: "default", name: "payments-service")])
        let graph = NeighbourhoodGraph(catalog: catalog).graph(around: position, root: "../../../../")
        let edges = Set(graph.edges.map { "\($0.from) \($0.label) \($0.to)" })
        #expect(edges == [
            "group:default/payments-team owner of component:default/payments-service",
            "system:default/checkout has part component:default/payments-service",
            "component:default/payments-service has part component:default/card-vault",
            "api:default/payments-api API provided by component:default/payments-service",
            "component:default/payments-service consumes API api:default/fraud-api",
            "component:default/payments-service depends on resource:default/payments-db",
            "component:default/payments-service depends on component:default/ledger",
        ])
        let nodes = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0) })
        #expect(nodes["component:default/payments-service"]?.isFocus == true)
        #expect(nodes["component:default/payments-service"]?.href == nil)
        #expect(nodes["api:default/payments-api"]?.href == "../../../../catalog/default/api/payments-api/")
        #expect(nodes["component:default/ledger"]?.href == nil, "a dangling target has no page")
        #expect(nodes["component:default/ledger"]?.title == "component:ledger")
    }

    @Test("depth 2 adds the neighbours' relations; the page embeds the SVG and a text alternative")
    func depthTwoAndPage() throws {
        let position = try #require(catalog.graph.index[EntityRef(kind: "group", namespace: "default", name: "payments-team")])
        let one = NeighbourhoodGraph(catalog: catalog, depth: 1).graph(around: position, root: "")
        let two = NeighbourhoodGraph(catalog: catalog, depth: 2).graph(around: position, root: "")
        #expect(two.nodes.count > one.nodes.count)
        #expect(two.nodes.contains { $0.id == "api:default/fraud-api" })
        let page = try #require(SiteRenderingTests.pages.page("catalog/default/group/payments-team/index.html"))
        #expect(page.contains("class=\"graph\" width="))
        #expect(page.contains("<summary>Relations as text</summary>"))
        #expect(page.contains("href=\"../../../../catalog/default/user/ada/\""))
    }
}
