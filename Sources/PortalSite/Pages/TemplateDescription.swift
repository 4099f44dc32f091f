import PortalKit
import PortalScaffold
import PortalYAML

/// A scaffolder Template's form and steps, described as static text: each parameter page
/// with its fields (title, type, required, default, allowed values, the rules a value must
/// follow, the form hints that matter), each step's action and condition, and the
/// `portal-build scaffold` command that runs it, ready to copy.
struct TemplateDescription {
    let entity: Entity

    /// The actions `portal-build scaffold` runs locally.
    static let localActions = Set(ScaffoldPlan.supportedActions)

    /// JSON Schema keywords that change the form with the answers; named, not modelled.
    static let conditionalKeywords = TemplateParameters.unmodelled

    func model() -> TemplateValue? {
        guard entity.ref.kind == "template", let spec = entity.spec else { return nil }
        let pages: [YAMLNode] = spec["parameters"].map { $0.items ?? [$0] } ?? []
        let steps = spec["steps"]?.items ?? []
        let command = ScaffoldCommandLine(entity: entity, pages: pages)
        return [
            "pages": .list(pages.enumerated().map { page(number: $0.offset + 1, $0.element) }),
            "steps": .list(steps.enumerated().map { step(number: $0.offset + 1, $0.element) }),
            "hasPages": .flag(!pages.isEmpty),
            "hasSteps": .flag(!steps.isEmpty),
            "command": .text(command.withFlags),
            "valuesFile": .text(command.valuesFile),
            "valuesCommand": .text(command.withValuesFile),
            "skippedActions": .optional(skippedActions(steps)) ?? .absent,
        ]
    }

    private func skippedActions(_ steps: [YAMLNode]) -> String? {
        var seen: [String] = []
        for action in steps.compactMap({ $0["action"]?.scalarText }) where !Self.localActions.contains(action) && !seen.contains(action) {
            seen.append(action)
        }
        return seen.isEmpty ? nil : seen.joined(separator: ", ")
    }

    private func page(number: Int, _ node: YAMLNode) -> TemplateValue {
        let required = Set((node["required"]?.items ?? []).compactMap(\.scalarText))
        let fields: [TemplateValue] = (node["properties"]?.pairs ?? []).map { pair in
            field(name: pair.key.scalarText ?? "", pair.value, required: required.contains(pair.key.scalarText ?? ""))
        }
        var model: TemplateFields = [
            "number": .number(number),
            "title": .text(node["title"]?.scalarText ?? "Step \(number)"),
            "fields": .list(fields),
            "hasFields": .flag(!fields.isEmpty),
        ]
        model.setIfPresent("description", .optional(node["description"]?.scalarText))
        let conditional = Self.conditionalKeywords.filter { node[$0] != nil }
        if !conditional.isEmpty {
            model["conditional"] = .text("This page also uses \(conditional.joined(separator: ", ")): some fields appear or change with the answers.")
        }
        return .object(model)
    }

    private func field(name: String, _ property: YAMLNode, required: Bool) -> TemplateValue {
        var field: TemplateFields = [
            "name": .text(name),
            "title": .text(property["title"]?.scalarText ?? name),
            "required": .flag(required),
        ]
        field.setIfPresent("type", .optional(property["type"].map(Self.inline)))
        field.setIfPresent("description", .optional(property["description"]?.scalarText))
        field.setIfPresent("help", .optional(property["ui:help"]?.scalarText))
        field.setIfPresent("default", .optional(property["default"].map(Self.inline)))
        field.setIfPresent("widget", .optional(property["ui:field"]?.scalarText ?? property["ui:widget"]?.scalarText))
        let names = (property["enumNames"]?.items ?? []).map(Self.inline)
        let choices = (property["enum"]?.items ?? []).enumerated().map { index, choice in
            let value = Self.inline(choice)
            return index < names.count && names[index] != value ? "\(value) (\(names[index]))" : value
        }
        field.setIfPresent("choices", choices.isEmpty ? nil : .text(choices.joined(separator: ", ")))
        field.setIfPresent("rules", .optional(Self.rules(property)))
        return .object(field)
    }

    /// The constraints a value must meet and the picker options that narrow it, in words.
    static func rules(_ property: YAMLNode) -> String? {
        var rules: [String] = []
        if let pattern = property["pattern"]?.scalarText { rules.append("matches \(pattern)") }
        let minLength = property["minLength"]?.scalarText, maxLength = property["maxLength"]?.scalarText
        switch (minLength, maxLength) {
        case let (minimum?, maximum?): rules.append("\(minimum) to \(maximum) characters")
        case let (minimum?, nil): rules.append("at least \(minimum) characters")
        case let (nil, maximum?): rules.append("at most \(maximum) characters")
        default: break
        }
        if let minimum = property["minimum"]?.scalarText { rules.append("at least \(minimum)") }
        if let maximum = property["maximum"]?.scalarText { rules.append("at most \(maximum)") }
        if let format = property["format"]?.scalarText { rules.append("format \(format)") }
        if let options = property["ui:options"] {
            if let hosts = options["allowedHosts"]?.items { rules.append("hosts: " + hosts.map(inline).joined(separator: ", ")) }
            if let owners = options["allowedOwners"]?.items { rules.append("owners: " + owners.map(inline).joined(separator: ", ")) }
            if let kind = options["catalogFilter"]?["kind"] ?? options["allowedKinds"] { rules.append("kind: " + inline(kind)) }
        }
        if let nested = property["properties"]?.pairs {
            rules.append("fields: " + nested.compactMap(\.key.scalarText).joined(separator: ", "))
        }
        return rules.isEmpty ? nil : rules.joined(separator: "; ")
    }

    private func step(number: Int, _ node: YAMLNode) -> TemplateValue {
        var model: TemplateFields = [
            "number": .number(number),
            "name": .text(node["name"]?.scalarText ?? node["id"]?.scalarText ?? "Step \(number)"),
        ]
        model.setIfPresent("id", .optional(node["id"]?.scalarText))
        model.setIfPresent("action", .optional(node["action"]?.scalarText))
        model.setIfPresent("condition", .optional(node["if"].map(Self.inline)))
        model["local"] = .flag(node["action"]?.scalarText.map(Self.localActions.contains) ?? false)
        return .object(model)
    }

    /// A short one-line rendering of a YAML value (`[a, b]`, `{…}`, or the scalar).
    static func inline(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let text, _): text
        case .sequence(let items): "[" + items.prefix(8).map(inline).joined(separator: ", ") + (items.count > 8 ? ", …" : "") + "]"
        case .mapping: "{…}"
        }
    }
}
