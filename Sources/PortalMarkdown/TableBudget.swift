/// A bound on the GFM tables of one page, checked before cmark-gfm parses it.
///
/// cmark-gfm's table extension keeps about 450 bytes per cell and appends each cell to its row
/// through a linked list it walks from the start, so a row of C cells costs C² steps: a 16 MB page
/// of 4,000-column rows takes 74 s and 3.5 GB. Pages whose tables pass the bound are parsed
/// without the table extension (their tables show as text) and the caller reports it.
public enum TableBudget {
    /// The most cells the tables of one page may have together.
    public static let maximumCells = 100_000
    /// The most columns one table may have.
    public static let maximumColumns = 1_000

    /// An upper bound on the cells of every table in `markdown` (a delimiter row under a
    /// non-blank line, times the lines up to the next blank one), skipping fenced code; and the
    /// widest delimiter row.
    static func measure(_ markdown: String) -> (cells: Int, columns: Int) {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            var cells = 0, widest = 0
            var fence: (marker: UInt8, length: Int)?
            var previousBlank = true
            var tableColumns = 0
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if let open = fence {
                    if let close = fenceMarker(line), close.marker == open.marker, close.length >= open.length, close.onlyFence { fence = nil }
                    previousBlank = blank
                    continue
                }
                if let opening = fenceMarker(line) {
                    fence = (opening.marker, opening.length)
                    tableColumns = 0
                    previousBlank = false
                    continue
                }
                if blank {
                    tableColumns = 0
                } else if tableColumns > 0 {
                    cells += tableColumns
                } else if !previousBlank, let columns = delimiterColumns(line) {
                    tableColumns = columns
                    widest = max(widest, columns)
                    cells += 2 * columns  // the header and delimiter rows
                }
                previousBlank = blank
            }
            return (cells, widest)
        }
    }

    /// Whether the tables of `markdown` are within the bound.
    static func allows(_ size: (cells: Int, columns: Int)) -> Bool {
        size.cells <= maximumCells && size.columns <= maximumColumns
    }

    /// The columns of a delimiter row (`| --- | :-: |`), or nil when the line is not one.
    private static func delimiterColumns(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var pipes = 0, dashes = 0, columns = 0, inCell = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "|"):
                pipes += 1
                inCell = false
            case UInt8(ascii: "-"):
                dashes += 1
                if !inCell { columns += 1; inCell = true }
            case UInt8(ascii: ":"):
                if !inCell { columns += 1; inCell = true }
            case 0x20, 0x09, 0x0D:
                break
            default:
                return nil
            }
        }
        return pipes > 0 && dashes > 0 ? columns : nil
    }

    /// The marker and length of a code fence opening or closing `line` (up to three spaces of
    /// indent), and whether nothing but spaces follows it.
    private static func fenceMarker(_ line: UnsafeBufferPointer<UInt8>) -> (marker: UInt8, length: Int, onlyFence: Bool)? {
        var index = 0
        while index < line.count && index < 3 && line[index] == 0x20 { index += 1 }
        guard index < line.count, line[index] == UInt8(ascii: "`") || line[index] == UInt8(ascii: "~") else { return nil }
        let marker = line[index]
        var length = 0
        while index < line.count && line[index] == marker { length += 1; index += 1 }
        guard length >= 3 else { return nil }
        let rest = line[index...]
        return (marker, length, rest.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
    }
}
