import Testing
@testable import PortalKit

/// Each rule of Backstage's entity validation, with the full diagnostic text.
@Suite("Entity validation")
struct ValidationTests {
    /// Checks one repository holding `catalog-info.yaml` (plus a group `team-a` so owners resolve).
    private func problems(_ descriptor: String, minimum: Severity = .info) throws -> [String] {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": descriptor,
            "org/catalog-info.yaml": group("team-a"),
        ])
        return workspace.diagnostics(minimum: minimum)
    }

    @Test("a valid component has no diagnostics")
    func valid() throws {
        #expect(try problems(component("svc")) == [])
    }

    @Test("unknown root keys are errors; relations are ignored with a warning")
    func envelope() throws {
        let text = component("svc") + "\nextra: 1\nrelations: []\n"
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:10:1: error: unknown root key 'extra'; an entity has only apiVersion, kind, metadata and spec [entity.invalid-envelope]",
            "repo/catalog-info.yaml:11:1: warning: 'relations' is computed by the catalog; the value written here is ignored [entity.invalid-envelope]",
        ])
    }

    @Test("apiVersion must be well formed and accepted for the kind")
    func apiVersion() throws {
        let wrong = component("svc").replacingOccurrences(of: "backstage.io/v1alpha1", with: "backstage.io/v2")
        #expect(try problems(wrong) == [
            "repo/catalog-info.yaml:1:13: error: apiVersion 'backstage.io/v2' is not accepted for kind Component; use backstage.io/v1alpha1 or backstage.io/v1beta1 [entity.invalid-api-version]",
        ])
        let malformed = component("svc").replacingOccurrences(of: "backstage.io/v1alpha1", with: "a/b/c")
        #expect(try problems(malformed) == [
            "repo/catalog-info.yaml:1:13: error: apiVersion 'a/b/c' is not valid; expected [prefix/]version such as backstage.io/v1alpha1 [entity.invalid-api-version]",
        ])
    }

    @Test("kind is case-sensitive; unknown kinds are kept with a warning")
    func kinds() throws {
        let lower = component("svc").replacingOccurrences(of: "kind: Component", with: "kind: component")
        #expect(try problems(lower) == [
            "repo/catalog-info.yaml:2:7: error: kind 'component' is case-sensitive; did you mean 'Component'? [entity.invalid-kind]",
        ])
        let custom = "apiVersion: backstage.io/v1alpha1\nkind: S3Bucket\nmetadata:\n  name: bucket\nspec:\n  type: s3\n"
        #expect(try problems(custom) == [
            "repo/catalog-info.yaml:2:7: warning: kind 'S3Bucket' is not part of Backstage's catalog model; the entity is kept and shown generically [entity.unknown-kind]",
        ])
        let workspace = try Workspace(["repo/catalog-info.yaml": custom])
        #expect(workspace.check().graph.entities.map(\.ref.description) == ["s3bucket:default/bucket"])
    }

    @Test("metadata.name: required, a string, Backstage's pattern")
    func names() throws {
        #expect(try problems(component("my service")) == [
            "repo/catalog-info.yaml:4:9: error: metadata.name 'my service' is not valid; use letters, digits and - _ . between them, starting and ending with a letter or digit [entity.invalid-name]",
        ])
        #expect(try problems(component("123")) == [
            "repo/catalog-info.yaml:4:9: error: metadata.name must be a string, got a number [entity.invalid-name]",
        ])
        #expect(try problems(component(String(repeating: "a", count: 64))) == [
            "repo/catalog-info.yaml:4:9: error: metadata.name '\(String(repeating: "a", count: 64))' is longer than 63 characters [entity.invalid-name]",
        ])
        let noName = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: X\nspec: {}\n"
        #expect(try problems(noName) == ["repo/catalog-info.yaml:4:3: error: 'metadata.name' is required [entity.missing-field]"])
    }

    @Test("an entity whose identity is invalid is left out of the catalog")
    func invalidIdentityDropped() throws {
        let workspace = try Workspace(["repo/catalog-info.yaml": component("my service") + "\n---\n" + component("ok")])
        #expect(workspace.check().graph.entities.map(\.name) == ["ok"])
    }

    @Test("namespace: uppercase is read lowercase with a warning; invalid is an error")
    func namespaces() throws {
        let upper = component("svc").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  namespace: Payments")
        #expect(try problems(upper, minimum: .warning).first
            == "repo/catalog-info.yaml:5:14: warning: metadata.namespace 'Payments' should be lowercase; read as 'payments' [entity.invalid-namespace]")
        let invalid = component("svc").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  namespace: a_b")
        #expect(try problems(invalid) == [
            "repo/catalog-info.yaml:5:14: error: metadata.namespace 'a_b' is not valid; expected lowercase letters, digits and single dashes, at most 63 [entity.invalid-namespace]",
        ])
    }

    @Test("title and description must be strings")
    func titles() throws {
        let text = component("svc").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  title: 42\n  description: [a]")
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:5:10: error: metadata.title must be a string, got a number [entity.invalid-metadata]",
            "repo/catalog-info.yaml:6:16: error: metadata.description must be a string, got a list [entity.invalid-metadata]",
        ])
    }

    @Test("tags: a list of lowercase strings; YAML 1.2 keeps yes a string")
    func tags() throws {
        let text = component("svc").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  tags: [java, Go, yes, 12, a--b]")
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:5:16: error: tag 'Go' is not valid; use lowercase letters, digits, : + # and single dashes, at most 63; tags are lowercase: 'go' [entity.invalid-tag]",
            "repo/catalog-info.yaml:5:25: error: a tag must be a string, got a number [entity.invalid-tag]",
            "repo/catalog-info.yaml:5:29: error: tag 'a--b' is not valid; use lowercase letters, digits, : + # and single dashes, at most 63 [entity.invalid-tag]",
        ])
        let notList = component("svc").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  tags: java")
        #expect(try problems(notList) == [
            "repo/catalog-info.yaml:5:9: error: metadata.tags must be a list of strings, got a string [entity.invalid-tag]",
        ])
    }

    @Test("labels: keys and values follow Backstage's rules; a list is refused")
    func labels() throws {
        let text = component("svc").replacingOccurrences(of: "  name: svc", with: """
              name: svc
              labels:
                tier: critical
                Bad Key: x
                example.com/owner: "not valid!"
                count: 3
            """)
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:7:5: error: label key 'Bad Key' is not valid; expected [prefix/]name with a DNS prefix and a valid name [entity.invalid-label]",
            "repo/catalog-info.yaml:8:24: error: label value 'not valid!' is not valid; use letters, digits and - _ . between them, at most 63 [entity.invalid-label]",
            "repo/catalog-info.yaml:9:12: error: label 'count' must be a string, got a number [entity.invalid-label]",
        ])
        let list = component("svc").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  labels:\n    - a")
        #expect(try problems(list) == [
            "repo/catalog-info.yaml:6:5: error: metadata.labels must be an object of strings, got a list [entity.invalid-label]",
        ])
    }

    @Test("annotations: null is refused; values must be strings; keys follow the rules")
    func annotations() throws {
        let null = component("svc").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  annotations: null")
        #expect(try problems(null) == [
            "repo/catalog-info.yaml:5:16: error: metadata.annotations must be an object of strings, got null [entity.invalid-annotation]",
        ])
        let values = component("svc").replacingOccurrences(of: "  name: svc", with: """
              name: svc
              annotations:
                backstage.io/view-url: https://example.com/svc
                example.com/enabled: true
                "not a key": x
            """)
        #expect(try problems(values) == [
            "repo/catalog-info.yaml:7:26: error: annotation 'example.com/enabled' must be a string, got a boolean [entity.invalid-annotation]",
            "repo/catalog-info.yaml:8:5: error: annotation key 'not a key' is not valid; expected [prefix/]name with a DNS prefix and a valid name [entity.invalid-annotation]",
        ])
    }

    @Test("reserved keys may not appear in spec, labels or annotations")
    func reservedKeys() throws {
        let text = component("svc", extra: "  name: oops").replacingOccurrences(of: "  name: svc", with: "  name: svc\n  labels:\n    kind: x")
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:6:5: error: 'kind' is a reserved key and may not be a label [entity.reserved-key]",
            "repo/catalog-info.yaml:11:3: error: 'name' is a reserved key and may not appear in spec [entity.reserved-key]",
        ])
    }

    @Test("reserved keys deeper inside spec are fine (Template parameters have names)")
    func reservedKeysNested() throws {
        let text = component("svc", extra: "  profile:\n    name: fine")
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:9:3: info: spec.profile is not a field of kind Component; Backstage keeps it but nothing reads it [entity.unexpected-field]",
        ])
    }

    @Test("links: absolute URL required, script schemes refused, title and icon checked")
    func links() throws {
        let text = component("svc").replacingOccurrences(of: "  name: svc", with: """
              name: svc
              links:
                - url: https://example.com/dashboard
                  title: Dashboard
                  icon: dashboard
                - url: /relative/path
                - url: javascript:alert(1)
                - url: null
                - title: "  "
                - url: https://example.com
                  icon: "not valid"
                - just-a-string
            """)
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:9:12: error: link url '/relative/path' is not an absolute URL (it needs a scheme such as https:) [entity.invalid-link]",
            "repo/catalog-info.yaml:10:12: error: link url scheme 'javascript:' is refused; links must not run script or read local files [entity.invalid-link]",
            "repo/catalog-info.yaml:11:12: error: link url must be a string, got null [entity.invalid-link]",
            "repo/catalog-info.yaml:12:7: error: a link needs a 'url' [entity.invalid-link]",
            "repo/catalog-info.yaml:12:14: error: link title must not be blank [entity.invalid-link]",
            "repo/catalog-info.yaml:14:13: error: link icon 'not valid' is not valid; use a short key such as 'dashboard' or 'docs' [entity.invalid-link]",
            "repo/catalog-info.yaml:15:7: error: a link must be an object with a url, got a string [entity.invalid-link]",
        ])
    }

    @Test("required spec fields per kind", arguments: [
        ("Component", "type: service\n  lifecycle: production", "spec.owner is required for kind Component"),
        ("Component", "owner: team-a\n  lifecycle: production", "spec.type is required for kind Component"),
        ("API", "type: openapi\n  lifecycle: production\n  owner: team-a", "spec.definition is required for kind API"),
        ("Resource", "owner: team-a", "spec.type is required for kind Resource"),
        ("System", "domain: d", "spec.owner is required for kind System"),
        ("Domain", "type: product", "spec.owner is required for kind Domain"),
        ("Group", "type: team", "spec.children is required for kind Group"),
    ])
    func requiredFields(kind: String, spec: String, message: String) throws {
        let text = "apiVersion: backstage.io/v1alpha1\nkind: \(kind)\nmetadata:\n  name: x\nspec:\n  \(spec)\n"
        let found = try problems(text, minimum: .error)
        #expect(found.contains("repo/catalog-info.yaml:5:1: error: \(message) [entity.missing-field]"), "\(found)")
    }

    @Test("a missing spec is an error for every kind but Location")
    func missingSpec() throws {
        #expect(try problems("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: x\n") == [
            "repo/catalog-info.yaml:2:7: error: 'spec' is required for kind System [entity.missing-field]",
        ])
        #expect(try problems("apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: x\n") == [])
    }

    @Test("User.memberOf may be missing (read as empty), with a warning")
    func userMemberOf() throws {
        let text = "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jdoe\nspec:\n  profile:\n    email: j@example.com\n"
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:5:1: warning: spec.memberOf is required for kind User; read as an empty list [entity.missing-field]",
        ])
    }

    @Test("a profile's displayName, email and picture are non-empty strings, as Backstage's User and Group schemas say; other keys are free")
    func profileFields() throws {
        func descriptor(_ kind: String, _ profile: String) -> String {
            let members = kind == "User" ? "memberOf: []" : "type: team\n  children: []"
            return "apiVersion: backstage.io/v1alpha1\nkind: \(kind)\nmetadata:\n  name: x\nspec:\n  \(members)\n  profile:\n\(profile)    pronouns: they/them\n"
        }
        for kind in ["User", "Group"] {
            let invalid = "    displayName: \"\"\n    email: 42\n    picture:\n      url: https://example.com/p.png\n"
            let line = kind == "User" ? 8 : 9  // displayName's
            #expect(try problems(descriptor(kind, invalid)) == [
                "repo/catalog-info.yaml:\(line):18: error: spec.profile.displayName must not be empty [entity.invalid-field]",
                "repo/catalog-info.yaml:\(line + 1):12: error: spec.profile.email must be a string, got a number [entity.invalid-field]",
                "repo/catalog-info.yaml:\(line + 3):7: error: spec.profile.picture must be a string, got an object [entity.invalid-field]",
            ], "\(kind)")
            let valid = "    displayName: X\n    email: x@example.com\n    picture: https://example.com/p.png\n"
            #expect(try problems(descriptor(kind, valid)) == [], "\(kind)")
        }
    }

    @Test("spec fields have types: numbers, nulls and objects where strings belong")
    func fieldTypes() throws {
        let text = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: svc
            spec:
              type: 123
              lifecycle: production
              owner: team-a
              system: null
              providesApis: api-a
            """
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:6:9: error: spec.type must be a string, got a number [entity.invalid-field]",
            "repo/catalog-info.yaml:9:11: error: spec.system must be a string, got null [entity.invalid-field]",
            "repo/catalog-info.yaml:10:17: error: spec.providesApis must be a list of strings, got a string [entity.invalid-field]",
        ])
    }

    @Test("Template: scaffolder apiVersion, steps need actions")
    func template() throws {
        let text = """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: new-service
            spec:
              type: service
              owner: team-a
              parameters:
                - title: Name
                  properties:
                    name: {type: string}
              steps:
                - id: fetch
                  action: fetch:template
                  input: {url: ./skeleton}
                - id: broken
            """
        #expect(try problems(text) == [
            "repo/catalog-info.yaml:16:7: error: each step needs a string 'action' [entity.missing-field]",
        ])
        let legacy = text.replacingOccurrences(of: "scaffolder.backstage.io/v1beta3", with: "backstage.io/v1beta2")
        #expect(try problems(legacy).first
            == "repo/catalog-info.yaml:1:13: error: apiVersion 'backstage.io/v1beta2' is not accepted for kind Template; use scaffolder.backstage.io/v1beta3 [entity.invalid-api-version]")
    }

    @Test("documents that are not entities say why")
    func notEntities() throws {
        #expect(try problems("- a\n- b\n") == [
            "repo/catalog-info.yaml:1:1: error: expected an entity (an object with apiVersion, kind and metadata), got a list [entity.not-an-entity]",
        ])
        #expect(try problems("openapi: 3.0.0\ninfo: {title: x}\n") == [
            "repo/catalog-info.yaml:1:1: error: not a Backstage entity: the document has no apiVersion or kind (it looks like an OpenAPI document; point an API entity's spec.definition at it with $text) [entity.not-an-entity]",
        ])
        #expect(try problems("") == ["repo/catalog-info.yaml:1:1: warning: the file is empty, so it defines no entity [entity.none-in-file]"])
        #expect(try problems("# only a comment\n---\n") == [
            "repo/catalog-info.yaml:1:1: warning: the file holds only empty documents or comments, so it defines no entity [entity.none-in-file]",
        ])
    }

    @Test("YAML problems are reported with libyaml's text and position")
    func yamlProblems() throws {
        #expect(try problems("apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n  links:''\n") == [
            "repo/catalog-info.yaml:6:1: error: could not find expected ':' (while scanning a simple key at line 5, column 3) [yaml.syntax]",
        ])
        let duplicate = component("svc").replacingOccurrences(of: "  lifecycle: production", with: "  lifecycle: production\n  lifecycle: deprecated")
        #expect(try problems(duplicate) == [
            "repo/catalog-info.yaml:8:3: warning: duplicate key 'lifecycle' (first at line 7); the later value is used [yaml.duplicate-key]",
        ])
    }

    @Test("a broken document does not hide the others in the file")
    func multiDocumentRecovery() throws {
        let text = component("first") + "\n---\nkind: [unclosed\n---\n" + component("third")
        let workspace = try Workspace(["repo/catalog-info.yaml": text, "org/catalog-info.yaml": group("team-a")])
        let build = workspace.check()
        #expect(build.graph.entities.map(\.name).sorted() == ["first", "team-a", "third"])
        #expect(build.diagnostics.map(\.id) == [.yamlSyntax])
        #expect(build.diagnostics.first?.location.line == 12)
    }

    @Test("a billion-laughs file is refused quickly")
    func billionLaughs() throws {
        var text = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: lol\n  a0: &a0 [lol]\n"
        for level in 1...9 {
            text += "  a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let found = try problems(text)
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix("aliases expand to more than 100000 nodes; refusing to expand further [yaml.alias-expansion]") == true)
    }

    @Test("files with scaffolder expressions get a hint")
    func unrenderedTemplate() throws {
        #expect(try problems(component("${{ values.name }}")) == [
            "repo/catalog-info.yaml:4:9: error: metadata.name '${{ values.name }}' is not valid; use letters, digits and - _ . between them, starting and ending with a letter or digit [entity.invalid-name]",
            "repo/catalog-info.yaml:4:9: info: this file holds scaffolder expressions (${{ … }}): it looks like template source, not a finished descriptor [entity.unrendered-template]",
        ])
    }

    @Test("link URL check", arguments: [
        ("https://example.com", nil),
        ("mailto:team@example.com", nil),
        ("slack://channel?id=1", nil),
        ("https://", "link url 'https://' has no valid host"),
        ("example.com", "link url 'example.com' is not an absolute URL (it needs a scheme such as https:)"),
        ("DATA:text/html,x", "link url scheme 'DATA:' is refused; links must not run script or read local files"),
    ] as [(String, String?)])
    func linkURLs(url: String, problem: String?) {
        #expect(EntityValidator.linkURLProblem(url) == problem)
    }
}
