/// What a plain YAML scalar resolves to by the YAML 1.2 core schema, read from its bytes.
///
/// The same rules as `YAMLNode.resolvePlain` in PortalYAML (kept in step by the API reference
/// goldens), without making a `String` of every scalar.
enum YAMLPlainScalar {
    case string, number, keyword

    static func resolve(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> YAMLPlainScalar {
        guard start < end else { return .keyword }
        switch bytes[start] {
        case UInt8(ascii: "~"):
            return end - start == 1 ? .keyword : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return oneOf(bytes, start, end, "null", "Null", "NULL") ? .keyword : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return oneOf(bytes, start, end, "true", "True", "TRUE") ? .keyword : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return oneOf(bytes, start, end, "false", "False", "FALSE") ? .keyword : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return isNumber(bytes, start, end) ? .number : .string
        default:
            return .string
        }
    }

    private static func oneOf(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ words: StaticString...) -> Bool {
        words.contains { $0.utf8CodeUnitCount == end - start && bytes.matches($0, at: start, end: end) }
    }

    private static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        if oneOf(bytes, start, end, ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN") {
            return true
        }
        let count = end - start
        // `0o17`, `0x1F` (a sign after the prefix makes a string); too large for an Int is a string too.
        if count > 2, bytes[start] == UInt8(ascii: "0"), bytes[start + 2] != UInt8(ascii: "-"), bytes[start + 2] != UInt8(ascii: "+") {
            if bytes[start + 1] == UInt8(ascii: "o"), fitsInt(bytes, start + 2, end, radix: 8) { return true }
            if bytes[start + 1] == UInt8(ascii: "x"), fitsInt(bytes, start + 2, end, radix: 16) { return true }
        }
        var index = start
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let digitsStart = index
        while index < end, bytes[index].isDigit { index += 1 }
        let integerDigits = index - digitsStart
        if index == end { return integerDigits > 0 }
        var fractionDigits = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < end, bytes[index].isDigit { index += 1 }
            fractionDigits = index - fractionStart
        }
        guard integerDigits + fractionDigits > 0 else { return false }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            let exponentStart = index
            while index < end, bytes[index].isDigit { index += 1 }
            guard index > exponentStart else { return false }
        }
        return index == end
    }

    /// Whether the digits parse as an `Int` in `radix` (an optional sign first, as `Int(_:radix:)` takes it).
    private static func fitsInt(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, radix: Int) -> Bool {
        var index = start
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < end else { return false }
        var value = 0
        while index < end {
            let byte = bytes[index]
            let digit: Int
            if byte.isDigit {
                digit = Int(byte - UInt8(ascii: "0"))
            } else if (byte | 0x20) &- UInt8(ascii: "a") < 26 {
                digit = Int((byte | 0x20) - UInt8(ascii: "a")) + 10
            } else {
                return false
            }
            guard digit < radix else { return false }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflowAdding) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if overflow || overflowAdding { return false }
            value = sum
            index += 1
        }
        return true
    }
}
