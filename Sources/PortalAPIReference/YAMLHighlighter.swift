import PortalYAML

/// Highlights YAML and JSON (a subset of YAML flow style) with a one-pass scanner.
///
/// It does not validate: it colours keys, quoted and plain scalars by the YAML 1.2 core schema,
/// comments, anchors, tags and block scalars, and passes everything else through escaped.
struct YAMLHighlighter {
    private let bytes: [UInt8]
    private var index = 0
    private var lineIndent = 0
    private var flowDepth = 0
    /// The indentation of the line that opened a block scalar (`key: |`) while inside one.
    private var blockParentIndent: Int?

    static func highlight(_ bytes: [UInt8], into output: inout HighlightOutput) {
        var highlighter = YAMLHighlighter(bytes: bytes)
        highlighter.run(into: &output)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func run(into output: inout HighlightOutput) {
        lineStart(into: &output)
        while index < bytes.count {
            let start = index
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                index += 1
                output.plain(start..<index)
                lineStart(into: &output)
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ","):
                index += 1
                output.plain(start..<index)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowDepth += 1
                index += 1
                output.plain(start..<index)
            case UInt8(ascii: ":") where flowDepth > 0:
                // After a JSON key: an indicator even without a space.
                index += 1
                output.plain(start..<index)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                flowDepth = max(0, flowDepth - 1)
                index += 1
                output.plain(start..<index)
            case UInt8(ascii: "#") where atTokenStart(start):
                index = lineEnd(from: index)
                output.token(start..<index, class: "tok-comment")
            case _ where (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && atTokenStart(start):
                quoted(byte)
                output.token(start..<index, class: followedByColon() ? "tok-key" : "tok-string")
            case UInt8(ascii: "-") where atTokenStart(start) && isBreak(at: index + 1):
                index += 1
                output.plain(start..<index)
            case _ where (byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">")) && atTokenStart(start) && flowDepth == 0:
                blockIndicator(into: &output)
            case _ where (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "!")) && atTokenStart(start):
                while index < bytes.count, !isBreak(at: index), !isFlowIndicator(bytes[index]) { index += 1 }
                output.token(start..<index, class: "tok-keyword")
            default:
                plainScalar(into: &output)
            }
        }
    }

    /// Measures the indentation of a new line; inside a block scalar, a more indented or blank line is string content.
    private mutating func lineStart(into output: inout HighlightOutput) {
        let start = index
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        lineIndent = index - start
        output.plain(start..<index)
        guard let parent = blockParentIndent else { return }
        let end = lineEnd(from: index)
        let blank = bytes[index..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        if blank || lineIndent > parent {
            output.token(index..<end, class: blank ? nil : "tok-string")
            index = end
        } else {
            blockParentIndent = nil
        }
    }

    /// `|`, `>`, with chomping and indentation indicators: the following indented lines are the scalar.
    private mutating func blockIndicator(into output: inout HighlightOutput) {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
                || SourceLexer.isDigit(bytes[index]) {
            index += 1
        }
        output.token(start..<index, class: "tok-keyword")
        var rest = index
        while rest < bytes.count, bytes[rest] == UInt8(ascii: " ") || bytes[rest] == UInt8(ascii: "\t") { rest += 1 }
        if rest >= bytes.count || bytes[rest] == UInt8(ascii: "\n") || bytes[rest] == UInt8(ascii: "\r")
            || bytes[rest] == UInt8(ascii: "#") {
            blockParentIndent = lineIndent
        }
    }

    /// A quoted scalar: `'…'` with `''` escapes or `"…"` with backslash escapes, across lines.
    private mutating func quoted(_ quote: UInt8) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == quote {
                guard quote == UInt8(ascii: "'"), index < bytes.count, bytes[index] == quote else { return }
                index += 1
            } else if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\""), index < bytes.count {
                index += 1
            }
        }
    }

    /// A plain scalar up to `: `, ` #`, the line's end, or (in flow style) a flow indicator.
    private mutating func plainScalar(into output: inout HighlightOutput) {
        let start = index
        var end = index
        var isKey = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if byte == UInt8(ascii: ":"), isBreak(at: index + 1) || (flowDepth > 0 && index + 1 < bytes.count && isFlowIndicator(bytes[index + 1])) {
                isKey = true
                break
            }
            if byte == UInt8(ascii: "#"), index > start, bytes[index - 1] == UInt8(ascii: " ") { break }
            if flowDepth > 0, isFlowIndicator(byte) { break }
            index += 1
            if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { end = index }
        }
        if index == start {
            // A lone ':' or similar: pass it through.
            index += 1
            output.plain(start..<index)
            return
        }
        let className: String
        if isKey {
            className = "tok-key"
        } else if !Self.mayResolveToNonString(bytes[start]) {
            className = "tok-string"
        } else {
            switch YAMLNode.resolvePlain(String(decoding: bytes[start..<end], as: UTF8.self)) {
            case .int, .double: className = "tok-number"
            case .bool, .null: className = "tok-keyword"
            case .string: className = "tok-string"
            }
        }
        output.token(start..<end, class: className)
        output.plain(end..<index)
    }

    /// Whether a plain scalar starting with `byte` can be anything but a string (`~`, `null`,
    /// `true`, `false`, numbers): the bytes ``YAMLNode/resolvePlain(_:)`` looks further at.
    private static func mayResolveToNonString(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }

    private func followedByColon() -> Bool {
        var next = index
        while next < bytes.count, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t") { next += 1 }
        return next < bytes.count && bytes[next] == UInt8(ascii: ":")
    }

    private func atTokenStart(_ position: Int) -> Bool {
        guard position > 0 else { return true }
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
        guard position < bytes.count else { return true }
        let byte = bytes[position]
        return byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    private func lineEnd(from position: Int) -> Int {
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return end
    }
}
