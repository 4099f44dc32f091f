import PortalKit
import PortalYAML

/// A scaffolder Template's form and steps, described as static text: each parameter page
/// with its fields (title, type, required, default, allowed values), then each step's action.
struct TemplateDescription {
    let entity: Entity

    func model() -> TemplateValue? {
        guard entity.ref.kind == "template", let spec = entity.spec else { return nil }
        let pages: [YAMLNode] = spec["parameters"].map { $0.items ?? [$0] } ?? []
        let steps = spec["steps"]?.items ?? []
        return [
            "pages": .list(pages.enumerated().map { page(number: $0.offset + 1, $0.element) }),
            "steps": .list(steps.enumerated().map { step(number: $0.offset + 1, $0.element) }),
            "hasPages": .flag(!pages.isEmpty),
            "hasSteps": .flag(!steps.isEmpty),
        ]
    }

    private func page(number: Int, _ node: YAMLNode) -> TemplateValue {
        let required = Set((node["required"]?.items ?? []).compactMap(\.scalarText))
        let fields: [TemplateValue] = (node["properties"]?.pairs ?? []).map { pair in
            let name = pair.key.scalarText ?? ""
            let property = pair.value
            var field: TemplateFields = [
                "name": .text(name),
                "title": .text(property["title"]?.scalarText ?? name),
                "required": .flag(required.contains(name)),
            ]
            field.setIfPresent("type", .optional(property["type"]?.scalarText))
            field.setIfPresent("description", .optional(property["description"]?.scalarText))
            field.setIfPresent("default", .optional(property["default"].map(Self.inline)))
            field.setIfPresent("widget", .optional(property["ui:field"]?.scalarText ?? property["ui:widget"]?.scalarText))
            let choices = (property["enum"]?.items ?? []).map(Self.inline)
            field.setIfPresent("choices", choices.isEmpty ? nil : .text(choices.joined(separator: ", ")))
            return .object(field)
        }
        var model: TemplateFields = [
            "number": .number(number),
            "title": .text(node["title"]?.scalarText ?? "Step \(number)"),
            "fields": .list(fields),
        ]
        model.setIfPresent("description", .optional(node["description"]?.scalarText))
        return .object(model)
    }

    private func step(number: Int, _ node: YAMLNode) -> TemplateValue {
        var model: TemplateFields = [
            "number": .number(number),
            "name": .text(node["name"]?.scalarText ?? node["id"]?.scalarText ?? "Step \(number)"),
        ]
        model.setIfPresent("id", .optional(node["id"]?.scalarText))
        model.setIfPresent("action", .optional(node["action"]?.scalarText))
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
