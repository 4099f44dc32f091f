/// MkDocs idioms: admonitions and collapsible blocks, content tabs, GitHub alerts, definition lists.
extension TechDocsRewriter {
    /// `!!! type "Title"` (a `<div>`) or `??? type "Title"` (a `<details>`), with its indented body.
    mutating func admonition(_ views: [LineView], at i: Int, column: Int, first: Int, depth: Int, indent: Int) -> Int {
        let view = views[i]
        guard let header = admonitionHeader(first, end(view)) else {
            emit(view, indent: indent)
            return i + 1
        }
        let (body, next) = indentedBody(views, from: i + 1, column: column)
        var classes = ["admonition"]
        for word in header.words {
            if let name = TechDocsHTML.className(UnsafeBufferPointer(rebasing: bytes[word])), !classes.contains(name) {
                classes.append(name)
            }
        }
        let title: String?
        if let range = header.title {
            title = range.isEmpty ? nil : TechDocsHTML.inline(UnsafeBufferPointer(rebasing: bytes[range]))
        } else {
            title = TechDocsHTML.escaped(TechDocsHTML.capitalised(UnsafeBufferPointer(rebasing: bytes[header.words[0]])))
        }
        let classList = classes.joined(separator: " ")
        let outIndent = indent + column
        if header.collapsible {
            emitInserted("<details class=\"\(classList)\"\(header.open ? " open" : "")>", indent: outIndent, line: view.index)
            if let title { emitInserted("<summary>\(title)</summary>", indent: outIndent, line: view.index) }
        } else {
            emitInserted("<div class=\"\(classList)\">", indent: outIndent, line: view.index)
            if let title { emitInserted("<p class=\"admonition-title\">\(title)</p>", indent: outIndent, line: view.index) }
        }
        emitBody(body, line: view.index, depth: depth, indent: outIndent)
        emitInserted(header.collapsible ? "</details>" : "</div>", indent: outIndent, line: view.index)
        emitBlank(line: view.index)
        return next
    }

    /// Consecutive `=== "Label"` blocks at one column (blank lines between them allowed) as one
    /// tab set; `===!` starts a new set, `===+` selects a tab (the first by default).
    mutating func tabbedSet(_ views: [LineView], at i: Int, column: Int, depth: Int, indent: Int) -> Int {
        var tabs: [(line: Int, label: Range<Int>, selected: Bool, body: [LineView])] = []
        var k = i
        var next = i + 1
        while k < views.count {
            let view = views[k]
            let (c, f) = indentation(view)
            guard c == column, f < end(view), let header = tabHeader(f, end(view)), tabs.isEmpty || !header.startsNewSet else {
                break
            }
            let (body, after) = indentedBody(views, from: k + 1, column: column)
            tabs.append((view.index, header.label, header.selected, body))
            next = after
            k = after
            while k < views.count && isBlank(views[k]) { k += 1 }
        }
        let selected = tabs.firstIndex(where: \.selected) ?? 0
        let outIndent = indent + column
        let setLine = views[i].index
        emitInserted("<div class=\"tabbed-set\">", indent: outIndent, line: setLine)
        for (n, tab) in tabs.enumerated() {
            let label = UnsafeBufferPointer(rebasing: bytes[tab.label])
            let classes = n == selected ? "tabbed-block tabbed-selected" : "tabbed-block"
            emitInserted(
                "<div class=\"\(classes)\" data-tab-label=\"\(TechDocsHTML.escaped(label))\">", indent: outIndent, line: tab.line
            )
            emitInserted("<p class=\"tabbed-label\">\(TechDocsHTML.inline(label))</p>", indent: outIndent, line: tab.line)
            emitBody(tab.body, line: tab.line, depth: depth, indent: outIndent)
            emitInserted("</div>", indent: outIndent, line: tab.line)
        }
        emitInserted("</div>", indent: outIndent, line: setLine)
        emitBlank(line: setLine)
        return next
    }

    /// A block quote opening with `> [!NOTE]` (or TIP, IMPORTANT, WARNING, CAUTION) as an admonition
    /// whose body is the quote without its `>` markers; nil for an ordinary block quote.
    mutating func githubAlert(
        _ views: [LineView], at i: Int, column: Int, first: Int, base: Int, depth: Int, indent: Int
    ) -> Int? {
        let view = views[i]
        guard let type = alertType(first, end(view)) else { return nil }
        var body: [LineView] = []
        var j = i + 1
        while j < views.count {
            let line = views[j]
            let (c, f) = indentation(line)
            guard f < end(line), c - base < 4, bytes[f] == Byte.greater else { break }
            body.append(afterQuoteMarker(line, column: c, marker: f))
            j += 1
        }
        let outIndent = indent + column
        emitInserted("<div class=\"admonition \(type) github-alert\">", indent: outIndent, line: view.index)
        emitInserted(
            "<p class=\"admonition-title\">\(String(decoding: TechDocsHTML.capitalised(type.utf8), as: UTF8.self))</p>",
            indent: outIndent, line: view.index
        )
        emitBody(body, line: view.index, depth: depth, indent: outIndent)
        emitInserted("</div>", indent: outIndent, line: view.index)
        emitBlank(line: view.index)
        return j
    }

