import Testing
@testable import PortalKit

@Suite("Entity references")
struct EntityRefTests {
    @Test("every written form resolves with the field's defaults", arguments: [
        ("team-a", "group:default/team-a"),
        ("other/team-a", "group:other/team-a"),
        ("user:jdoe", "user:default/jdoe"),
        ("user:other/jdoe", "user:other/jdoe"),
        ("Group:Default/Team-A", "group:default/team-a"),
        ("  user:jdoe \n", "user:default/jdoe"),
        ("ns/name:with-colon", "group:ns/name:with-colon"),
    ])
    func resolves(written: String, canonical: String) throws {
        let ref = try EntityRef.parse(written, defaultKind: "Group", defaultNamespace: "default")
        #expect(ref.description == canonical)
    }

    @Test("the referring entity's namespace is the default")
    func inheritsNamespace() throws {
        let ref = try EntityRef.parse("payments", defaultKind: "system", defaultNamespace: "finance")
        #expect(ref == EntityRef(kind: "system", namespace: "finance", name: "payments"))
    }

    @Test("identity ignores case")
    func caseInsensitive() {
        #expect(EntityRef(kind: "Component", namespace: "Default", name: "Foo") == EntityRef(kind: "component", namespace: "default", name: "foo"))
    }

    @Test("a missing kind without a default is an error, as for dependsOn")
    func missingKind() {
        #expect(throws: EntityRef.ParseError.missingKind) {
            try EntityRef.parse("orders-db", defaultKind: nil, defaultNamespace: "default")
        }
    }

    @Test("empty parts are errors", arguments: [
        ("", EntityRef.ParseError.empty),
        ("   ", .empty),
        (":name", .emptyPart("kind")),
        ("kind:/name", .emptyPart("namespace")),
        ("kind:ns/", .emptyPart("name")),
        ("/name", .emptyPart("namespace")),
    ])
    func emptyParts(written: String, error: EntityRef.ParseError) {
        #expect(throws: error) { try EntityRef.parse(written, defaultKind: "group", defaultNamespace: "default") }
    }

    @Test("error text explains the dependsOn rule")
    func missingKindMessage() {
        #expect(EntityRef.ParseError.missingKind.description
            == "the reference has no kind, and this field has no default kind (write it as kind:name, e.g. component:my-service)")
    }
}

@Suite("Backstage name rules")
struct NameRulesTests {
    @Test("metadata.name", arguments: [
        ("a", true), ("my-service", true), ("My_Service.v2", true), ("a--b", true), ("a._b", true),
        ("-a", false), ("a-", false), ("a b", false), ("", false), (String(repeating: "a", count: 63), true),
        (String(repeating: "a", count: 64), false), ("ä", false), ("${{values.name}}", false),
    ])
    func names(name: String, valid: Bool) {
        #expect(NameRules.isValidName(name) == valid)
    }

    @Test("namespace is a lowercase DNS label", arguments: [
        ("default", true), ("team-1", true), ("Team", false), ("a--b", false), ("-a", false), ("a_b", false),
    ])
    func namespaces(namespace: String, valid: Bool) {
        #expect(NameRules.isValidDNSLabel(namespace) == valid)
    }

    @Test("tags", arguments: [
        ("java", true), ("c++", true), ("c#", true), ("lang:go", true), ("a-b", true),
        ("Java", false), ("a--b", false), ("-a", false), ("a b", false), ("a_b", false), ("", false),
    ])
    func tags(tag: String, valid: Bool) {
        #expect(NameRules.isValidTag(tag) == valid)
    }

    @Test("label and annotation keys", arguments: [
        ("tier", true), ("backstage.io/techdocs-ref", true), ("github.com/project-slug", true),
        ("a/b/c", false), ("Backstage.io/x", false), ("/x", false), ("x/", false), ("example.com/-x", false),
    ])
    func keys(key: String, valid: Bool) {
        #expect(NameRules.isValidKey(key) == valid)
    }

    @Test("apiVersion", arguments: [
        ("backstage.io/v1alpha1", true), ("v1", true), ("scaffolder.backstage.io/v1beta3", true),
        ("a/b/c", false), ("backstage.io/", false), ("Backstage.io/v1", false), ("backstage.io/v1-beta", false),
    ])
    func apiVersions(version: String, valid: Bool) {
        #expect(NameRules.isValidAPIVersion(version) == valid)
    }

    @Test("kind", arguments: [("Component", true), ("component", true), ("S3Bucket", true), ("3D", false), ("My-Kind", false)])
    func kinds(kind: String, valid: Bool) {
        #expect(NameRules.isValidKind(kind) == valid)
    }
}
