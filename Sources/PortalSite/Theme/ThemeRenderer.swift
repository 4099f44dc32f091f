public import PortalKit

/// Renders pages with a theme's templates. Templates that fail to parse are reported with
/// their line and column, and the default theme's template of that name is used instead.
public struct ThemeRenderer: Sendable {
    private let rendering: TemplateRendering

    public init(theme: Theme, into diagnostics: inout Diagnostics) {
        var templates: [String: Template] = [:]
        for (name, source) in theme.templates.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try Template(source)
            } catch {
                var location = SourceLocation(file: theme.origins["templates/" + name] ?? name)
                location.line = error.line
                location.column = error.column
                diagnostics.add(.error, .themeTemplate, at: location, "the template does not parse (\(error.message)); using the default theme's")
                templates[name] = Theme.standard.templates[name].flatMap { try? Template($0) }
            }
        }
        rendering = TemplateRendering(templates: templates)
    }

    /// Whether the theme has a template of this name.
    public func has(_ template: String) -> Bool { rendering.templates[template] != nil }

    /// The page made by `template` from `model`, as UTF-8; empty when the template does not exist.
    public func render(_ template: String, _ model: TemplateValue) -> [UInt8] {
        rendering.render(template, [model])
    }

    /// The page made by `template` from `model`, with `extra` fields that override the model's
    /// own (and are seen from every section, as the model's are).
    public func render(_ template: String, _ model: TemplateValue, adding extra: TemplateFields) -> [UInt8] {
        rendering.render(template, [model, .object(extra)])
    }
}
