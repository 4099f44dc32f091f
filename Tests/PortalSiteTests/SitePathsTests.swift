import Testing
@testable import PortalSite

@Suite struct SitePathsTests {
    @Test func rootPrefixCountsFolders() {
        #expect(SitePaths.root(from: "index.html") == "./")
        #expect(SitePaths.root(from: "catalog/index.html") == "../")
        #expect(SitePaths.root(from: "catalog/default/component/x/index.html") == "../../../../")
    }

    @Test func segmentsNeverEscapeTheirFolder() {
        #expect(SitePaths.segment("rides-service") == "rides-service")
        #expect(SitePaths.segment("..") == "%2E%2E")
        #expect(SitePaths.segment("a/b") == "a%2Fb")
        #expect(SitePaths.segment("") == "%2D")
    }

    @Test func onlySafeSchemesBecomeLinks() {
        #expect(SafeURL.href("https://example.com") == "https://example.com")
        #expect(SafeURL.href("mailto:team@example.com") == "mailto:team@example.com")
        #expect(SafeURL.href("javascript:alert(1)") == nil)
        #expect(SafeURL.href(" JavaScript:alert(1)") == nil)
        #expect(SafeURL.href("data:text/html,<script>") == nil)
        #expect(SafeURL.href("//evil.example") == nil)
        #expect(SafeURL.href("https://ex\u{0}ample.com") == nil)
    }
}
