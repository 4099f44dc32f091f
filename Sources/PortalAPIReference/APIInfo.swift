import PortalYAML

/// The `info` object shared by OpenAPI and AsyncAPI.
struct APIInfo {
    var title: String?
    var version: String?
    /// Markdown.
    var description: String?
    /// Label and text pairs: license, contact, terms of service.
    var details: [(label: String, text: String)] = []

    init(_ node: YAMLNode?) {
        title = node?.text("title")
        version = node?.text("version")
        description = node?.text("description")
        if let license = node?["license"], let name = license.text("name") ?? license.text("identifier") {
            details.append(("License", name))
        }
        if let contact = node?["contact"] {
            let parts = ["name", "email", "url"].compactMap { contact.text($0) }
            if !parts.isEmpty { details.append(("Contact", parts.joined(separator: " · "))) }
        }
        if let terms = node?.text("termsOfService") { details.append(("Terms of service", terms)) }
    }
}
