/// Hugo shortcodes, as found in Hugo sites whose docs were moved to TechDocs.
///
/// Only lines holding exactly one shortcode are touched. Paired admonition-like shortcodes (`hint`,
/// `notice`, `alert`, `callout`, `admonition`, Kubernetes' `note`/`warning`/…) become admonitions,
/// `details`/`expand` collapsible blocks, `tabs`/`tabpane` with `tab` a tab set; their body runs to
/// the closing shortcode and is not indented. `figure` becomes a Markdown image, so its `src` is
/// checked like any other image. Every other shortcode-only line, closers without an opener and
/// `{{/* comments */}}` are removed, so no raw markers reach the page. Escaped shortcodes
/// (`{{</* x */>}}`) and shortcodes inside a line are left alone.
extension TechDocsRewriter {
    struct Shortcode {
        var name: String
        var closing: Bool
        var positional: [String]
        /// `key=value` arguments, with the byte offset where the value starts.
        var named: [(key: String, value: String, offset: Int)]

        func value(_ key: String) -> String? {
            named.first { $0.key == key }?.value
        }

        func positional(_ n: Int) -> String? {
            n < positional.count ? positional[n] : nil
        }
    }

    enum ShortcodeRole {
        case removed
        case figure
        case admonition(type: String, title: String?, collapsible: Bool, open: Bool)
        case tabs
        case tab(label: String)
    }

    /// Shortcode names that take a closing `{{< /name >}}`.
    static let pairedShortcodes = Set([
        "hint", "notice", "alert", "callout", "admonition", "details", "expand", "tabs", "tabpane", "tab",
    ]).union(kubernetesAdmonitions)

    static let kubernetesAdmonitions: Set<String> = ["note", "tip", "info", "warning", "caution", "danger", "important"]

    /// One `{{< … >}}`, `{{% … %}}` or `{{/* … */}}` and nothing else on the line.
    func isShortcodeLine(_ first: Int, _ end: Int) -> Bool {
        let last = trimmedEnd(first, end)
        guard last - first >= 6, bytes[first + 1] == Byte.leftBrace,
            bytes[last - 1] == Byte.rightBrace, bytes[last - 2] == Byte.rightBrace else { return false }
        let open = bytes[first + 2]
        let close = bytes[last - 3]
        if open == Byte.slash { return bytes[first + 3] == Byte.star && close == Byte.slash && bytes[last - 4] == Byte.star }
        guard open == Byte.less || open == Byte.percent, close == Byte.greater || close == Byte.percent else { return false }
        guard !(bytes[first + 3] == Byte.slash && first + 4 < last && bytes[first + 4] == Byte.star) else { return false }
        var p = first + 3
        while p + 1 < last - 3 {
            if bytes[p] == Byte.rightBrace && bytes[p + 1] == Byte.rightBrace { return false }
            if bytes[p] == Byte.leftBrace && bytes[p + 1] == Byte.leftBrace { return false }
            p += 1
        }
        return true
    }

    /// The shortcode on a line `isShortcodeLine` accepted; nil for a comment.
    func parseShortcode(_ first: Int, _ end: Int) -> Shortcode? {
        guard bytes[first + 2] != Byte.slash else { return nil }
        let last = trimmedEnd(first, end) - 3
        var p = first + 3
        func skipBlanks() {
            while p < last && (bytes[p] == Byte.space || bytes[p] == Byte.tab) { p += 1 }
        }
        skipBlanks()
        let closing = p < last && bytes[p] == Byte.slash
        if closing {
            p += 1
            skipBlanks()
        }
        let nameStart = p
        while p < last && bytes[p] != Byte.space && bytes[p] != Byte.tab { p += 1 }
        let name = String(decoding: (nameStart..<p).map { bytes[$0] >= 0x41 && bytes[$0] <= 0x5A ? bytes[$0] | 0x20 : bytes[$0] }, as: UTF8.self)
        var code = Shortcode(name: name, closing: closing, positional: [], named: [])
        /// A quoted (`"…"` with `\` escapes, or `` `…` ``) or bare value; returns it and where it starts.
        func value() -> (String, Int) {
            let quote = bytes[p]
            if quote == Byte.quote || quote == Byte.backtick {
                p += 1
                let start = p
                var text: [UInt8] = []
                while p < last && bytes[p] != quote {
                    if quote == Byte.quote && bytes[p] == Byte.backslash && p + 1 < last { p += 1 }
                    text.append(bytes[p])
                    p += 1
                }
                if p < last { p += 1 }
                return (String(decoding: text, as: UTF8.self), start)
            }
            let start = p
            while p < last && bytes[p] != Byte.space && bytes[p] != Byte.tab { p += 1 }
            return (string(start, p), start)
        }
        while true {
            skipBlanks()
            guard p < last else { break }
            var q = p
            while q < last && (isASCIIAlphanumeric(bytes[q]) || bytes[q] == Byte.underscore || bytes[q] == Byte.minus) { q += 1 }
            if q > p && q < last && bytes[q] == Byte.equals {
                let key = string(p, q).lowercased()
                p = q + 1
                if p >= last {
                    code.named.append((key, "", p))
                    break
                }
                let (text, offset) = value()
                code.named.append((key, text, offset))
            } else {
                code.positional.append(value().0)
            }
        }
        return code
    }

