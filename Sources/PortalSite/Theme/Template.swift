/// A compiled Mustache template: text, `{{name}}` (escaped), `{{{name}}}` / `{{&name}}`
/// (unescaped), sections `{{#name}}…{{/name}}`, inverted sections `{{^name}}…{{/name}}`,
/// partials `{{>name}}` and comments `{{! … }}`, with the spec's standalone-line rule.
/// Lambdas and delimiter changes are not supported. Templates render ``TemplateValue``s
/// straight to UTF-8 bytes, with no reflection or dynamic casts, so thousands of pages
/// render in well under a second.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable([String], escaped: Bool)
        case section([String], [Node], inverted: Bool)
        case partial(String)
    }

    let nodes: [Node]

    /// Why a template does not parse, with the 1-based position of the offending tag.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    public init(_ source: String) throws(ParseError) {
        var parser = TemplateParser(Array(source.utf8))
        nodes = try parser.parse()
    }
}

/// Turns template text into nodes.
private struct TemplateParser {
    let bytes: [UInt8]
    var position = 0
    static let open: [UInt8] = Array("{{".utf8)
    static let close: [UInt8] = Array("}}".utf8)
    static let tripleClose: [UInt8] = Array("}}}".utf8)

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(Template.ParseError) -> [Template.Node] {
        var stack: [(name: String, path: [String], inverted: Bool, nodes: [Template.Node], start: Int)] = []
        var nodes: [Template.Node] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { nodes.append(.text(text)); text = [] }
        }
        while position < bytes.count {
            guard let tagStart = find(Self.open, from: position) else {
                text += bytes[position...]
                position = bytes.count
                break
            }
            text += bytes[position..<tagStart]
            var cursor = tagStart + 2
            guard cursor < bytes.count else { throw error(at: tagStart, "unclosed tag") }
            let sigil = bytes[cursor]
            let isTriple = sigil == UInt8(ascii: "{")
            if isTriple || "#^/>&!".utf8.contains(sigil) { cursor += 1 }
            let closer = isTriple ? Self.tripleClose : Self.close
            guard let tagEnd = find(closer, from: cursor) else { throw error(at: tagStart, "unclosed tag") }
            let name = String(decoding: bytes[cursor..<tagEnd], as: UTF8.self).trimmingCharacters(in: " \t\r\n")
            position = tagEnd + closer.count

            // A section, closing, comment or partial tag alone on its line takes the line with it.
            let standaloneKind = "#^/>!".utf8.contains(sigil)
            if standaloneKind, let lineStart = standaloneLineStart(before: tagStart), let next = standaloneLineEnd(after: position) {
                let indent = tagStart - lineStart
                if indent > 0 { text.removeLast(min(indent, text.count)) }
                position = next
            }

            switch sigil {
            case UInt8(ascii: "!"):
                continue
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                guard !name.isEmpty else { throw error(at: tagStart, "a section needs a name") }
                flush()
                stack.append((name, Self.path(name), sigil == UInt8(ascii: "^"), nodes, tagStart))
                nodes = []
            case UInt8(ascii: "/"):
                flush()
                guard let open = stack.popLast() else { throw error(at: tagStart, "'{{/\(name)}}' closes no section") }
                guard open.name == name else {
                    throw error(at: tagStart, "'{{/\(name)}}' closes '{{\(open.inverted ? "^" : "#")\(open.name)}}'")
                }
                let section = Template.Node.section(open.path, nodes, inverted: open.inverted)
                nodes = open.nodes + [section]
            case UInt8(ascii: ">"):
                flush()
                nodes.append(.partial(name))
            default:
                guard !name.isEmpty else { throw error(at: tagStart, "an empty tag") }
                flush()
                let escaped = !(isTriple || sigil == UInt8(ascii: "&"))
                nodes.append(.variable(Self.path(name), escaped: escaped))
            }
        }
        flush()
        if let open = stack.last { throw error(at: open.start, "'{{#\(open.name)}}' is never closed") }
        return nodes
    }

