/// HTML escaping for text and attribute values.
enum HTML {
    /// `text` with `& < > " '` replaced by entities, safe in element content and quoted attributes.
    static func escape(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        appendEscaped(text.utf8, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the escaped form of the UTF-8 `text` to `bytes`.
    static func appendEscaped(_ text: some Sequence<UInt8>, to bytes: inout [UInt8]) {
        if text.withContiguousStorageIfAvailable({ appendEscaped(contiguous: $0, to: &bytes) }) != nil { return }
        for byte in text {
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
    }

    /// The same for text in one buffer (strings, arrays): runs without special characters are copied whole.
    private static func appendEscaped(contiguous text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        for index in 0..<text.count {
            let byte = text[index]
            // `&`, `'`, `"`, `<` and `>` are all below `?`.
            guard byte <= UInt8(ascii: ">"), let entity = entity(byte) else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
    }

    private static func entity(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
