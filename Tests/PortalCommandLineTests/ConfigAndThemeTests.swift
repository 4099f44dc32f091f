import Foundation
import Testing
@testable import PortalCommandLine
import PortalKit

@Suite("portal.yaml and theme folders")
struct ConfigAndThemeTests {
    private let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"

    @Test("every key is read, paths are relative to the file, and the command line wins")
    func keys() throws {
        let base = try folder([
            "repos/portal.yaml": """
                title: Acme <Portal>
                description: All of Acme.
                logo: logo.svg
                baseUrl: https://portal.acme.example/dev
                theme: ../my-theme
                output: ../out
                graphDepth: 2
                gitHistory: false
                links:
                  - title: Status
                    url: https://status.acme.example
                  - title: Bad
                    url: javascript:alert(1)
                """,
            "repos/logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "repos/team/catalog-info.yaml": group,
            "my-theme/assets/portal.css": "body { color: rebeccapurple }",
        ])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"])
        let (config, diagnostics) = action.resolvedConfig()
        #expect(diagnostics.isEmpty)
        #expect(config.title == "Acme <Portal>")
        #expect(config.output == base + "/out")
        #expect(config.theme == base + "/my-theme")
        #expect(config.graphDepth == 2 && !config.gitHistory)
        #expect(config.links.map(\.title) == ["Status", "Bad"])
        #expect(BuildAction(roots: [base + "/repos"], output: "x", baseURL: "https://other.example").resolvedConfig().0.output == "x")

        let outcome = action.perform()
        #expect(outcome.passed, "\(outcome.output)")
        let site = base + "/out"
        let home = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        #expect(home.contains("<title>Acme &lt;Portal&gt;</title>"))
        #expect(home.contains("<img class=\"site-logo\" src=\"./assets/logo.svg\""))
        #expect(home.contains("<a href=\"https://status.acme.example\" rel=\"noopener\">Status</a>"))
        #expect(!home.contains("javascript:"), "an unsafe header link is left out")
        #expect(home.contains("<link rel=\"canonical\" href=\"https://portal.acme.example/dev/\">"))
        #expect(try String(contentsOfFile: site + "/assets/portal.css", encoding: .utf8) == "body { color: rebeccapurple }")
        #expect(FileManager.default.fileExists(atPath: site + "/assets/catalog-filter.js"), "what the theme lacks comes from the default")
        #expect(FileManager.default.fileExists(atPath: site + "/sitemap.xml"))
    }

    @Test("problems in portal.yaml and theme templates are reported with positions; the build goes on")
    func problems() throws {
        let base = try folder([
            "repos/portal.yaml": "titel: Typo\ngraphDepth: 7\nlinks: nope\n",
            "repos/team/catalog-info.yaml": group,
            "theme/templates/home.mustache": "<h1>{{#broken}}</h1>\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let outcome = BuildAction(roots: [base + "/repos"], output: base + "/site", theme: base + "/theme").perform()
        #expect(outcome.output.contains("repos/portal.yaml:1:1: warning: unknown config key 'titel'; did you mean 'title'? [config.unknown-key]"))
        #expect(outcome.output.contains("repos/portal.yaml:2:13: error: 'graphDepth' must be a whole number from 1 to 2 [config.invalid]"))
        #expect(outcome.output.contains("repos/portal.yaml:3:8: error: 'links' must be a list of {title, url} [config.invalid]"))
        #expect(outcome.output.contains("theme/templates/home.mustache:1:5: error: the template does not parse ('{{#broken}}' is never closed); using the default theme's [theme.template]"))
        let home = try String(contentsOfFile: base + "/site/index.html", encoding: .utf8)
        #expect(home.contains("Browse by kind"), "the default home template is used")

        let missing = BuildAction(roots: [base + "/repos"], configPath: base + "/nope.yaml").resolvedConfig().1
        #expect(missing.map(\.id) == [.configInvalid])
    }
}
