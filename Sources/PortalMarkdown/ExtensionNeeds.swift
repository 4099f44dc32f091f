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
        // Each needle found by `memchr` on its first byte: a scan of a whole page costs little next to parsing it.
        func contains(_ needle: StaticString) -> Bool { ASCII.firstIndex(of: needle, in: bytes, from: 0) != nil }
        tables = contains("|") || contains(":-") || contains("-:")
        autolinks = contains("@") || contains("://") || contains("www.")
    }
}
