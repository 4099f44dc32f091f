import PortalYAML

/// How an annotation shows on an entity page.
public enum AnnotationCardStyle: String, Sendable, CaseIterable {
    /// A line in the page's "Links" card.
    case link
    /// A small badge under the entity's title.
    case badge
    /// A small card of its own at the top of the page.
    case card
}

/// One entry of `annotations:` in `portal.yaml`: which annotation, how it shows and where it
/// links. Built from a preset, a custom entry, or a preset with some fields overridden.
public struct AnnotationCardSpec: Sendable, Equatable {
    /// The annotation key, e.g. `pagerduty.com/service-id`.
    public var annotation: String
    public var title: String
    /// One of the theme's link icons (``AnnotationCardSpec/icons``).
    public var icon: String
    public var style: AnnotationCardStyle
    /// URL templates tried in order; the first that the value fits gives the link. Empty: no link.
    public var urls: [URLTemplate]
    /// What the card shows (placeholders filled without encoding; the page escapes it).
    public var text: URLTemplate
    /// Where in `portal.yaml` the entry is, for problems with values that do not fit it.
    public var source: SourceLocation

    /// The theme's icons an entry may name.
    public static let icons: Set<String> = ["dashboard", "docs", "chat", "github", "email", "help", "alert", "catalog", "code", "edit", "web",
                                             "build", "deploy", "shield"]
}

/// A link pattern with placeholders: `https://acme.pagerduty.com/service-directory/{value}`.
///
/// - `{value}`: the annotation's value, percent-encoded as one URL component;
/// - `{value.1}`, `{value.2}`, …: its `/`-separated parts; a template using them fits values of
///   exactly as many parts as the highest number it uses;
/// - `{value.path}`: every part encoded, joined with `/` (empty, `.` and `..` parts do not fit);
/// - `{value.jobs}`: the parts joined with `/job/`, as Jenkins folders are (`a/b` → `a/job/b`);
///   an `instance:` prefix is dropped;
/// - `{url}`: the value itself, which must then be an `http(s)` URL;
/// - `{name}`, `{namespace}`, `{kind}`: the entity's;
/// - `{baseUrl}`: the entry's `baseUrl`.
public struct URLTemplate: Sendable, Equatable {
    public enum Placeholder: String, Sendable, CaseIterable {
        case value, path = "value.path", jobs = "value.jobs", url, name, namespace, kind, baseURL = "baseUrl"
    }

    public enum Piece: Sendable, Equatable {
        case literal(String)
        case placeholder(Placeholder)
        /// `{value.N}`, 1-based.
        case part(Int)
    }

    public var pieces: [Piece]
    /// The text as written, for messages.
    public var text: String

    /// The highest `{value.N}` used, or 0.
    public var partCount: Int {
        pieces.reduce(0) { if case .part(let number) = $1 { max($0, number) } else { $0 } }
    }

    /// Parses `text`; an unknown or unclosed placeholder is an error naming it.
    public static func parse(_ text: String) -> Result<URLTemplate, TemplateError> {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return .failure(TemplateError(message: "'{' is not closed")) }
            let name = String(rest[rest.index(after: open)..<close])
            if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
            if let placeholder = Placeholder(rawValue: name) {
                pieces.append(.placeholder(placeholder))
            } else if name.hasPrefix("value."), let number = Int(name.dropFirst(6)), (1...20).contains(number) {
                pieces.append(.part(number))
            } else {
                let known = Placeholder.allCases.map { "{\($0.rawValue)}" } + ["{value.1}"]
                return .failure(TemplateError(message: "unknown placeholder '{\(name)}'; expected one of \(known.joined(separator: ", "))"))
            }
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return .success(URLTemplate(pieces: pieces, text: text))
    }

    /// Whether the template can only make `http(s)` links: it starts with such a scheme, `{url}` or `{baseUrl}`.
    public var startsWithHTTP: Bool {
        switch pieces.first {
        case .literal(let text)?: text.lowercased().hasPrefix("https://") || text.lowercased().hasPrefix("http://")
        case .placeholder(.url)?, .placeholder(.baseURL)?: true
        default: false
        }
    }

    public struct TemplateError: Error, Sendable, Equatable {
        public var message: String
    }
}

/// A built-in mapping for a common Backstage plugin annotation. Presets never invent a host:
/// those whose links need one take the user's `baseUrl`.
public struct AnnotationPreset: Sendable {
    public var annotation: String
    public var title: String
    public var icon: String
    /// URL templates, tried in order. Empty: the card shows the value without a link unless
    /// the entry gives `url`.
    public var urls: [String]
    /// What `baseUrl` is, for the message when it is missing (nil: the preset needs none).
    public var baseURLHint: String?

