/// Highlights YAML and JSON (a subset of YAML flow style) with a one-pass scanner.
///
/// It does not validate: it colours keys, quoted and plain scalars by the YAML 1.2 core schema,
/// comments, anchors, tags and block scalars, and passes everything else through escaped.
struct YAMLHighlighter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let start: Int
    private let end: Int
    private var index: Int
    private var lineIndent = 0
    private var flowDepth = 0
    /// The indentation of the line that opened a block scalar (`key: |`) while inside one.
    private var blockParentIndent: Int?

    static func highlight(_ start: Int, _ end: Int, into output: inout HighlightOutput) {
        var highlighter = YAMLHighlighter(bytes: output.source, start: start, end: end)
        highlighter.run(into: &output)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.bytes = bytes
        self.start = start
        self.end = end
        self.index = start
    }

    private mutating func run(into output: inout HighlightOutput) {
        lineStart(into: &output)
        while index < end {
            let start = index
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                index += 1
                output.plain(start, index)
                lineStart(into: &output)
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ","):
                index += 1
                output.plain(start, index)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                index += 1
                output.plain(start, index)
            case UInt8(ascii: ":") where flowDepth > 0:
                // After a JSON key: an indicator even without a space.
                index += 1
                output.plain(start, index)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
                index += 1
                output.plain(start, index)
            case UInt8(ascii: "#") where atTokenStart(start):
                index = bytes.lineEnd(from: index, end: end)
                output.token(start, index, .comment)
            case _ where (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && atTokenStart(start):
                quoted(byte)
                output.token(start, index, followedByColon() ? .key : .string)
            case UInt8(ascii: "-") where atTokenStart(start) && isBreak(at: index + 1):
                index += 1
                output.plain(start, index)
            case _ where (byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">")) && atTokenStart(start) && flowDepth == 0:
                blockIndicator(into: &output)
            case _ where (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "!")) && atTokenStart(start):
                while index < end, !isBreak(at: index), !isFlowIndicator(bytes[index]) { index += 1 }
                output.token(start, index, .keyword)
            default:
                plainScalar(into: &output)
            }
        }
    }

    /// Measures the indentation of a new line; inside a block scalar, a more indented or blank line is string content.
    private mutating func lineStart(into output: inout HighlightOutput) {
        let start = index
        while index < end, bytes[index] == UInt8(ascii: " ") { index += 1 }
        lineIndent = index - start
        output.plain(start, index)
        guard let parent = blockParentIndent else { return }
        let lineEnd = bytes.lineEnd(from: index, end: end)
        var blank = true
        for position in index..<lineEnd {
            let byte = bytes[position]
            if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r") {
                blank = false
                break
            }
        }
        if blank || lineIndent > parent {
            output.token(index, lineEnd, blank ? nil : .string)
            index = lineEnd
        } else {
            blockParentIndent = nil
        }
    }

    /// `|`, `>`, with chomping and indentation indicators: the following indented lines are the scalar.
    private mutating func blockIndicator(into output: inout HighlightOutput) {
        let start = index
        index += 1
        while index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") || bytes[index].isDigit {
            index += 1
        }
        output.token(start, index, .keyword)
        var rest = index
        while rest < end, bytes[rest] == UInt8(ascii: " ") || bytes[rest] == UInt8(ascii: "\t") { rest += 1 }
        if rest >= end || bytes[rest] == UInt8(ascii: "\n") || bytes[rest] == UInt8(ascii: "\r") || bytes[rest] == UInt8(ascii: "#") {
            blockParentIndent = lineIndent
        }
    }

    /// A quoted scalar: `'…'` with `''` escapes or `"…"` with backslash escapes, across lines.
    private mutating func quoted(_ quote: UInt8) {
        index += 1
        while index < end {
            let byte = bytes[index]
            index += 1
            if byte == quote {
                guard quote == UInt8(ascii: "'"), index < end, bytes[index] == quote else { return }
                index += 1
            } else if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""), index < end {
                index += bytes[index].scalarLength
                index = min(index, end)
            }
        }
    }

    /// A plain scalar up to `: `, ` #`, the line's end, or (in flow style) a flow indicator.
    private mutating func plainScalar(into output: inout HighlightOutput) {
        let start = index
        var scalarEnd = index
        var isKey = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if byte == UInt8(ascii: ":"), isBreak(at: index + 1) || (flowDepth > 0 && index + 1 < end && isFlowIndicator(bytes[index + 1])) {
                isKey = true
                break
            }
            if byte == UInt8(ascii: "#"), index > start, bytes[index - 1] == UInt8(ascii: " ") { break }
            if flowDepth > 0, isFlowIndicator(byte) { break }
            index += 1
            if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { scalarEnd = index }
        }
        if index == start {
            // A lone ':' or similar: pass it through.
            index += 1
            output.plain(start, index)
            return
        }
        let kind: TokenClass
        if isKey {
            kind = .key
        } else {
            switch YAMLPlainScalar.resolve(bytes, start, scalarEnd) {
            case .number: kind = .number
            case .keyword: kind = .keyword
            case .string: kind = .string
            }
        }
        output.token(start, scalarEnd, kind)
        output.plain(scalarEnd, index)
    }

    private func followedByColon() -> Bool {
        var next = index
        while next < end, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t") { next += 1 }
        return next < end && bytes[next] == UInt8(ascii: ":")
    }

    private func atTokenStart(_ position: Int) -> Bool {
        guard position > start else { return true }
        switch bytes[position - 1] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
             UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
            return true
        default:
            return false
        }
    }

    /// Whether the byte at `position` is whitespace, a line break, or the end.
    private func isBreak(at position: Int) -> Bool {
        guard position < end else { return true }
        let byte = bytes[position]
        return byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }
}
