import Testing
import PortalKit
@testable import PortalSite

/// The portal built from the real-world corpus (`../shared/corpus`, read-only).
@Suite("Site of the real-world corpus", .enabled(if: sharedFolder != nil, "../shared/corpus is not present"))
struct SiteCorpusTests {
    static let pages = RenderedPages(roots: [sharedFolder! + "/corpus"])

    @Test("every valid entity has a page and every relation links to its target's page or is marked dangling")
    func everyEntityAndRelation() throws {
        let pages = Self.pages
        let graph = pages.build.graph
        #expect(graph.entities.count == 219)
        let catalog = SiteCatalog(graph: graph)
        for (position, entity) in graph.entities.enumerated() {
            let folder = SitePaths.entityFolder(entity)
            let html = try #require(pages.page(folder + "index.html"), "\(entity.ref)")
            for relation in graph.relations[position] {
                if let target = graph.entity(relation.target) {
                    #expect(html.contains("href=\"../../../../\(SitePaths.entityFolder(target))\""), "\(entity.ref) \(relation)")
                } else {
                    let label = XMLText.escape(catalog.label(relation.target))
                    #expect(html.contains("\(label) <span class=\"badge badge-missing\">not in catalog</span>"), "\(entity.ref) \(relation)")
                }
            }
        }
    }

    @Test("no page of the corpus has a broken relative link")
    func linksResolve() {
        for path in Self.pages.htmlPaths {
            let broken = Self.pages.unreportedBrokenLinks(in: path)
            #expect(broken.isEmpty, "\(path): \(broken)")
        }
    }

    @Test("the health page reports every diagnostic of the build")
    func healthHasEveryDiagnostic() throws {
        let pages = Self.pages
        let health = try #require(pages.page("health/index.html"))
        let warnings = pages.build.diagnostics.filter { $0.severity >= .warning }
        #expect(warnings.count > 10)
        for diagnostic in warnings {
            #expect(health.contains(XMLText.escape(diagnostic.message)), "\(diagnostic.formatted)")
        }
    }
}
