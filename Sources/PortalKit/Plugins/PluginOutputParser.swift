import PortalYAML

/// Reads a plugin's stdout (`portal-build/plugin-v1` JSON) into a ``PluginResult`` and the
/// diagnostics the plugin reported. Every problem is a diagnostic naming the plugin at its
/// entry in `portal.yaml`; a bad item is left out and the rest kept, a wrong protocol or a
/// document that does not parse keeps nothing.
struct PluginOutputParser {
    static let protocolID = "portal-build/plugin-v1"
    static let maximumItems = 10_000
    static let maximumTitle = 200

    let spec: PluginSpec
    let graph: CatalogGraph

    func parse(_ bytes: [UInt8], into diagnostics: inout Diagnostics) -> PluginResult {
        var problems = Diagnostics()
        let result = parse(bytes, problems: &problems)
        diagnostics.add(contentsOf: problems)
        return result
    }

    private func parse(_ bytes: [UInt8], problems diagnostics: inout Diagnostics) -> PluginResult {
        var result = PluginResult(name: spec.name)
        var reported = Diagnostics()
        defer { diagnostics.add(contentsOf: reported) }
        func invalid(_ message: String, _ severity: Severity = .error) {
            reported.add(severity, .pluginInvalidOutput, at: spec.location, "plugin '\(spec.name)': \(message)")
        }
        guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else {
            invalid("the output is not UTF-8 JSON; nothing from it is used")
            return result
        }
        let limits = YAMLLimits(maxAliasExpansion: 0, maxDepth: 64)
        let documents = OverlayLoader.joiningSurrogatePairs(bytes).withUnsafeBytes { YAMLParser.parse(bytes: $0, limits: limits) }
        guard documents.count == 1, let document = documents.first else {
            invalid(documents.isEmpty ? "the output is empty; nothing from it is used" : "the output holds more than one document; nothing from it is used")
            return result
        }
        if let error = document.error {
            invalid("the output does not parse as JSON (line \(error.mark.line), column \(error.mark.column)): \(error.message); nothing from it is used")
            return result
        }
        guard let root = document.root, let pairs = root.pairs else {
            invalid("the output must be a JSON object; nothing from it is used")
            return result
        }
        guard let version = root["protocol"]?.stringValue else {
            invalid("the output has no \"protocol\"; expected \"\(Self.protocolID)\"; nothing from it is used")
            return result
        }
        guard version == Self.protocolID else {
            invalid("the output's protocol is '\(Self.clean(version, 80))', not \"\(Self.protocolID)\"; nothing from it is used")
            return result
        }
        for pair in pairs {
            let key = pair.key.scalarText ?? ""
            func items() -> [YAMLNode] {
                guard let items = pair.value.items else {
                    invalid("\"\(key)\" must be an array; it is left out")
                    return []
                }
                if items.count > Self.maximumItems { invalid("\"\(key)\" has \(items.count) items; only the first \(Self.maximumItems) are used", .warning) }
                return Array(items.prefix(Self.maximumItems))
            }
            switch key {
            case "protocol": continue
            case "entityContent": result.entityContent = items().enumerated().compactMap { entityContent($1, "entityContent[\($0)]", invalid) }
            case "pages":
                var seen: Set<String> = []
                for (position, item) in items().enumerated() {
                    guard let page = page(item, "pages[\(position)]", invalid) else { continue }
                    guard seen.insert(page.path).inserted else {
                        invalid("pages[\(position)]: a second page at '\(page.path)'; it is left out")
                        continue
                    }
                    result.pages.append(page)
                }
            case "search": result.search = items().enumerated().compactMap { search($1, "search[\($0)]", invalid) }
            case "diagnostics":
                for (position, item) in items().enumerated() { diagnostic(item, "diagnostics[\(position)]", into: &diagnostics, invalid) }
            default: invalid("unknown key \"\(Self.clean(key, 40))\" is ignored", .warning)
            }
        }
        // A search document may only lead to a page this plugin made.
        let paths = Set(result.pages.map(\.path))
        result.search.removeAll { document in
            guard case .page(let path, _) = document.target, !paths.contains(path) else { return false }
            invalid("a search document leads to '\(path)', which is not one of its pages; it is left out")
            return true
        }
        return result
    }

