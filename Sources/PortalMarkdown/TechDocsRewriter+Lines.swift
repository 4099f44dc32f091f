/// Recognising one line: the CommonMark block starts that matter for context, and the idiom markers.
extension TechDocsRewriter {
    /// What the non-blank line starting at `first` (at `column`, less than 4 past its base) is.
    @inline(__always)
    func classify(first: Int, end: Int, column: Int, inParagraph: Bool) -> LineKind {
        let c = bytes[first]
        if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A { return .text }  // most lines: a letter
        switch c {
        case Byte.backtick, Byte.tilde:
            return fenceOpener(first, end, container: 0, column: 0, line: 0) != nil ? .fence : .text
        case Byte.bang:
            return admonitionHeader(first, end) != nil ? .admonition : .text
        case Byte.question:
            return admonitionHeader(first, end) != nil ? .details : .text
        case Byte.equals:
            if tabHeader(first, end) != nil { return .tab }
            return inParagraph && isRun(of: Byte.equals, first, end) ? .thematicBreak : .text  // a setext underline
        case Byte.greater:
            return .quote
        case Byte.leftBracket:
            return isTableOfContents(first, end) ? .toc : .text
        case Byte.star, Byte.minus, Byte.plus, Byte.underscore:
            if c == Byte.star && abbreviationParts(first, end) != nil { return .abbreviation }
            if c == Byte.minus && isSnippet(first, end) { return .snippet }
            if c != Byte.plus && isThematicBreak(first, end) { return .thematicBreak }
            if c != Byte.underscore, let marker = listMarker(first, end, column: column) {
                return !inParagraph || marker.canInterruptParagraph ? .listItem : .text
            }
            return .text
        case Byte.zero...Byte.nine:
            if let marker = listMarker(first, end, column: column), !inParagraph || marker.canInterruptParagraph {
                return .listItem
            }
            return .text
        case Byte.hash:
            var p = first
            while p < end && bytes[p] == Byte.hash { p += 1 }
            return p - first <= 6 && (p == end || bytes[p] == Byte.space || bytes[p] == Byte.tab) ? .heading : .text
        case Byte.less:
            return htmlKind(first, end, inParagraph: inParagraph)
        case Byte.leftBrace:
            return isShortcodeLine(first, end) ? .shortcode : .text
        case Byte.colon:
            return definitionContent(first, end) != nil ? .definitionMarker : .text
        default:
            return .text
        }
    }

    // MARK: - Code fences

    /// The fence a line opening a fenced code block starts: three or more backticks (with no
    /// backtick in the info string) or tildes.
    func fenceOpener(_ first: Int, _ end: Int, container: Int, column: Int, line: Int) -> Fence? {
        let marker = bytes[first]
        guard marker == Byte.backtick || marker == Byte.tilde else { return nil }
        var p = first
        while p < end && bytes[p] == marker { p += 1 }
        guard p - first >= 3 else { return nil }
        if marker == Byte.backtick {
            for q in p..<end where bytes[q] == Byte.backtick { return nil }
        }
        return Fence(marker: marker, length: p - first, container: container, column: column, line: line)
    }

    /// A run of the fence's marker at least as long as the opening one, then only blanks.
    func closesFence(_ fence: Fence, _ first: Int, _ end: Int) -> Bool {
        var p = first
        while p < end && bytes[p] == fence.marker { p += 1 }
        return p - first >= fence.length && trimmedEnd(p, end) == p
    }

    // MARK: - CommonMark block starts

    struct ListMarker {
        var contentColumn: Int
        /// Where the item's first line of content starts (the line's end when empty); nil when the
        /// content is indented code.
        var rest: Int?
        var canInterruptParagraph: Bool
    }

    /// `-`, `+`, `*`, or 1–9 digits and `.` or `)`, followed by a blank or the end of the line.
    func listMarker(_ first: Int, _ end: Int, column: Int) -> ListMarker? {
        var p = first
        var ordered = false
        let c = bytes[p]
        if c == Byte.minus || c == Byte.plus || c == Byte.star {
            p += 1
        } else {
            while p < end && p - first < 10 && bytes[p] >= Byte.zero && bytes[p] <= Byte.nine { p += 1 }
            guard p > first, p - first <= 9, p < end, bytes[p] == Byte.dot || bytes[p] == Byte.rightParenthesis else { return nil }
            ordered = true
            p += 1
        }
        let markerEnd = column + (p - first)
        guard p == end || bytes[p] == Byte.space || bytes[p] == Byte.tab else { return nil }
        var spacesEnd = markerEnd
        var q = p
        while q < end && (bytes[q] == Byte.space || bytes[q] == Byte.tab) {
            spacesEnd += bytes[q] == Byte.tab ? 4 - (spacesEnd & 3) : 1
            q += 1
        }
        let empty = q == end
        let startsWithOne = !ordered || (p - first == 2 && bytes[first] == Byte.zero + 1)
        let canInterrupt = !empty && startsWithOne
        if empty { return ListMarker(contentColumn: markerEnd + 1, rest: end, canInterruptParagraph: canInterrupt) }
        if spacesEnd - markerEnd >= 5 { return ListMarker(contentColumn: markerEnd + 1, rest: nil, canInterruptParagraph: canInterrupt) }
        return ListMarker(contentColumn: spacesEnd, rest: q, canInterruptParagraph: canInterrupt)
    }

