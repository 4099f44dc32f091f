import PortalYAML

/// The type a spec field must have.
enum FieldType: Sendable {
    case string
    case stringArray
    case object
    case objectOrArray
    case array
    /// A single entity reference.
    case ref
    /// A list of entity references.
    case refArray
}

/// A relation a reference field produces: the forward type on the entity, the inverse on the target.
struct RelationRule: Sendable {
    let forward: String
    let inverse: String
}

/// One field of a kind's `spec`, with its type and, for references, how to resolve and link them.
struct SpecField: Sendable {
    let name: String
    let type: FieldType
    let required: Bool
    /// The kind assumed when a reference has no `kind:` prefix; nil means the prefix is mandatory.
    let defaultKind: String?
    /// Kinds this reference may point at (lowercase); empty means any.
    let allowedKinds: [String]
    let relation: RelationRule?

    static func value(_ name: String, _ type: FieldType, required: Bool = false) -> SpecField {
        SpecField(name: name, type: type, required: required, defaultKind: nil, allowedKinds: [], relation: nil)
    }

    static func reference(_ name: String, many: Bool = false, required: Bool = false, defaultKind: String?,
                          allowed: [String], _ forward: String, _ inverse: String) -> SpecField {
        SpecField(name: name, type: many ? .refArray : .ref, required: required, defaultKind: defaultKind,
                  allowedKinds: allowed, relation: RelationRule(forward: forward, inverse: inverse))
    }
}

/// What Backstage's catalog model says about one kind: accepted apiVersions and spec fields.
struct KindSchema: Sendable {
    let kind: String
    let apiVersions: [String]
    let specRequired: Bool
    let fields: [SpecField]

    /// Whether spec keys outside ``fields`` get an informational note. Templates and
    /// AiResources carry free-form spec keys, so they do not.
    var reportsUnknownFields: Bool { kind != "Template" && kind != "AiResource" }

    /// The known kinds by exact (case-sensitive) name, as Backstage's schemas define them.
    static let known: [String: KindSchema] = Dictionary(uniqueKeysWithValues: all.map { ($0.kind, $0) })

    /// Finds a known kind written with the wrong case (`component` → `Component`).
    static func miscapitalised(_ kind: String) -> KindSchema? {
        let lower = kind.lowercased()
        return all.first { $0.kind.lowercased() == lower }
    }

    private static let coreVersions = ["backstage.io/v1alpha1", "backstage.io/v1beta1"]
    private static let owner = SpecField.reference("owner", required: true, defaultKind: "group",
                                                   allowed: ["group", "user"], "ownedBy", "ownerOf")
    private static let system = SpecField.reference("system", defaultKind: "system", allowed: ["system"], "partOf", "hasPart")
    private static let dependsOn = SpecField.reference("dependsOn", many: true, defaultKind: nil, allowed: [],
                                                       "dependsOn", "dependencyOf")
    private static let dependencyOf = SpecField.reference("dependencyOf", many: true, defaultKind: nil, allowed: [],
                                                          "dependencyOf", "dependsOn")

