import PortalKit
import PortalYAML

/// The links, badges and cards that `portal.yaml`'s `annotations:` makes from an entity's
/// annotations. Values are percent-encoded into the URL templates; a value that does not fit
/// gives a warning and a card without a link, so nothing the entity says is hidden.
struct AnnotationCards: Sendable {
    let specs: [AnnotationCardSpec]

    /// One annotation as it shows on the page.
    struct Card: Sendable, Equatable {
        var annotation: String
        var title: String
        var icon: String
        var style: AnnotationCardStyle
        /// What the card shows: the value, or the entry's `text` filled in.
        var text: String
        var href: String?
    }

    /// The entity's cards in config order, and a warning for each value that fits no link.
    func cards(for entity: Entity) -> (cards: [Card], diagnostics: [Diagnostic]) {
        guard !specs.isEmpty, let annotations = entity.metadata?["annotations"] else { return ([], []) }
        var cards: [Card] = []
        var diagnostics: [Diagnostic] = []
        for spec in specs {
            guard let node = annotations[spec.annotation], let value = node.scalarText?.trimmingWhitespace, !value.isEmpty else { continue }
            let fill = Filling(value: value, ref: entity.ref)
            let href = spec.urls.lazy.compactMap { fill.url($0) }.first
            if href == nil, !spec.urls.isEmpty {
                let links = spec.urls.map(\.text).joined(separator: " or ")
                diagnostics.append(Diagnostic(.warning, .annotationInvalidValue,
                                              at: SourceLocation(file: entity.source.file, line: node.mark.line, column: node.mark.column),
                                              "'\(spec.annotation)' is '\(value)', which does not fit the link of the '\(spec.title)' card (\(links)); it is shown without a link"))
            }
            cards.append(Card(annotation: spec.annotation, title: spec.title, icon: spec.icon, style: spec.style,
                              text: fill.text(spec.text) ?? value, href: href))
        }
        return (cards, diagnostics)
    }

    /// Every entity's cards (by position in the graph) and the problems found, in entity order.
    func cards(for graph: CatalogGraph) -> (cards: [[Card]], diagnostics: [Diagnostic]) {
        guard !specs.isEmpty else { return (Array(repeating: [], count: graph.entities.count), []) }
        let results = graph.entities.map(cards(for:))
        return (results.map(\.cards), results.flatMap(\.diagnostics))
    }

    /// Fills a template for one entity's value.
    struct Filling {
        let value: String
        let ref: EntityRef

        /// The link, or nil when the value does not fit or the result is not an http(s) URL.
        func url(_ template: URLTemplate) -> String? {
            guard let url = fill(template, encode: SitePaths.component),
                  let safe = SafeURL.href(url), safe.lowercased().hasPrefix("http") else { return nil }
            return safe
        }

        /// The text a card shows: placeholders filled as they are (the page escapes them).
        func text(_ template: URLTemplate) -> String? {
            fill(template) { $0 }
        }

        private func fill(_ template: URLTemplate, encode: (String) -> String) -> String? {
            let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let partCount = template.partCount
            if partCount > 0, parts.count != partCount || parts.contains(where: \.isEmpty) { return nil }
            var result = ""
            for piece in template.pieces {
                switch piece {
                case .literal(let text): result += text
                case .part(let number): result += encode(parts[number - 1])
                case .placeholder(let placeholder):
                    switch placeholder {
                    case .value: result += encode(value)
                    case .path: guard let path = Self.path(parts, separator: "/", encode) else { return nil }; result += path
                    case .jobs:
                        let name = value.split(separator: ":", maxSplits: 1).last.map(String.init) ?? value
                        let jobParts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
                        guard let path = Self.path(jobParts, separator: "/job/", encode) else { return nil }
                        result += path
                    case .url:
                        guard let url = SafeURL.href(value), url.lowercased().hasPrefix("http") else { return nil }
                        result += url
                    case .name: result += encode(ref.name)
                    case .namespace: result += encode(ref.namespace)
                    case .kind: result += encode(ref.kind)
                    case .baseURL: return nil
                    }
                }
            }
            return result
        }

        /// Parts joined by `separator`, each encoded; nil when one is empty, `.` or `..`.
        private static func path(_ parts: [String], separator: String, _ encode: (String) -> String) -> String? {
            guard !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
            return parts.map(encode).joined(separator: separator)
        }
    }
}