    /// Three or more `-`, `*` or `_` and nothing else but blanks.
    func isThematicBreak(_ first: Int, _ end: Int) -> Bool {
        let marker = bytes[first]
        var count = 0
        for p in first..<end {
            let b = bytes[p]
            if b == marker {
                count += 1
            } else if b != Byte.space && b != Byte.tab {
                return false
            }
        }
        return count >= 3
    }

    /// Only `byte`s, then blanks.
    func isRun(of byte: UInt8, _ first: Int, _ end: Int) -> Bool {
        var p = first
        while p < end && bytes[p] == byte { p += 1 }
        return trimmedEnd(p, end) == p
    }

    /// The raw HTML a line starting with `<` opens, if any (CommonMark's HTML block start conditions,
    /// types 1, 2, 6 and 7; the others are vanishingly rare in documentation).
    func htmlKind(_ first: Int, _ end: Int, inParagraph: Bool) -> LineKind {
        if hasPrefix("<!--", first, end) {
            return contains(Array("-->".utf8), from: first + 4, to: end) ? .htmlLine : .htmlLiteral
        }
        var p = first + 1
        let closing = p < end && bytes[p] == Byte.slash
        if closing { p += 1 }
        let nameStart = p
        while p < end && (isASCIIAlphanumeric(bytes[p]) || bytes[p] == Byte.minus) { p += 1 }
        guard p > nameStart, isASCIILetter(bytes[nameStart]) else { return .text }
        let name = String(decoding: (nameStart..<p).map { bytes[$0] | 0x20 }, as: UTF8.self)
        let after: UInt8? = p < end ? bytes[p] : nil
        let spaceOrEnd = after == nil || after == Byte.space || after == Byte.tab
        if !closing && Self.rawTextTags.contains(name) && (spaceOrEnd || after == Byte.greater) {
            return contains(Array("</\(name)>".utf8), from: p, to: end) ? .htmlLine : .htmlLiteral
        }
        let boundary = spaceOrEnd || after == Byte.greater
            || (after == Byte.slash && p + 1 < end && bytes[p + 1] == Byte.greater)
        if boundary && Self.blockTags.contains(name) { return .htmlBlock }
        if !inParagraph && bytes[trimmedEnd(first, end) - 1] == Byte.greater { return .htmlBlock }
        return .text
    }

    /// What ends the raw HTML block a `.htmlLiteral` line opens.
    func htmlLiteralEnd(_ first: Int, _ end: Int) -> [UInt8] {
        if hasPrefix("<!--", first, end) { return Array("-->".utf8) }
        var p = first + 1
        while p < end && isASCIIAlphanumeric(bytes[p]) { p += 1 }
        return Array("</".utf8) + (first + 1..<p).map { bytes[$0] | 0x20 } + [Byte.greater]
    }

    static let rawTextTags: Set<String> = ["pre", "script", "style", "textarea"]

    /// CommonMark's type-6 HTML block tag names.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ]

    // MARK: - Idiom markers

    struct AdmonitionHeader {
        /// The type and the modifiers (`note`, `inline`, `end`), as byte ranges.
        var words: [Range<Int>]
        /// The quoted title without its quotes; nil when there is none.
        var title: Range<Int>?
        var collapsible: Bool
        var open: Bool
    }

    /// `!!! type modifiers "Title"`, `??? type "Title"` or `???+ type "Title"`.
    func admonitionHeader(_ first: Int, _ end: Int) -> AdmonitionHeader? {
        let marker = bytes[first]
        guard end - first >= 4, bytes[first + 1] == marker, bytes[first + 2] == marker else { return nil }
        var p = first + 3
        var open = false
        if marker == Byte.question && bytes[p] == Byte.plus {
            open = true
            p += 1
        }
        let last = trimmedEnd(p, end)
        var words: [Range<Int>] = []
        var title: Range<Int>?
        while p < last {
            let b = bytes[p]
            if b == Byte.space || b == Byte.tab {
                p += 1
            } else if b == Byte.quote {
                guard !words.isEmpty, p > first + 3, bytes[p - 1] == Byte.space || bytes[p - 1] == Byte.tab,
                    last - p >= 2, bytes[last - 1] == Byte.quote else { return nil }
                title = p + 1..<last - 1
                break
            } else {
                let start = p
                while p < last && isWordByte(bytes[p]) { p += 1 }
                guard p > start, p == last || bytes[p] == Byte.space || bytes[p] == Byte.tab else { return nil }
                words.append(start..<p)
            }
        }
        guard !words.isEmpty else { return nil }
        return AdmonitionHeader(words: words, title: title, collapsible: marker == Byte.question, open: open)
    }

