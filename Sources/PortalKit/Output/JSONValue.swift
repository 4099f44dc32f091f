public import PortalYAML

/// A JSON value whose objects keep their key order, so output is deterministic and
/// follows the order authors wrote.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// Converts a YAML node with the YAML 1.2 core schema; non-string keys use their text.
    public init(_ node: YAMLNode) {
        switch node.content {
        case .scalar:
            switch node.scalarValue ?? .null {
            case .null: self = .null
            case .bool(let value): self = .bool(value)
            case .int(let value): self = .int(value)
            case .double(let value): self = value.isFinite ? .double(value) : .null
            case .string(let value): self = .string(value)
            }
        case .sequence(let items):
            self = .array(items.map(JSONValue.init))
        case .mapping(let pairs):
            self = .object(pairs.map { ($0.key.scalarText ?? "", JSONValue($0.value)) })
        }
    }

    /// The value under `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }
}

/// Writes ``JSONValue``s as UTF-8 bytes: two-space indentation, `<`, `>` and `&` escaped so
/// the output is safe to inline in HTML.
public struct JSONWriter: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    public func write(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        append(value, indent: 0, to: &output)
        if pretty { output.append(0x0A) }
        return output
    }

    /// The same bytes as `write(.object([(key, .array(items))]))` for `count` items made one at a
    /// time by `item`, so a long list never exists as one tree of values.
    public func write(key: String, count: Int, item: (Int) -> JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        output.append(0x7B)
        newline(1, &output)
        Self.appendString(key, to: &output)
        output.append(0x3A)
        if pretty { output.append(0x20) }
        if count == 0 {
            output += [0x5B, 0x5D]
        } else {
            output.append(0x5B)
            for position in 0..<count {
                if position > 0 { output.append(0x2C) }
                newline(2, &output)
                append(item(position), indent: 2, to: &output)
            }
            newline(1, &output)
            output.append(0x5D)
        }
        newline(0, &output)
        output.append(0x7D)
        if pretty { output.append(0x0A) }
        return output
    }

    public func string(_ value: JSONValue) -> String {
        String(decoding: write(value), as: UTF8.self)
    }

    private func newline(_ indent: Int, _ output: inout [UInt8]) {
        guard pretty else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    private func append(_ value: JSONValue, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number):
            if number == number.rounded(), abs(number) < 1e15 {
                output.append(contentsOf: String(Int(number)).utf8)
            } else {
                output.append(contentsOf: String(number).utf8)
            }
        case .string(let text): Self.appendString(text, to: &output)
        case .array(let items):
            if items.isEmpty { output += [0x5B, 0x5D]; return }
            output.append(0x5B)
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(0x2C) }
                newline(indent + 1, &output)
                append(item, indent: indent + 1, to: &output)
            }
            newline(indent, &output)
            output.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { output += [0x7B, 0x7D]; return }
            output.append(0x7B)
            for (position, pair) in pairs.enumerated() {
                if position > 0 { output.append(0x2C) }
                newline(indent + 1, &output)
                Self.appendString(pair.0, to: &output)
                output.append(0x3A)
                if pretty { output.append(0x20) }
                append(pair.1, indent: indent + 1, to: &output)
            }
            newline(indent, &output)
            output.append(0x7D)
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A quoted string; runs of bytes that need no escape are copied whole.
    package static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0x3E && byte != 0x26 { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case 0x22: output += [0x5C, 0x22]
                case 0x5C: output += [0x5C, 0x5C]
                case 0x0A: output += [0x5C, 0x6E]
                case 0x0D: output += [0x5C, 0x72]
                case 0x09: output += [0x5C, 0x74]
                default: output += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(0x22)
    }
}