    static let alertTypes: Set<String> = ["note", "tip", "important", "warning", "caution"]

    /// The lower-cased type of `> [!TYPE]` alone on its line.
    private func alertType(_ first: Int, _ end: Int) -> String? {
        var p = first + 1
        while p < end && (bytes[p] == Byte.space || bytes[p] == Byte.tab) { p += 1 }
        let last = trimmedEnd(p, end)
        guard last - p >= 4, bytes[p] == Byte.leftBracket, bytes[p + 1] == Byte.bang, bytes[last - 1] == Byte.rightBracket else {
            return nil
        }
        let type = String(decoding: (p + 2..<last - 1).map { bytes[$0] >= 0x41 && bytes[$0] <= 0x5A ? bytes[$0] | 0x20 : bytes[$0] }, as: UTF8.self)
        return Self.alertTypes.contains(type) ? type : nil
    }

    /// The rest of a block quote line after `>` and one optional space (a tab gives up one column).
    private func afterQuoteMarker(_ view: LineView, column: Int, marker: Int) -> LineView {
        let p = marker + 1
        guard p < end(view) else { return LineView(index: view.index, start: p, pad: 0) }
        if bytes[p] == Byte.space { return LineView(index: view.index, start: p + 1, pad: 0) }
        if bytes[p] == Byte.tab {
            let width = 4 - ((column + 1) & 3)
            return LineView(index: view.index, start: p + 1, pad: width - 1)
        }
        return LineView(index: view.index, start: p, pad: 0)
    }

    func isBlank(_ view: LineView) -> Bool {
        indentation(view).first == end(view)
    }

    // MARK: - Definition lists

    /// When the paragraph starting at `i` is followed directly by a `:   definition` line, that line.
    func definitionListStart(_ views: [LineView], at i: Int, base: Int) -> Int? {
        var j = i + 1
        while j < views.count {
            let view = views[j]
            let (c, f) = indentation(view)
            let e = end(view)
            if f == e { return nil }
            if c - base < 4 {
                let kind = classify(first: f, end: e, column: c, inParagraph: true)
                if kind == .definitionMarker { return j }
                if kind != .text { return nil }
            }
            j += 1
        }
        return nil
    }

    /// `Term` lines and their `:   definition` blocks (first line after the marker, then lines
    /// indented 4) as `<dl>`; following term groups at the same column join the same list.
    mutating func definitionList(_ views: [LineView], at i: Int, firstMarker: Int, base: Int, depth: Int, indent: Int) -> Int {
        let termColumn = indentation(views[i]).column
        let outIndent = indent + termColumn
        emitInserted("<dl>", indent: outIndent, line: views[i].index)
        var termStart = i
        var marker = firstMarker
        var next = i + 1
        groups: while true {
            for t in termStart..<marker {
                let view = views[t]
                let (_, f) = indentation(view)
                let term = UnsafeBufferPointer(rebasing: bytes[f..<trimmedEnd(f, end(view))])
                emitInserted("<dt>\(TechDocsHTML.inline(term))</dt>", indent: outIndent, line: view.index)
            }
            var k = marker
            while true {
                let view = views[k]
                let (_, f) = indentation(view)
                let contentStart = definitionContent(f, end(view)) ?? end(view)
                var body = [LineView(index: view.index, start: contentStart, pad: 0)]
                var j = k + 1
                var contentEnd = j
                while j < views.count {
                    let (c, wf) = indentation(views[j])
                    if wf == end(views[j]) {
                        j += 1
                    } else if c >= termColumn + 4 {
                        j += 1
                        contentEnd = j
                    } else {
                        break
                    }
                }
                for m in k + 1..<contentEnd { body.append(dropColumns(views[m], termColumn + 4)) }
                emitInserted("<dd>", indent: outIndent, line: view.index)
                emitBody(body, line: view.index, depth: depth, indent: outIndent)
                emitInserted("</dd>", indent: outIndent, line: view.index)
                next = contentEnd
                var p = contentEnd
                while p < views.count && isBlank(views[p]) { p += 1 }
                guard p < views.count, isDefinitionMarkerLine(views[p], base: base) else { break }
                k = p
            }
            var p = next
            while p < views.count && isBlank(views[p]) { p += 1 }
            guard p < views.count else { break }
            let (c, f) = indentation(views[p])
            guard c == termColumn, classify(first: f, end: end(views[p]), column: c, inParagraph: false) == .text,
                let m = definitionListStart(views, at: p, base: base) else { break groups }
            termStart = p
            marker = m
        }
        emitInserted("</dl>", indent: outIndent, line: views[i].index)
        emitBlank(line: views[i].index)
        return next
    }

    private func isDefinitionMarkerLine(_ view: LineView, base: Int) -> Bool {
        let (c, f) = indentation(view)
        return f < end(view) && c - base < 4 && bytes[f] == Byte.colon && definitionContent(f, end(view)) != nil
    }
}
