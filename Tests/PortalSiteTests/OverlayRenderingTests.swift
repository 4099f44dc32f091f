import Foundation
import Testing
import PortalKit
@testable import PortalSite

/// An overlay preview's site: only the local repository's entities have pages and are counted;
/// relations and links to published entities go to the published portal, or are text without it.
@Suite("Overlay preview: pages of a repository inside a published catalog")
struct OverlayRenderingTests {
    /// The local repository: a service in a published system, owned by a published team, that
    /// provides an API published components consume; a website that shows a published entity's docs.
    static let payments = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: payments-service, annotations: {backstage.io/techdocs-ref: "dir:."}}
        spec: {type: service, lifecycle: production, owner: platform, system: commerce, providesApis: [payments-api], consumesApis: [fraud-api]}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: {name: payments-api}
        spec: {type: graphql, lifecycle: production, owner: platform, definition: "type Query { payment: String }"}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: payments-web, annotations: {backstage.io/techdocs-entity: "component:default/billing"}}
        spec: {type: website, lifecycle: production, owner: platform}
        """

    static let docs = """
        # Payments

        Owned by [the platform team](entity:group:platform), part of [commerce](/catalog/default/system/commerce),
        used by [billing](docs:component:billing) (see [its setup](docs:component:default/billing/guides/setup.md#install)).
        """

    static let published = #"""
        {"items": [
          {"apiVersion": "backstage.io/v1alpha1", "kind": "Group", "metadata": {"name": "platform", "title": "Platform team"},
           "spec": {"type": "team", "children": []}, "relations": []},
          {"apiVersion": "backstage.io/v1alpha1", "kind": "Domain", "metadata": {"name": "money"}, "spec": {"owner": "platform"}, "relations": []},
          {"apiVersion": "backstage.io/v1alpha1", "kind": "System", "metadata": {"name": "commerce"},
           "spec": {"owner": "platform", "domain": "money"}, "relations": [{"type": "partOf", "targetRef": "domain:default/money"}]},
          {"apiVersion": "backstage.io/v1alpha1", "kind": "API", "metadata": {"name": "fraud-api"},
           "spec": {"type": "openapi", "lifecycle": "production", "owner": "platform", "definition": "x"}, "relations": []},
          {"apiVersion": "backstage.io/v1alpha1", "kind": "Component",
           "metadata": {"name": "billing", "title": "Billing", "annotations": {"backstage.io/techdocs-ref": "dir:."}},
           "spec": {"type": "service", "lifecycle": "production", "owner": "platform", "consumesApis": ["payments-api"]}, "relations": []},
          {"apiVersion": "backstage.io/v1alpha1", "kind": "Component", "metadata": {"name": "checkout"},
           "spec": {"type": "website", "lifecycle": "experimental", "owner": "platform", "dependsOn": ["component:payments-service"]}, "relations": []}
        ]}
        """#

    /// The site of the repository inside the published catalog, with and without the published
    /// portal's URL, and alone; rendered once in a temporary folder, which is then removed.
    static let sites: (linked: RenderedPages, unlinked: RenderedPages, alone: RenderedPages) = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-overlay-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (path, text) in ["work/payments/catalog-info.yaml": payments, "work/payments/mkdocs.yml": "site_name: Payments\n",
                             "work/payments/docs/index.md": docs, "published.json": published] {
            let url = URL(fileURLWithPath: folder + "/" + path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! text.write(to: url, atomically: true, encoding: .utf8)
        }
        var config = PortalConfig()
        config.overlayBaseURL = "https://portal.example.com/"
        return (RenderedPages(roots: [folder + "/work"], overlays: [folder + "/published.json"], config: config),
                RenderedPages(roots: [folder + "/work"], overlays: [folder + "/published.json"]),
                RenderedPages(roots: [folder + "/work"]))
    }()

    private let entityPage = "catalog/default/component/payments-service/index.html"

    @Test("with --overlay-base-url, published entities link to their pages there, marked published")
    func linksToPublishedPortal() throws {
        let pages = Self.sites.linked
        #expect(pages.build.diagnostics.isEmpty, "\(pages.build.diagnostics.map(\.formatted))")
        #expect(pages.site.diagnostics.isEmpty, "\(pages.site.diagnostics.map(\.formatted))")
        let html = try #require(pages.page(entityPage))
        let owner = #"<a class="entity-link entity-published" href="https://portal.example.com/catalog/default/group/platform/" rel="noopener noreferrer" title="group:default/platform in the published portal">Platform team</a> <span class="badge badge-published">published</span>"#
        #expect(html.contains("<dt>Owner</dt><dd>" + owner + "</dd>"))
        // Breadcrumbs: the published system, and its domain read from the published catalog.
        #expect(html.contains(#"href="https://portal.example.com/catalog/default/domain/money/""#))
        #expect(html.contains(#"href="https://portal.example.com/catalog/default/system/commerce/""#))
        // Reverse relations from published entities, in the relation list and the tables.
        #expect(html.contains(#"href="https://portal.example.com/catalog/default/component/checkout/""#))
        let api = try #require(pages.page("catalog/default/api/payments-api/index.html"))
        let consumers = try #require(api.components(separatedBy: ">Consumers <").dropFirst().first)
        #expect(consumers.contains(#"href="https://portal.example.com/catalog/default/component/billing/""#))
        #expect(consumers.contains("<td>service</td>"), "published rows show their type")
        // The relation graph: a published node links there and says what it is.
        #expect(html.contains(#"<a class="graph-node graph-node-published graph-kind-system" href="https://portal.example.com/catalog/default/system/commerce/">"#))
        #expect(html.contains(">System · published</text>"))
        #expect(html.contains("<li>commerce (published) — has part → payments-service</li>"), "the text alternative says it too")
    }

    @Test("docs links to published entities and their docs go to the published portal; a borrowed published docs site is linked")
    func docsLinks() throws {
        let pages = Self.sites.linked
        let page = try #require(pages.page("docs/default/component/payments-service/index.html"))
        for url in ["https://portal.example.com/catalog/default/group/platform/", "https://portal.example.com/catalog/default/system/commerce/",
                    "https://portal.example.com/docs/default/component/billing/",
                    "https://portal.example.com/docs/default/component/billing/guides/setup/#install"] {
            #expect(page.contains("href=\"\(url)\""), "\(url)")
        }
        let web = try #require(pages.page("catalog/default/component/payments-web/index.html"))
        #expect(web.contains(#"<a class="button" href="https://portal.example.com/docs/default/component/billing/" rel="noopener noreferrer">Read the docs</a> <span class="badge badge-published">published</span>"#))
    }

    @Test("without --overlay-base-url, published entities are text marked published, never a broken link")
    func textWithoutBaseURL() throws {
        let pages = Self.sites.unlinked
        #expect(pages.build.diagnostics.isEmpty && pages.site.diagnostics.isEmpty)
        let html = try #require(pages.page(entityPage))
        #expect(html.contains(#"<dt>Owner</dt><dd><span class="entity-link entity-published" title="group:default/platform in the published portal">Platform team</span> <span class="badge badge-published">published</span></dd>"#))
        #expect(html.contains(#"<g class="graph-node graph-node-published graph-kind-system">"#))
        #expect(!html.contains("not in catalog"))
        for path in pages.htmlPaths {
            #expect(pages.unreportedBrokenLinks(in: path).isEmpty, "\(path): \(pages.unreportedBrokenLinks(in: path))")
            #expect(!(pages.page(path) ?? "").contains("portal.example.com"), "\(path)")
        }
        let web = try #require(pages.page("catalog/default/component/payments-web/index.html"))
        #expect(web.contains("Its docs are a published entity’s, in the published portal."))
    }

    @Test("published entities get no pages and are in no listing, count, search or data file of the preview")
    func onlyLocalEntities() throws {
        let pages = Self.sites.linked
        let local = ["api:default/payments-api", "component:default/payments-service", "component:default/payments-web"]
        #expect(pages.build.graph.entities.map(\.ref.description) == local)
        for name in ["group/platform", "system/commerce", "domain/money", "api/fraud-api", "component/billing", "component/checkout"] {
            #expect(pages.files["catalog/default/\(name)/index.html"] == nil, "\(name)")
        }
        #expect(pages.files.keys.filter { $0.hasPrefix("catalog/") && $0.hasSuffix("/index.html") }.count == local.count + 1)

        // catalog.json: the same shape and entities as without the overlay, relations now resolved.
        func items(_ pages: RenderedPages) throws -> [[String: Any]] {
            let bytes = try #require(pages.files["catalog.json"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(Array(json.keys) == ["items"])
            return try #require(json["items"] as? [[String: Any]])
        }
        let preview = try items(pages), alone = try items(Self.sites.alone)
        #expect(preview.map { ($0["metadata"] as? [String: Any])?["name"] as? String } == alone.map { ($0["metadata"] as? [String: Any])?["name"] as? String })
        #expect(preview.map { $0.keys.sorted() } == alone.map { $0.keys.sorted() })
        let relations = try #require(preview.first?["relations"] as? [[String: String]])
        #expect(relations.contains(["type": "apiConsumedBy", "targetRef": "component:default/billing"]))

        let catalog = try #require(pages.page("catalog/index.html"))
        #expect(!catalog.contains("Billing") && !catalog.contains("fraud-api"))
        let graph = try #require(pages.page("graph.json"))
        #expect(graph.components(separatedBy: #""inCatalog":true"#).count - 1 == local.count)
        #expect(graph.contains(#"{"id":"group:default/platform","kind":"Group","namespace":"default","name":"platform","title":"Platform team","url":"https://portal.example.com/catalog/default/group/platform/","inCatalog":false,"published":true}"#))
        let manifestBytes = try #require(pages.files["search/manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestBytes)) as? [String: Any])
        #expect(manifest["entities"] as? Int == local.count)
        let health = try #require(pages.page("health.json"))
        #expect(health.contains(#""danglingReferences": []"#))
        let llms = try #require(pages.page("llms.txt"))
        #expect(!llms.contains("[Billing]"))
    }
}
