/// The line machine behind `TechDocsPreprocessor`: walks the UTF-8 lines of one file, copies
/// plain lines in runs, and rewrites idioms into Markdown plus type-6 HTML block lines.
///
/// Nested bodies (admonitions, tabs, alerts, definitions, shortcodes) are processed recursively as
/// their own block context over `LineView`s: the original line minus the columns the container
/// removed. Output lines are re-indented by the container's own indentation so list items continue.
struct TechDocsRewriter {
    /// A line of the original file: `end` excludes the line terminator.
    struct RawLine {
        var start: Int
        var end: Int
        /// Terminated by exactly one `\n` at `end`, so it can be copied as part of a run.
        var endsWithLF: Bool
    }

    /// A line as one block context sees it: `pad` spaces (the rest of a partly removed tab) and then
    /// the original bytes from `start` to the end of line `index`.
    struct LineView {
        var index: Int
        var start: Int
        var pad: Int
    }

    /// An open fenced code block.
    struct Fence {
        var marker: UInt8
        var length: Int
        /// The content column of the list item holding the fence (0 outside lists).
        var container: Int
        var column: Int
        var line: Int
    }

    enum LineKind: Equatable {
        case text, fence, admonition, details, tab, quote, toc, abbreviation, listItem, thematicBreak
        case heading, htmlLine, htmlBlock, htmlLiteral, shortcode, snippet, definitionMarker
    }

    enum Byte {
        static let tab: UInt8 = 9
        static let lf: UInt8 = 10
        static let cr: UInt8 = 13
        static let space: UInt8 = 32
        static let bang: UInt8 = 33
        static let quote: UInt8 = 34
        static let hash: UInt8 = 35
        static let percent: UInt8 = 37
        static let apostrophe: UInt8 = 39
        static let plus: UInt8 = 43
        static let star: UInt8 = 42
        static let minus: UInt8 = 45
        static let dot: UInt8 = 46
        static let slash: UInt8 = 47
        static let zero: UInt8 = 48
        static let nine: UInt8 = 57
        static let colon: UInt8 = 58
        static let less: UInt8 = 60
        static let equals: UInt8 = 61
        static let greater: UInt8 = 62
        static let question: UInt8 = 63
        static let leftBracket: UInt8 = 91
        static let backslash: UInt8 = 92
        static let rightBracket: UInt8 = 93
        static let underscore: UInt8 = 95
        static let backtick: UInt8 = 96
        static let leftBrace: UInt8 = 123
        static let pipe: UInt8 = 124
        static let rightBrace: UInt8 = 125
        static let tilde: UInt8 = 126
        static let rightParenthesis: UInt8 = 41
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var lines: [RawLine] = []
    var out: [UInt8] = []
    var origins: [LineOrigin] = []
    var abbreviations: [Abbreviation] = []
    var snippetLines: [Int] = []
    /// Original bytes waiting to be copied in one piece: lines emitted unchanged, back to back.
    private var runStart = 0
    private var runEnd = -1

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func run() -> PreprocessedMarkdown {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        splitLines(from: bom)
        let (frontMatter, bodyStart) = readFrontMatter()
        var views: [LineView] = []
        views.reserveCapacity(lines.count - bodyStart)
        for index in bodyStart..<lines.count {
            views.append(LineView(index: index, start: lines[index].start, pad: 0))
        }
        out.reserveCapacity(bytes.count + bytes.count / 16 + 64)
        origins.reserveCapacity(views.count)
        process(views, depth: 0, indent: 0)
        flush()
        return PreprocessedMarkdown(
            markdown: String(decoding: out, as: UTF8.self),
            lineOrigins: origins,
            frontMatter: frontMatter,
            abbreviations: abbreviations,
            snippetLines: snippetLines
        )
    }

