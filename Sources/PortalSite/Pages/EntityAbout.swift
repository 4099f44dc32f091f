import PortalKit
import PortalYAML

/// The "About" parts of an entity page: `metadata.links`, annotations that are links
/// (source, view and edit URLs, repository slugs), and the remaining annotations and labels.
struct EntityAbout {
    var links: [TemplateValue] = []
    var annotations: [TemplateValue] = []
    var labels: [TemplateValue] = []

    /// `cards`: the annotations portal.yaml places itself. Their built-in links give way, and the
    /// Annotations card links each value where its first card with a link does (or nowhere).
    init(entity: Entity, annotationCards cards: [AnnotationCards.Card] = []) {
        for link in entity.metadata?["links"]?.items ?? [] {
            guard let url = link["url"]?.scalarText else { continue }
            let title = link["title"]?.scalarText ?? url
            let icon = Self.icon(named: link["icon"]?.scalarText ?? link["type"]?.scalarText, url: url)
            var fields: TemplateFields = ["title": .text(title), "icon": .text(icon)]
            fields.setIfPresent("href", SafeURL.href(url).map(TemplateValue.text))
            fields.setIfPresent("type", .optional(link["type"]?.scalarText))
            fields["refused"] = SafeURL.href(url) == nil ? .text(url) : .absent
            links.append(.object(fields))
        }
        for pair in entity.metadata?["annotations"]?.pairs ?? [] {
            guard let key = pair.key.scalarText else { continue }
            let value = pair.value.scalarText ?? ""
            let placed = cards.filter { $0.annotation == key }
            if placed.isEmpty, let link = Self.annotationLink(key: key, value: value) {
                links.append(link)
            }
            var fields: TemplateFields = ["key": .text(key), "value": .text(value)]
            let href = placed.isEmpty ? Self.annotationHref(key: key, value: value) : placed.lazy.compactMap(\.href).first
            fields.setIfPresent("href", href.map(TemplateValue.text))
            annotations.append(.object(fields))
        }
        for pair in entity.metadata?["labels"]?.pairs ?? [] {
            guard let key = pair.key.scalarText else { continue }
            labels.append(["key": .text(key), "value": .text(pair.value.scalarText ?? "")])
        }
    }

    /// The URL an annotation value points at, if it is a link we may emit.
    static func annotationHref(key: String, value: String) -> String? {
        switch key {
        case "backstage.io/source-location", "backstage.io/managed-by-location", "backstage.io/managed-by-origin-location":
            guard value.hasPrefix("url:") else { return nil }
            return SafeURL.href(String(value.dropFirst(4)))
        case "github.com/project-slug":
            return slugURL(host: "https://github.com/", slug: value)
        case "gitlab.com/project-slug":
            return slugURL(host: "https://gitlab.com/", slug: value)
        case "github.com/team-slug":
            // `org/team` → the team's page on GitHub.
            let parts = value.split(separator: "/")
            guard parts.count == 2 else { return nil }
            return slugURL(host: "https://github.com/orgs/", slug: "\(parts[0])/teams/\(parts[1])")
        case "github.com/user-login":
            return slugURL(host: "https://github.com/", slug: value, parts: 1)
        default:
            return SafeURL.href(value).flatMap { $0.hasPrefix("http") ? $0 : nil }
        }
    }

    /// Annotations that deserve a place among the entity's links.
    static func annotationLink(key: String, value: String) -> TemplateValue? {
        guard let (title, icon) = linkAnnotations[key], let href = annotationHref(key: key, value: value) else { return nil }
        return ["title": .text(title), "icon": .text(icon), "href": .text(href), "refused": .absent, "type": .absent]
    }

    /// Title and icon of the annotations shown as links.
    private static let linkAnnotations: [String: (String, String)] = [
        "backstage.io/source-location": ("Source", "code"),
        "backstage.io/view-url": ("View source", "code"),
        "backstage.io/edit-url": ("Edit descriptor", "edit"),
        "github.com/project-slug": ("GitHub repository", "github"),
        "gitlab.com/project-slug": ("GitLab project", "code"),
        "github.com/team-slug": ("GitHub team", "github"),
        "github.com/user-login": ("GitHub profile", "github"),
    ]

    /// `owner/repo` → `https://github.com/owner/repo`, only for plain slugs of at least `parts` segments.
    private static func slugURL(host: String, slug: String, parts minimum: Int = 2) -> String? {
        let parts = slug.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= minimum, parts.allSatisfy({ part in
            !part.isEmpty && part != "." && part != ".." && part.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
        }) else { return nil }
        return host + slug
    }

    /// The theme's icon for a link: its `icon`/`type` when known, else guessed from the URL.
    static func icon(named name: String?, url: String) -> String {
        if let name = name?.lowercased(), knownIcons.contains(name) { return name }
        let lower = url.lowercased()
        if lower.hasPrefix("mailto:") { return "email" }
        if lower.contains("github.com") { return "github" }
        if lower.contains("slack.com") || lower.contains("chat") { return "chat" }
        if lower.contains("grafana") || lower.contains("dashboard") { return "dashboard" }
        if lower.contains("docs") || lower.contains("wiki") { return "docs" }
        return "web"
    }

    private static let knownIcons: Set<String> = ["dashboard", "docs", "chat", "github", "email", "help", "alert", "catalog", "code", "edit", "web", "build", "deploy", "shield"]
}
