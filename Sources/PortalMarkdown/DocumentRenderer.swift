internal import CCmarkGFM
internal import PortalHighlight
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Converts a TechDocs Markdown page to a safe HTML fragment.
///
/// The steps: ``TechDocsPreprocessor`` turns the MkDocs idioms (admonitions, tabs, GitHub alerts, …)
/// into Markdown and HTML; cmark-gfm parses the result with the GitHub extensions and footnotes; one
/// walk over the tree then gives headings ids and permalinks (honouring `{ #id .class }`), highlights
/// code blocks, shows Mermaid sources as diagram blocks, lets the caller rewrite every link and image,
/// removes unsafe URLs and sanitises every piece of raw HTML. A page whose tables pass
/// ``TableBudget`` is parsed without the table extension.
public struct DocumentRenderer: Sendable {
    public init() {}

    /// Renders `markdown`. `rewrite` sees every link and image destination (with its position in the
    /// original file) and returns a replacement, or nil to keep it.
    public func render(_ markdown: String, rewrite: (MarkdownLinkReference) -> String? = { _ in nil }) -> RenderedDocument {
        let prepared = TechDocsPreprocessor.process(markdown)
        var document = RenderedDocument(htmlBytes: [], headings: [], firstTitle: nil, frontMatter: prepared.frontMatter,
                                        unsafeLinks: [], snippetLines: prepared.snippetLines, hasMermaid: false)
        MarkdownRenderer.registerExtensions
        let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE
        // The document's nodes and HTML come from this thread's arena (see shim.h), all freed at
        // once when the document is done; the deferred frees below cost nothing then.
        let arena = portal_arena_allocator()
        defer { if arena != nil { portal_arena_reset() } }
        guard let parser = arena.map({ cmark_parser_new_with_mem(options, $0) }) ?? cmark_parser_new(options) else { return document }
        defer { cmark_parser_free(parser) }
        let extensions = MarkdownRenderer.extensions(for: prepared.markdown)
        document.tablesLeftAsText = extensions.tablesPastBudget
        for name in extensions.names {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        var source = prepared.markdown
        source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let root = MarkdownRenderer.finish(parser) else { return document }
        defer { cmark_node_free(root) }

        let allocator = arena ?? cmark_get_default_mem_allocator()!
        var walk = TreeWalk(origins: prepared.lineOrigins, abbreviations: prepared.abbreviations, allocator: allocator)
        walk.collect(root)
        let removedLinks = walk.rewriteLinks(rewrite, into: &document)
        defer { removedLinks.forEach { cmark_node_free($0) } }
        walk.sanitiseRawHTML(rewrite, into: &document)
        walk.replaceCodeBlocks(into: &document)
        walk.identifyHeadings(into: &document)
        walk.expandAbbreviations()

        guard let html = cmark_render_html_with_mem(root, options, cmark_parser_get_syntax_extensions(parser), allocator) else { return document }
        defer { allocator.pointee.free(html) }
        document.htmlBytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: strlen(html)))
        RenderedHTMLFixes.apply(to: &document.htmlBytes)
        return document
    }
}

/// The nodes of one parsed tree that need work, gathered in one pass and changed afterwards
/// (changing the tree while iterating it is not allowed). Pointers never leave this file.
private struct TreeWalk {
    let origins: [LineOrigin]
    let abbreviations: [Abbreviation]
    /// The tree's allocator: cmark-gfm moves and inserts nodes only between nodes of one allocator.
    let allocator: UnsafeMutablePointer<cmark_mem>
    var headings: [OpaquePointer] = []
    var codeBlocks: [OpaquePointer] = []
    var links: [OpaquePointer] = []
    var rawHTML: [OpaquePointer] = []
    var texts: [OpaquePointer] = []

    init(origins: [LineOrigin], abbreviations: [Abbreviation], allocator: UnsafeMutablePointer<cmark_mem>) {
        self.origins = origins
        self.abbreviations = abbreviations
        self.allocator = allocator
    }