    /// Splits at `\n`, `\r\n` and lone `\r`, as CommonMark does.
    private mutating func splitLines(from offset: Int) {
        let count = bytes.count
        var result: [RawLine] = []
        result.reserveCapacity(count / 32 + 1)
        var start = offset
        var p = offset
        // Eight bytes at a time while none of them is a control character up to `\r` (the usual case).
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while true {
                while p + 8 <= count {
                    let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: p, as: UInt64.self))
                    if (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080 != 0 { break }
                    p += 8
                }
                guard p < count else { break }
                let b = bytes[p]
                if b == Byte.lf {
                    result.append(RawLine(start: start, end: p, endsWithLF: true))
                    start = p + 1
                } else if b == Byte.cr {
                    break
                }
                p += 1
            }
        }
        while p < count {
            let b = bytes[p]
            if b <= Byte.cr {
                if b == Byte.lf {
                    result.append(RawLine(start: start, end: p, endsWithLF: true))
                    start = p + 1
                } else if b == Byte.cr {
                    result.append(RawLine(start: start, end: p, endsWithLF: false))
                    if p + 1 < count && bytes[p + 1] == Byte.lf { p += 1 }
                    start = p + 1
                }
            }
            p += 1
        }
        if start < count { result.append(RawLine(start: start, end: count, endsWithLF: false)) }
        lines = result
    }

    // MARK: - Output

    @inline(__always)
    func end(_ view: LineView) -> Int {
        lines[view.index].end
    }

    /// Copies `view` to the output, `indent` spaces in front.
    mutating func emit(_ view: LineView, indent: Int) {
        let raw = lines[view.index]
        if indent == 0 && view.pad == 0 && view.start == raw.start {
            origins.append(LineOrigin(line: view.index + 1, columnShift: 0))
            if raw.endsWithLF {
                if runEnd == raw.start {
                    runEnd = raw.end + 1
                } else {
                    flush()
                    runStart = raw.start
                    runEnd = raw.end + 1
                }
            } else {
                flush()
                appendBytes(raw.start, raw.end)
                out.append(Byte.lf)
            }
            return
        }
        flush()
        let (_, first) = indentation(view)
        if first == raw.end {
            origins.append(LineOrigin(line: view.index + 1, columnShift: 0))
        } else {
            origins.append(LineOrigin(
                line: view.index + 1,
                columnShift: view.start - raw.start - view.pad - indent
            ))
            appendSpaces(indent + view.pad)
            appendBytes(view.start, raw.end)
        }
        out.append(Byte.lf)
    }

    /// Appends an inserted line (`text` after `indent` spaces) attributed to original line `index`.
    mutating func emitInserted(_ text: String, indent: Int, line index: Int, columnShift: Int = 0) {
        flush()
        appendSpaces(indent)
        out.append(contentsOf: text.utf8)
        out.append(Byte.lf)
        origins.append(LineOrigin(line: index + 1, columnShift: columnShift))
    }

    mutating func emitBlank(line index: Int) {
        flush()
        out.append(Byte.lf)
        origins.append(LineOrigin(line: index + 1, columnShift: 0))
    }

    mutating func flush() {
        if runEnd > runStart { appendBytes(runStart, runEnd) }
        runStart = 0
        runEnd = -1
    }

    private mutating func appendBytes(_ from: Int, _ to: Int) {
        guard to > from else { return }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to]))
    }

    private mutating func appendSpaces(_ count: Int) {
        if count > 0 { out.append(contentsOf: repeatElement(Byte.space, count: count)) }
    }

    // MARK: - Columns

    /// The column of the first non-blank byte (tabs to multiples of 4, from the view's start) and its
    /// offset; the offset is the line's end when the line is blank.
    @inline(__always)
    func indentation(_ view: LineView) -> (column: Int, first: Int) {
        let end = lines[view.index].end
        var p = view.start
        var column = view.pad
        while p < end {
            let b = bytes[p]
            if b == Byte.space {
                column += 1
            } else if b == Byte.tab {
                column += 4 - (column & 3)
            } else {
                break
            }
            p += 1
        }
        return (column, p)
    }

    /// `view` without its first `count` columns of indentation (fewer when the line has less); a
    /// tab that straddles the cut leaves its remaining columns as padding.
    func dropColumns(_ view: LineView, _ count: Int) -> LineView {
        if count <= view.pad { return LineView(index: view.index, start: view.start, pad: view.pad - count) }
        let end = lines[view.index].end
        var column = view.pad
        var p = view.start
        while column < count && p < end {
            let b = bytes[p]
            if b == Byte.space {
                column += 1
                p += 1
            } else if b == Byte.tab {
                let next = column + 4 - (column & 3)
                p += 1
                if next > count { return LineView(index: view.index, start: p, pad: next - count) }
                column = next
            } else {
                break
            }
        }
        return LineView(index: view.index, start: p, pad: 0)
    }

    /// The end of `from..<end` without trailing spaces and tabs.
    @inline(__always)
    func trimmedEnd(_ from: Int, _ end: Int) -> Int {
        var e = end
        while e > from && (bytes[e - 1] == Byte.space || bytes[e - 1] == Byte.tab) { e -= 1 }
        return e
    }

    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<max(from, to)]), as: UTF8.self)
    }

    func slice(_ from: Int, _ to: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(rebasing: bytes[from..<max(from, to)]))
    }

    // MARK: - Front matter

    /// Front matter fenced by `---` (closed by `---` or `...`) or `+++` on the first line; returns
    /// it and the index of the first line after it.
    private func readFrontMatter() -> (FrontMatter?, Int) {
        guard let first = lines.first else { return (nil, 0) }
        let format: FrontMatter.Format
        if isFenceLine(first, Byte.minus) {
            format = .yaml
        } else if isFenceLine(first, Byte.plus) {
            format = .toml
        } else {
            return (nil, 0)
        }
        for index in lines.indices.dropFirst() {
            let line = lines[index]
            let closes = format == .yaml
                ? isFenceLine(line, Byte.minus) || isFenceLine(line, Byte.dot)
                : isFenceLine(line, Byte.plus)
            guard closes else { continue }
            guard opensMapping(lines[1..<index], format: format) else { return (nil, 0) }
            var text: [UInt8] = []
            for inner in 1..<index {
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lines[inner].start..<lines[inner].end]))
                text.append(Byte.lf)
            }
            return (FrontMatter(format: format, text: String(decoding: text, as: UTF8.self), firstLine: 2), index + 1)
        }
        return (nil, 0)
    }

    /// Whether the first line that is not blank or a comment can start a mapping (YAML `key:`, TOML
    /// `key =` or `[table]`), as front matter must; a Markdown file that opens with a thematic break
    /// and has another one later is not front matter. No such line at all is empty front matter.
    private func opensMapping(_ lines: ArraySlice<RawLine>, format: FrontMatter.Format) -> Bool {
        for line in lines {
            var p = line.start
            while p < line.end && (bytes[p] == Byte.space || bytes[p] == Byte.tab) { p += 1 }
            guard p < line.end, bytes[p] != Byte.hash else { continue }
            if format == .toml && bytes[p] == Byte.leftBracket { return true }
            let separator = format == .yaml ? Byte.colon : Byte.equals
            return bytes[p..<line.end].contains(separator)
        }
        return true
    }

    /// Exactly three `marker`s, then only spaces or tabs.
    private func isFenceLine(_ line: RawLine, _ marker: UInt8) -> Bool {
        let end = trimmedEnd(line.start, line.end)
        return end - line.start == 3 && bytes[line.start] == marker && bytes[line.start + 1] == marker
            && bytes[line.start + 2] == marker
    }
}
