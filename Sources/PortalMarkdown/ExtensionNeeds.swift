/// Which of cmark-gfm's `table` and `autolink` extensions a text can use at all, found by
/// looking for the bytes each needs before parsing; a text that cannot hold what one finds parses
/// to the same tree without it (cmark-gfm joins the text nodes an extension's characters cut).
/// Leaving them off saves little here, about 1–2% of converting the benchmark's pages: `table`
/// costs nothing measurable on a page without tables (but ``TableBudget`` need not measure it),
/// and `autolink`'s characters stay in cmark-gfm's process-wide table for the pages that need it
/// (``InlineCharacters``), so what a page without links saves is the extension's match calls.
struct ExtensionNeeds {
    /// A table's delimiter row holds a pipe, or (one column, no pipes) a colon beside a hyphen
    /// (`:-`, `-:`); a row of hyphens alone under a line is a setext heading.
    var tables: Bool
    /// An extended autolink starts at `www.` (lowercase, as cmark-gfm matches it), holds `://`
    /// (`http://`, `https://`, `ftp://`) or is an email address (`@`).
    var autolinks: Bool

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { Self(bytes: $0) }
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        tables = Self.contains(bytes, "|") || Self.contains(bytes, ":-") || Self.contains(bytes, "-:")
        autolinks = Self.contains(bytes, "@") || Self.contains(bytes, "://") || Self.contains(bytes, "www.")
    }

    /// Whether `needle` occurs in `bytes` (found by `memchr` on its first byte, so a scan of a
    /// whole page costs little next to parsing it).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let first = needle.utf8Start.pointee
        var index = 0
        while let found = ASCII.firstIndex(of: first, in: bytes, from: index) {
            if ASCII.hasPrefix(exactly: needle, in: bytes, at: found) { return true }
            index = found + 1
        }
        return false
    }
}
