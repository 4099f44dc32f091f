/// Highlights XML and HTML: tag names, attribute names and values, comments, CDATA, declarations and
/// doctypes. In HTML, the content of `<script>` is highlighted as JavaScript (or JSON) and of `<style>` as CSS.
struct MarkupHighlighter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private let html: Bool
    private var index: Int

    static func highlight(_ start: Int, _ end: Int, html: Bool, into output: inout HighlightOutput) {
        var highlighter = MarkupHighlighter(bytes: output.source, end: end, html: html, index: start)
        highlighter.run(into: &output)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, end: Int, html: Bool, index: Int) {
        self.bytes = bytes
        self.end = end
        self.html = html
        self.index = index
    }

    private func peek(_ offset: Int) -> UInt8 {
        index + offset < end ? bytes[index + offset] : 0
    }

    private mutating func run(into output: inout HighlightOutput) {
        while index < end {
            let tokenStart = index
            guard bytes[index] == UInt8(ascii: "<") else {
                while index < end, bytes[index] != UInt8(ascii: "<") { index += 1 }
                output.plain(tokenStart, index)
                continue
            }
            if bytes.matches("<!--", at: index, end: end) {
                skip(past: "-->", from: index + 4)
                output.token(tokenStart, index, .comment)
            } else if bytes.matches("<![CDATA[", at: index, end: end) {
                skip(past: "]]>", from: index + 9)
                output.token(tokenStart, index, .string)
            } else if peek(1) == UInt8(ascii: "!") || peek(1) == UInt8(ascii: "?") {
                skip(past: peek(1) == UInt8(ascii: "?") ? "?>" : ">", from: index + 2)
                output.token(tokenStart, index, .meta)
            } else if isNameStart(peek(1)) || (peek(1) == UInt8(ascii: "/") && isNameStart(peek(2))) {
                tag(into: &output)
            } else {
                index += 1
                output.plain(tokenStart, index)
            }
        }
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        byte.isWordStart || byte == UInt8(ascii: ":")
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        !byte.isBlank && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "/")
            && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "<")
    }

    /// Moves past `terminator` (searched from `position`), or to the end.
    private mutating func skip(past terminator: StaticString, from position: Int) {
        var scan = position
        let first = terminator.utf8Start.pointee
        while scan < end {
            if bytes[scan] == first, bytes.matches(terminator, at: scan, end: end) {
                index = scan + terminator.utf8CodeUnitCount
                return
            }
            scan += 1
        }
        index = end
    }

    /// `<name attributes…>` or `</name>`; in HTML, a `<script>` or `<style>` tag's content follows.
    private mutating func tag(into output: inout HighlightOutput) {
        let tagStart = index
        let closing = peek(1) == UInt8(ascii: "/")
        index += closing ? 2 : 1
        output.plain(tagStart, index)
        let nameStart = index
        while index < end, isNameByte(bytes[index]) { index += 1 }
        output.token(nameStart, index, .tag)
        let nameEnd = index
        var typeValue = 0..<0
        var selfClosing = false
        while index < end {
            let tokenStart = index
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                index += 1
                output.plain(tokenStart, index)
                break
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=") || byte.isBlank || byte == UInt8(ascii: "\n") {
                selfClosing = byte == UInt8(ascii: "/")
                index += 1
                output.plain(tokenStart, index)
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                index += 1
                while index < end, bytes[index] != byte { index += 1 }
                index = min(index + 1, end)
                output.token(tokenStart, index, .string)
            } else if byte == UInt8(ascii: "<") {
                // An unclosed tag: the next one starts here.
                return
            } else {
                while index < end, isNameByte(bytes[index]) { index += 1 }
                let valueBefore = tokenStart > nameEnd && bytes[tokenStart - 1] == UInt8(ascii: "=")
                output.token(tokenStart, index, valueBefore ? .string : .attr)
                if !valueBefore, bytes.equals("type", tokenStart, index) || bytes.equals("lang", tokenStart, index) {
                    typeValue = attributeValue(after: index)
                }
            }
        }
        guard html, !closing, !selfClosing else { return }
        let isScript = equalsIgnoringCase("script", nameStart, nameEnd)
        guard isScript || equalsIgnoringCase("style", nameStart, nameEnd) else { return }
        let contentEnd = closingTag(isScript ? "</script" : "</style")
        let language: Language?
        if !isScript {
            language = .css
        } else if typeValue.isEmpty || contains("javascript", in: typeValue) || contains("module", in: typeValue)
                    || contains("babel", in: typeValue) || contains("jsx", in: typeValue) {
            language = .javascript
        } else if contains("json", in: typeValue) {
            language = .json
        } else if contains("typescript", in: typeValue) || bytes.equals("ts", typeValue.lowerBound, typeValue.upperBound) {
            language = .typescript
        } else {
            language = nil
        }
        if let language {
            CodeHighlighter.highlight(language, index, contentEnd, into: &output)
        } else {
            output.plain(index, contentEnd)
        }
        index = contentEnd
    }

    /// The value of the attribute whose name ends at `position` (quotes excluded), empty when it has none.
    private func attributeValue(after position: Int) -> Range<Int> {
        var scan = position
        while scan < end, bytes[scan].isBlank { scan += 1 }
        guard scan < end, bytes[scan] == UInt8(ascii: "=") else { return 0..<0 }
        scan += 1
        while scan < end, bytes[scan].isBlank { scan += 1 }
        guard scan < end else { return 0..<0 }
        let quote = bytes[scan]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            var close = scan + 1
            while close < end, bytes[close] != quote { close += 1 }
            return (scan + 1)..<close
        }
        var close = scan
        while close < end, isNameByte(bytes[close]) { close += 1 }
        return scan..<close
    }

    /// Where `</script` (any case) starts, or the end.
    private func closingTag(_ prefix: StaticString) -> Int {
        var scan = index
        while scan < end {
            if bytes[scan] == UInt8(ascii: "<"), bytes.matches(prefix, at: scan, end: end, caseInsensitive: true) { return scan }
            scan += 1
        }
        return end
    }

    private func equalsIgnoringCase(_ word: StaticString, _ start: Int, _ end: Int) -> Bool {
        end - start == word.utf8CodeUnitCount && bytes.matches(word, at: start, end: end, caseInsensitive: true)
    }

    private func contains(_ word: StaticString, in range: Range<Int>) -> Bool {
        var scan = range.lowerBound
        while scan + word.utf8CodeUnitCount <= range.upperBound {
            if bytes.matches(word, at: scan, end: range.upperBound, caseInsensitive: true) { return true }
            scan += 1
        }
        return false
    }
}
