internal import CCmarkGFM
import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Lets cmark-gfm parse on several threads at once without a lock.
///
/// cmark-gfm keeps the characters that start an extension's inline syntax (`~` for
/// strikethrough, `:` and `w` for autolinks) in one process-wide table. Around each document's
/// inline pass, `cmark_parser_finish` adds its extensions' characters to it and removes them
/// again by calling `cmark_manage_extensions_special_characters`, so a document finishing on one
/// thread clears them under another one still parsing, which then loses strikethrough and
/// autolinks. Every parser here attaches the same extensions, or some of them (``ExtensionNeeds``:
/// a parser without one finds no match where its characters stop the inline pass, and cmark-gfm
/// joins the text it cut there), so the table need never change: the characters of all are added
/// once, for good, and the add and remove calls around each document do nothing.
///
/// The library makes those calls through its procedure linkage table, so a function of that
/// name exported by the executable replaces its own (the executables and the test bundle are
/// linked with `--export-dynamic-symbol` for it; see Package.swift). Where that does not happen
/// (another platform, another build of the library) the calls never reach this file, and
/// ``isShared`` stays false: the parsers then take turns, as they must.
enum InlineCharacters {
    /// Whether parsers may finish on several threads at once: the characters are in the table
    /// for good, and a test document showed that the library's add and remove calls come here.
    static let isShared: Bool = {
        guard let library = libraryManage, let setup = parser() else { return false }
        library(setup, 1)
        cmark_parser_free(setup)
        permanent.store(true, ordering: .releasing)
        // A document parsed now must call here (twice) and still find its strikethrough and autolink.
        let before = calls.load(ordering: .relaxed)
        guard let check = parser() else { return false }
        defer { cmark_parser_free(check) }
        let text = "~~a~~ www.example.com"
        cmark_parser_feed(check, text, text.utf8.count)
        guard let document = MarkdownRenderer.inlineParsing.sync(execute: { cmark_parser_finish(check) }) else { return false }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(check)) else { return false }
        defer { free(html) }
        return calls.load(ordering: .relaxed) > before
            && String(cString: html) == "<p><del>a</del> <a href=\"http://www.example.com\">www.example.com</a></p>\n"
    }()

    /// A parser with every extension attached.
    private static func parser() -> OpaquePointer? {
        MarkdownRenderer.registerExtensions
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        for name in MarkdownRenderer.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        return parser
    }

    /// The library's own function, found past this executable's definition.
    fileprivate static let libraryManage: (@convention(c) (OpaquePointer?, Int32) -> Void)? = {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: -1), "cmark_manage_extensions_special_characters") else { return nil }  // RTLD_NEXT
        return unsafeBitCast(address, to: (@convention(c) (OpaquePointer?, Int32) -> Void).self)
    }()

    /// Set once the characters were added for good.
    fileprivate static let permanent = Atomic<Bool>(false)
    /// How often the library called the replacement.
    fileprivate static let calls = Atomic<Int>(0)
}

/// cmark-gfm's `cmark_manage_extensions_special_characters`, which its parsers call around each
/// document's inline pass (see ``InlineCharacters``): nothing once the characters are in the
/// table for good, the library's own behaviour before.
@_cdecl("cmark_manage_extensions_special_characters")
public func _cmarkManageExtensionsSpecialCharacters(_ parser: OpaquePointer?, _ add: Int32) {
    InlineCharacters.calls.add(1, ordering: .relaxed)
    if InlineCharacters.permanent.load(ordering: .acquiring) { return }
    InlineCharacters.libraryManage?(parser, add)
}
