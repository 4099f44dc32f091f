internal import PortalMarkdown

/// HTML escaping for text and attribute values.
enum HTML {
    /// `text` with `& < > " '` replaced by entities, safe in element content and quoted attributes.
    static func escape(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        appendEscaped(text.utf8, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the escaped form of the UTF-8 `text` to `bytes`.
    static func appendEscaped(_ text: some Sequence<UInt8>, to bytes: inout [UInt8]) {
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
    }
}

/// Makes anchor ids from names: only `[a-z0-9-_]`, prefixed `api-`, unique within one reference.
struct AnchorRegistry {
    private var used: Set<String> = []

    /// A fresh id `api-<kind>-<slug of name>`, with `-2`, `-3`… appended when taken.
    mutating func make(_ kind: String, _ name: String) -> String {
        let slug = Self.slug(name)
        let base = slug.isEmpty ? "api-\(kind)" : "api-\(kind)-\(slug)"
        var id = base
        var counter = 1
        while used.contains(id) {
            counter += 1
            id = "\(base)-\(counter)"
        }
        used.insert(id)
        return id
    }

    /// Lowercased ASCII letters, digits, `-` and `_`; any other run of characters becomes one `-`.
    static func slug(_ name: String) -> String {
        var bytes: [UInt8] = []
        var pendingDash = false
        for byte in name.utf8 {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            let kept = (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
                || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) || lower == UInt8(ascii: "_")
            if kept {
                if pendingDash, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(lower)
                if bytes.count >= 60 { break }
            } else {
                pendingDash = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

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

    init() {
        bytes.reserveCapacity(16_384)
    }

    /// Appends trusted markup written in this module.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
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
        raw("<" + tag)
        if let className { attribute("class", className) }
        for (name, value) in attributes { attribute(name, value) }
        raw(">")
    }

    mutating func close(_ tag: String) {
        raw("</" + tag + ">")
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
        guard html.contains("<h") else { return html }
        var result = html
        for level in (1...6).reversed() {
            let demoted = min(level + 3, 6)
            guard demoted != level else { continue }
            result = result.replacing("<h\(level)>", with: "<h\(demoted)>").replacing("</h\(level)>", with: "</h\(demoted)>")
        }
        return result
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
        APIReference(html: String(decoding: bytes, as: UTF8.self), outline: outline, problems: problems, format: format)
    }

    private mutating func attribute(_ name: String, _ value: String) {
        raw(" " + name + "=\"")
        text(value)
        raw("\"")
    }
}
