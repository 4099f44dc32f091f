/// Which of cmark-gfm's costlier extensions a text can use at all, found by looking for the bytes
/// that each needs before parsing. Attached to a parser, the `table` extension tries every
/// paragraph line as a table's delimiter row, and `autolink` stops the inline parser at every
/// `:`, `@` and `w`: on the benchmark's pages they take about 28% and 17% of cmark-gfm's time.
/// A text that cannot hold what they find parses to the same tree without them (cmark-gfm joins
/// the text nodes they would split).
struct ExtensionNeeds: Equatable {
    /// A table's delimiter row holds a pipe, or (one column, no pipes) a colon beside a hyphen
    /// (`:-`, `-:`); a row of hyphens alone under a line is a setext heading.
    var tables: Bool
    /// An extended autolink starts at `www.` (lowercase, as cmark-gfm matches it), holds `://`
    /// (`http://`, `https://`, `ftp://`) or is an email address (`@`).
    var autolinks: Bool

    init(tables: Bool, autolinks: Bool) {
        self.tables = tables
        self.autolinks = autolinks
    }

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