    private typealias Report = (String, Severity) -> Void

    private func text(_ node: YAMLNode?, _ key: String, _ where: String, _ invalid: Report, required: Bool = true) -> String? {
        guard let node else {
            if required { invalid("\(`where`): \"\(key)\" is missing; the item is left out", .error) }
            return nil
        }
        guard let value = node.stringValue else {
            invalid("\(`where`): \"\(key)\" must be a string; the item is left out", .error)
            return nil
        }
        return value
    }

    private func body(_ node: YAMLNode, _ where: String, _ invalid: Report) -> PluginBody? {
        if let markdown = node["markdown"] { return text(markdown, "markdown", `where`, invalid).map(PluginBody.markdown) }
        if let html = node["html"] { return text(html, "html", `where`, invalid).map(PluginBody.html) }
        return nil
    }

    private func entityRef(_ node: YAMLNode?, _ key: String, _ where: String, _ invalid: Report) -> EntityRef? {
        guard let value = text(node, key, `where`, invalid) else { return nil }
        guard let ref = try? EntityRef.parse(value, defaultKind: nil, defaultNamespace: "default") else {
            invalid("\(`where`): '\(Self.clean(value, 80))' is not an entity reference (kind:namespace/name); the item is left out", .error)
            return nil
        }
        guard graph.resolves(ref) else {
            invalid("\(`where`): no entity '\(ref)' in the catalog; the item is left out", .warning)
            return nil
        }
        return ref
    }

    private func entityContent(_ node: YAMLNode, _ where: String, _ invalid: Report) -> PluginEntityContent? {
        guard node.pairs != nil else { invalid("\(`where`) must be an object; it is left out", .error); return nil }
        guard let ref = entityRef(node["entity"], "entity", `where`, invalid),
              let title = text(node["title"], "title", `where`, invalid) else { return nil }
        var placement = PluginEntityContent.Placement.card
        if let value = node["placement"] {
            guard let parsed = value.stringValue.flatMap(PluginEntityContent.Placement.init(rawValue:)) else {
                invalid("\(`where`): \"placement\" must be \"card\" or \"tab\"; the item is left out", .error)
                return nil
            }
            placement = parsed
        }
        guard let body = body(node, `where`, invalid) else {
            invalid("\(`where`) needs \"markdown\" or \"html\"; it is left out", .error)
            return nil
        }
        return PluginEntityContent(entity: ref, title: Self.clean(title, Self.maximumTitle), placement: placement, body: body)
    }

    private func page(_ node: YAMLNode, _ where: String, _ invalid: Report) -> PluginPage? {
        guard node.pairs != nil else { invalid("\(`where`) must be an object; it is left out", .error); return nil }
        guard let path = text(node["path"], "path", `where`, invalid), let title = text(node["title"], "title", `where`, invalid) else { return nil }
        guard Self.isPagePath(path) else {
            invalid("\(`where`): path '\(Self.clean(path, 80))' must be lowercase slugs ([a-z0-9-]) joined by '/'; the page is left out", .error)
            return nil
        }
        var nav = false
        if let flag = node["nav"] {
            guard case .bool(let value) = flag.scalarValue else { invalid("\(`where`): \"nav\" must be true or false; the page is left out", .error); return nil }
            nav = value
        }
        let svg = node["svg"].flatMap { text($0, "svg", `where`, invalid) }
        let body = body(node, `where`, invalid) ?? (svg != nil ? .html("") : nil)
        guard let body else {
            invalid("\(`where`) needs \"markdown\", \"html\" or \"svg\"; it is left out", .error)
            return nil
        }
        let description = node["description"].flatMap { text($0, "description", `where`, invalid, required: false) }
        return PluginPage(path: path, title: Self.clean(title, Self.maximumTitle), nav: nav,
                          description: description.map { Self.clean($0, 300) }, body: body, svg: svg)
    }