    mutating func collect(_ root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_CODE_BLOCK: codeBlocks.append(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: rawHTML.append(node)
            case CMARK_NODE_TEXT where !abbreviations.isEmpty: texts.append(node)
            default: break
            }
        }
    }

    /// The original file's line and column for a position in the preprocessed text.
    func originalPosition(line: Int32, column: Int32) -> (line: Int, column: Int) {
        let index = Int(line) - 1
        guard index >= 0, index < origins.count else { return (max(Int(line), 1), max(Int(column), 1)) }
        let origin = origins[index]
        return (origin.line, max(Int(column), 1) + origin.columnShift)
    }

    func position(of node: OpaquePointer) -> (line: Int, column: Int) {
        let (line, column) = preprocessedPosition(of: node)
        return originalPosition(line: line, column: column)
    }

    /// The node's line and column in the preprocessed text.
    func preprocessedPosition(of node: OpaquePointer) -> (line: Int32, column: Int32) {
        var line = cmark_node_get_start_line(node)
        var column = cmark_node_get_start_column(node)
        var ancestor: OpaquePointer? = node
        while line <= 0, let current = ancestor {  // inlines in some blocks carry no position: use the block's
            ancestor = cmark_node_parent(current)
            if let parent = ancestor {
                line = cmark_node_get_start_line(parent)
                column = cmark_node_get_start_column(parent)
            }
        }
        return (line, column)
    }

    /// Rewrites every link and image; those left with an unsafe URL, or rewritten to "" (a target that
    /// does not resolve), lose their destination and are returned, to be freed once the tree is
    /// rendered (see ``UnsafeLinkNodes``).
    func rewriteLinks(_ rewrite: (MarkdownLinkReference) -> String?, into document: inout RenderedDocument) -> [OpaquePointer] {
        var removed: [OpaquePointer] = []
        for node in links {
            let isImage = cmark_node_get_type(node) == CMARK_NODE_IMAGE
            let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let (line, column) = position(of: node)
            let reference = MarkdownLinkReference(destination: destination, isImage: isImage, line: line, column: column)
            let url = rewrite(reference) ?? destination
            let isSafe = HTMLSanitizer.isSafeURL(url, forImage: isImage)
            if !isSafe { document.unsafeLinks.append(reference) }
            if !isSafe || (url.isEmpty && !destination.isEmpty) {  // "" from the rewrite: it leads nowhere
                if UnsafeLinkNodes.removeDestination(node, allocator: allocator) { removed.append(node) }
            } else if url != destination {
                cmark_node_set_url(node, url)
            }
        }
        return removed
    }

    /// Sanitises every raw HTML node; the `href` and `src` values in it go through `rewrite` too
    /// (reported at the node's position), so `<img src="images/x.png">` works like `![](images/x.png)`.
    /// URLs the sanitiser removes join the document's unsafe links, at their attribute's position.
    func sanitiseRawHTML(_ rewrite: (MarkdownLinkReference) -> String?, into document: inout RenderedDocument) {
        withoutActuallyEscaping(rewrite) { sanitiseRawHTML(escapingRewrite: $0, into: &document) }
    }

    private func sanitiseRawHTML(escapingRewrite rewrite: @escaping (MarkdownLinkReference) -> String?,
                                 into document: inout RenderedDocument) {
        var removed: [HTMLSanitizer.RemovedURL] = []
        for node in rawHTML {
            guard let literal = cmark_node_get_literal(node) else { continue }
            let original = String(cString: literal)
            let (line, column) = position(of: node)
            removed.removeAll(keepingCapacity: true)
            let safe = HTMLSanitizer.sanitize(original, removedURLs: &removed) { url, isImage in
                rewrite(MarkdownLinkReference(destination: url, isImage: isImage, line: line, column: column))
            }
            if safe != original { cmark_node_set_literal(node, safe) }
            guard !removed.isEmpty else { continue }
            let start = preprocessedPosition(of: node)
            for url in removed {
                let at = Self.position(ofOffset: url.offset, in: original.utf8, startingAt: start)
                let (line, column) = originalPosition(line: at.line, column: at.column)
                document.unsafeLinks.append(MarkdownLinkReference(destination: url.url, isImage: url.isImage, line: line, column: column))
            }
        }
    }

    /// The line and column of a UTF-8 offset in a node's literal that starts at `start`.
    static func position(ofOffset offset: Int, in literal: String.UTF8View, startingAt start: (line: Int32, column: Int32)) -> (line: Int32, column: Int32) {
        var line = start.line
        var column = start.column
        for byte in literal.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// Code blocks become highlighted `<pre>` blocks (Mermaid: a diagram block showing its source).
    /// Our HTML goes into custom blocks, which the sanitiser never sees and cmark-gfm emits as is.
    func replaceCodeBlocks(into document: inout RenderedDocument) {
        for node in codeBlocks {
            let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let fence = FenceInfo(info)
            let html: String
            if fence.language?.lowercased() == "mermaid" {
                document.hasMermaid = true
                html = "<pre class=\"mermaid\" tabindex=\"0\">" + TechDocsHTML.escaped(code.utf8) + "</pre>"
            } else {
                html = Self.codeBlockHTML(code, fence: fence)
            }
            replace(node, withHTML: html)
        }
    }

    static func codeBlockHTML(_ code: String, fence: FenceInfo) -> String {
        let language = fence.language.flatMap(CodeHighlighter.canonicalLanguage)
        var html = "<div class=\"code-block\">"
        if let title = fence.title, !title.isEmpty {
            html += "<div class=\"code-title\">" + TechDocsHTML.escaped(title.utf8) + "</div>"
        }
        // tabindex: a block that scrolls sideways must be reachable by keyboard.
        html += language.map { "<pre tabindex=\"0\"><code class=\"language-\($0)\">" } ?? "<pre tabindex=\"0\"><code>"
        html += CodeHighlighter.highlight(code, language: language)
        html += "</code></pre></div>"
        return html
    }

    func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, allocator) else { return }
        cmark_node_set_on_enter(block, html)
        cmark_node_set_on_exit(block, "")
        cmark_node_insert_before(node, block)
        cmark_node_free(node)
    }

    /// Gives every heading a unique id and a permalink: `<h2 id="x">Text<a class="headerlink" …>`.
    func identifyHeadings(into document: inout RenderedDocument) {
        var slugs = SlugRegistry()
        for node in headings {
            let level = Int(cmark_node_get_heading_level(node))
            let attributes = Self.takeAttributeList(from: node)
            let text = UnsafeLinkNodes.plainText(of: node).trimmingSpaces
            let id = slugs.unique(attributes.id.map(SlugRegistry.cleanID) ?? SlugRegistry.slug(text))
            let (line, _) = position(of: node)
            document.headings.append(DocumentHeading(level: level, id: id, text: text, line: line))
            if level == 1, document.firstTitle == nil { document.firstTitle = text }

            guard let block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, allocator) else { continue }
            let classes = attributes.classes.isEmpty ? "" : " class=\"" + TechDocsHTML.escaped((attributes.classes.joined(separator: " ")).utf8) + "\""
            let escapedID = TechDocsHTML.escaped(id.utf8)
            cmark_node_set_on_enter(block, "<h\(level) id=\"\(escapedID)\"\(classes)>")
            cmark_node_set_on_exit(block, "<a class=\"headerlink\" href=\"#\(escapedID)\" aria-label=\"Permalink to this section\">#</a></h\(level)>")
            while let child = cmark_node_first_child(node), cmark_node_append_child(block, child) != 0 {}
            cmark_node_insert_before(node, block)
            cmark_node_free(node)
        }
    }

    /// Removes a trailing `{ #id .class key=value }` (Python-Markdown attr_list) from a heading's
    /// last text node and returns what it named.
    static func takeAttributeList(from heading: OpaquePointer) -> (id: String?, classes: [String]) {
        guard let last = cmark_node_last_child(heading), cmark_node_get_type(last) == CMARK_NODE_TEXT,
              let literal = cmark_node_get_literal(last) else { return (nil, []) }
        // Most headings end in a letter: only text ending in `}` (before spaces) is parsed.
        var end = strlen(literal)
        while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(UInt8(bitPattern: literal[end - 1])) { end -= 1 }
        guard end > 0, literal[end - 1] == CChar(UInt8(ascii: "}")) else { return (nil, []) }
        let text = String(cString: literal)
        guard let parsed = HeadingAttributes(parsing: text) else { return (nil, []) }
        cmark_node_set_literal(last, parsed.remainder)
        return (parsed.id, parsed.classes)
    }

    /// Wraps defined abbreviations (`*[HTML]: Hyper Text Markup Language`) in `<abbr title>` where
    /// they appear as whole words in text.
    func expandAbbreviations() {
        for node in texts {
            guard let literal = cmark_node_get_literal(node) else { continue }
            let text = String(cString: literal)
            let pieces = AbbreviationMatcher.split(text, abbreviations)
            guard pieces.count > 1 else { continue }
            for piece in pieces {
                let inserted: OpaquePointer?
                switch piece {
                case .text(let value):
                    inserted = cmark_node_new_with_mem(CMARK_NODE_TEXT, allocator)
                    if let inserted { cmark_node_set_literal(inserted, value) }
                case .abbreviation(let term, let expansion):
                    inserted = cmark_node_new_with_mem(CMARK_NODE_HTML_INLINE, allocator)
                    if let inserted {
                        cmark_node_set_literal(inserted, "<abbr title=\"\(TechDocsHTML.escaped(expansion.utf8))\">\(TechDocsHTML.escaped(term.utf8))</abbr>")
                    }
                }
                if let inserted { cmark_node_insert_before(node, inserted) }
            }
            cmark_node_free(node)
        }
    }
}

