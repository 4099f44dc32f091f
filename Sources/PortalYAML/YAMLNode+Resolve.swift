/// A scalar's value under the YAML 1.2 core schema, as Backstage's YAML parser reads it.
public enum ScalarValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
}

extension YAMLNode {
    /// The resolved value of a scalar node (nil for collections).
    ///
    /// Quoted and block scalars, and `!!str`, are strings. Plain scalars follow the
    /// YAML 1.2 core schema: so `yes` and `on` stay strings, `123` is an integer.
    public var scalarValue: ScalarValue? {
        guard case .scalar(let text, let style) = content else { return nil }
        if let tag {
            switch tag {
            case "tag:yaml.org,2002:str": return .string(text)
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float": break
            default: return .string(text)
            }
        }
        guard style == .plain else { return .string(text) }
        return Self.resolvePlain(text)
    }

    /// The scalar's text when it resolves to a string, else nil.
    public var stringValue: String? {
        if case .string(let text) = scalarValue { return text }
        return nil
    }

    /// Resolves plain scalar text by the YAML 1.2 core schema.
    public static func resolvePlain(_ text: String) -> ScalarValue {
        guard let first = text.utf8.first else { return .null }
        // Fast path: most scalars start with a letter other than the few that matter.
        switch first {
        case UInt8(ascii: "~"):
            return text == "~" ? .null : .string(text)
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return text == "null" || text == "Null" || text == "NULL" ? .null : .string(text)
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return text == "true" || text == "True" || text == "TRUE" ? .bool(true) : .string(text)
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return text == "false" || text == "False" || text == "FALSE" ? .bool(false) : .string(text)
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return resolveNumber(text) ?? .string(text)
        default:
            return .string(text)
        }
    }

    private static func resolveNumber(_ text: String) -> ScalarValue? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        // `Int(_:radix:)` would accept a sign after the prefix, which the schema does not (`0x-1` is a string).
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[2] != UInt8(ascii: "-"), bytes[2] != UInt8(ascii: "+") {
            if bytes[1] == UInt8(ascii: "o"), let value = Int(text.dropFirst(2), radix: 8) { return .int(value) }
            if bytes[1] == UInt8(ascii: "x"), let value = Int(text.dropFirst(2), radix: 16) { return .int(value) }
        }
        var index = 0
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let digitsStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        let integerDigits = index - digitsStart
        if index == bytes.count {
            guard integerDigits > 0 else { return nil }
            if let value = Int(text) { return .int(value) }
            return Double(text).map(ScalarValue.double)
        }
        var fractionDigits = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            fractionDigits = index - fractionStart
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > exponentStart else { return nil }
        }
        guard index == bytes.count else { return nil }
        return Double(text).map(ScalarValue.double)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
