/// Highlights a unified diff line by line: `+` inserted, `-` deleted, `@@` hunk and file headers meta,
/// `\ No newline at end of file` a comment; context lines stay plain.
enum DiffHighlighter {
    static func highlight(_ start: Int, _ end: Int, into output: inout HighlightOutput) {
        let bytes = output.source
        var line = start
        while line < end {
            let lineEnd = bytes.lineEnd(from: line, end: end)
            var textEnd = lineEnd
            if textEnd > line, bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
            output.token(line, textEnd, kind(bytes, line, textEnd))
            output.plain(textEnd, min(lineEnd + 1, end))
            line = lineEnd + 1
        }
    }

    private static func kind(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Int, _ end: Int) -> TokenClass? {
        guard line < end else { return nil }
        if bytes.matches("+++ ", at: line, end: end) || bytes.matches("--- ", at: line, end: end)
            || bytes.matches("@@", at: line, end: end) || bytes.matches("diff ", at: line, end: end)
            || bytes.matches("index ", at: line, end: end) || bytes.matches("new file mode", at: line, end: end)
            || bytes.matches("deleted file mode", at: line, end: end) || bytes.matches("similarity index", at: line, end: end)
            || bytes.matches("rename from", at: line, end: end) || bytes.matches("rename to", at: line, end: end)
            || bytes.matches("*** ", at: line, end: end) {
            return .meta
        }
        switch bytes[line] {
        case UInt8(ascii: "+"), UInt8(ascii: ">"): return .inserted
        case UInt8(ascii: "-"), UInt8(ascii: "<"): return .deleted
        case UInt8(ascii: "!"): return .meta
        case UInt8(ascii: "\\"): return .comment
        default: return nil
        }
    }
}