    static func path(_ name: String) -> [String] {
        name == "." ? ["."] : name.split(separator: ".").map(String.init)
    }

    /// The start of the tag's line if only spaces and tabs precede the tag on it.
    func standaloneLineStart(before index: Int) -> Int? {
        var cursor = index
        while cursor > 0 {
            let byte = bytes[cursor - 1]
            if byte == UInt8(ascii: "\n") { return cursor }
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") else { return nil }
            cursor -= 1
        }
        return 0
    }

    /// The position after the line break ending the tag's line, if only white space follows the tag.
    func standaloneLineEnd(after index: Int) -> Int? {
        var cursor = index
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\n") { return cursor + 1 }
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") else { return nil }
            cursor += 1
        }
        return cursor
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == needle[0] && bytes[index + 1] == needle[1] && (needle.count < 3 || bytes[index + 2] == needle[2]) {
                return index
            }
            index += 1
        }
        return nil
    }

    func error(at index: Int, _ message: String) -> Template.ParseError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return Template.ParseError(line: line, column: column, message: message)
    }
}

/// Renders templates that may include each other as partials.
struct TemplateRendering {
    let templates: [String: Template]
    /// Partials nested deeper than this are cut, so a partial that includes itself ends.
    static let maxPartialDepth = 32

    func render(_ name: String, _ value: TemplateValue) -> [UInt8] {
        guard let template = templates[name] else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        var stack = [value]
        render(template.nodes, &stack, into: &output, depth: 0)
        return output
    }

    private func render(_ nodes: [Template.Node], _ stack: inout [TemplateValue], into output: inout [UInt8], depth: Int) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output += bytes
            case .variable(let path, let escaped):
                guard let value = Self.lookup(path, in: stack) else { continue }
                switch value {
                case .text(let text): escaped ? HTMLEscaping.append(text, to: &output) : output.append(contentsOf: text.utf8)
                case .flag(let flag): output += (flag ? "true" : "false").utf8
                case .list, .object: continue
                }
            case .section(let path, let children, let inverted):
                let value = Self.lookup(path, in: stack)
                if inverted {
                    if !Self.isTruthy(value) { render(children, &stack, into: &output, depth: depth) }
                    continue
                }
                guard let value, Self.isTruthy(value) else { continue }
                switch value {
                case .flag: render(children, &stack, into: &output, depth: depth)
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(children, &stack, into: &output, depth: depth)
                        stack.removeLast()
                    }
                case .text, .object:
                    stack.append(value)
                    render(children, &stack, into: &output, depth: depth)
                    stack.removeLast()
                }
            case .partial(let name):
                guard depth < Self.maxPartialDepth, let partial = templates[name] else { continue }
                render(partial.nodes, &stack, into: &output, depth: depth + 1)
            }
        }
    }

    static func isTruthy(_ value: TemplateValue?) -> Bool {
        guard let value else { return false }
        switch value {
        case .flag(let flag): return flag
        case .list(let items): return !items.isEmpty
        case .text(let text): return !text.isEmpty
        case .object: return true
        }
    }

    /// Mustache name resolution: the first name is looked up from the innermost context
    /// outwards; the rest are looked up inside what it found.
    static func lookup(_ path: [String], in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.first else { return nil }
        if first == "." { return stack.last }
        var found: TemplateValue?
        for value in stack.reversed() {
            if let child = value.field(first) { found = child; break }
        }
        for name in path.dropFirst() {
            guard let value = found else { return nil }
            found = value.field(name)
        }
        return found
    }
}

/// HTML escaping of text into a byte buffer.
enum HTMLEscaping {
    static func append(_ text: String, to output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output += "&amp;".utf8
            case UInt8(ascii: "<"): output += "&lt;".utf8
            case UInt8(ascii: ">"): output += "&gt;".utf8
            case UInt8(ascii: "\""): output += "&quot;".utf8
            case UInt8(ascii: "'"): output += "&#39;".utf8
            default: output.append(byte)
            }
        }
    }
}
