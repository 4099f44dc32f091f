/// Keeps an SVG's CSS from reaching outside the file: a standalone SVG opened in the portal's
/// origin would otherwise fetch other sites' style sheets and images (trackers, or more CSS).
///
/// The text is read as a CSS tokenizer reads it (comments, strings, names with `\75`-style escapes,
/// any case) and copied as written except for what is removed: every `@import` rule; every `url(…)`
/// and `src(…)`, and every string in `image-set(…)`, `image(…)` and `cross-fade(…)`, whose target is
/// not a fragment of the document (`#id`) or a `data:` PNG, JPEG, GIF or WebP image, becomes `none`;
/// declarations using `expression(…)` (old IE's script) or setting `-moz-binding` or `behavior`
/// (XBL and HTC bindings) go. Works on a style sheet and on a `style` attribute's declarations alike.
enum CSSSanitizer {
    /// `css` made safe; the input itself when nothing had to go.
    static func sanitize(_ css: [UInt8]) -> [UInt8] {
        var sheet = CSSPass(input: css)
        sheet.run()
        return sheet.changed ? sheet.output : css
    }

    /// Whether a `url()` target may stay.
    static func isAllowedURL(_ url: [UInt8]) -> Bool {
        let trimmed = url.drop(while: ASCII.isControlOrSpace)
        guard let first = trimmed.first else { return true }
        if first == ASCII.numberSign { return true }
        let lower = trimmed.prefix(32).map(ASCII.lowercased)
        return ["png", "jpeg", "gif", "webp"].contains { type in
            let prefix = Array("data:image/\(type)".utf8)
            return lower.starts(with: prefix) && lower.count > prefix.count
                && (lower[prefix.count] == ASCII.semicolon || lower[prefix.count] == ASCII.comma)
        }
    }

    static let urlFunctions: Set<[UInt8]> = Set(["url", "src"].map { Array($0.utf8) })
    static let imageFunctions: Set<[UInt8]> = Set(
        ["image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade"].map { Array($0.utf8) })
    static let expression = Array("expression".utf8)
    static let bindingProperties: Set<[UInt8]> = Set(["-moz-binding", "behavior"].map { Array($0.utf8) })
    static let importKeyword = Array("import".utf8)
}

/// One pass over a style sheet or declaration list.
private struct CSSPass {
    let input: [UInt8]
    var output: [UInt8] = []
    var changed = false
    private var position = 0
    /// Where the current declaration (or rule prelude) starts in `output`.
    private var declarationStart = 0
    /// Whether only whitespace and comments were written since `declarationStart`.
    private var atDeclarationStart = true
    /// Open `image-set(`-like functions, whose strings are URLs.
    private var imageFunctionDepth = 0
    private var parenthesisDepth = 0

    init(input: [UInt8]) {
        self.input = input
        output.reserveCapacity(input.count)
    }

    private func byte(at index: Int) -> UInt8? {
        index < input.count ? input[index] : nil
    }

    mutating func run() {
        while position < input.count {
            let byte = input[position]
            if byte == ASCII.slash, self.byte(at: position + 1) == UInt8(ascii: "*") {
                copy(to: skipComment(from: position))
                continue
            }
            if ASCII.isSpace(byte) {
                copy(to: position + 1)
                continue
            }
            let wasAtDeclarationStart = atDeclarationStart
            atDeclarationStart = false
            if byte == ASCII.quotationMark || byte == ASCII.apostrophe {
                string()
            } else if byte == UInt8(ascii: "@"), startsName(at: position + 1) {
                atKeyword()
            } else if startsName(at: position) {
                name(atDeclarationStart: wasAtDeclarationStart)
            } else {
                switch byte {
                case ASCII.semicolon, UInt8(ascii: "{"), UInt8(ascii: "}"):
                    copy(to: position + 1)
                    if parenthesisDepth == 0 { startDeclaration() }
                case UInt8(ascii: "("):
                    parenthesisDepth += 1
                    copy(to: position + 1)
                case UInt8(ascii: ")"):
                    parenthesisDepth = max(parenthesisDepth - 1, 0)
                    if parenthesisDepth < imageFunctionDepth { imageFunctionDepth = 0 }
                    copy(to: position + 1)
                case ASCII.backslash:
                    copy(to: min(position + 2, input.count))  // an escaped newline, not a name
                default:
                    copy(to: position + 1)
                }
            }
        }
    }

