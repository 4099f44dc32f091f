public import PortalKit
import PortalYAML

/// Checks form values against the Template's parameters as the Backstage form would (the JSON
/// Schema subset templates use: `type`, `required`, `enum`, `const`, `pattern`, `minLength`/
/// `maxLength`, `minimum`/`maximum`, `minItems`/`maxItems`, `items`, nested `properties`), after
/// filling in `default`s. One message per field, at the field's definition in the Template.
public struct ParameterValidator: Sendable {
    public var parameters: TemplateParameters
    /// The Template file as shown to the user, for diagnostics.
    public var file: String

    public init(parameters: TemplateParameters, file: String) {
        self.parameters = parameters
        self.file = file
    }

    /// The values with defaults filled in; each problem is a `scaffold.invalid-value` error.
    public func validate(_ given: TemplateValues, into diagnostics: inout Diagnostics) -> [String: ScaffoldValue] {
        var values = given.values
        for field in parameters.fields {
            let location = self.location(field.schema.mark)
            let value = Self.withDefaults(values[field.name] ?? .undefined, schema: field.schema)
            values[field.name] = value.isMissing ? nil : value
            if value.isMissing || value == .string("") {
                if field.isRequired {
                    let title = field.schema["title"]?.scalarText.map { " (\($0))" } ?? ""
                    diagnostics.add(.error, .scaffoldInvalidValue, at: location,
                                    "parameters.\(field.name)\(title) is required: give it with --set \(field.name)=… or in the values file")
                }
                continue
            }
            for problem in Self.problems(value, schema: field.schema, path: "parameters." + field.name) {
                diagnostics.add(.error, .scaffoldInvalidValue, at: location, problem)
            }
        }
        let known = Set(parameters.fields.map(\.name))
        for name in given.values.keys.sorted() where !known.contains(name) {
            diagnostics.add(.warning, .scaffoldInvalidValue, at: SourceLocation(file: file),
                            "the value '\(name)' is not a parameter of this template\(Self.suggestion(name, among: known)); it is passed on unchecked")
        }
        for keyword in parameters.unmodelledKeywords {
            diagnostics.add(.info, .scaffoldUnmodelledSchema, at: location(keyword.mark),
                            "'\(keyword.keyword)' is not evaluated: the fields it adds or constrains are checked only by their own schema")
        }
        return values
    }

    private func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private static func suggestion(_ name: String, among known: Set<String>) -> String {
        NearMiss.closest(to: name, among: known.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// `value`, or the schema's `default` when missing; objects get their properties' defaults.
    static func withDefaults(_ value: ScaffoldValue, schema: YAMLNode) -> ScaffoldValue {
        if value.isMissing, let fallback = schema["default"] { return ScaffoldValue(fallback) }
        guard let properties = schema["properties"]?.pairs, case .object(var members) = value else { return value }
        for pair in properties {
            guard let key = pair.key.scalarText else { continue }
            let filled = withDefaults(members[key] ?? .undefined, schema: pair.value)
            if !filled.isMissing { members[key] = filled }
        }
        return .object(members)
    }

    /// Every way `value` breaks `schema`, as messages naming `path`.
    static func problems(_ value: ScaffoldValue, schema: YAMLNode, path: String) -> [String] {
        let types = schema.schemaTypes
        if !types.isEmpty, !types.contains(where: { matches(value, type: $0) }) {
            return ["\(path) must be \(types.map { article($0) }.joined(separator: " or ")), not \(article(value.typeName)) (\(preview(value)))"]
        }
        var problems: [String] = []
        if let choices = schema["enum"]?.items {
            let allowed = choices.map(ScaffoldValue.init)
            if !allowed.contains(value) {
                problems.append("\(path) is \(preview(value)), which is not one of: \(allowed.map(preview).joined(separator: ", "))")
            }
        }
        if let constant = schema["const"].map(ScaffoldValue.init), constant != value {
            problems.append("\(path) must be \(preview(constant))")
        }
        if case .string(let text) = value {
            problems += countProblems(text.count, schema: schema, keywords: ("minLength", "maxLength"), path: path, unit: "characters long")
            if let pattern = schema["pattern"]?.scalarText, let regex = try? Regex(pattern), text.firstMatch(of: regex) == nil {
                problems.append("\(path) is \(preview(value)), which does not match the pattern \(pattern)")
            }
        }
        if let number = numeric(value) {
            if let minimum = schema["minimum"].flatMap(\.doubleValue), number < minimum {
                problems.append("\(path) must be at least \(ScaffoldValue.numberText(minimum)) (it is \(value.text))")
            }
            if let maximum = schema["maximum"].flatMap(\.doubleValue), number > maximum {
                problems.append("\(path) must be at most \(ScaffoldValue.numberText(maximum)) (it is \(value.text))")
            }
        }
        if case .list(let items) = value {
            problems += countProblems(items.count, schema: schema, keywords: ("minItems", "maxItems"), path: path, unit: "items")
            if let itemSchema = schema["items"], itemSchema.pairs != nil {
                for (index, item) in items.enumerated() {
                    problems += Self.problems(item, schema: itemSchema, path: "\(path)[\(index)]")
                }
            }
        }
        if case .object(let members) = value, let properties = schema["properties"]?.pairs {
            let required = Set((schema["required"]?.items ?? []).compactMap(\.scalarText))
            for pair in properties {
                guard let key = pair.key.scalarText else { continue }
                let member = members[key] ?? .undefined
                if member.isMissing {
                    if required.contains(key) { problems.append("\(path).\(key) is required") }
                    continue
                }
                problems += Self.problems(member, schema: pair.value, path: "\(path).\(key)")
            }
        }
        return problems
    }

    /// A length or item count outside the schema's `min…`/`max…` keywords.
    private static func countProblems(_ count: Int, schema: YAMLNode, keywords: (minimum: String, maximum: String),
                                      path: String, unit: String) -> [String] {
        var problems: [String] = []
        if let minimum = schema[keywords.minimum]?.intValue, count < minimum {
            problems.append("\(path) must be at least \(minimum) \(unit) (it has \(count))")
        }
        if let maximum = schema[keywords.maximum]?.intValue, count > maximum {
            problems.append("\(path) must be at most \(maximum) \(unit) (it has \(count))")
        }
        return problems
    }

    private static func matches(_ value: ScaffoldValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("integer", .int), ("array", .list), ("object", .object), ("null", .null): true
        case ("number", .int), ("number", .double): true
        case ("integer", .double(let number)): number == number.rounded()
        default: false
        }
    }

    private static func numeric(_ value: ScaffoldValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }

    private static func article(_ type: String) -> String {
        ["array", "integer", "object", "undefined"].contains(type) ? "an \(type)" : "a \(type)"
    }

    static func preview(_ value: ScaffoldValue) -> String {
        let json = value.json
        return json.count > 60 ? String(json.prefix(57)) + "…" : json
    }
}

extension YAMLNode {
    var intValue: Int? {
        if case .int(let number) = scalarValue { return number }
        return nil
    }

    var doubleValue: Double? {
        switch scalarValue {
        case .int(let number): Double(number)
        case .double(let number): number
        default: nil
        }
    }
}
