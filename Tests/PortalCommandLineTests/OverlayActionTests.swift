import Foundation
import Testing
@testable import PortalCommandLine
import PortalKit

/// `--overlay` and `--overlay-base-url` from the command line and portal.yaml, end to end:
/// an organisation is built and published, then one repository is previewed inside it.
@Suite("overlay preview: options, config and actions")
struct OverlayActionTests {
    private let organisation = """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: platform
          title: Platform team
        spec:
          type: team
          children: []
        ---
        apiVersion: backstage.io/v1alpha1
        kind: System
        metadata:
          name: commerce
        spec:
          owner: platform
        """

    private let payments = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments
        spec:
          type: service
          lifecycle: production
          owner: platform
          system: commerce
        """

    /// `org/` published to `published/`, and `repos/payments` to preview inside it.
    private func publishedOrganisation() throws -> String {
        let base = try folder(["org/org/catalog-info.yaml": organisation, "repos/payments/catalog-info.yaml": payments])
        let published = BuildAction(roots: [base + "/org"], output: base + "/published").perform()
        #expect(published.passed && published.written, "\(published.output)")
        return base
    }

    @Test("check, build and serve parse --overlay (repeatable) and --overlay-base-url, and refuse a base URL that is not http(s)")
    func parsing() throws {
        let arguments = ["repos", "--overlay", "a.json", "--overlay", "b.json", "--overlay-base-url", "https://portal.example.com/"]
        let build = try BuildCommand.parse(arguments)
        #expect(build.input.overlays == ["a.json", "b.json"])
        #expect(build.input.overlayBaseURL == "https://portal.example.com/")
        #expect(try CheckCommand.parse(arguments).input.overlays == ["a.json", "b.json"])
        #expect(try ServeCommand.parse(arguments).input.overlayBaseURL == "https://portal.example.com/")
        #expect(try BuildCommand.parse([]).input.overlays == [])
        #expect(throws: (any Error).self) { try BuildCommand.parse(["--overlay-base-url", "portal.example.com"]) }
    }

    @Test("build previews a repository inside the published catalog: references resolve and link to the published portal")
    func buildInsidePublished() throws {
        let base = try publishedOrganisation()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let alone = BuildAction(roots: [base + "/repos"], output: base + "/alone").perform()
        #expect(alone.output.contains("[ref.unresolved]"))

        let action = BuildAction(roots: [base + "/repos"], output: base + "/preview", overlays: [base + "/published/catalog.json"],
                                 overlayBaseURL: "https://portal.example.com/")
        let outcome = action.perform()
        #expect(outcome.passed)
        #expect(!outcome.output.contains("[ref.unresolved]"), "\(outcome.output)")
        #expect(outcome.output.contains("1 entity (Component 1): 0 errors, 0 warnings"), "\(outcome.output)")
        let site = base + "/preview"
        let page = try String(contentsOfFile: site + "/catalog/default/component/payments/index.html", encoding: .utf8)
        #expect(page.contains(#"href="https://portal.example.com/catalog/default/group/platform/" rel="noopener noreferrer""#))
        #expect(page.contains(#"href="https://portal.example.com/catalog/default/system/commerce/""#))
        #expect(!FileManager.default.fileExists(atPath: site + "/catalog/default/group/platform/index.html"), "published entities get no page")
        let catalog = try String(contentsOfFile: site + "/catalog.json", encoding: .utf8)
        #expect(!catalog.contains("\"name\": \"platform\""))
    }

    @Test("portal.yaml's overlay (a string or a list, relative to the file) and overlayBaseUrl; the command line wins")
    func config() throws {
        let base = try publishedOrganisation()
        defer { try? FileManager.default.removeItem(atPath: base) }
        try "overlay: ../published/catalog.json\noverlayBaseUrl: https://portal.example.com/\n"
            .write(toFile: base + "/repos/portal.yaml", atomically: true, encoding: .utf8)
        let (config, problems) = BuildAction(roots: [base + "/repos"]).resolvedConfig()
        #expect(problems.isEmpty)
        #expect(config.overlays == [base + "/published/catalog.json"])
        #expect(config.overlayBaseURL == "https://portal.example.com/")
        let overridden = BuildAction(roots: [base + "/repos"], overlays: ["other.json"], overlayBaseURL: "http://localhost:8000/").resolvedConfig().0
        #expect(overridden.overlays == ["other.json"] && overridden.overlayBaseURL == "http://localhost:8000/")
        let outcome = BuildAction(roots: [base + "/repos"], output: base + "/preview").perform()
        #expect(!outcome.output.contains("[ref.unresolved]"), "\(outcome.output)")

        try "overlay: [../a.json, {a: 1}]\noverlayBaseUrl: portal.example.com\n".write(toFile: base + "/repos/portal.yaml", atomically: true, encoding: .utf8)
        let (listed, listProblems) = BuildAction(roots: [base + "/repos"]).resolvedConfig()
        #expect(listed.overlays == [base + "/a.json"])
        #expect(listed.overlayBaseURL == nil)
        #expect(listProblems.map(\.formatted) == [
            "\(base)/repos/portal.yaml:1:22: error: 'overlay' must be a string [config.invalid]",
            "\(base)/repos/portal.yaml:2:17: error: overlayBaseUrl must be an http:// or https:// URL [config.invalid]",
        ])
    }

    @Test("check reads overlays too; an overlay inside the output folder is refused and not watched by serve")
    func checkAndOutputFolder() throws {
        let base = try publishedOrganisation()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let checked = CheckAction(roots: [base + "/repos"], overlays: [base + "/published/catalog.json"]).perform()
        #expect(checked.passed && !checked.output.contains("[ref.unresolved]"), "\(checked.output)")

        let insideOutput = BuildAction(roots: [base + "/repos"], output: base + "/published", overlays: [base + "/published/catalog.json"])
        let outcome = insideOutput.perform()
        #expect(outcome.output.contains("\(base)/published/catalog.json:1:1: error: the overlay is inside the output folder, which the build replaces; copy it elsewhere first [overlay.unreadable]"))
        #expect(ServeAction.watchedInputs(of: insideOutput).files == [base + "/repos/portal.yaml"])
        let outside = BuildAction(roots: [base + "/repos"], output: base + "/preview", overlays: [base + "/published/catalog.json"])
        #expect(ServeAction.watchedInputs(of: outside).files == [base + "/repos/portal.yaml", base + "/published/catalog.json"])
    }
}