    /// What a shortcode becomes.
    func role(of code: Shortcode, inHugoTabs: Bool) -> ShortcodeRole {
        /// No title given: the type, capitalised; an empty one: no title.
        func admonition(_ type: String?, title: String?) -> ShortcodeRole {
            let raw = (type ?? "note").lowercased()
            let mapped = ["primary", "secondary", "light", "dark", "default"].contains(raw) ? "note" : raw
            let name = TechDocsHTML.className(mapped.utf8) ?? "note"
            let heading = title.map { $0.isEmpty ? nil : TechDocsHTML.inline($0.utf8) }
                ?? String(decoding: TechDocsHTML.capitalised(name.utf8), as: UTF8.self)
            return .admonition(type: name, title: heading, collapsible: false, open: false)
        }
        switch code.name {
        case "hint":
            return admonition(code.value("type") ?? code.positional(0), title: code.value("title"))
        case "notice":
            return admonition(
                code.value("style") ?? code.value("type") ?? code.positional(0),
                title: code.value("title") ?? code.positional(1)
            )
        case "alert":
            return admonition(code.value("color") ?? code.value("type") ?? code.positional(0), title: code.value("title"))
        case "callout":
            return admonition(code.value("type") ?? code.positional(0), title: code.value("title"))
        case "admonition":
            return admonition(code.value("type") ?? code.positional(0), title: code.value("title") ?? code.positional(1))
        case _ where Self.kubernetesAdmonitions.contains(code.name):
            return admonition(code.name, title: code.value("title"))
        case "details", "expand":
            let title = code.value("title") ?? code.value("summary") ?? code.positional.first { $0 != "open" } ?? "Details"
            let open = code.positional.contains("open") || code.value("open") == "true"
            return .admonition(
                type: "note", title: title.isEmpty ? nil : TechDocsHTML.inline(title.utf8), collapsible: true, open: open
            )
        case "tabs", "tabpane":
            return .tabs
        case "tab":
            guard inHugoTabs else { return .removed }
            return .tab(label: code.value("header") ?? code.value("name") ?? code.value("title") ?? code.positional(0) ?? "Tab")
        case "figure":
            return code.value("src") == nil ? .removed : .figure
        default:
            return .removed
        }
    }