/// Valid, accessible HTML where cmark-gfm's differs: table cell alignment as classes (the `align`
/// attribute is obsolete), task-list checkboxes with a name, and a heading for the footnotes section.
enum RenderedHTMLFixes {
    /// Static strings: reading a shared array's elements would retain and release them, on cache
    /// lines every core writes (pages are converted on all cores, each with many cells).
    private static let replacements: [(from: StaticString, to: StaticString)] = [
        ("<th align=\"left\">", "<th class=\"align-left\">"), ("<th align=\"center\">", "<th class=\"align-center\">"),
        ("<th align=\"right\">", "<th class=\"align-right\">"), ("<td align=\"left\">", "<td class=\"align-left\">"),
        ("<td align=\"center\">", "<td class=\"align-center\">"), ("<td align=\"right\">", "<td class=\"align-right\">"),
        ("<input type=\"checkbox\" checked=\"\" disabled=\"\" />", "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" />"),
        ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" />"),
        ("<section class=\"footnotes\" data-footnotes>\n", "<section class=\"footnotes\" data-footnotes>\n<h2 class=\"visually-hidden\">Footnotes</h2>\n"),
    ]

    static func apply(to html: inout [UInt8]) {
        // Every pattern starts with `<th `, `<td `, `<input ` or `<section ` (checked below).
        let replacements = Self.replacements  // retained once per page, not once per tag
        let fixed: [UInt8]? = html.withUnsafeBufferPointer { html in
            var output: [UInt8]?
            var copied = 0
            var index = 0
            while let open = ASCII.firstIndex(of: UInt8(ascii: "<"), in: html, from: index) {
                index = open + 1
                // Most tags are none of these (code blocks are full of `<span`): two bytes rule them out.
                guard open + 2 < html.count else { break }
                switch (html[open + 1], html[open + 2]) {
                case (UInt8(ascii: "t"), UInt8(ascii: "h")), (UInt8(ascii: "t"), UInt8(ascii: "d")),
                     (UInt8(ascii: "i"), UInt8(ascii: "n")), (UInt8(ascii: "s"), UInt8(ascii: "e")): break
                default: continue
                }
                guard let replacement = replacements.first(where: { ASCII.hasPrefix(exactly: $0.from, in: html, at: open) }) else { continue }
                if output == nil { output = []; output!.reserveCapacity(html.count + 256) }
                output!.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied..<open]))
                replacement.to.withUTF8Buffer { output!.append(contentsOf: $0) }
                index = open + replacement.from.utf8CodeUnitCount
                copied = index
            }
            guard var result = output else { return nil }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: html[copied...]))
            return result
        }
        if let fixed { html = fixed }
    }
}
