/// One attribute of a scanned tag, as byte ranges into the input.
struct RawAttribute {
    var name: Range<Int>
    /// `nil` for an attribute written without `=`.
    var value: Range<Int>?
    /// The quote around the value, or 0 when it was unquoted or absent.
    var quote: UInt8
    /// Just past the attribute (past the closing quote, if any).
    var end: Int
}

/// Where a scanned tag ends.
struct RawTag {
    /// Just past the closing `>`.
    var end: Int
    /// The `>`, or the `/` of a closing `/>`.
    var closeStart: Int
    var isSelfClosing: Bool
}

/// Reads the attributes of a tag as the HTML tokenizer does: a name runs to whitespace, `/`, `>`
/// or `=` (a leading `=` belongs to it); a value is double-quoted, single-quoted, or runs to
/// whitespace or `>`; a `/` between attributes is ignored unless `>` follows it. The SVG sanitiser
/// uses the same reading, which is laxer than XML's, and writes what it read unambiguously.
enum TagScanner {
    /// Scans from just after a tag name to the closing `>`, replacing `attributes`; `nil` when the
    /// input ends first.
    static func scan(_ input: UnsafeBufferPointer<UInt8>, from start: Int, into attributes: inout [RawAttribute]) -> RawTag? {
        attributes.removeAll(keepingCapacity: true)
        let count = input.count
        var index = start
        while true {
            // Before an attribute name.
            while index < count {
                let byte = input[index]
                if ASCII.isSpace(byte) {
                    index += 1
                } else if byte == ASCII.slash {
                    if index + 1 < count, input[index + 1] == ASCII.greaterThan {
                        return RawTag(end: index + 2, closeStart: index, isSelfClosing: true)
                    }
                    index += 1
                } else {
                    break
                }
            }
            guard index < count else { return nil }
            if input[index] == ASCII.greaterThan {
                return RawTag(end: index + 1, closeStart: index, isSelfClosing: false)
            }
            let nameStart = index
            index += 1
            while index < count {
                let byte = input[index]
                if ASCII.isSpace(byte) || byte == ASCII.slash || byte == ASCII.greaterThan || byte == ASCII.equals { break }
                index += 1
            }
            var attribute = RawAttribute(name: nameStart..<index, value: nil, quote: 0, end: index)
            var afterName = index
            while afterName < count, ASCII.isSpace(input[afterName]) { afterName += 1 }
            if afterName < count, input[afterName] == ASCII.equals {
                index = afterName + 1
                while index < count, ASCII.isSpace(input[index]) { index += 1 }
                guard index < count else { return nil }
                let first = input[index]
                if first == ASCII.quotationMark || first == ASCII.apostrophe {
                    guard let close = ASCII.firstIndex(of: first, in: input, from: index + 1) else { return nil }
                    attribute.value = (index + 1)..<close
                    attribute.quote = first
                    index = close + 1
                } else {
                    let valueStart = index
                    while index < count, !ASCII.isSpace(input[index]), input[index] != ASCII.greaterThan { index += 1 }
                    attribute.value = valueStart..<index
                }
                attribute.end = index
            }
            attributes.append(attribute)
        }
    }
}
