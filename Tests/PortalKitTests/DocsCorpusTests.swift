import Testing
@testable import PortalKit

/// TechDocs in the real repositories of `../shared/corpus` (see its README, "Docs-bearing
/// repositories"): the whole pipeline, then ``DocsLocator``.
@Suite("TechDocs in the real-world corpus", .enabled(if: sharedFolder != nil, "../shared/corpus is not present"))
struct DocsCorpusTests {
    private var corpus: String { sharedFolder! + "/corpus" }

    private func locate() -> (CatalogGraph, DocsCatalog, [Diagnostic]) {
        let build = BuildPipeline(roots: [corpus]).runCatalog()
        var diagnostics = Diagnostics()
        let docs = DocsLocator().locate(build.graph, into: &diagnostics)
        return (build.graph, docs, diagnostics.sorted)
    }

    /// `relative/path:line:col [id]`, paths relative to the corpus.
    private func position(_ diagnostic: Diagnostic) -> String {
        "\(relative(diagnostic.location.file)):\(diagnostic.location.line):\(diagnostic.location.column) [\(diagnostic.id.rawValue)]"
    }

    private func relative(_ path: String) -> String {
        path.hasPrefix(corpus + "/") ? String(path.dropFirst(corpus.count + 1)) : path
    }

    private func ref(_ text: String) -> EntityRef {
        try! EntityRef.parse(text, defaultKind: nil, defaultNamespace: "default")
    }

    /// Reads a repository's root folder directly, for repositories whose entities do not load.
    private func readFolder(_ repositoryName: String, _ graph: CatalogGraph) -> (DocsFolderOutcome, [Diagnostic]) {
        let scan = graph.scan
        let index = scan.repositories.firstIndex { $0.name == repositoryName }!
        var diagnostics = Diagnostics()
        let outcome = DocsFolderReader(scan: scan, limits: InputLimits()).read(scan.repositories[index].path, repository: index, into: &diagnostics)
        return (outcome, diagnostics.sorted)
    }

