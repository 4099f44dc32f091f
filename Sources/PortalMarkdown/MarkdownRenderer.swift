internal import CCmarkGFM
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Converts Markdown to HTML with cmark-gfm and the GitHub extensions.
///
/// Raw HTML is kept by cmark-gfm's unsafe mode only when the caller sanitises it later;
/// by default it is replaced, so content cannot inject markup.
public struct MarkdownRenderer: Sendable {
    /// The cmark-gfm extensions attached to every parser.
    public static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// The extensions to attach to a parser of `markdown`: all but `table` for text that cannot
    /// hold a table or whose tables are past ``TableBudget`` (their size is then returned: they are
    /// left as text), and but `autolink` for text that cannot hold an extended autolink
    /// (``ExtensionNeeds``).
    static func extensions(for markdown: String) -> (names: [String], tablesPastBudget: (cells: Int, columns: Int)?) {
        let needs = ExtensionNeeds(markdown)
        let tables = needs.tables ? TableBudget.measure(markdown) : (cells: 0, columns: 0)
        let allowed = TableBudget.allows(tables)
        let names = extensionNames.filter { (needs.tables && allowed || $0 != "table") && (needs.autolinks || $0 != "autolink") }
        return (names, allowed ? nil : tables)
    }

    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool = false) {
        self.allowRawHTML = allowRawHTML
    }

    /// Renders `markdown` to an HTML fragment.
    public func render(_ markdown: String) -> String {
        Self.plainParagraph(markdown) ?? renderWithCmark(markdown)
    }

    /// `<p>…</p>` for one line of plain words (ASCII letters, digits, spaces, `.` and `,`, starting
    /// with a letter and not ending in a space), exactly as cmark-gfm renders it: nothing in it can
    /// start Markdown syntax or need escaping. Most descriptions in API definitions are such
    /// sentences, and this skips the parser and the lock its inline pass takes.
    static func plainParagraph(_ markdown: String) -> String? {
        let utf8 = markdown.utf8
        guard let first = utf8.first, let last = utf8.last, isLetter(first), last != UInt8(ascii: " ") else { return nil }
        var ws = 0  // `w`s just before, for GFM's www.example.com autolinks
        for byte in utf8 {
            switch byte {
            case _ where isLetter(byte): ws = byte | 0x20 == UInt8(ascii: "w") ? ws + 1 : 0
            case _ where isDigit(byte), UInt8(ascii: " "), UInt8(ascii: ","): ws = 0
            case UInt8(ascii: "."): if ws >= 3 { return nil } else { ws = 0 }
            default: return nil
            }
        }
        return "<p>" + markdown + "</p>\n"
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Renders `markdown` with cmark-gfm, whatever it holds, with the extensions it needs (or,
    /// for the tests that check those suffice, the ones named).
    func renderWithCmark(_ markdown: String, extensions names: [String]? = nil) -> String {
        Self.registerExtensions
        var options = CMARK_OPT_FOOTNOTES | CMARK_OPT_GITHUB_PRE_LANG
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        // Tables past the budget stay text (a definition is as untrusted as a docs page).
        for name in names ?? Self.extensions(for: markdown).names {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var source = markdown
        source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = Self.finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        // In safe mode cmark-gfm would write `href=""`; the portal's URL policy and form apply instead.
        let removedLinks = (allowRawHTML ? [] : UnsafeLinkNodes.unsafe(under: document)).filter { UnsafeLinkNodes.removeDestination($0, allocator: cmark_get_default_mem_allocator()) }
        defer { removedLinks.forEach { cmark_node_free($0) } }
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// `cmark_parser_finish(parser)`: at once where ``InlineCharacters/isShared``, else one parser
    /// at a time (``inlineParsing``).
    static func finish(_ parser: OpaquePointer) -> OpaquePointer? {
        InlineCharacters.isShared ? cmark_parser_finish(parser) : inlineParsing.sync { cmark_parser_finish(parser) }
    }

    /// Serialises `cmark_parser_finish` where ``InlineCharacters`` could not make that
    /// unnecessary: while it parses inlines, cmark-gfm adds and then removes the
    /// extensions' trigger characters (`~` for strikethrough, `:` and `w` for autolinks) in a process-wide
    /// table, so concurrent renders would otherwise lose strikethrough and autolinks at random.
    /// A lock rather than a serial queue: the parse must run on the calling thread, whose arena
    /// (see `DocumentRenderer`) holds the document. (Setting the characters once and emptying the
    /// extensions' character lists instead does not work: the emphasis pass finds strikethrough
    /// through that list, and without it never finishes on `~~x~~`.)
    static let inlineParsing = SerialSection()

    static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()
}

/// Runs work one caller at a time, each on its own thread (a mutex).
final class SerialSection: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func sync<T>(execute work: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return work()
    }
}
