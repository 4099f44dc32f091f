extension TechDocsRewriter {
    /// What one block context remembers from line to line: enough of CommonMark's block structure
    /// to know whether a marker line is an idiom, code, or a paragraph's continuation.
    struct BlockState {
        var fence: Fence?
        /// The end marker of an open raw HTML block that blank lines do not end (`-->`, `</pre>` …).
        var literalEnd: [UInt8]?
        /// Content columns of the open list items, innermost last.
        var listItems: [Int] = []
        /// The previous line was paragraph text, so an indented line continues it (it is not code).
        var inParagraph = false
        /// The previous line belonged to a block quote (or lazily continued one).
        var inQuote = false
        /// Inside an HTML block that ends at a blank line: no idioms until then.
        var inHTML = false
        /// Shortcode opener → closer, computed the first time a shortcode is met in this context.
        var shortcodeClosers: [Int: Int]?
        /// Whether this context is the body of a Hugo `tabs` shortcode, and how many tabs it has had.
        var inHugoTabs = false
        var hugoTabs = 0
    }

    /// Rewrites one block context (the file, or the dedented body of a container) into the output,
    /// every line after `indent` spaces.
    mutating func process(_ views: [LineView], depth: Int, indent: Int, inHugoTabs: Bool = false) {
        guard depth < TechDocsPreprocessor.maximumNestingDepth else {
            for view in views { emit(view, indent: indent) }
            return
        }
        var state = BlockState()
        state.inHugoTabs = inHugoTabs
        var i = 0
        while i < views.count {
            let view = views[i]
            let end = end(view)
            let (column, first) = indentation(view)
            if let fence = state.fence {
                if first < end && column < fence.container {
                    state.fence = nil  // the list item holding the fence ended, and the fence with it
                } else {
                    if first < end && column - fence.container < 4 && closesFence(fence, first, end) {
                        state.fence = nil
                    }
                    emit(view, indent: indent)
                    i += 1
                    continue
                }
            }
            if let literalEnd = state.literalEnd {
                if contains(literalEnd, from: first, to: end) { state.literalEnd = nil }
                emit(view, indent: indent)
                i += 1
                continue
            }
            if first == end {
                emit(view, indent: indent)
                state.inParagraph = false
                state.inQuote = false
                state.inHTML = false
                i += 1
                continue
            }
            if state.inHTML {
                emit(view, indent: indent)
                i += 1
                continue
            }
            let lazy = state.inParagraph
            if !lazy {
                while let last = state.listItems.last, last > column { state.listItems.removeLast() }
            }
            let base = lazy ? (state.listItems.last(where: { $0 <= column }) ?? 0) : (state.listItems.last ?? 0)
            if column - base >= 4 {
                // Indented code, or a paragraph's continuation line: either way not ours.
                emit(view, indent: indent)
                if !lazy { state.inQuote = false }
                i += 1
                continue
            }
            let kind = classify(first: first, end: end, column: column, inParagraph: state.inParagraph)
            if kind != .text && kind != .quote && kind != .snippet { state.inQuote = false }
            switch kind {
            case .text:
                if !state.inParagraph, let definitions = definitionListStart(views, at: i, base: base) {
                    i = definitionList(views, at: i, firstMarker: definitions, base: base, depth: depth, indent: indent)
                    state.inParagraph = false
                    continue
                }
                emit(view, indent: indent)
                state.inParagraph = true
            case .snippet:
                snippetLines.append(view.index + 1)
                emit(view, indent: indent)
                state.inParagraph = true
            case .fence:
                state.fence = fenceOpener(first, end, container: base, column: column, line: view.index)
                emit(view, indent: indent)
                state.inParagraph = false
            case .admonition, .details:
                i = admonition(views, at: i, column: column, first: first, depth: depth, indent: indent)
                state.inParagraph = false
                continue
            case .tab:
                i = tabbedSet(views, at: i, column: column, depth: depth, indent: indent)
                state.inParagraph = false
                continue
            case .quote:
                if !state.inQuote, let next = githubAlert(views, at: i, column: column, first: first, base: base, depth: depth, indent: indent) {
                    i = next
                    state.inParagraph = false
                    continue
                }
                emit(view, indent: indent)
                state.inParagraph = true
                state.inQuote = true
            case .toc:
                break  // the portal shows its own table of contents
            case .abbreviation:
                readAbbreviation(first, end)
            case .listItem:
                listItem(view, first: first, end: end, column: column, state: &state)
                emit(view, indent: indent)
            case .thematicBreak, .heading, .htmlLine:
                emit(view, indent: indent)
                state.inParagraph = false
            case .htmlBlock:
                emit(view, indent: indent)
                state.inParagraph = false
                state.inHTML = true
            case .htmlLiteral:
                state.literalEnd = htmlLiteralEnd(first, end)
                emit(view, indent: indent)
                state.inParagraph = false
            case .shortcode:
                i = shortcode(views, at: i, column: column, first: first, depth: depth, indent: indent, state: &state)
                continue
            case .definitionMarker:
                emit(view, indent: indent)
                state.inParagraph = true
            }
            i += 1
        }
        guard depth > 0, let last = views.last else { return }
        // A container's body ends here: close what would otherwise swallow the closing tags.
        if let fence = state.fence {
            emitInserted(
                String(repeating: Character(Unicode.Scalar(fence.marker)), count: fence.length),
                indent: indent + fence.column, line: fence.line
            )
        } else if let literalEnd = state.literalEnd {
            emitInserted(String(decoding: literalEnd, as: UTF8.self), indent: indent, line: last.index)
        }
    }

    /// Opens the list item on this line: its content column becomes the base for the lines inside it.
    private func listItem(_ view: LineView, first: Int, end: Int, column: Int, state: inout BlockState) {
        guard let marker = listMarker(first, end, column: column) else { return }
        state.listItems.append(marker.contentColumn)
        if let rest = marker.rest, rest < end,
            let fence = fenceOpener(rest, end, container: marker.contentColumn, column: marker.contentColumn, line: view.index) {
            state.fence = fence
            state.inParagraph = false
        } else {
            state.inParagraph = marker.rest.map { $0 < end } ?? false
        }
    }

    /// Records `*[TERM]: expansion`.
    private mutating func readAbbreviation(_ first: Int, _ end: Int) {
        guard let (term, expansion) = abbreviationParts(first, end) else { return }
        abbreviations.append(Abbreviation(term: string(term.0, term.1), expansion: string(expansion.0, expansion.1)))
    }

    /// Whether `first..<end` contains `needle`, ASCII letters compared case-insensitively.
    func contains(_ needle: [UInt8], from first: Int, to end: Int) -> Bool {
        guard let head = needle.first, end - first >= needle.count else { return false }
        var p = first
        while p + needle.count <= end {
            if bytes[p] | 0x20 == head | 0x20 {
                var k = 1
                while k < needle.count && bytes[p + k] | 0x20 == needle[k] | 0x20 { k += 1 }
                if k == needle.count { return true }
            }
            p += 1
        }
        return false
    }

    /// The views of an indented body (lines indented at least `column + 4`, blank lines between
    /// them) starting at `start`, dedented by `column + 4`; `next` is the first line after it.
    func indentedBody(_ views: [LineView], from start: Int, column: Int) -> (body: [LineView], next: Int) {
        var j = start
        var contentEnd = start
        while j < views.count {
            let (c, f) = indentation(views[j])
            if f == end(views[j]) {
                j += 1
            } else if c >= column + 4 {
                j += 1
                contentEnd = j
            } else {
                break
            }
        }
        var body: [LineView] = []
        body.reserveCapacity(contentEnd - start)
        for k in start..<contentEnd { body.append(dropColumns(views[k], column + 4)) }
        return (body, contentEnd)
    }

    /// Emits `body` as a nested context between blank lines (nothing when it is empty).
    mutating func emitBody(_ body: [LineView], line: Int, depth: Int, indent: Int, inHugoTabs: Bool = false) {
        guard !body.isEmpty else { return }
        emitBlank(line: line)
        process(body, depth: depth + 1, indent: indent, inHugoTabs: inHugoTabs)
        emitBlank(line: line)
    }
}
