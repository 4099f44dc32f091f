import Foundation
import Testing
import PortalKit
@testable import PortalSite

/// The search index `build` writes: every entity and docs section, each result's URL a page of
/// the site (and its `#anchor` a heading there), for the fixture organisation and the corpus.
@Suite("Search index of the built site")
struct SiteSearchTests {
    /// Every document record of the index: `[label, title, url, entity, context, snippet]`.
    static func documents(_ pages: RenderedPages) throws -> (manifest: [String: Any], records: [[Any]]) {
        let manifestBytes = try #require(pages.files["search/manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(manifestBytes)) as? [String: Any])
        let count = try #require(manifest["documents"] as? Int), chunk = try #require(manifest["chunk"] as? Int)
        var records: [[Any]] = []
        for number in 0..<((count + chunk - 1) / chunk) {
            let bytes = try #require(pages.files["search/docs/\(number).json"])
            records += try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [[Any]])
        }
        #expect(records.count == count)
        return (manifest, records)
    }

    /// Problems with the URLs of the records: a missing page or a missing heading id.
    static func brokenURLs(_ pages: RenderedPages, _ records: [[Any]]) -> [String] {
        var problems: [String] = []
        for record in records {
            guard let url = record[2] as? String else { problems.append("no url: \(record)"); continue }
            let parts = url.split(separator: "#", maxSplits: 1).map(String.init)
            let path = (parts[0].removingPercentEncoding ?? parts[0]) + "index.html"
            guard let page = pages.page(path) else { problems.append("no page for \(url)"); continue }
            if parts.count > 1, !page.contains("id=\"\(parts[1].removingPercentEncoding ?? parts[1])\"") { problems.append("no heading for \(url)") }
        }
        return problems
    }

    @Test("the fixture organisation: entities first, then every docs section, each URL a real page and heading")
    func fixture() throws {
        let pages = SiteRenderingTests.pages
        let (manifest, records) = try Self.documents(pages)
        let entities = pages.build.graph.entities.count
        #expect(manifest["entities"] as? Int == entities)
        #expect(records.prefix(entities).allSatisfy { ($0[2] as? String)?.hasPrefix("catalog/") == true })
        let sections = records.dropFirst(entities)
        #expect(!sections.isEmpty)
        #expect(sections.allSatisfy { $0[0] as? String == "Docs" && ($0[2] as? String)?.hasPrefix("docs/default/component/payments-service/") == true })
        #expect(sections.contains { ($0[2] as? String)?.contains("guides/setup/#") == true })
        #expect(Self.brokenURLs(pages, records) == [])
        #expect(pages.page("search/index.html")?.contains("<h1") == true)
        #expect(pages.files.keys.contains { $0.hasPrefix("search/terms/") && $0.hasSuffix(".js") })
    }

    @Test("the real-world corpus: every section indexed, every URL a real page and heading",
          .enabled(if: sharedFolder != nil, "../shared/corpus is not present"))
    func corpus() throws {
        let pages = SiteCorpusTests.pages
        let (manifest, records) = try Self.documents(pages)
        #expect(manifest["entities"] as? Int == pages.build.graph.entities.count)
        #expect(records.count > pages.build.graph.entities.count + 100)
        #expect(Self.brokenURLs(pages, records) == [])
        // Snippets and titles are plain text: no markup from the pages leaks in.
        #expect(!records.contains { ($0[5] as? String)?.contains("<a ") == true || ($0[1] as? String)?.contains("headerlink") == true })
    }
}
