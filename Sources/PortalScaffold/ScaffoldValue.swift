public import PortalYAML

/// A value flowing through a template run: form parameters, step inputs, `values.*` inside a
/// skeleton, and what expressions compute. JSON's data model; `undefined` is what a missing key
/// or an unknown name evaluates to (Nunjucks renders it as empty text).
public enum ScaffoldValue: Sendable, Equatable {
    case undefined
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([ScaffoldValue])
    case object([String: ScaffoldValue])

    /// Converts a YAML node by the YAML 1.2 core schema (`8080` is an integer, `'8080'` a string).
    public init(_ node: YAMLNode) {
        switch node.content {
        case .sequence(let items):
            self = .list(items.map(ScaffoldValue.init))
        case .mapping(let pairs):
            var object: [String: ScaffoldValue] = [:]
            for pair in pairs { object[pair.key.scalarText ?? ""] = ScaffoldValue(pair.value) }
            self = .object(object)
        case .scalar:
            switch node.scalarValue ?? .null {
            case .null: self = .null
            case .bool(let flag): self = .bool(flag)
            case .int(let number): self = .int(number)
            case .double(let number): self = .double(number)
            case .string(let text): self = .string(text)
            }
        }
    }

    /// The member `key` of an object (and `length` of a list or string), else `undefined`.
    public subscript(key: String) -> ScaffoldValue {
        switch self {
        case .object(let members): members[key] ?? .undefined
        case .list(let items) where key == "length": .int(items.count)
        case .string(let text) where key == "length": .int(text.count)
        default: .undefined
        }
    }

    /// Truthiness as in JavaScript: empty strings, zero, null and undefined are false.
    public var isTruthy: Bool {
        switch self {
        case .undefined, .null: false
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .double(let number): number != 0 && !number.isNaN
        case .string(let text): !text.isEmpty
        case .list, .object: true
        }
    }

    /// Whether the value is absent (`undefined` or `null`).
    public var isMissing: Bool {
        switch self {
        case .undefined, .null: true
        default: false
        }
    }

    /// The text Nunjucks prints for the value: empty for undefined and null, JSON-ish for
    /// collections (`a,b` for a list, as JavaScript's `String(array)`).
    public var text: String {
        switch self {
        case .undefined, .null: ""
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): Self.numberText(number)
        case .string(let text): text
        case .list(let items): items.map(\.text).joined(separator: ",")
        case .object: "[object Object]"
        }
    }

    /// The value as compact JSON, keys sorted (the `dump` filter).
    public var json: String {
        switch self {
        case .undefined, .null: "null"
        case .bool, .int, .double: text
        case .string(let text): Self.quoted(text)
        case .list(let items): "[" + items.map(\.json).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.keys.sorted().map { Self.quoted($0) + ":" + members[$0]!.json }.joined(separator: ",") + "}"
        }
    }

    /// A name for the value's type in messages (`string`, `integer`, …), as JSON Schema names them.
    public var typeName: String {
        switch self {
        case .undefined: "undefined"
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .list: "array"
        case .object: "object"
        }
    }

    static func numberText(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