    private mutating func startDeclaration() {
        declarationStart = output.count
        atDeclarationStart = true
    }

    private mutating func copy(to end: Int) {
        output.append(contentsOf: input[position..<end])
        position = end
    }

    private mutating func replace(to end: Int, with text: String) {
        output.append(contentsOf: text.utf8)
        position = end
        changed = true
    }

    // MARK: Tokens

    private func skipComment(from start: Int) -> Int {
        var index = start + 2
        while index + 1 < input.count {
            if input[index] == UInt8(ascii: "*"), input[index + 1] == ASCII.slash { return index + 2 }
            index += 1
        }
        return input.count
    }

    /// A string at `position`, checked as a URL inside an image function.
    private mutating func string() {
        let (value, end) = readString(from: position)
        if imageFunctionDepth > 0, !CSSSanitizer.isAllowedURL(value) {
            replace(to: end, with: "none")
        } else {
            copy(to: end)
        }
    }

    /// The decoded value of the string starting at `start` and the index after it.
    private func readString(from start: Int) -> (value: [UInt8], end: Int) {
        let quote = input[start]
        var value: [UInt8] = []
        var index = start + 1
        while index < input.count {
            let byte = input[index]
            if byte == quote { return (value, index + 1) }
            if Self.isNewline(byte) { return (value, index) }  // a bad string ends at the newline
            if byte == ASCII.backslash {
                index = readEscape(at: index, into: &value)
            } else {
                value.append(byte)
                index += 1
            }
        }
        return (value, index)
    }

    /// Whether a name (an identifier) starts at `index`: a letter, `_`, non-ASCII, an escape, or
    /// `-` followed by one of those or another `-`.
    private func startsName(at index: Int) -> Bool {
        guard let byte = byte(at: index) else { return false }
        if byte == ASCII.hyphen {
            guard let next = self.byte(at: index + 1) else { return false }
            return next == ASCII.hyphen || isNameStart(next) || isEscape(at: index + 1)
        }
        return isNameStart(byte) || isEscape(at: index)
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        ASCII.isLetter(byte) || byte == ASCII.underscore || byte >= 0x80
    }

    private func isEscape(at index: Int) -> Bool {
        byte(at: index) == ASCII.backslash && byte(at: index + 1).map { !Self.isNewline($0) } == true
    }

    /// Reads a name from `start`: its lowercased, unescaped bytes and the index after it.
    private func readName(from start: Int) -> (name: [UInt8], end: Int) {
        var name: [UInt8] = []
        var index = start
        while index < input.count {
            let byte = input[index]
            if isNameStart(byte) || ASCII.isDigit(byte) || byte == ASCII.hyphen {
                name.append(ASCII.lowercased(byte))
                index += 1
            } else if isEscape(at: index) {
                var decoded: [UInt8] = []
                index = readEscape(at: index, into: &decoded)
                name += decoded.map(ASCII.lowercased)
            } else {
                break
            }
        }
        return (name, index)
    }

    /// A `\` escape at `index` appended decoded (hex escapes as UTF-8); the index after it.
    private func readEscape(at index: Int, into value: inout [UInt8]) -> Int {
        var next = index + 1
        guard next < input.count else { return next }
        guard ASCII.isHexDigit(input[next]) else {
            if !Self.isNewline(input[next]) { value.append(input[next]) }
            return next + 1
        }
        var scalar: UInt32 = 0
        let hexStart = next
        while next < input.count, next - hexStart < 6, ASCII.isHexDigit(input[next]) {
            scalar = scalar * 16 + UInt32(Self.hexValue(input[next]))
            next += 1
        }
        if next < input.count, ASCII.isSpace(input[next]) { next += 1 }
        let character = Unicode.Scalar(scalar).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
        value += Array(String(Character(character)).utf8)
        return next
    }

    private static func isNewline(_ byte: UInt8) -> Bool {
        byte == ASCII.lineFeed || byte == ASCII.carriageReturn || byte == ASCII.formFeed
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        ASCII.isDigit(byte) ? byte - UInt8(ascii: "0") : ASCII.lowercased(byte) - UInt8(ascii: "a") + 10
    }

    // MARK: Names, functions, at-rules

