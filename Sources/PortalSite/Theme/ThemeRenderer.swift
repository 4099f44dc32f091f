public import PortalKit

/// Renders pages with a theme's templates. Templates that fail to parse are reported with
/// their line and column, and the default theme's template of that name is used instead.
public struct ThemeRenderer: Sendable {
    private let rendering: TemplateRendering
    /// The source of each template in use (the theme's, or the default one that replaced it).
    private let sources: [String: String]

    public init(theme: Theme, into diagnostics: inout Diagnostics) {
        var templates: [String: Template] = [:]
        var sources: [String: String] = [:]
        for (name, source) in theme.templates.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try Template(source)
                sources[name] = source
            } catch {
                var location = SourceLocation(file: theme.origins["templates/" + name] ?? name)
                location.line = error.line
                location.column = error.column
                diagnostics.add(.error, .themeTemplate, at: location, "the template does not parse (\(error.message)); using the default theme's")
                templates[name] = Theme.standard.templates[name].flatMap { try? Template($0) }
                sources[name] = Theme.standard.templates[name]
            }
        }
        rendering = TemplateRendering(templates: templates)
        self.sources = sources
    }

    private init(sources: [String: String]) {
        rendering = TemplateRendering(templates: sources.compactMapValues { try? Template($0) })
        self.sources = sources
    }

    /// The same renderer parsed anew, sharing no storage with this one, for another thread:
    /// threads rendering with one copy slow each other down on its reference counts.
    public func independentCopy() -> ThemeRenderer {
        ThemeRenderer(sources: sources)
    }

    /// Whether the theme has a template of this name.
    public func has(_ template: String) -> Bool { rendering.templates[template] != nil }

    /// The page made by `template` from `model`, as UTF-8; empty when the template does not exist.
    public func render(_ template: String, _ model: TemplateValue) -> [UInt8] {
        rendering.render(template, [model])
    }

    /// A page around `content` (`layout` with its model), with room for the content reserved up front.
    public func render(_ template: String, _ model: TemplateValue, around content: [UInt8]) -> [UInt8] {
        rendering.render(template, [model], capacity: content.count + 8 * 1024)
    }

    /// The page made by `template` from `model`, with `extra` fields that override the model's
    /// own (and are seen from every section, as the model's are).
    public func render(_ template: String, _ model: TemplateValue, adding extra: TemplateFields) -> [UInt8] {
        rendering.render(template, [model, .object(extra)])
    }
}