    /// The presets, in README's order.
    public static let all: [AnnotationPreset] = [
        AnnotationPreset(annotation: "github.com/project-slug", title: "GitHub", icon: "github",
                         urls: ["{baseUrl}/{value.1}/{value.2}"], baseURLHint: "https://github.com or your GitHub Enterprise host"),
        AnnotationPreset(annotation: "gitlab.com/project-slug", title: "GitLab", icon: "code",
                         urls: ["{baseUrl}/{value.path}"], baseURLHint: "https://gitlab.com or your GitLab host"),
        AnnotationPreset(annotation: "backstage.io/view-url", title: "View source", icon: "code", urls: ["{url}"]),
        AnnotationPreset(annotation: "sonarqube.org/project-key", title: "SonarQube", icon: "shield",
                         urls: ["{baseUrl}/dashboard?id={value}"], baseURLHint: "your SonarQube server, e.g. https://sonarcloud.io"),
        AnnotationPreset(annotation: "pagerduty.com/service-id", title: "PagerDuty", icon: "alert",
                         urls: ["{baseUrl}/service-directory/{value}"], baseURLHint: "your PagerDuty account, e.g. https://acme.pagerduty.com"),
        AnnotationPreset(annotation: "grafana/dashboard-selector", title: "Grafana dashboards", icon: "dashboard",
                         urls: ["{baseUrl}/dashboards?query={value}"], baseURLHint: "your Grafana, e.g. https://grafana.example.com"),
        AnnotationPreset(annotation: "datadoghq.com/dashboard-url", title: "Datadog dashboard", icon: "dashboard", urls: ["{url}"]),
        AnnotationPreset(annotation: "sentry.io/project-slug", title: "Sentry", icon: "alert",
                         urls: ["{baseUrl}/organizations/{value.1}/projects/{value.2}/", "{baseUrl}/projects/{value}/"],
                         baseURLHint: "your Sentry, e.g. https://sentry.io (or https://ORG.sentry.io for bare project slugs)"),
        AnnotationPreset(annotation: "jenkins.io/job-full-name", title: "Jenkins", icon: "build",
                         urls: ["{baseUrl}/job/{value.jobs}/"], baseURLHint: "your Jenkins, e.g. https://jenkins.example.com"),
        AnnotationPreset(annotation: "argocd/app-name", title: "Argo CD", icon: "deploy",
                         urls: ["{baseUrl}/applications/{value}"], baseURLHint: "your Argo CD, e.g. https://argocd.example.com"),
        AnnotationPreset(annotation: "backstage.io/kubernetes-id", title: "Kubernetes", icon: "deploy", urls: []),
        AnnotationPreset(annotation: "snyk.io/org-name", title: "Snyk", icon: "shield",
                         urls: ["{baseUrl}/org/{value}"], baseURLHint: "https://app.snyk.io or your Snyk host"),
        AnnotationPreset(annotation: "lighthouse.com/website-url", title: "Website", icon: "web", urls: ["{url}"]),
        AnnotationPreset(annotation: "circleci.com/project-slug", title: "CircleCI", icon: "build",
                         urls: ["{baseUrl}/pipelines/{value.path}"], baseURLHint: "https://app.circleci.com or your CircleCI server"),
        AnnotationPreset(annotation: "opsgenie.com/component-selector", title: "Opsgenie", icon: "alert",
                         urls: ["{baseUrl}/alert/list?query={value}"], baseURLHint: "your Opsgenie, e.g. https://acme.app.opsgenie.com"),
    ]

    public static let byAnnotation: [String: AnnotationPreset] = Dictionary(uniqueKeysWithValues: all.map { ($0.annotation, $0) })

    /// Whether a link needs `baseUrl`.
    public var needsBaseURL: Bool { urls.contains { $0.contains("{baseUrl}") } }
}

/// Reads `annotations:` from `portal.yaml`: a list of entries, each a `preset` (with its
/// `baseUrl`) or an `annotation` of your own, either with optional `title`, `icon`, `style`,
/// `url` and `text`. A bad entry is reported at its position and left out.
struct AnnotationCardsReader {
    let path: String
    var diagnostics: Diagnostics

    static let keys = ["preset", "annotation", "baseUrl", "title", "icon", "style", "url", "text"]

    mutating func read(_ node: YAMLNode) -> [AnnotationCardSpec] {
        guard let items = node.items else {
            report(node, "'annotations' must be a list of entries, each with 'preset' or 'annotation'")
            return []
        }
        var specs: [AnnotationCardSpec] = []
        for item in items {
            if let spec = entry(item) { specs.append(spec) }
        }
        return specs
    }