    /// A name at `position`: a function, a property that binds code, or a plain word.
    private mutating func name(atDeclarationStart: Bool) {
        let (name, end) = readName(from: position)
        if byte(at: end) == UInt8(ascii: "(") {
            if CSSSanitizer.urlFunctions.contains(name) {
                let close = urlFunctionEnd(openingAt: end)
                if CSSSanitizer.isAllowedURL(urlValue(openingAt: end, close: close)) {
                    copy(to: close)
                } else {
                    replace(to: close, with: "none")
                }
                return
            }
            if name == CSSSanitizer.expression { return dropDeclaration() }
            if CSSSanitizer.imageFunctions.contains(name) { imageFunctionDepth = parenthesisDepth + 1 }
            copy(to: end + 1)
            parenthesisDepth += 1
            return
        }
        if CSSSanitizer.bindingProperties.contains(name), atDeclarationStart, nextSignificant(from: end) == ASCII.colon {
            return dropDeclaration()
        }
        copy(to: end)
    }

    /// The first byte from `start` that is neither whitespace nor in a comment.
    private func nextSignificant(from start: Int) -> UInt8? {
        var index = start
        while index < input.count {
            if ASCII.isSpace(input[index]) {
                index += 1
            } else if input[index] == ASCII.slash, byte(at: index + 1) == UInt8(ascii: "*") {
                index = skipComment(from: index)
            } else {
                return input[index]
            }
        }
        return nil
    }

    /// Past the `)` closing the function whose `(` is at `open` (strings and nested parentheses
    /// skipped), or the end.
    private func urlFunctionEnd(openingAt open: Int) -> Int {
        var depth = 0
        var index = open
        while index < input.count {
            let byte = input[index]
            if byte == ASCII.quotationMark || byte == ASCII.apostrophe {
                index = readString(from: index).end
                continue
            }
            if byte == ASCII.backslash {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return input.count
    }

    /// The target of `url(…)`: its string, or its unquoted text, unescaped.
    private func urlValue(openingAt open: Int, close: Int) -> [UInt8] {
        var index = open + 1
        while index < close, ASCII.isSpace(input[index]) { index += 1 }
        if index < close, input[index] == ASCII.quotationMark || input[index] == ASCII.apostrophe {
            return readString(from: index).value
        }
        var value: [UInt8] = []
        let end = input[close - 1] == UInt8(ascii: ")") ? close - 1 : close
        while index < end {
            if input[index] == ASCII.backslash {
                index = readEscape(at: index, into: &value)
            } else {
                value.append(input[index])
                index += 1
            }
        }
        return value
    }

    /// `@name` at `position`; `@import` goes with its whole rule.
    private mutating func atKeyword() {
        let (name, end) = readName(from: position + 1)
        guard name == CSSSanitizer.importKeyword else { return copy(to: end) }
        position = ruleEnd(from: end, stopAtBrace: false)
        changed = true
        startDeclaration()
    }

    /// Drops the declaration being written and the rest of it in the input.
    private mutating func dropDeclaration() {
        output.removeSubrange(declarationStart...)
        position = ruleEnd(from: position, stopAtBrace: true)
        changed = true
        atDeclarationStart = true
    }

    /// Past the `;` ending a statement (or its `{…}` block, unless `stopAtBrace`), or at the `}`
    /// closing the block it is in; strings, comments and parentheses are skipped.
    private func ruleEnd(from start: Int, stopAtBrace: Bool) -> Int {
        var index = start
        var parentheses = 0
        var braces = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case ASCII.quotationMark, ASCII.apostrophe:
                index = readString(from: index).end
                continue
            case ASCII.slash where self.byte(at: index + 1) == UInt8(ascii: "*"):
                index = skipComment(from: index)
                continue
            case ASCII.backslash:
                index += 2
                continue
            case UInt8(ascii: "("): parentheses += 1
            case UInt8(ascii: ")"): parentheses = max(parentheses - 1, 0)
            case UInt8(ascii: "{") where parentheses == 0: braces += 1
            case UInt8(ascii: "}") where parentheses == 0:
                if braces == 0 { return index }
                braces -= 1
                if braces == 0, !stopAtBrace { return index + 1 }
            case ASCII.semicolon where parentheses == 0 && braces == 0:
                return index + 1
            default: break
            }
            index += 1
        }
        return input.count
    }
}
