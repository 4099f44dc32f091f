import Foundation
import Testing
import PortalKit
@testable import PortalSite

/// Template entity pages (form description and the scaffold command) and the Create page.
@Suite("Template pages and the Create page")
struct TemplatePageTests {
    static let service = """
    apiVersion: scaffolder.backstage.io/v1beta3
    kind: Template
    metadata:
      name: go-api
      title: Go API <script>alert(1)</script>
      description: Makes a Go API & its docs
      tags: [go, recommended]
    spec:
      owner: team-a
      type: service
      parameters:
        - title: About
          required: [name]
          properties:
            name:
              title: Name
              type: string
              pattern: '^[a-z-]+$'
              maxLength: 20
              ui:help: 'Example: <b>payouts</b>'
            port:
              type: integer
              default: 8080
              minimum: 1024
            motto:
              type: string
              default: "it's fine"
        - title: Where
          dependencies:
            kind: { oneOf: [] }
          properties:
            repoUrl:
              type: string
              ui:field: RepoUrlPicker
              ui:options: { allowedHosts: [github.com], allowedOwners: [northwind] }
      steps:
        - id: fetch
          action: fetch:template
          input: { url: ./skeleton }
        - id: db
          if: ${{ parameters.port > 2000 }}
          action: fetch:plain
          input: { url: ./db }
        - id: publish
          action: publish:github
    ---
    apiVersion: scaffolder.backstage.io/v1beta3
    kind: Template
    metadata:
      name: new-domain
      title: New domain
      tags: [catalog]
    spec:
      owner: team-a
      type: catalog
      steps: []
    ---
    apiVersion: backstage.io/v1alpha1
    kind: Group
    metadata:
      name: team-a
    spec:
      type: team
      children: []
    """

    static func render(_ files: [String: String]) throws -> RenderedPages {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("portal-templates-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (path, text) in files {
            try FileManager.default.createDirectory(atPath: root + "/" + (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        }
        return RenderedPages(roots: [root])
    }

    static let pages = try! render(["repo/catalog-info.yaml": service])

    @Test("the form shows rules, help and choices, escaped; steps show conditions and what needs Backstage")
    func form() throws {
        let html = try #require(Self.pages.page("catalog/default/template/go-api/index.html"))
        #expect(html.contains("<span class=\"muted\">matches ^[a-z-]+$; at most 20 characters</span>"))
        #expect(html.contains("<span class=\"muted\">Example: &lt;b&gt;payouts&lt;/b&gt;</span>"))
        #expect(html.contains("<span class=\"muted\">at least 1024</span>"))
        #expect(html.contains("<span class=\"muted\">hosts: github.com; owners: northwind</span>"))
        #expect(html.contains("This page also uses dependencies: some fields appear or change with the answers."))
        #expect(html.contains("<span class=\"muted\">if <code>${{ parameters.port &gt; 2000 }}</code></span>"))
        #expect(html.contains("<code>publish:github</code> <span class=\"muted\">(publish)</span> <span class=\"badge\">needs Backstage</span>"))
        #expect(!html.contains("<script>alert"))
    }

    @Test("the page shows the scaffold command with defaults and placeholders, and a values file, ready to copy")
    func command() throws {
        let html = try #require(Self.pages.page("catalog/default/template/go-api/index.html"))
        #expect(html.contains("""
            <pre><code>portal-build scaffold template:default/go-api \\
              --set &#39;name=&lt;name&gt;&#39; \\
              --set port=8080 \\
              --set &#39;motto=it&#39;\\&#39;&#39;s fine&#39; \\
              --set &#39;repoUrl=&lt;repoUrl&gt;&#39; \\
              --output &#39;./&lt;name&gt;&#39;</code></pre>
            """))
        #expect(html.contains("# values.yaml\nname: &lt;name&gt;\nport: 8080\nmotto: it&#39;s fine\nrepoUrl: &lt;repoUrl&gt;\n"))
        #expect(html.contains("portal-build scaffold template:default/go-api --values values.yaml --output &#39;./&lt;name&gt;&#39;"))
        #expect(html.contains("It skips: <code>publish:github</code>."))
        #expect(html.contains("assets/docs.js"))
    }

    @Test("the Create page groups templates by type, with tags and owners; the menu links it")
    func createPage() throws {
        let html = try #require(Self.pages.page("create/index.html"))
        #expect(html.contains("<p class=\"lead\">2 software templates."))
        let catalogGroup = try #require(html.range(of: "<h2 id=\"type-1\">catalog <span class=\"count\">1</span></h2>"))
        let serviceGroup = try #require(html.range(of: "<h2 id=\"type-2\">service <span class=\"count\">1</span></h2>"))
        #expect(catalogGroup.lowerBound < serviceGroup.lowerBound)
        #expect(html.contains("<h3><a class=\"entity-link\" href=\"../catalog/default/template/go-api/\">Go API &lt;script&gt;alert(1)&lt;/script&gt;</a></h3>"))
        #expect(html.contains("<p class=\"description\">Makes a Go API &amp; its docs</p>"))
        #expect(html.contains("Owner: <a class=\"entity-link\" href=\"../catalog/default/group/team-a/\">team-a</a>"))
        #expect(html.contains("<dt><span class=\"tag\">recommended</span></dt><dd><a class=\"entity-link\" href=\"../catalog/default/template/go-api/\">"))
        #expect(html.contains("<li><a href=\"../create/\" aria-current=\"page\">Create</a></li>"))
        #expect(Self.pages.page("index.html")?.contains("<li><a href=\"./create/\">Create</a></li>") == true)
        #expect(Self.pages.unreportedBrokenLinks(in: "create/index.html").isEmpty)
    }

    @Test("without templates there is no Create page and no menu entry")
    func noTemplates() throws {
        let pages = try Self.render(["repo/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"])
        #expect(pages.page("create/index.html") == nil)
        #expect(pages.page("index.html")?.contains("create/") == false)
    }
}
