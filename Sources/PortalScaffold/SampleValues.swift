internal import PortalYAML

/// Plausible form values made from a Template's schema, for trying a template without filling
/// its form: the `default`, else the first `enum` choice, else a value of the field's type that
/// satisfies simple `pattern`, `minLength`/`maxLength` and `minimum` rules; pickers get a
/// reference or repository location of the shape they return.
public enum SampleValues {
    public static func make(_ parameters: TemplateParameters) -> TemplateValues {
        var values: [String: ScaffoldValue] = [:]
        for field in parameters.fields {
            values[field.name] = sample(field.name, schema: field.schema)
        }
        return TemplateValues(values)
    }

    static func sample(_ name: String, schema: YAMLNode) -> ScaffoldValue {
        if let fallback = schema["default"] { return ScaffoldValue(fallback) }
        if let first = schema["enum"]?.items?.first { return ScaffoldValue(first) }
        let types = schema.schemaTypes
        if types.contains("boolean") { return .bool(false) }
        if types.contains("integer") || types.contains("number") { return .int(schema["minimum"]?.intValue ?? 1) }
        if types.contains("array") {
            if let choice = schema["items"]?["enum"]?.items?.first { return .list([ScaffoldValue(choice)]) }
            return .list([])
        }
        if types.contains("object") {
            var members: [String: ScaffoldValue] = [:]
            for pair in schema["properties"]?.pairs ?? [] {
                if let key = pair.key.scalarText { members[key] = sample(key, schema: pair.value) }
            }
            return .object(members)
        }
        return .string(text(name, schema: schema))
    }

    private static func text(_ name: String, schema: YAMLNode) -> String {
        let options = schema["ui:options"]
        switch schema["ui:field"]?.scalarText {
        case "RepoUrlPicker":
            let host = options?["allowedHosts"]?.items?.first?.scalarText ?? "github.com"
            let owner = options?["allowedOwners"]?.items?.first?.scalarText ?? "example-org"
            return "\(host)?owner=\(owner)&repo=example-repo"
        case "OwnerPicker", "MyGroupsPicker":
            return "group:default/example-team"
        case "EntityPicker":
            let kind = options?["defaultKind"]?.scalarText ?? options?["catalogFilter"]?["kind"]?.scalarText ?? "Component"
            return "\(kind.lowercased()):default/example-\(kind.lowercased())"
        default:
            break
        }
        let candidates = ["example-\(name.lowercased())", "example", "example1", "Example", "a1", "1"]
        var chosen = candidates[0]
        if let pattern = schema["pattern"]?.scalarText, let regex = try? Regex(pattern) {
            chosen = candidates.first { $0.firstMatch(of: regex) != nil } ?? chosen
        }
        if let minimum = schema["minLength"]?.intValue, chosen.count < minimum {
            chosen += String(repeating: "x", count: minimum - chosen.count)
        }
        if let maximum = schema["maxLength"]?.intValue, chosen.count > maximum {
            chosen = String(chosen.prefix(maximum))
        }
        return chosen
    }
}
