internal import PortalHighlight
internal import PortalMarkdown

/// Builds one reference: the HTML, its outline and the problems found on the way.
///
/// Every string that can come from a definition goes through ``text(_:)`` or an attribute
/// argument, which escape it; ``raw(_:)`` takes only markup literals of this module.
struct HTMLWriter {
    private var bytes: [UInt8] = []
    private(set) var outline: [APIReferenceHeading] = []
    private(set) var problems: [APIReferenceProblem] = []
    private var problemKeys: Set<String> = []
    var anchors = AnchorRegistry()
    private let markdownRenderer = MarkdownRenderer()

    /// `capacity`: a guess of the output's size in bytes, so it need not grow by copying as often.
    init(capacity: Int = 16_384) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends trusted markup written in this module.
    mutating func raw(_ markup: String) {
        // Through a buffer pointer: appending `markup.utf8` goes through a slow generic path.
        var markup = markup
        markup.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `code` highlighted as `language` (a ``PortalHighlight/CodeHighlighter`` name; nil: escaped text).
    mutating func highlighted(_ code: String, language: String?) {
        CodeHighlighter.highlight(code, language: language, into: &bytes)
    }

    /// Appends escaped text.
    mutating func text(_ text: some StringProtocol) {
        HTML.appendEscaped(text.utf8, to: &bytes)
    }

    /// Appends escaped UTF-8 bytes.
    mutating func text(bytes text: some Sequence<UInt8>) {
        HTML.appendEscaped(text, to: &bytes)
    }

    /// Opens `<tag class="…" name="value"…>`, escaping every attribute value.
    mutating func open(_ tag: String, class className: String? = nil, _ attributes: [(String, String)] = []) {
        raw("<")
        raw(tag)
        if let className { attribute("class", className) }
        for (name, value) in attributes { attribute(name, value) }
        raw(">")
    }

    mutating func close(_ tag: String) {
        raw("</")
        raw(tag)
        raw(">")
    }

    /// `<tag class="…">escaped text</tag>`.
    mutating func element(_ tag: String, class className: String? = nil, _ content: some StringProtocol) {
        open(tag, class: className)
        text(content)
        close(tag)
    }

    /// `<p class="…">escaped text</p>` and a newline.
    mutating func paragraph(class className: String? = nil, _ content: some StringProtocol) {
        element("p", class: className, content)
        raw("\n")
    }

    /// Wraps what `body` writes in `<tag class="…">…</tag>`.
    mutating func wrap(_ tag: String, class className: String? = nil, _ attributes: [(String, String)] = [],
                       _ body: (inout HTMLWriter) -> Void) {
        open(tag, class: className, attributes)
        body(&self)
        close(tag)
    }

    /// A link to an anchor of this reference.
    mutating func link(to id: String, class className: String? = nil, _ label: some StringProtocol) {
        open("a", class: className, [("href", "#" + id)])
        text(label)
        close("a")
    }

    /// A section with a heading (`h2` for level 1, `h3` for level 2) that enters the outline.
    /// `title` writes the heading's content; `label` is its plain text for the outline.
    mutating func section(class className: String, id: String, label: String, level: Int,
                          title: ((inout HTMLWriter) -> Void)? = nil, _ body: (inout HTMLWriter) -> Void) {
        let tag = level == 1 ? "h2" : "h3"
        outline.append(APIReferenceHeading(id: id, label: label, level: level))
        open("section", class: className, [("aria-labelledby", id)])
        raw("\n")
        open(tag, class: className + "__title", [("id", id)])
        if let title { title(&self) } else { text(label) }
        close(tag)
        raw("\n")
        body(&self)
        raw("</section>\n")
    }

    /// A minor heading (`h4`) inside an operation or type; not in the outline.
    mutating func subheading(_ label: String) {
        element("h4", class: "api-subheading", label)
        raw("\n")
    }

    /// Markdown rendered by ``MarkdownRenderer`` (raw HTML dropped, unsafe links removed) in a description block.
    /// Its headings are demoted below the reference's own (`#` becomes `h4`), keeping the page's outline intact.
    mutating func markdown(_ source: String?, class className: String = "api-description") {
        guard let source, !source.allSatisfy(\.isWhitespace) else { return }
        open("div", class: className)
        raw(Self.demotingHeadings(markdownRenderer.render(source)))
        raw("</div>\n")
    }

    /// `<h1>`…`<h6>` become `<h4>`…`<h6>`. cmark-gfm writes heading tags without attributes, and
    /// escapes `<` in text, so only its own tags match.
    static func demotingHeadings(_ html: String) -> String {
        guard containsTagStartingWithH(html) else { return html }
        var result = html
        for level in (1...6).reversed() {
            let demoted = min(level + 3, 6)
            guard demoted != level else { continue }
            result = result.replacing("<h\(level)>", with: "<h\(demoted)>").replacing("</h\(level)>", with: "</h\(demoted)>")
        }
        return result
    }

    /// Whether `<h` occurs in `html` (a byte scan: `String.contains` is slow for this).
    private static func containsTagStartingWithH(_ html: String) -> Bool {
        var previous: UInt8 = 0
        for byte in html.utf8 {
            if previous == UInt8(ascii: "<") && byte == UInt8(ascii: "h") { return true }
            previous = byte
        }
        return false
    }

    /// Records a problem once per position and message; past ``maxProblems``, one last note says more were found.
    mutating func problem(line: Int, column: Int, _ message: String) {
        guard problems.count <= Self.maxProblems else { return }
        guard problems.count < Self.maxProblems else {
            problems.append(APIReferenceProblem(line: line, column: column, message: "more problems follow; they are not listed"))
            return
        }
        let key = "\(line):\(column):\(message)"
        guard problemKeys.insert(key).inserted else { return }
        problems.append(APIReferenceProblem(line: line, column: column, message: message))
    }

    static let maxProblems = 200

    /// The reference built so far.
    func finish(format: APIReferenceFormat) -> APIReference {
        APIReference(utf8: bytes, outline: outline, problems: problems, format: format)
    }

    private mutating func attribute(_ name: String, _ value: String) {
        raw(" ")
        raw(name)
        raw("=\"")
        text(value)
        raw("\"")
    }
}
