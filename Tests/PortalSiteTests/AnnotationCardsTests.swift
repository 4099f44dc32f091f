import Foundation
@testable import PortalKit
import PortalYAML
import Testing
@testable import PortalSite

/// `annotations:` in portal.yaml: presets, custom entries, URL templates and their escaping.
@Suite("Annotation cards")
struct AnnotationCardsTests {
    /// The specs `yaml` (the text of `annotations:`) gives, and the config's problems.
    static func specs(_ yaml: String) -> (specs: [AnnotationCardSpec], diagnostics: [Diagnostic]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cards-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/portal.yaml", contents: Data(("annotations:\n" + yaml).utf8))
        var diagnostics = Diagnostics()
        let config = PortalConfig.load(path: folder + "/portal.yaml", explicit: true, into: &diagnostics)
        return (config.annotationCards, diagnostics.items)
    }

    /// An entity with the given annotations.
    static func entity(_ annotations: [String: String], name: String = "rides-service") -> Entity {
        let lines = annotations.sorted { $0.key < $1.key }.map { "    \($0.key): \"\($0.value.replacingOccurrences(of: "\"", with: "\\\""))\"" }
        let yaml = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: \(name)
          annotations:
        \(lines.joined(separator: "\n"))
        spec: {type: service, lifecycle: production, owner: team-a}
        """
        let root = YAMLParser.parse(yaml)[0].root!
        let ref = EntityRef(kind: "component", namespace: "default", name: name)
        return Entity(ref: ref, kind: "Component", apiVersion: "backstage.io/v1alpha1", name: name, namespace: "default", document: root,
                      source: EntitySource(file: "repo/catalog-info.yaml", rootRelativePath: "repo/catalog-info.yaml",
                                           originRootRelativePath: "repo/catalog-info.yaml", repository: 0, line: 1, column: 1, documentIndex: 0))
    }

    /// Every preset with a typical value: the link it makes from the user's base URL.
    static let presetCases: [(preset: String, value: String, expected: String?)] = [
        ("github.com/project-slug", "northwind/rides", "https://git.example/northwind/rides"),
        ("gitlab.com/project-slug", "group/sub group/app", "https://git.example/group/sub%20group/app"),
        ("backstage.io/view-url", "https://git.example/x/blob/main/catalog-info.yaml", "https://git.example/x/blob/main/catalog-info.yaml"),
        ("sonarqube.org/project-key", "northwind:rides", "https://git.example/dashboard?id=northwind%3Arides"),
        ("pagerduty.com/service-id", "P7RIDES", "https://git.example/service-directory/P7RIDES"),
        ("grafana/dashboard-selector", "tags @> 'rides'", "https://git.example/dashboards?query=tags%20%40%3E%20%27rides%27"),
        ("datadoghq.com/dashboard-url", "https://app.datadoghq.eu/dashboard/abc/rides", "https://app.datadoghq.eu/dashboard/abc/rides"),
        ("sentry.io/project-slug", "northwind/rides", "https://git.example/organizations/northwind/projects/rides/"),
        ("jenkins.io/job-full-name", "ci:team/rides build", "https://git.example/job/team/job/rides%20build/"),
        ("argocd/app-name", "rides&prod", "https://git.example/applications/rides%26prod"),
        ("backstage.io/kubernetes-id", "rides", nil),
        ("snyk.io/org-name", "northwind", "https://git.example/org/northwind"),
        ("lighthouse.com/website-url", "https://ride.example", "https://ride.example"),
        ("circleci.com/project-slug", "github/northwind/rides", "https://git.example/pipelines/github/northwind/rides"),
        ("opsgenie.com/component-selector", "tag:rides", "https://git.example/alert/list?query=tag%3Arides"),
    ]

    @Test("each preset links its value under the user's base URL", arguments: presetCases.indices)
    func preset(_ index: Int) throws {
        let (preset, value, expected) = Self.presetCases[index]
        let (specs, diagnostics) = Self.specs("  - preset: \(preset)\n    baseUrl: https://git.example/\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let (cards, problems) = AnnotationCards(specs: specs).cards(for: Self.entity([preset: value]))
        let card = try #require(cards.first)
        #expect(card.href == expected)
        #expect(card.text == value)
        #expect(card.title == AnnotationPreset.byAnnotation[preset]?.title)
        #expect(problems.isEmpty)
    }

    @Test("every preset is covered, and none invents a host")
    func presetsNeedBaseURLs() {
        #expect(Set(Self.presetCases.map(\.preset)) == Set(AnnotationPreset.all.map(\.annotation)))
        #expect(AnnotationPreset.all.count == 15)
        for preset in AnnotationPreset.all {
            #expect(preset.urls.allSatisfy { $0.hasPrefix("{baseUrl}") || $0 == "{url}" }, "\(preset.annotation)")
            if preset.needsBaseURL {
                let (specs, diagnostics) = Self.specs("  - preset: \(preset.annotation)\n")
                #expect(specs.isEmpty)
                #expect(diagnostics.map(\.id) == [.configInvalid])
                #expect(diagnostics.first?.message.contains("needs 'baseUrl'") == true)
            }
        }
    }

    @Test("a sentry slug without its organisation uses the base URL's")
    func sentryBareProject() {
        let (specs, _) = Self.specs("  - preset: sentry.io/project-slug\n    baseUrl: https://northwind.sentry.io\n")
        let cards = AnnotationCards(specs: specs).cards(for: Self.entity(["sentry.io/project-slug": "rides"])).cards
        #expect(cards.first?.href == "https://northwind.sentry.io/projects/rides/")
    }

    @Test("values are percent-encoded into URLs and shown as text: nothing reaches the page unescaped")
    func escaping() {
        let (specs, diagnostics) = Self.specs("""
          - annotation: example.com/note
            url: https://notes.example/{kind}/{namespace}/{name}/{value}?v={value}
            text: "note {value} of {name}"

        """)
        #expect(diagnostics.isEmpty)
        let value = "\"><script>alert(1)</script>&x=/../?#"
        let cards = AnnotationCards(specs: specs).cards(for: Self.entity(["example.com/note": value])).cards
        #expect(cards.first?.href == "https://notes.example/component/default/rides-service/%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%26x%3D%2F..%2F%3F%23?v=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%26x%3D%2F..%2F%3F%23")
        #expect(cards.first?.text == "note \(value) of rides-service")
    }

    @Test("{url} takes only http(s) values; a value that fits no link keeps its card, without a link, and is reported")
    func unfitValues() throws {
        let (specs, _) = Self.specs("""
          - preset: backstage.io/view-url
          - preset: github.com/project-slug
            baseUrl: https://github.com
          - preset: gitlab.com/project-slug
            baseUrl: https://gitlab.com

        """)
        let entity = Self.entity(["backstage.io/view-url": "javascript:alert(1)", "github.com/project-slug": "just-one-part",
                                  "gitlab.com/project-slug": "group/../secret"])
        let (cards, diagnostics) = AnnotationCards(specs: specs).cards(for: entity)
        #expect(cards.map(\.href) == [nil, nil, nil])
        #expect(cards.map(\.text) == ["javascript:alert(1)", "just-one-part", "group/../secret"])
        #expect(diagnostics.count == 3)
        #expect(diagnostics.allSatisfy { $0.id == .annotationInvalidValue && $0.severity == .warning && $0.location.file == "repo/catalog-info.yaml" })
        let github = try #require(diagnostics.first { $0.message.contains("github.com/project-slug") })
        #expect(github.message == "'github.com/project-slug' is 'just-one-part', which does not fit the link of the 'GitHub' card ({baseUrl}/{value.1}/{value.2}); it is shown without a link")
        #expect(github.location.line == 7)
    }

    @Test("config mistakes are reported where they are, and the other entries still apply")
    func configProblems() {
        let (specs, diagnostics) = Self.specs("""
          - preset: pagerduty.com/service-idd
            baseUrl: https://x.pagerduty.com
          - annotation: a.example/x
            url: javascript:alert('{value}')
          - annotation: a.example/y
            url: https://y.example/{valu}
          - annotation: a.example/z
            url: https://z.example/{value}
            style: poster
            icon: rocket
            colour: red
          - preset: argocd/app-name
            baseUrl: ftp://argo.example
          - just text

        """)
        #expect(specs.map(\.annotation) == ["a.example/z"])
        #expect(specs.first?.style == .card)
        #expect(specs.first?.icon == "web")
        let messages = diagnostics.map { "\($0.location.line):\($0.id.rawValue): \($0.message)" }
        #expect(messages.contains("2:config.invalid: unknown annotation preset 'pagerduty.com/service-idd'; did you mean 'pagerduty.com/service-id'?"))
        #expect(messages.contains("5:config.invalid: 'url' must start with http://, https://, {url} or {baseUrl}: javascript:alert('{value}')"))
        #expect(messages.contains { $0.hasPrefix("7:config.invalid: 'url': unknown placeholder '{valu}'; expected one of {value}") })
        #expect(messages.contains("10:config.invalid: 'style' must be one of link, badge, card"))
        #expect(messages.contains { $0.hasPrefix("11:config.invalid: 'icon' must be one of ") })
        #expect(messages.contains("12:config.unknown-key: unknown key 'colour' in an 'annotations' entry"))
        #expect(messages.contains("14:config.invalid: 'baseUrl' must be an http:// or https:// URL without a query or fragment"))
        #expect(messages.contains("15:config.invalid: an 'annotations' entry must be a mapping with 'preset' or 'annotation'"))
    }

    @Test("entity pages show cards, badges and links; a configured annotation replaces its built-in link")
    func entityPage() {
        let (specs, diagnostics) = Self.specs("""
          - preset: pagerduty.com/service-id
            baseUrl: https://acme.pagerduty.com
          - preset: github.com/project-slug
            baseUrl: https://ghe.example
            style: link
          - preset: backstage.io/kubernetes-id
            style: badge

        """)
        #expect(diagnostics.isEmpty)
        var config = PortalConfig()
        config.annotationCards = specs
        let pages = RenderedPages(roots: [packageFolder + "/content"], config: config)
        let html = pages.page("catalog/default/component/rides-service/index.html") ?? ""
        #expect(html.contains("""
        <section class="card tool-card link-icon-alert" aria-labelledby="tool-1">
          <h2 id="tool-1">PagerDuty</h2>
          <p class="tool-card-value"><code>P7RIDES</code></p>
          <p class="tool-card-link"><a href="https://acme.pagerduty.com/service-directory/P7RIDES" rel="noopener noreferrer">Open in PagerDuty</a></p>
        </section>
        """))
        #expect(html.contains("<li class=\"tool-badge link-icon-deploy\"><span class=\"tool-badge-title\">Kubernetes</span> <span class=\"tool-badge-value\">rides-service</span></li>"))
        #expect(html.contains("<a href=\"https://ghe.example/northwind/rides-service\" rel=\"noopener noreferrer\">GitHub</a> <span class=\"muted small link-detail\">northwind/rides-service</span>"))
        #expect(!html.contains("\"https://github.com/northwind/rides-service\""))
        // The annotations list links the value where the card does.
        #expect(html.contains("<dt>github.com/project-slug</dt><dd><a href=\"https://ghe.example/northwind/rides-service\""))
        // An entity without those annotations has none of it.
        let group = pages.page("catalog/default/group/rides-team/index.html") ?? ""
        #expect(group.contains("<h1>"))
        #expect(!group.contains("tool-card") && !group.contains("tool-badge"))
    }

    @Test("content/portal.yaml's annotations load cleanly and every value there fits its link")
    func exampleContent() {
        var diagnostics = Diagnostics()
        let config = PortalConfig.load(path: packageFolder + "/content/portal.yaml", explicit: true, into: &diagnostics)
        #expect(diagnostics.items.filter { $0.severity != .info }.isEmpty, "\(diagnostics.items.map(\.formatted))")
        #expect(config.annotationCards.count >= 10)
        let build = BuildPipeline(roots: [packageFolder + "/content"]).runCatalog()
        let (cards, problems) = AnnotationCards(specs: config.annotationCards).cards(for: build.graph)
        #expect(problems.isEmpty, "\(problems.map(\.formatted))")
        #expect(Set(cards.joined().map(\.style)) == Set(AnnotationCardStyle.allCases))
        #expect(cards.joined().filter { $0.href == nil }.map(\.annotation) == ["backstage.io/kubernetes-id"])
    }
}