    private func search(_ node: YAMLNode, _ where: String, _ invalid: Report) -> PluginSearchDocument? {
        guard node.pairs != nil else { invalid("\(`where`) must be an object; it is left out", .error); return nil }
        guard let title = text(node["title"], "title", `where`, invalid), let text = text(node["text"], "text", `where`, invalid),
              let url = self.text(node["url"], "url", `where`, invalid) else { return nil }
        let target: PluginSearchDocument.Target
        if url.contains(":") {
            guard let ref = entityRef(node["url"], "url", `where`, invalid) else { return nil }
            target = .entity(ref)
        } else {
            let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let fragment = parts.count > 1 ? String(parts[1]) : nil
            guard Self.isPagePath(String(parts[0])), fragment.map(Self.isFragment) ?? true else {
                invalid("\(`where`): url '\(Self.clean(url, 80))' must be one of the plugin's page paths (with an optional #fragment) or an entity reference; it is left out", .error)
                return nil
            }
            target = .page(path: String(parts[0]), fragment: fragment)
        }
        let kind = node["kind"].flatMap { self.text($0, "kind", `where`, invalid, required: false) }.map { Self.clean($0, 40) }
        return PluginSearchDocument(title: Self.clean(title, Self.maximumTitle), text: Self.clean(text, 20_000), target: target, kind: kind)
    }

    private func diagnostic(_ node: YAMLNode, _ where: String, into diagnostics: inout Diagnostics, _ invalid: Report) {
        guard node.pairs != nil else { invalid("\(`where`) must be an object; it is left out", .error); return }
        guard let severityText = text(node["severity"], "severity", `where`, invalid),
              let id = text(node["id"], "id", `where`, invalid), let message = text(node["message"], "message", `where`, invalid) else { return }
        guard let severity = Severity(rawValue: severityText) else {
            invalid("\(`where`): severity must be \"error\", \"warning\" or \"info\"; it is left out", .error)
            return
        }
        guard !id.isEmpty, id.utf8.count <= 64, id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E }) else {
            invalid("\(`where`): id '\(Self.clean(id, 64))' must be lowercase letters, digits, '-' and '.'; it is left out", .error)
            return
        }
        var location = spec.location
        if let file = node["file"]?.stringValue, !file.isEmpty {
            let line = node["line"].flatMap { if case .int(let n) = $0.scalarValue, n > 0 { n } else { nil } } ?? 1
            let column = node["column"].flatMap { if case .int(let n) = $0.scalarValue, n > 0 { n } else { nil } } ?? 1
            let display = Self.clean(file, 300)
            location = SourceLocation(file: display.hasPrefix("/") ? display : Path.join(spec.folder, display), line: line, column: column)
        } else if let ref = node["entity"]?.stringValue.flatMap({ try? EntityRef.parse($0, defaultKind: nil, defaultNamespace: "default") }),
                  let entity = graph.entity(ref) {
            location = entity.source.location
        }
        diagnostics.add(severity, .plugin(spec.name, id), at: location, Self.clean(message, 2_000))
    }

    /// One or more `[a-z0-9-]+` slugs joined by `/`, at most 4 deep.
    static func isPagePath(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && path.utf8.count <= 200 && segments.count <= 4 && segments.allSatisfy { segment in
            !segment.isEmpty && segment.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }
    }

    static func isFragment(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 200
            && text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
    }

    /// `text` without control characters (a terminal would act on them), at most `limit` characters.
    static func clean(_ text: String, _ limit: Int) -> String {
        let kept = text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) || $0 == "\n" }
        var cleaned = String(String.UnicodeScalarView(kept))
        if cleaned.count > limit { cleaned = String(cleaned.prefix(limit)) + "…" }
        return cleaned
    }
}
