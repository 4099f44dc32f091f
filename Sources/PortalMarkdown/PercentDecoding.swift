/// `%XX` escapes in a URL or a JSON Pointer turned back into bytes (RFC 3986 §2.1).
public enum PercentDecoding {
    /// `text` with every `%` followed by two hex digits replaced by that byte; any other `%` is
    /// kept. The bytes are read as UTF-8 (a malformed sequence becomes U+FFFD).
    /// (A `String`, not any `StringProtocol`: called across modules, a generic went through
    /// witness tables for every byte, once for each link of every docs page.)
    public static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `bytes` percent-decoded, or nil when a `%` is not followed by two hex digits or the result
    /// is not UTF-8 (what a server refuses in a request path).
    public static func strictlyDecoded(_ bytes: some Collection<UInt8>) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                guard high < bytes.endIndex else { return nil }
                let low = bytes.index(after: high)
                guard low < bytes.endIndex, let h = hexValue(bytes[high]), let l = hexValue(bytes[low]) else { return nil }
                decoded.append(h << 4 | l)
                index = bytes.index(after: low)
            } else {
                decoded.append(byte)
                index = bytes.index(after: index)
            }
        }
        let text = String(decoding: decoded, as: UTF8.self)
        return text.utf8.elementsEqual(decoded) ? text : nil  // invalid UTF-8 was replaced, so differs
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
