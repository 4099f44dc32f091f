import PortalKit

/// A compiled Mustache template: text, `{{name}}` (escaped), `{{{name}}}` / `{{&name}}`
/// (unescaped), sections `{{#name}}…{{/name}}`, inverted sections `{{^name}}…{{/name}}`,
/// partials `{{>name}}` and comments `{{! … }}`, with the spec's standalone-line rule.
/// Lambdas and delimiter changes are not supported. Templates render ``TemplateValue``s
/// straight to UTF-8 bytes, with no reflection or dynamic casts, so thousands of pages
/// render in well under a second.
public struct Template: Sendable {
    enum Node: Sendable {
        case text([UInt8])
        case variable([TemplateName], escaped: Bool)
        case section([TemplateName], [Node], inverted: Bool)
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
        var stack: [(name: String, path: [TemplateName], inverted: Bool, nodes: [Template.Node], start: Int)] = []
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
            let name = String(decoding: bytes[cursor..<tagEnd], as: UTF8.self).trimmingWhitespace
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

    static func path(_ name: String) -> [TemplateName] {
        name == "." ? [TemplateName(".")] : name.split(separator: ".").map { TemplateName(String($0)) }
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

/// A name in a tag, with the field that `hasX` stands for worked out once, when parsing.
struct TemplateName: Sendable {
    let name: String
    /// ``TemplateFields/fingerprint(_:)`` of `name`.
    let fingerprint: UInt64
    /// `.`, the current context.
    let isCurrent: Bool
    /// `tags` for `hasTags`: a missing `hasX` field is true when field `x` is truthy.
    let presenceOf: String?
    let presenceFingerprint: UInt64

    init(_ name: String) {
        self.name = name
        fingerprint = TemplateFields.fingerprint(name)
        isCurrent = name == "."
        if name.hasPrefix("has"), name.utf8.count > 3 {
            let rest = name.dropFirst(3)
            presenceOf = rest.prefix(1).lowercased() + rest.dropFirst()
        } else {
            presenceOf = nil
        }
        presenceFingerprint = presenceOf.map(TemplateFields.fingerprint) ?? 0
    }
}
