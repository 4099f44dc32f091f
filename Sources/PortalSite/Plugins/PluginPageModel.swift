import PortalKit

/// The template model of a plugin's page (`plugin-page.mustache`): title, the sanitised SVG
/// drawing (inlined), the body and which plugin made it.
enum PluginPageModel {
    static func model(_ page: PluginContentRenderer.Page) -> TemplateValue {
        var fields: TemplateFields = ["title": .text(page.title), "plugin": .text(page.plugin), "body": .utf8(page.html)]
        fields.setIfPresent("description", .optional(page.description))
        if let svg = page.svg { fields["svg"] = .utf8(svg) }
        return .object(fields)
    }
}