    private mutating func entry(_ node: YAMLNode) -> AnnotationCardSpec? {
        guard let pairs = node.pairs else {
            report(node, "an 'annotations' entry must be a mapping with 'preset' or 'annotation'")
            return nil
        }
        for pair in pairs {
            let key = pair.key.scalarText ?? ""
            if !Self.keys.contains(key) {
                let hint = NearMiss.closest(to: key, among: Self.keys).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.add(.warning, .configUnknownKey, at: PortalConfig.location(path, pair.key), "unknown key '\(key)' in an 'annotations' entry\(hint)")
            }
        }
        var preset: AnnotationPreset?
        let annotation: String
        if let presetNode = node["preset"] {
            guard let name = presetNode.scalarText, let found = AnnotationPreset.byAnnotation[name] else {
                let name = presetNode.scalarText ?? ""
                let hint = NearMiss.closest(to: name, among: AnnotationPreset.all.map(\.annotation)).map { "; did you mean '\($0)'?" } ?? ""
                report(presetNode, "unknown annotation preset '\(name)'\(hint)")
                return nil
            }
            preset = found
            annotation = name
            if let other = node["annotation"]?.scalarText, other != name {
                report(node["annotation"]!, "an entry has either 'preset' or 'annotation'; the preset's annotation '\(name)' is used")
            }
        } else if let key = node["annotation"]?.scalarText, !key.isEmpty {
            annotation = key
        } else {
            report(node, "an 'annotations' entry needs 'preset' (one of the built-in presets) or 'annotation' (a key of your own)")
            return nil
        }

        var baseURL: String?
        if let baseNode = node["baseUrl"] {
            guard let text = baseNode.scalarText, PortalConfig.isURL(text), !text.contains(where: { $0 == "?" || $0 == "#" || $0 == " " }) else {
                report(baseNode, "'baseUrl' must be an http:// or https:// URL without a query or fragment")
                return nil
            }
            baseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
        }

        var urls: [URLTemplate] = []
        let urlTexts: [String]
        if let urlNode = node["url"] {
            guard let text = urlNode.scalarText else {
                report(urlNode, "'url' must be a URL template such as https://example.com/{value}")
                return nil
            }
            urlTexts = [text]
        } else {
            urlTexts = preset?.urls ?? []
        }
        for text in urlTexts {
            switch URLTemplate.parse(text) {
            case .success(let template):
                guard template.startsWithHTTP else {
                    report(node["url"] ?? node, "'url' must start with http://, https://, {url} or {baseUrl}: \(text)")
                    return nil
                }
                if template.pieces.contains(.placeholder(.baseURL)), baseURL == nil {
                    let hint = preset?.baseURLHint.map { " (\($0))" } ?? ""
                    report(node, "the '\(annotation)' entry needs 'baseUrl'\(hint): presets never guess a host")
                    return nil
                }
                urls.append(template)
            case .failure(let error):
                report(node["url"] ?? node, "'url': \(error.message)")
                return nil
            }
        }
        // The base URL is known now: substitute it so expanding only deals with the entity.
        if let baseURL {
            urls = urls.map { template in
                var filled = template
                filled.pieces = template.pieces.map { $0 == .placeholder(.baseURL) ? .literal(baseURL) : $0 }
                return filled
            }
        }

        var text = URLTemplate(pieces: [.placeholder(.value)], text: "{value}")
        if let textNode = node["text"] {
            switch textNode.scalarText.map(URLTemplate.parse) {
            case .success(let template)?: text = template
            case .failure(let error)?: report(textNode, "'text': \(error.message)")
            case nil: report(textNode, "'text' must be a string")
            }
        }

        var style = AnnotationCardStyle.card
        if let styleNode = node["style"] {
            if let value = styleNode.scalarText.flatMap(AnnotationCardStyle.init(rawValue:)) {
                style = value
            } else {
                report(styleNode, "'style' must be one of link, badge, card")
            }
        }
        var icon = preset?.icon ?? "web"
        if let iconNode = node["icon"] {
            if let name = iconNode.scalarText, AnnotationCardSpec.icons.contains(name) {
                icon = name
            } else {
                report(iconNode, "'icon' must be one of \(AnnotationCardSpec.icons.sorted().joined(separator: ", "))")
            }
        }
        let title = node["title"]?.scalarText ?? preset?.title ?? annotation
        return AnnotationCardSpec(annotation: annotation, title: title, icon: icon, style: style, urls: urls, text: text,
                                  source: PortalConfig.location(path, node))
    }

    private mutating func report(_ node: YAMLNode, _ message: String) {
        diagnostics.add(.error, .configInvalid, at: PortalConfig.location(path, node), message)
    }
}