    static let all: [KindSchema] = [
        KindSchema(kind: "Component", apiVersions: coreVersions, specRequired: true, fields: [
            .value("type", .string, required: true),
            .value("lifecycle", .string, required: true),
            owner, system,
            .reference("subcomponentOf", defaultKind: "component", allowed: ["component"], "partOf", "hasPart"),
            .reference("providesApis", many: true, defaultKind: "api", allowed: ["api"], "providesApi", "apiProvidedBy"),
            .reference("consumesApis", many: true, defaultKind: "api", allowed: ["api"], "consumesApi", "apiConsumedBy"),
            dependsOn, dependencyOf,
        ]),
        KindSchema(kind: "API", apiVersions: coreVersions, specRequired: true, fields: [
            .value("type", .string, required: true),
            .value("lifecycle", .string, required: true),
            owner,
            .value("definition", .string, required: true),
            system,
        ]),
        KindSchema(kind: "Resource", apiVersions: coreVersions, specRequired: true, fields: [
            .value("type", .string, required: true),
            owner, system, dependsOn, dependencyOf,
        ]),
        KindSchema(kind: "System", apiVersions: coreVersions, specRequired: true, fields: [
            owner,
            .reference("domain", defaultKind: "domain", allowed: ["domain"], "partOf", "hasPart"),
            .value("type", .string),
        ]),
        KindSchema(kind: "Domain", apiVersions: coreVersions, specRequired: true, fields: [
            owner,
            .reference("subdomainOf", defaultKind: "domain", allowed: ["domain"], "partOf", "hasPart"),
            .value("type", .string),
        ]),
        KindSchema(kind: "Group", apiVersions: coreVersions, specRequired: true, fields: [
            .value("type", .string, required: true),
            .value("profile", .object),
            .reference("parent", defaultKind: "group", allowed: ["group"], "childOf", "parentOf"),
            .reference("children", many: true, required: true, defaultKind: "group", allowed: ["group"], "parentOf", "childOf"),
            .reference("members", many: true, defaultKind: "user", allowed: ["user"], "hasMember", "memberOf"),
        ]),
        KindSchema(kind: "User", apiVersions: coreVersions, specRequired: true, fields: [
            .value("profile", .object),
            // Required by the schema; a missing list is read as [] (see EntityValidator).
            .reference("memberOf", many: true, defaultKind: "group", allowed: ["group"], "memberOf", "hasMember"),
        ]),
        KindSchema(kind: "Location", apiVersions: coreVersions, specRequired: true, fields: [
            .value("type", .string),
            .value("target", .string),
            .value("targets", .stringArray),
            .value("presence", .string),
        ]),
        KindSchema(kind: "Template", apiVersions: ["scaffolder.backstage.io/v1beta3"], specRequired: true, fields: [
            .value("type", .string, required: true),
            .value("lifecycle", .string),
            SpecField.reference("owner", defaultKind: "group", allowed: ["group", "user"], "ownedBy", "ownerOf"),
            .value("parameters", .objectOrArray),
            .value("steps", .array, required: true),
            .value("output", .object),
        ]),
        // From Backstage's opt-in AI module; the base fields every AiResource type shares.
        KindSchema(kind: "AiResource", apiVersions: coreVersions, specRequired: true, fields: [
            .value("type", .string, required: true),
            .value("lifecycle", .string, required: true),
            owner, system,
            .reference("dependsOn", many: true, defaultKind: "airesource", allowed: [], "dependsOn", "dependencyOf"),
        ]),
    ]
}

extension KindSchema {
    /// Calls `body` with every reference written in the relation fields of `spec` (the schema of
    /// `kind` says which fields those are and their default kinds), parsed with `namespace` as
    /// the default namespace. Strings only: a field of another type is the validator's concern.
    static func forEachReference(kind: String, spec: YAMLNode?, namespace: String,
                                 _ body: (SpecField, RelationRule, YAMLNode, String, Result<EntityRef, EntityRef.ParseError>) -> Void) {
        guard let schema = known[kind], let spec else { return }
        for field in schema.fields {
            guard let rule = field.relation, let node = spec[field.name] else { continue }
            let values: [YAMLNode] = field.type == .refArray ? (node.items ?? []) : [node]
            for value in values {
                guard let text = value.stringValue else { continue }
                body(field, rule, value, text, Result { () throws(EntityRef.ParseError) in
                    try EntityRef.parse(text, defaultKind: field.defaultKind, defaultNamespace: namespace)
                })
            }
        }
    }

    /// The other direction of every well-known relation type (`ownedBy` ↔ `ownerOf`, …).
    static let inverseRelations: [String: String] = {
        var inverses: [String: String] = [:]
        for field in all.flatMap(\.fields) {
            guard let rule = field.relation else { continue }
            inverses[rule.forward] = rule.inverse
            inverses[rule.inverse] = rule.forward
        }
        return inverses
    }()

    /// Whether an entity of `kind` (as written) declares relations of `type` in its own spec
    /// (a Component declares `ownedBy` with `spec.owner`; no kind declares `apiConsumedBy`).
    static func declares(_ type: String, kind: String) -> Bool {
        known[kind]?.fields.contains { $0.relation?.forward == type } ?? false
    }
}
