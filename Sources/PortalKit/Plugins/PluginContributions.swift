/// What the plugins of one build added, as plain values: cards on entity pages, pages of their
/// own, search documents. Their diagnostics join the build's. Nothing here is trusted: the
/// renderer sanitises every body and escapes every title.
public struct PluginContributions: Sendable {
    /// One entry per plugin that ran (or was reused from the cache), in config order.
    public var plugins: [PluginResult]

    public init(plugins: [PluginResult] = []) {
        self.plugins = plugins
    }

    public var isEmpty: Bool { plugins.allSatisfy(\.isEmpty) }

    /// Every entity card and tab, with its plugin's name, for `ref`, in plugin order.
    public func entityContent(for ref: EntityRef) -> [(plugin: String, content: PluginEntityContent)] {
        plugins.flatMap { plugin in plugin.entityContent.filter { $0.entity == ref }.map { (plugin.name, $0) } }
    }
}

/// The contributions of one plugin.
public struct PluginResult: Sendable, Equatable {
    public var name: String
    public var entityContent: [PluginEntityContent] = []
    public var pages: [PluginPage] = []
    public var search: [PluginSearchDocument] = []

    public init(name: String) {
        self.name = name
    }

    public var isEmpty: Bool { entityContent.isEmpty && pages.isEmpty && search.isEmpty }

    /// `plugins/<name>/<path>/`: the folder of one of its pages, relative to the site root.
    public func folder(of page: PluginPage) -> String {
        "plugins/\(name)/\(page.path)/"
    }
}

/// A card's or page's content: Markdown (rendered like a docs page) or HTML (sanitised like raw
/// HTML in docs).
public enum PluginBody: Sendable, Equatable {
    case markdown(String)
    case html(String)
}

/// A card or tab on an entity page.
public struct PluginEntityContent: Sendable, Equatable {
    public enum Placement: String, Sendable { case card, tab }

    public var entity: EntityRef
    public var title: String
    public var placement: Placement
    public var body: PluginBody

    public init(entity: EntityRef, title: String, placement: Placement, body: PluginBody) {
        self.entity = entity
        self.title = title
        self.placement = placement
        self.body = body
    }
}

/// A page of a plugin's own, at `plugins/<plugin>/<path>/`.
public struct PluginPage: Sendable, Equatable {
    /// One or more lowercase slugs joined by `/` (never `.` or `..`).
    public var path: String
    public var title: String
    /// Whether the header links to it.
    public var nav: Bool
    public var description: String?
    public var body: PluginBody
    /// An SVG drawing shown above the body, sanitised like an SVG image in docs.
    public var svg: String?

    public init(path: String, title: String, nav: Bool, description: String? = nil, body: PluginBody, svg: String? = nil) {
        self.path = path
        self.title = title
        self.nav = nav
        self.description = description
        self.body = body
        self.svg = svg
    }
}

/// An extra search document.
public struct PluginSearchDocument: Sendable, Equatable {
    /// Where a search document leads.
    public enum Target: Sendable, Equatable {
        /// One of the plugin's pages (its `path`), with an optional `#fragment`.
        case page(path: String, fragment: String?)
        case entity(EntityRef)
    }

    public var title: String
    public var text: String
    public var target: Target
    /// The result's label (default `Plugin`).
    public var kind: String?

    public init(title: String, text: String, target: Target, kind: String? = nil) {
        self.title = title
        self.text = text
        self.target = target
        self.kind = kind
    }
}
