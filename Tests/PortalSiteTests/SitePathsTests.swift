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

    @Test("relative URLs between site paths: up to the shared folder, then down, encoded", arguments: [
        ("docs/a/guides/setup/", "docs/a/images/x.png", "../../images/x.png"),
        ("docs/a/setup/", "docs/a/setup-two/", "../setup-two/"),
        ("docs/a/", "docs/a/", "./"),
        ("docs/a/", "docs/a/c.png", "c.png"),
        ("docs/ab/", "docs/a/", "../a/"),
        ("docs", "docs/x/", "x/"),
        ("", "guides/set up/", "guides/set%20up/"),
        ("docs/x/", "catalog/default/component/a%2Db/", "../../catalog/default/component/a%2Db/"),
        ("docs/a/", "docs/", "../"), ("a/b", "a/b/c", "c"), ("x/", "", "../"), ("", "", "./"), ("docs/a/", "docs/a", "../a"),
        ("docs/a/b/", "docs/a/é/", "../%C3%A9/"),
    ])
    func relativeURLs(from: String, to: String, expected: String) {
        #expect(SitePaths.relativeURL(from: from, to: to) == expected)
    }
}