    @Test("every site, page count and diagnostic id across the corpus")
    func totals() {
        let (_, docs, diagnostics) = locate()
        #expect(docs.sites.map { "\($0.entity) \($0.pages.count)" } == [
            "api:default/appversion 3",
            "api:default/heroes-dotnet-api 5",
            "api:default/sincronizacion 3",
            "component:default/billetera-compensar 1",
            "component:default/dbman 1",
            "component:default/fivem-docs 263",
            "component:default/my-doc-entity 1",
            "component:default/node-red 3",
            "component:default/openbao 1",
            "component:default/pwned2 1",
            "component:default/rook-ceph 3",
            "component:default/shopify-hmac-validator 3",
            "component:default/test-service 1",
            "component:default/volsync 1",
            "component:default/zigbee2mqtt 1",
            "location:default/componentes-moviles 1",
            "system:default/talos-flux 6",
        ])
        #expect(docs.sites.reduce(0) { $0 + $1.pages.count } == 298)
        #expect(docs.sites.allSatisfy { $0.assets.isEmpty && $0.skipped.isEmpty })
        #expect(docs.sharedDocs.isEmpty)
        var byID: [String: Int] = [:]
        for diagnostic in diagnostics { byID["\(diagnostic.id.rawValue) \(diagnostic.severity.rawValue)", default: 0] += 1 }
        #expect(byID == [
            "docs.not-found warning": 20,
            "docs.invalid-ref warning": 3,
            "docs.nav-missing warning": 1,
            "docs.not-in-nav info": 2,
            "docs.config info": 2,
            "docs.ignored-setting info": 1,
        ])
        #expect(!diagnostics.contains { $0.severity == .error })
    }

    @Test("tyriis__home-ops: per-entity mkdocs.yml under .backstage/ with dir:. resolve, nested nav kept")
    func homeOps() throws {
        let (_, docs, diagnostics) = locate()
        let sites = docs.sites.filter { relative($0.docsFolderDisplay).hasPrefix("tyriis__home-ops/") }
        #expect(sites.map { "\($0.entity.name) \(relative($0.configFile ?? "-")) \($0.pages.count)" } == [
            "dbman tyriis__home-ops/.backstage/components/dbman/mkdocs.yml 1",
            "node-red tyriis__home-ops/.backstage/components/node-red/mkdocs.yml 3",
            "openbao tyriis__home-ops/.backstage/components/openbao/mkdocs.yml 1",
            "rook-ceph tyriis__home-ops/.backstage/components/rook-ceph/mkdocs.yml 3",
            "volsync tyriis__home-ops/.backstage/components/volsync/mkdocs.yml 1",
            "zigbee2mqtt tyriis__home-ops/.backstage/components/zigbee2mqtt/mkdocs.yml 1",
            "talos-flux tyriis__home-ops/.backstage/systems/talos-flux/mkdocs.yml 6",
        ])
        let talos = try #require(docs.site(for: ref("system:default/talos-flux")))
        #expect(talos.siteName == "talos-flux")
        #expect(talos.siteDescription == "kubernetes cluster hosted in my bassement")
        #expect(talos.nav.last == .section(title: "Runbooks", children: [
            .page(title: "ETCD Database Fragmentation Troubleshooting", path: "runbooks/etcd-database-fragmentation-troubleshooting.md"),
        ]))
        // `!!python/name:materialx.emoji.twemoji` parses; network.md is published but not in the nav.
        #expect(diagnostics.map(position).contains("tyriis__home-ops/.backstage/systems/talos-flux/mkdocs.yml:5:1 [docs.not-in-nav]"))
        // systems/nas has docs but its techdocs-ref is commented out: no site.
        #expect(docs.site(for: ref("system:default/nas")) == nil)
    }

    @Test("danisg96: dir:../docs/shopify-hmac climbs out of .backstage/components/ and stays in the repository")
    func climbingRef() throws {
        let (_, docs, _) = locate()
        let site = try #require(docs.site(for: ref("component:default/shopify-hmac-validator")))
        #expect(relative(site.docsFolderDisplay) == "danisg96__multi-component-backstage/.backstage/docs/shopify-hmac/docs")
        #expect(site.siteName == "NestJS Shopify Proxy Guard Documentation")
        #expect(site.pages.map(\.relativePath) == ["code.md", "index.md", "usage.md"])
        #expect(site.nav == [
            .page(title: "Introduction", path: "index.md"), .page(title: "Guard Code", path: "code.md"), .page(title: "Usage Examples", path: "usage.md"),
        ])
    }

    @Test("04kash: mkdocs.yaml (not .yml) is read")
    func yamlExtension() throws {
        let (_, docs, _) = locate()
        let site = try #require(docs.site(for: ref("component:default/my-doc-entity")))
        #expect(relative(site.configFile!) == "04kash__techdocs-pipeline-demo/mkdocs.yaml")
        #expect(site.siteName == "TechDocs Build Pipeline Demo")
    }

    @Test("0019-KDU: its Component is an unrendered template and does not load; its folder's broken nav entry is reported")
    func brokenNav() throws {
        let (graph, docs, _) = locate()
        #expect(!docs.sites.contains { relative($0.docsFolderDisplay).hasPrefix("0019-KDU__express-service/") })
        #expect(graph.entities.filter { $0.source.file.contains("0019-KDU__express-service/") }.map(\.kind) == ["API"])
        let (outcome, diagnostics) = readFolder("0019-KDU__express-service", graph)
        guard case .site(let content) = outcome else { Issue.record("no site"); return }
        #expect(content.nav.isEmpty)
        #expect(content.pages.map(\.relativePath) == ["index.md"])
        #expect(diagnostics.map(\.message) == [
            "1 page is not in the nav ('index.md'); it is published, reachable by links only",
            "nav entry 'docs/index.md' names no page in docs_dir 'docs'; it is left out (nav paths are relative to docs_dir: did you mean 'index.md'?)",
        ])
        #expect(diagnostics.map(position) == [
            "0019-KDU__express-service/mkdocs.yml:3:1 [docs.not-in-nav]",
            "0019-KDU__express-service/mkdocs.yml:4:15 [docs.nav-missing]",
        ])
    }

    @Test("47hxl-53r: theme.custom_dir is never read, and the site is built without it")
    func customDir() throws {
        let (_, docs, diagnostics) = locate()
        let site = try #require(docs.site(for: ref("component:default/pwned2")))
        #expect(site.siteName == "pwned")
        #expect(site.pages.map(\.relativePath) == ["index.md"])
        #expect(diagnostics.map(position).contains("47hxl-53r__testingg/mkdocs.yml:5:3 [docs.ignored-setting]"))
    }

    @Test("NikolasSantofimio: url: refs to the same repository resolve locally; the missing nav page is reported once")
    func sameRepositoryURLs() throws {
        let (_, docs, diagnostics) = locate()
        let sites = docs.sites.filter { relative($0.docsFolderDisplay).hasPrefix("NikolasSantofimio__documentation/") }
        #expect(sites.map { "\($0.entity) \(relative($0.docsFolderDisplay))" } == [
            "api:default/appversion NikolasSantofimio__documentation/apis/appversion/docs",
            // sincronizacion's ref names apis/appversion (a copy-paste): Backstage would show that folder too.
            "api:default/sincronizacion NikolasSantofimio__documentation/apis/appversion/docs",
            "component:default/billetera-compensar NikolasSantofimio__documentation/components/billeteracompensar/docs",
            "location:default/componentes-moviles NikolasSantofimio__documentation/docs",
        ])
        let billetera = try #require(docs.site(for: ref("component:default/billetera-compensar")))
        #expect(billetera.repoURL == "https://github.com/NikolasSantofimio/documentation/tree/main/components/billeteracompensar")
        #expect(billetera.editURI == "https://github.com/NikolasSantofimio/documentation/edit/main/components/billeteracompensar/docs/")
        let appversion = try #require(docs.site(for: ref("api:default/appversion")))
        #expect(appversion.nav.count == 3)
        // The stray apis/appversion/ambientes.md beside mkdocs.yml is outside docs_dir: not a page.
        #expect(appversion.pages.map(\.relativePath) == ["ambientes.md", "contrato.md", "index.md"])
        #expect(diagnostics.map(position).filter { $0.hasPrefix("NikolasSantofimio") } == [
            "NikolasSantofimio__documentation/apis/appversion/mkdocs.yml:5:21 [docs.nav-missing]",
        ])
    }

    @Test("21JumpClick: dir:content has no mkdocs.yml, so content/docs is read with defaults, as newer Backstage does")
    func hugoContent() throws {
        let (_, docs, diagnostics) = locate()
        let site = try #require(docs.site(for: ref("component:default/fivem-docs")))
        #expect(site.configFile == nil)
        #expect(site.siteName == "fivem-docs")
        #expect(relative(site.docsFolderDisplay) == "21JumpClick__fivem-docs/content/docs")
        #expect(site.pages.count == 263)
        #expect(site.homePage?.relativePath == "index.md")
        // Hugo's _index.md files are ordinary pages for MkDocs.
        #expect(site.page(at: "developers/_index.md")?.urlPath == "developers/_index/")
        let note = try #require(diagnostics.first { position($0) == "21JumpClick__fivem-docs/catalog-info.yaml:7:32 [docs.config]" })
        #expect(note.severity == .info)
        #expect(note.message.hasSuffix("'\(corpus)/21JumpClick__fivem-docs/mkdocs.yml' is not used, as the techdocs-ref names '\(corpus)/21JumpClick__fivem-docs/content'"))
    }

    @Test("0install__docs has no catalog descriptor, so no site; its folder reads with .pages nav and Python tags")
    func awesomePages() throws {
        let (graph, docs, _) = locate()
        #expect(!graph.entities.contains { $0.source.file.contains("0install__docs/") })
        #expect(!docs.sites.contains { relative($0.docsFolderDisplay).hasPrefix("0install__docs/") })
        let (outcome, diagnostics) = readFolder("0install__docs", graph)
        #expect(diagnostics.map(\.formatted) == [])
        guard case .site(let content) = outcome else { Issue.record("no site"); return }
        #expect(content.config?.siteName == "Zero Install Docs")
        #expect(content.pages.count == 83)
        #expect(content.assets.count == 92)
        let sections = content.nav.compactMap { item -> (String, [NavItem])? in
            if case .section(let title, let children) = item { (title, children) } else { nil }
        }
        #expect(sections.map(\.0) == ["About", "Getting started", "Details", "Developers", "Packaging", "Specifications", "Tools"])
        // details/.pages lists files around `...`, which brings in the unlisted ones in order.
        let details = try #require(sections.first { $0.0 == "Details" }?.1)
        #expect(details.map { if case .page(_, let path) = $0 { path } else { "?" } } == [
            "index", "policy-settings", "apps", "desktop-integration", "sync", "security", "servers", "cache", "sharing",
            "virtual-machines", "distribution-integration", "export", "troubleshooting", "cli", "file-locations",
            "os-differences", "linux", "macos", "windows",
        ].map { "details/\($0).md" })
    }
}
