import Mustache
public import PortalKit

/// Renders pages with a theme's templates. Templates that fail to parse are reported with
/// their line and column, and the default theme's template of that name is used instead.
public struct ThemeRenderer: Sendable {
    private let library: MustacheLibrary

    public init(theme: Theme, into diagnostics: inout Diagnostics) {
        var library = MustacheLibrary()
        for (name, source) in theme.templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(source, named: name)
            } catch {
                let origin = theme.origins["templates/" + name] ?? name
                var location = SourceLocation(file: origin)
                var reason = "\(error)"
                if let parseError = error as? MustacheTemplate.ParserError {
                    location.line = parseError.context.lineNumber
                    location.column = parseError.context.columnNumber
                    reason = "\(parseError.error)"
                }
                diagnostics.add(.error, .themeTemplate, at: location, "template does not parse (\(reason)); using the default theme's")
                if let fallback = Theme.standard.templates[name] { try? library.register(fallback, named: name) }
            }
        }
        self.library = library
    }

    /// Whether the theme has a template of this name.
    public func has(_ template: String) -> Bool { library.getTemplate(named: template) != nil }

    /// The page made by `template` from `model`; empty when the template does not exist.
    public func render(_ template: String, _ model: TemplateValue) -> String {
        library.render(model, withTemplate: template) ?? ""
    }
}
