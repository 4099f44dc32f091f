/// The general entities an SVG's doctype declares, kept so references to them still resolve once
/// the doctype is gone, and the rewriting of references in text and attribute values.
///
/// Only internal entities whose value is plain text (no `<`, `&` or `%`) are kept: they cannot
/// nest, so there is no "billion laughs", and a budget caps the total expansion anyway. Any other
/// named reference would be an undefined entity without the doctype, which stops an XML parser
/// dead, so it is written as text (`&amp;name;`).
struct DeclaredEntities {
    private var values: [[UInt8]: [UInt8]] = [:]
    /// Bytes of expansion left.
    private var budget: Int

    init(budget: Int) {
        self.budget = budget
    }

    /// Reads `<!ENTITY …>` at `start` and returns the index after it.
    mutating func declare(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let count = input.count
        var index = start + 8
        while index < count, ASCII.isSpace(input[index]) { index += 1 }
        let nameStart = index
        while index < count, Self.isNameByte(input[index]) { index += 1 }
        let name = nameStart..<index
        while index < count, ASCII.isSpace(input[index]) { index += 1 }
        guard !name.isEmpty, index < count, input[index] == ASCII.quotationMark || input[index] == ASCII.apostrophe,
              let close = ASCII.firstIndex(of: input[index], in: input, from: index + 1) else {
            return Self.skipDeclaration(input, from: index)
        }
        let value = (index + 1)..<close
        index = close + 1
        while index < count, ASCII.isSpace(input[index]) { index += 1 }
        guard index < count, input[index] == ASCII.greaterThan else { return Self.skipDeclaration(input, from: index) }
        let isPlainText = !value.contains { [ASCII.lessThan, ASCII.ampersand, ASCII.percentSign].contains(input[$0]) }
        let key = Array(input[name])
        if isPlainText, values[key] == nil {
            values[key] = Array(input[value])
        }
        return index + 1
    }

    /// To just past the `>` ending a declaration, skipping quoted strings.
    private static func skipDeclaration(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < input.count {
            let byte = input[index]
            if byte == ASCII.greaterThan { return index + 1 }
            if byte == ASCII.quotationMark || byte == ASCII.apostrophe {
                guard let close = ASCII.firstIndex(of: byte, in: input, from: index + 1) else { return input.count }
                index = close
            }
            index += 1
        }
        return input.count
    }

    /// Appends `input[range]` with references rewritten, `<` escaped, and `quote` (the quote the
    /// value will be written in, or 0 for text) escaped.
    mutating func rewrite(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, quote: UInt8, into output: inout [UInt8]) {
        var index = range.lowerBound
        var runStart = index
        while index < range.upperBound {
            let byte = input[index]
            guard byte == ASCII.ampersand || byte == ASCII.lessThan || (byte == quote && quote != 0) else {
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
            if byte == ASCII.ampersand {
                index = appendReference(UnsafeBufferPointer(rebasing: input[..<range.upperBound]), at: index, quote: quote, into: &output)
            } else {
                Self.appendEscaped(byte, into: &output)
                index += 1
            }
            runStart = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
    }

    /// At a `&`: appends the reference as it should be written and returns the index after it.
    /// Character references and the five predefined entities stay as written.
    mutating func appendReference(_ input: UnsafeBufferPointer<UInt8>, at start: Int, quote: UInt8, into output: inout [UInt8]) -> Int {
        let count = input.count
        var index = start + 1
        if index < count, input[index] == ASCII.numberSign {
            index += 1
            let isHex = index < count && input[index] == UInt8(ascii: "x")
            if isHex { index += 1 }
            let digitsStart = index
            while index < count, isHex ? ASCII.isHexDigit(input[index]) : ASCII.isDigit(input[index]) { index += 1 }
            if index > digitsStart, index < count, input[index] == ASCII.semicolon {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start...index]))
                return index + 1
            }
        } else {
            while index < count, Self.isNameByte(input[index]) { index += 1 }
            if index > start + 1, index < count, input[index] == ASCII.semicolon {
                let name = UnsafeBufferPointer(rebasing: input[(start + 1)..<index])
                if Self.predefined.contains(where: { $0.elementsEqual(name) }) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[start...index]))
                    return index + 1
                }
                if !values.isEmpty, let value = values[Array(name)], value.count <= budget {
                    budget -= value.count
                    for byte in value {
                        if byte == quote { Self.appendEscaped(byte, into: &output) } else { output.append(byte) }
                    }
                    return index + 1
                }
            }
        }
        output.append(contentsOf: [ASCII.ampersand, 0x61, 0x6D, 0x70, ASCII.semicolon])  // &amp;
        return start + 1
    }

    private static let predefined: [[UInt8]] = ["amp", "lt", "gt", "quot", "apos"].map { Array($0.utf8) }

    private static func appendEscaped(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case ASCII.lessThan: output.append(contentsOf: [ASCII.ampersand, 0x6C, 0x74, ASCII.semicolon])  // &lt;
        case ASCII.quotationMark: output.append(contentsOf: [ASCII.ampersand, 0x71, 0x75, 0x6F, 0x74, ASCII.semicolon])  // &quot;
        case ASCII.apostrophe: output.append(contentsOf: [ASCII.ampersand, 0x61, 0x70, 0x6F, 0x73, ASCII.semicolon])  // &apos;
        default: output.append(byte)
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        ASCII.isAlphanumeric(byte) || byte == ASCII.underscore || byte == ASCII.colon || byte == ASCII.hyphen
            || byte == ASCII.fullStop || byte >= 0x80
    }
}
