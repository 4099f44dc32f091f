import PortalKit

/// Renders catalog changes as text, Markdown (a pull-request comment) or JSON. Every value
/// comes from the inputs and is untrusted: Markdown output escapes it.
struct DiffRenderer: Sendable {
    var format: DiffFormat

    func render(_ changes: [CatalogChange]) -> String {
        switch format {
        case .text: text(changes)
        case .markdown: markdown(changes)
        case .json: JSONWriter().string(json(changes))
        }
    }

    /// `3 changes: 1 added, 2 relation-removed`, kinds in their fixed order.
    static func summary(_ changes: [CatalogChange]) -> String {
        guard !changes.isEmpty else { return "no changes" }
        let counts = CatalogChangeKind.allCases.compactMap { kind -> String? in
            let count = changes.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) }
            return count == 0 ? nil : "\(count) \(kind.rawValue)"
        }
        return CheckSummary.plural(changes.count, "change") + ": " + counts.joined(separator: ", ")
    }

    // MARK: Text

    private func text(_ changes: [CatalogChange]) -> String {
        changes.map { change in
            let detail = Self.detail(change).map { ": " + $0.map(Self.oneLine).joined(separator: " → ") } ?? ""
            return "\(change.kind.rawValue) \(Self.oneLine(change.ref.description))\(detail)\n"
        }.joined() + Self.summary(changes) + "\n"
    }

    /// The values shown after the reference: one (a relation, a count) or old → new.
    private static func detail(_ change: CatalogChange) -> [String]? {
        switch change.kind {
        case .added, .removed, .orphanedAPI, .unprovidedAPI: nil
        case .renamed: [change.new ?? ""]
        case .relationAdded: [change.new ?? ""]
        case .relationRemoved, .dangling, .docsRemoved: [change.old ?? ""]
        case .docsAdded: [change.new ?? ""]
        case .docsBroken: [(change.old ?? "") + ": " + (change.new ?? "")]
        case .removedAPI: [consumers(change)]
        case .ownerChanged, .lifecycleChanged, .systemChanged: [change.old ?? "(none)", change.new ?? "(none)"]
        }
    }

    /// `had 2 consumers`, for `removed-api`.
    private static func consumers(_ change: CatalogChange) -> String {
        "had " + CheckSummary.plural(Int(change.old ?? "") ?? 0, "consumer")
    }

    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    // MARK: Markdown

    private func markdown(_ changes: [CatalogChange]) -> String {
        var lines = ["## Catalog changes", "", "**\(Self.summary(changes))**"]
        for kind in CatalogChangeKind.allCases {
            let ofKind = changes.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            lines += ["", "### \(Self.heading(kind)) (\(ofKind.count))", ""]
            switch kind {
            case .added, .removed, .orphanedAPI, .unprovidedAPI:
                lines += ofKind.map { "- " + Self.code($0.ref.description) }
            case .renamed:
                lines += ["| Old | New |", "| --- | --- |"]
                lines += ofKind.map { "| \(Self.code($0.ref.description, inTable: true)) | \(Self.code($0.new ?? "", inTable: true)) |" }
            case .removedAPI:
                lines += ofKind.map { "- \(Self.code($0.ref.description)) (\(Self.consumers($0)))" }
            case .ownerChanged, .lifecycleChanged, .systemChanged:
                lines += ["| Entity | Old | New |", "| --- | --- | --- |"]
                lines += ofKind.map {
                    "| \(Self.code($0.ref.description, inTable: true)) | \(Self.code($0.old, inTable: true)) | \(Self.code($0.new, inTable: true)) |"
                }
            case .relationAdded, .relationRemoved, .dangling:
                lines += ["| Entity | Relation |", "| --- | --- |"]
                lines += ofKind.map {
                    "| \(Self.code($0.ref.description, inTable: true)) | \(Self.code((kind == .relationAdded ? $0.new : $0.old) ?? "", inTable: true)) |"
                }
            case .docsAdded, .docsRemoved:
                lines += ["| Entity | Page |", "| --- | --- |"]
                lines += ofKind.map { "| \(Self.code($0.ref.description, inTable: true)) | \(Self.code((kind == .docsAdded ? $0.new : $0.old) ?? "", inTable: true)) |" }
            case .docsBroken:
                lines += ["| Entity | Page | Problem |", "| --- | --- | --- |"]
                lines += ofKind.map {
                    "| \(Self.code($0.ref.description, inTable: true)) | \(Self.code($0.old, inTable: true)) | \(Self.text($0.new ?? "")) |"
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func heading(_ kind: CatalogChangeKind) -> String {
        switch kind {
        case .added: "Added"
        case .removed: "Removed"
        case .renamed: "Renamed"
        case .ownerChanged: "Owner changed"
        case .lifecycleChanged: "Lifecycle changed"
        case .systemChanged: "System changed"
        case .relationAdded: "Relations added"
        case .relationRemoved: "Relations removed"
        case .dangling: "Dangling references"
        case .removedAPI: "APIs removed while in use"
        case .orphanedAPI: "APIs that lost their last consumer"
        case .unprovidedAPI: "APIs that lost their last provider"
        case .docsAdded: "Docs pages added"
        case .docsRemoved: "Docs pages removed"
        case .docsBroken: "Docs pages with new broken links"
        }
    }

    /// A value as a code span when it holds only characters that are safe there, else as
    /// escaped text: HTML-significant characters as entities, Markdown punctuation with a
    /// backslash, `|` escaped in tables. Nil is an em dash.
    static func code(_ value: String?, inTable: Bool = false) -> String {
        guard let value else { return "—" }
        let plain = oneLine(value)
        let safe = !plain.isEmpty && plain.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || $0.properties.numericType != nil) || ":/.-_+@ ".unicodeScalars.contains($0)
        }
        if safe { return "`" + plain + "`" }
        return text(plain)
    }

    /// Untrusted text as Markdown that shows it as written: HTML-significant characters as
    /// entities, Markdown punctuation and `|` with a backslash, on one line.
    static func text(_ value: String) -> String {
        var escaped = ""
        for character in oneLine(value) {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "|": escaped += "\\|"
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "~", "{", "}", "+", "-", ".": escaped += "\\" + String(character)
            default: escaped.append(character)
            }
        }
        return escaped
    }

    // MARK: JSON

    private func json(_ changes: [CatalogChange]) -> JSONValue {
        let counts: [(String, JSONValue)] = CatalogChangeKind.allCases.map { kind in
            (kind.rawValue, .int(changes.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) }))
        }
        return .object([
            ("summary", .object(counts)),
            ("changes", .array(changes.map { change in
                var object: [(String, JSONValue)] = [("kind", .string(change.kind.rawValue)), ("ref", .string(change.ref.description))]
                if let old = change.old { object.append(("old", .string(old))) }
                if let new = change.new { object.append(("new", .string(new))) }
                return .object(object)
            })),
        ])
    }
}