    /// Rewrites the shortcode line at `i`; returns the first line after what it consumed.
    mutating func shortcode(
        _ views: [LineView], at i: Int, column: Int, first: Int, depth: Int, indent: Int, state: inout BlockState
    ) -> Int {
        let view = views[i]
        guard let code = parseShortcode(first, end(view)), !code.closing else { return i + 1 }
        let role = role(of: code, inHugoTabs: state.inHugoTabs)
        let outIndent = indent + column
        switch role {
        case .removed:
            return i + 1
        case .figure:
            emitFigure(code, view: view, indent: outIndent)
            state.inParagraph = false
            return i + 1
        case .admonition, .tabs, .tab:
            break
        }
        if state.shortcodeClosers == nil { state.shortcodeClosers = shortcodeClosers(views, from: i) }
        guard let close = state.shortcodeClosers?[i] else { return i + 1 }  // unpaired: only the marker goes
        let body = views[i + 1..<close].map { dropColumns($0, column) }
        let line = view.index
        switch role {
        case .admonition(let type, let title, let collapsible, let open):
            if collapsible {
                emitInserted("<details class=\"admonition \(type)\"\(open ? " open" : "")>", indent: outIndent, line: line)
                if let title { emitInserted("<summary>\(title)</summary>", indent: outIndent, line: line) }
            } else {
                emitInserted("<div class=\"admonition \(type)\">", indent: outIndent, line: line)
                if let title { emitInserted("<p class=\"admonition-title\">\(title)</p>", indent: outIndent, line: line) }
            }
            emitBody(body, line: line, depth: depth, indent: outIndent)
            emitInserted(collapsible ? "</details>" : "</div>", indent: outIndent, line: line)
        case .tabs:
            emitInserted("<div class=\"tabbed-set\">", indent: outIndent, line: line)
            emitBody(body, line: line, depth: depth, indent: outIndent, inHugoTabs: true)
            emitInserted("</div>", indent: outIndent, line: line)
        case .tab(let label):
            let classes = state.hugoTabs == 0 ? "tabbed-block tabbed-selected" : "tabbed-block"
            state.hugoTabs += 1
            emitInserted(
                "<div class=\"\(classes)\" data-tab-label=\"\(TechDocsHTML.escaped(label.utf8))\">", indent: outIndent, line: line
            )
            emitInserted("<p class=\"tabbed-label\">\(TechDocsHTML.inline(label.utf8))</p>", indent: outIndent, line: line)
            emitBody(body, line: line, depth: depth, indent: outIndent)
            emitInserted("</div>", indent: outIndent, line: line)
        case .removed, .figure:
            break
        }
        emitBlank(line: line)
        state.inParagraph = false
        return close + 1
    }

    /// `{{< figure src="x" alt="y" >}}` as `![y](x)`, the line's column shift set so the
    /// destination maps back onto `x` in the original line.
    private mutating func emitFigure(_ code: Shortcode, view: LineView, indent: Int) {
        guard let source = code.named.first(where: { $0.key == "src" }),
            !source.value.utf8.contains(where: { $0 == Byte.less || $0 == Byte.greater || $0 < Byte.space }) else { return }
        let alt = code.value("alt") ?? code.value("caption") ?? code.value("title") ?? ""
        var escapedAlt: [UInt8] = []
        for b in alt.utf8 {
            if b < 0x80 && !isASCIIAlphanumeric(b) && b > Byte.space { escapedAlt.append(Byte.backslash) }
            escapedAlt.append(b)
        }
        let angle = source.value.utf8.contains { $0 == Byte.space || $0 == 0x28 || $0 == 0x29 }
        let destination = angle ? "<\(source.value)>" : source.value
        let markdownColumn = indent + 2 + escapedAlt.count + 2 + (angle ? 1 : 0)
        emitInserted(
            "![\(String(decoding: escapedAlt, as: UTF8.self))](\(destination))", indent: indent, line: view.index,
            columnShift: source.offset - lines[view.index].start - markdownColumn
        )
    }

    /// For each paired shortcode opener from `start` on, the line of its closer (same name, innermost
    /// first); shortcodes inside fenced code do not count.
    private func shortcodeClosers(_ views: [LineView], from start: Int) -> [Int: Int] {
        var open: [String: [Int]] = [:]
        var result: [Int: Int] = [:]
        var fence: Fence?
        for j in start..<views.count {
            let view = views[j]
            let (_, f) = indentation(view)
            let e = end(view)
            guard f < e else { continue }
            if let current = fence {
                if closesFence(current, f, e) { fence = nil }
                continue
            }
            let b = bytes[f]
            if b == Byte.backtick || b == Byte.tilde {
                fence = fenceOpener(f, e, container: 0, column: 0, line: j)
                continue
            }
            guard b == Byte.leftBrace, isShortcodeLine(f, e), let code = parseShortcode(f, e),
                Self.pairedShortcodes.contains(code.name) else { continue }
            if code.closing {
                if let opener = open[code.name]?.popLast() { result[opener] = j }
            } else {
                open[code.name, default: []].append(j)
            }
        }
        return result
    }
}
