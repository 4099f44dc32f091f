import Foundation
import Testing
@testable import PortalSite

/// Whole pages of the fixture organisation compared with `Golden/*.html`. Run with
/// `PORTAL_UPDATE_GOLDEN=1` to rewrite them after an intended change, and review the diff.
@Suite("Golden pages")
struct GoldenPageTests {
    static let goldenFolder = packageFolder + "/Tests/PortalSiteTests/Golden"
    static let update = ProcessInfo.processInfo.environment["PORTAL_UPDATE_GOLDEN"] == "1"

    /// The page with what varies between machines and theme edits replaced: the checkout's
    /// path and asset hashes.
    static func normalised(_ html: String) -> String {
        var text = html.replacingOccurrences(of: packageFolder + "/", with: "$PACKAGE/")
        while let range = text.range(of: #"\?v=[0-9a-f]{8}"#, options: .regularExpression) {
            text.replaceSubrange(range, with: "?v=HASH")
        }
        return text
    }

    static let pagePaths: [String] = SiteRenderingTests.pages.htmlPaths

    @Test("every page of the fixture matches its golden file", arguments: pagePaths)
    func page(_ path: String) throws {
        let html = Self.normalised(try #require(SiteRenderingTests.pages.page(path)))
        let golden = Self.goldenFolder + "/" + path.replacingOccurrences(of: "/", with: "__")
        if Self.update {
            try html.write(toFile: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: golden, encoding: .utf8)
        if html != expected {
            let lines = (html.split(separator: "\n", omittingEmptySubsequences: false), expected.split(separator: "\n", omittingEmptySubsequences: false))
            let first = zip(lines.0, lines.1).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("\(path) differs from \(golden) at line \((first?.offset ?? min(lines.0.count, lines.1.count)) + 1):\n- \(first?.element.1 ?? "")\n+ \(first?.element.0 ?? "")")
        }
    }
}
