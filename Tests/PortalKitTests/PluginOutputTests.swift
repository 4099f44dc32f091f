import Foundation
import Testing
@testable import PortalKit

/// Reading a plugin's answer: what is kept, what is left out, and the diagnostic for each.
@Suite("plugins: reading the output")
struct PluginOutputTests {
    static let graph: CatalogGraph = {
        let workspace = try! Workspace(["repo/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: alpha\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n"])
        return withExtendedLifetime(workspace) { BuildPipeline(roots: [workspace.path]).runCatalog().graph }
    }()

    static func parse(_ json: String) -> (PluginResult, [String]) {
        let spec = PluginSpec(name: "demo", command: ["demo"], folder: "cfg", location: SourceLocation(file: "cfg/portal.yaml", line: 3, column: 11))
        var diagnostics = Diagnostics()
        let result = PluginOutputParser(spec: spec, graph: graph).parse(Array(json.utf8), into: &diagnostics)
        return (result, diagnostics.items.map { "\($0.location.description) \($0.severity.rawValue) \($0.id.rawValue): \($0.message)" })
    }

    @Test("a plugin that comes with portal-build but was not built is reported with the command that builds it")
    func packagedPluginNotBuilt() throws {
        let workspace = try Workspace(["repo/catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"])
        let build = BuildPipeline(roots: [workspace.path]).runCatalog()
        let location = SourceLocation(file: "portal.yaml", line: 4, column: 14)
        let specs = [PluginSpec(name: "tech-radar", command: ["portal-tech-radar", "radar.yaml"], folder: "", location: location),
                     PluginSpec(name: "other", command: ["portal-no-such-plugin"], folder: "", location: location)]
        let runner = PluginRunner(specs: specs, searchFolders: [])
        try #require(runner.resolve(specs[0]) == nil, "portal-tech-radar is on PATH here")
        let messages = runner.run(build).diagnostics.map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.hasPrefix("plugin 'tech-radar' was not run: 'portal-tech-radar' is not an executable file in portal-build's folder or on PATH; "
                                                  + "it comes with portal-build: build it beside it with `swift build -c release --product portal-tech-radar`") })
        #expect(messages.contains { $0.hasPrefix("plugin 'other' was not run") && !$0.contains("comes with portal-build") })
    }

    @Test("bad items are left out one by one, each with a diagnostic at the plugin's entry; good ones are kept")
    func itemsLeftOut() {
        let (result, problems) = Self.parse("""
            {"protocol": "portal-build/plugin-v1", "extra": 1,
             "pages": [{"path": "ok", "title": "Ok", "markdown": "x"}, {"path": "../etc", "title": "Up", "html": "x"},
                       {"path": "ok", "title": "Again", "html": "x"}, {"path": "Caps", "title": "C", "html": "x"}, {"path": "none", "title": "No body"}],
             "entityContent": [{"entity": "component:default/alpha", "title": "Card\\u001b[31m", "html": "<b>x</b>"},
                               {"entity": "component:default/ghost", "title": "Ghost", "html": "x"}, {"entity": "component:default/alpha", "title": "T", "markdown": "x", "placement": "side"},
                               {"entity": "alpha", "title": "T", "markdown": "x"}],
             "search": [{"title": "S", "text": "t", "url": "ok#part"}, {"title": "S", "text": "t", "url": "missing"}, {"title": "S", "text": "t", "url": "component:default/alpha"}],
             "diagnostics": [{"severity": "fatal", "id": "x", "message": "m"}, {"severity": "info", "id": "Bad Id", "message": "m"},
                             {"severity": "warning", "id": "stale", "message": "m", "file": "radar.yaml", "line": 4, "column": 2}]}
            """)
        #expect(result.pages.map(\.path) == ["ok"])
        #expect(result.entityContent.map(\.title) == ["Card[31m"], "control characters are removed from titles")
        #expect(result.search.map(\.target) == [.page(path: "ok", fragment: "part"), .entity(EntityRef(kind: "component", namespace: "default", name: "alpha"))])
        let at = "cfg/portal.yaml:3:11"
        #expect(problems.sorted() == [
            "\(at) error plugin.invalid-output: plugin 'demo': pages[1]: path '../etc' must be lowercase slugs ([a-z0-9-]) joined by '/'; the page is left out",
            "\(at) error plugin.invalid-output: plugin 'demo': pages[2]: a second page at 'ok'; it is left out",
            "\(at) error plugin.invalid-output: plugin 'demo': pages[3]: path 'Caps' must be lowercase slugs ([a-z0-9-]) joined by '/'; the page is left out",
            "\(at) error plugin.invalid-output: plugin 'demo': pages[4] needs \"markdown\", \"html\" or \"svg\"; it is left out",
            "\(at) error plugin.invalid-output: plugin 'demo': entityContent[2]: \"placement\" must be \"card\" or \"tab\"; the item is left out",
            "\(at) error plugin.invalid-output: plugin 'demo': entityContent[3]: 'alpha' is not an entity reference (kind:namespace/name); the item is left out",
            "\(at) error plugin.invalid-output: plugin 'demo': diagnostics[0]: severity must be \"error\", \"warning\" or \"info\"; it is left out",
            "\(at) error plugin.invalid-output: plugin 'demo': diagnostics[1]: id 'Bad Id' must be lowercase letters, digits, '-' and '.'; it is left out",
            "\(at) error plugin.invalid-output: plugin 'demo': a search document leads to 'missing', which is not one of its pages; it is left out",
            "\(at) warning plugin.invalid-output: plugin 'demo': entityContent[1]: no entity 'component:default/ghost' in the catalog; the item is left out",
            "\(at) warning plugin.invalid-output: plugin 'demo': unknown key \"extra\" is ignored",
            "cfg/radar.yaml:4:2 warning plugin.demo.stale: m",
        ].sorted(), "\(problems.joined(separator: "\n"))")
    }

    @Test("an answer that is not plugin-v1 JSON yields one error and nothing", arguments: [
        ("", "the output is empty"),
        ("[1]", "the output must be a JSON object"),
        ("{\"pages\": []}", "the output has no \"protocol\""),
        ("{\"protocol\": \"portal-build/plugin-v2\"}", "the output's protocol is 'portal-build/plugin-v2'"),
        ("{\"protocol\": ", "the output does not parse as JSON"),
        ("{\"protocol\": \"portal-build/plugin-v1\"}\n---\n{}", "more than one document"),
    ])
    func wholeAnswerRefused(json: String, expected: String) {
        let (result, problems) = Self.parse(json)
        #expect(result.isEmpty)
        #expect(problems.count == 1 && problems[0].contains(expected) && problems[0].contains("error plugin.invalid-output"), "\(problems)")
    }
}