    struct TabHeader {
        var label: Range<Int>
        var selected: Bool
        var startsNewSet: Bool
    }

    /// `=== "Label"`, with `!` (start a new set) and `+` (selected) after the equals signs.
    func tabHeader(_ first: Int, _ end: Int) -> TabHeader? {
        guard end - first >= 6, bytes[first + 1] == Byte.equals, bytes[first + 2] == Byte.equals else { return nil }
        var p = first + 3
        var selected = false
        var startsNewSet = false
        while p < end && p < first + 5 {
            if bytes[p] == Byte.bang && !startsNewSet {
                startsNewSet = true
            } else if bytes[p] == Byte.plus && !selected {
                selected = true
            } else {
                break
            }
            p += 1
        }
        let afterFlags = p
        while p < end && (bytes[p] == Byte.space || bytes[p] == Byte.tab) { p += 1 }
        let last = trimmedEnd(p, end)
        guard p > afterFlags, last - p >= 2, bytes[p] == Byte.quote, bytes[last - 1] == Byte.quote else { return nil }
        return TabHeader(label: p + 1..<last - 1, selected: selected, startsNewSet: startsNewSet)
    }

    /// `[TOC]` alone on its line.
    func isTableOfContents(_ first: Int, _ end: Int) -> Bool {
        trimmedEnd(first, end) - first == 5 && hasPrefix("[TOC]", first, end)
    }

    /// `*[TERM]: expansion`: the term's and the expansion's byte ranges.
    func abbreviationParts(_ first: Int, _ end: Int) -> ((Int, Int), (Int, Int))? {
        guard end - first >= 5, bytes[first + 1] == Byte.leftBracket else { return nil }
        var p = first + 2
        while p < end && bytes[p] != Byte.rightBracket {
            if bytes[p] == Byte.backslash { return nil }
            p += 1
        }
        let term = (first + 2, p)
        guard p < end, p > first + 2 else { return nil }
        p += 1
        if p < end && bytes[p] == Byte.space { p += 1 }
        guard p < end, bytes[p] == Byte.colon else { return nil }
        p += 1
        while p < end && (bytes[p] == Byte.space || bytes[p] == Byte.tab) { p += 1 }
        return (term, (p, trimmedEnd(p, end)))
    }

    /// A pymdownx snippet marker: `--8<--`, any number of dashes on each side, then a blank or the end.
    func isSnippet(_ first: Int, _ end: Int) -> Bool {
        var p = first
        while p < end && bytes[p] == Byte.minus { p += 1 }
        guard p > first, p + 2 < end, bytes[p] == Byte.zero + 8, bytes[p + 1] == Byte.less, bytes[p + 2] == Byte.minus else {
            return false
        }
        p += 2
        while p < end && bytes[p] == Byte.minus { p += 1 }
        return p == end || bytes[p] == Byte.space || bytes[p] == Byte.tab
    }

    /// For a definition line (`:` then blanks then the definition), where the definition starts. A
    /// table delimiter row (`:--- | ---:`) is not one.
    func definitionContent(_ first: Int, _ end: Int) -> Int? {
        var p = first + 1
        guard p < end, bytes[p] == Byte.space || bytes[p] == Byte.tab else { return nil }
        while p < end && (bytes[p] == Byte.space || bytes[p] == Byte.tab) { p += 1 }
        var delimiterRow = true
        var q = p
        while q < end && delimiterRow {
            let b = bytes[q]
            delimiterRow = b == Byte.minus || b == Byte.colon || b == Byte.pipe || b == Byte.space || b == Byte.tab
            q += 1
        }
        if delimiterRow && p < end && bytes[first..<end].contains(Byte.pipe) { return nil }
        return p
    }

    // MARK: - Bytes

    func hasPrefix(_ prefix: StaticString, _ first: Int, _ end: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard end - first >= count else { return false }
        let start = prefix.utf8Start
        for k in 0..<count where bytes[first + k] != start[k] { return false }
        return true
    }

    @inline(__always)
    func isASCIILetter(_ b: UInt8) -> Bool {
        (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
    }

    @inline(__always)
    func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        isASCIILetter(b) || (b >= Byte.zero && b <= Byte.nine)
    }

    /// Python's `[\w\-]`: letters, digits, `_`, `-`, and any non-ASCII byte.
    @inline(__always)
    func isWordByte(_ b: UInt8) -> Bool {
        isASCIIAlphanumeric(b) || b == Byte.underscore || b == Byte.minus || b >= 0x80
    }
}
