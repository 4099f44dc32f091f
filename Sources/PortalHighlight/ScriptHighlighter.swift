/// One table-driven lexer for the C-like and scripting languages (Python, Go, Java, Kotlin, Swift,
/// JavaScript, TypeScript, C, C++, C#, Rust, Ruby, PHP, Lua, SQL, HCL): comments, strings, numbers and
/// names, with the differences read from a ``ScriptSyntax``.
///
/// A name is a keyword or a builtin type from the language's ``WordTable``, a function or type when
/// the keyword before it defines one (`def`, `class`), a function when `(` follows, a type when it is
/// capitalised (in languages where that is the convention), and plain otherwise.
struct ScriptHighlighter {
    /// What the last significant token was: a `/` after a value divides, elsewhere it starts a regular expression.
    private enum Previous {
        case start, value, `operator`, keyword
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let syntax: ScriptSyntax
    private let start: Int
    private let end: Int
    private var index: Int
    private var previous = Previous.start
    /// The name after `def`, `fn`, `class`, … is defined as this.
    private var nameRole: TokenClass?
    /// Only blanks since the last line break.
    private var atLineStart = true
    /// After `#include`: `<…>` is a path.
    private var includeTarget = false
    /// How many Swift string interpolations the lexer is inside.
    private var interpolationDepth = 0
    /// A heredoc's terminating word, waiting for the end of the line where it was opened.
    private var heredocStart = 0
    private var heredocEnd = 0

    static func highlight(_ start: Int, _ end: Int, syntax: ScriptSyntax, into output: inout HighlightOutput) {
        var highlighter = ScriptHighlighter(bytes: output.source, syntax: syntax, start: start, end: end)
        highlighter.run(into: &output)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, syntax: ScriptSyntax, start: Int, end: Int) {
        self.bytes = bytes
        self.syntax = syntax
        self.start = start
        self.end = end
        self.index = start
    }

    private mutating func run(into output: inout HighlightOutput) {
        while index < end {
            let tokenStart = index
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                index += 1
                output.plain(tokenStart, index)
                atLineStart = true
                includeTarget = false
                if heredocEnd > heredocStart { heredocBody(into: &output) }
            } else if byte.isBlank {
                index += 1
                output.plain(tokenStart, index)
            } else {
                let lineStart = atLineStart
                atLineStart = false
                let role = nameRole
                nameRole = nil
                let kind = token(byte, lineStart: lineStart, role: role)
                output.token(tokenStart, index, kind)
            }
        }
    }

    private func peek(_ offset: Int) -> UInt8 {
        index + offset < end ? bytes[index + offset] : 0
    }

    /// Reads the token at `index` (not a blank or a line break) and moves past it.
    private mutating func token(_ byte: UInt8, lineStart: Bool, role: TokenClass?) -> TokenClass? {
        let tokenStart = index
        switch byte {
        case UInt8(ascii: "/"):
            if syntax.lineCommentSlashes, peek(1) == UInt8(ascii: "/") { return lineComment() }
            if syntax.blockComments, peek(1) == UInt8(ascii: "*") { return blockComment() }
            if syntax.regexLiterals, previous != .value, regularExpression() { return .string }
        case UInt8(ascii: "#"):
            if let kind = hash(lineStart: lineStart) { return kind }
        case UInt8(ascii: "-"):
            if syntax.lineCommentDashes, peek(1) == UInt8(ascii: "-") {
                // Lua `--[[ … ]]`
                if syntax.longBrackets, let close = longBracketEnd(at: index + 2) {
                    index = close
                    return .comment
                }
                return lineComment()
            }
        case UInt8(ascii: "["):
            // Lua `[[ … ]]`, `[==[ … ]==]`
            if syntax.longBrackets, let close = longBracketEnd(at: index) {
                index = close
                previous = .value
                return .string
            }
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
            if let kind = quoted() { return kind }
        case UInt8(ascii: "@"):
            if let kind = atSign() { return kind }
        case UInt8(ascii: "$"):
            if let kind = dollar(role: role) { return kind }
        case UInt8(ascii: ":"):
            if syntax.rubySymbols, peek(1).isWordStart, previous != .value {
                index += 1
                word()
                previous = .value
                return .string
            }
        case UInt8(ascii: "<"):
            if let kind = angleBracket() { return kind }
        case UInt8(ascii: "?"):
            if syntax.phpTags, peek(1) == UInt8(ascii: ">") {
                index += 2
                return .meta
            }
        case UInt8(ascii: "="):
            if syntax.rubyBlockComments, lineStart, bytes.matches("=begin", at: index, end: end), !peek(6).isWord {
                return rubyBlockComment()
            }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            number()
            previous = .value
            return .number
        case UInt8(ascii: "."):
            if peek(1).isDigit, previous != .value {
                number()
                previous = .value
                return .number
            }
        default:
            if byte.isWordStart { return name(lineStart: lineStart, role: role) }
        }
        // Read as plain text (a quoted name, C# `@name`).
        guard index == tokenStart else { return nil }
        index += 1
        switch byte {
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): previous = .value
        default: previous = .operator
        }
        return nil
    }

    // MARK: Names

    private mutating func word() {
        while index < end {
            let byte = bytes[index]
            guard byte.isWord || (byte == UInt8(ascii: "$") && syntax.dollar == .wordCharacter) else { break }
            index += 1
        }
    }

    private mutating func name(lineStart: Bool, role: TokenClass?) -> TokenClass? {
        let nameStart = index
        word()
        if syntax.rubySymbols, peek(0) == UInt8(ascii: "?") || peek(0) == UInt8(ascii: "!"), peek(1) != UInt8(ascii: "=") {
            index += 1
        }
        if let kind = prefixedString(nameStart) { return kind }
        let nameEnd = index
        let next = peek(0)
        if syntax.configurationBlocks, lineStart {
            let after = bytes.skipBlanks(from: index, end: end)
            let following = after < end ? bytes[after] : 0
            if following == UInt8(ascii: "="), after + 1 >= end || bytes[after + 1] != UInt8(ascii: "=") {
                previous = .value
                return .key
            }
            if following == UInt8(ascii: "{") || following == UInt8(ascii: "\"") {
                previous = .keyword
                return .keyword
            }
        }
        // A member (`x.class`, `self.type`) is not a keyword.
        let isMember = nameStart - 1 >= start && bytes[nameStart - 1] == UInt8(ascii: ".")
            && !(nameStart - 2 >= start && bytes[nameStart - 2] == UInt8(ascii: "."))
        if !isMember, let entry = syntax.words.lookup(bytes, nameStart, nameEnd) {
            nameRole = entry.defines
            previous = entry.kind == .keyword ? .keyword : .value
            return entry.kind
        }
        previous = .value
        if let role { return role }
        if syntax.rubySymbols, next == UInt8(ascii: ":"), peek(1) != UInt8(ascii: ":") { return .key }
        if next == UInt8(ascii: "(") { return .function }
        if syntax.macros, next == UInt8(ascii: "!"),
           peek(1) == UInt8(ascii: "(") || peek(1) == UInt8(ascii: "[") || peek(1) == UInt8(ascii: "{") {
            index += 1
            return .function
        }
        // `Pet`, `T`; not `MAX_SIZE`.
        if syntax.capitalizedTypes, bytes[nameStart].isUppercaseASCII {
            if nameEnd - nameStart == 1 { return .type }
            for position in nameStart + 1..<nameEnd where bytes[position].isLowercaseASCII { return .type }
        }
        return nil
    }

    /// A string after a prefix name (`r"…"`, `f'…'`, `b"…"`, `u8"…"`, Rust `r#"…"#`, C++ `R"x(…)x"`).
    private mutating func prefixedString(_ nameStart: Int) -> TokenClass? {
        let next = peek(0)
        guard next == UInt8(ascii: "\"") || next == UInt8(ascii: "'") || next == UInt8(ascii: "#"),
              index - nameStart <= 3, !syntax.stringPrefixes.isEmpty else { return nil }
        let prefix = String(decoding: bytes[nameStart..<index].map(\.lowercased), as: UTF8.self)
        guard syntax.stringPrefixes.contains(prefix) else { return nil }
        let raw = syntax.rawStringPrefixes && prefix.hasSuffix("r")
        if next == UInt8(ascii: "#") {
            // Rust `r#"…"#`; `r#name` is a raw identifier.
            return raw && hashedRawString() ? .string : nil
        }
        if raw, next == UInt8(ascii: "\"") {
            if syntax.singleQuote == .rust { _ = hashedRawString() } else { cppRawString() }
            previous = .value
            return .string
        }
        return quoted()
    }

    // MARK: Comments

    private mutating func lineComment() -> TokenClass {
        index = bytes.lineEnd(from: index, end: end)
        return .comment
    }

    private mutating func blockComment() -> TokenClass {
        index += 2
        var depth = 1
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                index += 2
                depth -= 1
                if depth == 0 || !syntax.nestedBlockComments { return .comment }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*"), syntax.nestedBlockComments {
                index += 2
                depth += 1
            } else {
                index += 1
            }
        }
        return .comment
    }

    private mutating func rubyBlockComment() -> TokenClass {
        var line = index
        while line < end {
            let lineEnd = bytes.lineEnd(from: line, end: end)
            if line > index, bytes.matches("=end", at: line, end: lineEnd), line + 4 == lineEnd || !bytes[line + 4].isWord {
                index = lineEnd
                return .comment
            }
            line = lineEnd + 1
        }
        index = end
        return .comment
    }

    // MARK: Strings

    /// The string or character literal starting with the quote at `index`; nil when the quote starts none.
    private mutating func quoted() -> TokenClass? {
        let quote = bytes[index]
        switch quote {
        case UInt8(ascii: "`"):
            switch syntax.backtick {
            case .none: return nil
            case .template: templateString()
            case .raw: rawString(quote)
            case .identifier:
                scan(quote, escapes: false, multiline: false, doubled: false)
                previous = .value
                return nil
            }
        case UInt8(ascii: "'") where syntax.singleQuote == .rust:
            return rustQuote()
        case UInt8(ascii: "'") where syntax.singleQuote == .character:
            scan(quote, escapes: true, multiline: false, doubled: false)
        default:
            if syntax.tripleQuotes, peek(1) == quote, peek(2) == quote {
                tripleQuoted(quote)
            } else {
                scan(quote, escapes: true, multiline: syntax.multilineStrings, doubled: syntax.doubledQuoteEscapes)
            }
        }
        previous = .value
        return .string
    }

    /// Up to the closing `quote`; an unterminated string ends at the line's end (unless `multiline`) or the input's.
    private mutating func scan(_ quote: UInt8, escapes: Bool, multiline: Bool, doubled: Bool) {
        index += 1
        while index < end {
            let byte = bytes[index]
            if byte == quote {
                index += 1
                if doubled, peek(0) == quote {
                    index += 1
                    continue
                }
                return
            }
            if byte == UInt8(ascii: "\\"), escapes {
                skipEscape()
                continue
            }
            if byte == UInt8(ascii: "\n"), !multiline { return }
            index += 1
        }
    }

    /// Past the backslash at `index` and the character it escapes; past a Swift `\\(…)`
    /// interpolation, whose expression may hold strings of its own (a few levels deep).
    private mutating func skipEscape() {
        index += 1
        guard index < end else { return }
        guard syntax.hash == .swift, bytes[index] == UInt8(ascii: "("), interpolationDepth < 4 else {
            index = min(index + bytes[index].scalarLength, end)
            return
        }
        interpolationDepth += 1
        defer { interpolationDepth -= 1 }
        var depth = 0
        while index < end, bytes[index] != UInt8(ascii: "\n") {
            switch bytes[index] {
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 {
                    index += 1
                    return
                }
            case UInt8(ascii: "\""):
                scan(UInt8(ascii: "\""), escapes: true, multiline: false, doubled: false)
                continue
            default:
                break
            }
            index += 1
        }
    }

    private mutating func tripleQuoted(_ quote: UInt8) {
        index += 3
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), syntax.tripleQuoteEscapes {
                skipEscape()
            } else if byte == quote, peek(1) == quote, peek(2) == quote {
                index += 3
                // `""""` closes with the last three quotes.
                while index < end, bytes[index] == quote { index += 1 }
                return
            } else {
                index += 1
            }
        }
    }

    /// JavaScript template strings: across lines, with `${…}` (which may hold more templates).
    private mutating func templateString() {
        index += 1
        var depth = 0
        while index < end {
            let byte = bytes[index]
            if depth > 0 {
                if byte == UInt8(ascii: "{") { depth += 1 }
                if byte == UInt8(ascii: "}") { depth -= 1 }
            } else if byte == UInt8(ascii: "`") {
                index += 1
                return
            } else if byte == UInt8(ascii: "\\") {
                index += 1
                if index < end { index = min(index + bytes[index].scalarLength, end) }
                continue
            } else if byte == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "{") {
                depth = 1
                index += 1
            }
            index += 1
        }
    }

    /// After the Lua long bracket opening at `position` (`[[`, `[=[`, …): through its matching close,
    /// or to the end. Nil when no long bracket opens there.
    private func longBracketEnd(at position: Int) -> Int? {
        guard position < end, bytes[position] == UInt8(ascii: "[") else { return nil }
        var scan = position + 1
        while scan < end, bytes[scan] == UInt8(ascii: "=") { scan += 1 }
        let level = scan - position - 1
        guard scan < end, bytes[scan] == UInt8(ascii: "[") else { return nil }
        scan += 1
        while scan < end {
            if bytes[scan] == UInt8(ascii: "]") {
                var close = scan + 1
                while close < end, close - scan - 1 < level, bytes[close] == UInt8(ascii: "=") { close += 1 }
                if close - scan - 1 == level, close < end, bytes[close] == UInt8(ascii: "]") { return close + 1 }
            }
            scan += 1
        }
        return end
    }

    /// Up to the next `quote`, across lines, no escapes (Go raw strings).
    private mutating func rawString(_ quote: UInt8) {
        index += 1
        while index < end, bytes[index] != quote { index += 1 }
        index = min(index + 1, end)
    }

    /// Rust `'c'`, `'\n'`, or a lifetime `'a`.
    private mutating func rustQuote() -> TokenClass? {
        let next = peek(1)
        if next == UInt8(ascii: "\\") {
            scan(UInt8(ascii: "'"), escapes: true, multiline: false, doubled: false)
            previous = .value
            return .string
        }
        let after = index + 1 + next.scalarLength
        if next != UInt8(ascii: "'"), next != UInt8(ascii: "\n"), next != 0, after < end, bytes[after] == UInt8(ascii: "'") {
            index = after + 1
            previous = .value
            return .string
        }
        if next.isWordStart {
            index += 1
            word()
            previous = .value
            return .type
        }
        return nil
    }

    /// `#"…"#` (Swift) or `#"…"#` after Rust's `r`: the string ends at a quote followed by as many `#`.
    /// Leaves `index` alone and returns false when no quote follows the hashes.
    private mutating func hashedRawString() -> Bool {
        var position = index
        while position < end, bytes[position] == UInt8(ascii: "#") { position += 1 }
        let hashes = position - index
        guard position < end, bytes[position] == UInt8(ascii: "\"") else { return false }
        position += 1
        while position < end {
            if bytes[position] == UInt8(ascii: "\"") {
                var closing = position + 1
                while closing < end, closing - position - 1 < hashes, bytes[closing] == UInt8(ascii: "#") { closing += 1 }
                if closing - position - 1 == hashes {
                    index = closing
                    previous = .value
                    return true
                }
            }
            position += 1
        }
        index = end
        previous = .value
        return true
    }

    /// C++ `R"delimiter(…)delimiter"`; without a delimiter and `(`, an ordinary string.
    private mutating func cppRawString() {
        let open = index + 1
        var position = open
        while position < end, position - open <= 16, bytes[position] != UInt8(ascii: "("),
              !bytes[position].isBlank, bytes[position] != UInt8(ascii: "\n"), bytes[position] != UInt8(ascii: "\"") {
            position += 1
        }
        guard position < end, bytes[position] == UInt8(ascii: "(") else {
            return scan(UInt8(ascii: "\""), escapes: true, multiline: false, doubled: false)
        }
        let delimiter = open..<position
        position += 1
        while position < end {
            let closeEnd = position + 1 + delimiter.count
            if bytes[position] == UInt8(ascii: ")"), closeEnd < end, bytes[closeEnd] == UInt8(ascii: "\""),
               zip(bytes[(position + 1)..<closeEnd], bytes[delimiter]).allSatisfy({ $0 == $1 }) {
                index = closeEnd + 1
                return
            }
            position += 1
        }
        index = end
    }

    /// A regular expression literal on one line; false (and `index` unchanged) when none closes.
    private mutating func regularExpression() -> Bool {
        var position = index + 1
        var inClass = false
        while position < end {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\n"):
                return false
            case UInt8(ascii: "\\"):
                if position + 1 < end, bytes[position + 1] == UInt8(ascii: "\n") { return false }
                position += 2
                continue
            case UInt8(ascii: "["):
                inClass = true
            case UInt8(ascii: "]"):
                inClass = false
            case UInt8(ascii: "/") where !inClass:
                position += 1
                while position < end, bytes[position].isASCIILetter { position += 1 }
                index = position
                previous = .value
                return true
            default:
                break
            }
            position += 1
        }
        return false
    }

    // MARK: Sigils

    private mutating func hash(lineStart: Bool) -> TokenClass? {
        switch syntax.hash {
        case .none:
            return nil
        case .comment:
            return lineComment()
        case .preprocessor:
            guard lineStart else { return nil }
            index = bytes.skipBlanks(from: index + 1, end: end)
            let directive = index
            word()
            includeTarget = bytes.equals("include", directive, index) || bytes.equals("import", directive, index)
            previous = .start
            return .meta
        case .rustAttribute:
            let bang = peek(1) == UInt8(ascii: "!") ? 1 : 0
            guard peek(1 + bang) == UInt8(ascii: "[") else { return nil }
            index += 1 + bang
            var depth = 0
            while index < end {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { break }
                }
            }
            previous = .start
            return .meta
        case .swift:
            if hashedRawString() { return .string }
            guard peek(1).isWordStart else { return nil }
            index += 1
            word()
            previous = .keyword
            return .meta
        }
    }

    private mutating func atSign() -> TokenClass? {
        let next = peek(1)
        switch syntax.at {
        case .none:
            return nil
        case .annotation:
            guard next.isWordStart else { return nil }
            index += 1
            word()
            while peek(0) == UInt8(ascii: "."), peek(1).isWordStart {
                index += 1
                word()
            }
            previous = .start
            return .meta
        case .variable:
            guard next.isWordStart || next == UInt8(ascii: "@") else { return nil }
            index += next == UInt8(ascii: "@") ? 2 : 1
            word()
            previous = .value
            return .variable
        case .verbatim:
            if next == UInt8(ascii: "\"") || (next == UInt8(ascii: "$") && peek(2) == UInt8(ascii: "\"")) {
                index += next == UInt8(ascii: "$") ? 2 : 1
                scan(UInt8(ascii: "\""), escapes: false, multiline: true, doubled: true)
                previous = .value
                return .string
            }
            guard next.isWordStart else { return nil }
            index += 1
            word()
            previous = .value
            return nil
        }
    }

    private mutating func dollar(role: TokenClass?) -> TokenClass? {
        let next = peek(1)
        switch syntax.dollar {
        case .none:
            return nil
        case .wordCharacter:
            return name(lineStart: false, role: role)
        case .variable:
            guard next.isWord else { return nil }
            index += 1
            word()
            previous = .value
            return .variable
        case .interpolatedString:
            if next == UInt8(ascii: "\"") {
                index += 1
                return quoted()
            }
            guard next == UInt8(ascii: "@"), peek(2) == UInt8(ascii: "\"") else { return nil }
            index += 2
            scan(UInt8(ascii: "\""), escapes: false, multiline: true, doubled: true)
            previous = .value
            return .string
        }
    }

    /// `<?php`, `#include <path>`, heredocs.
    private mutating func angleBracket() -> TokenClass? {
        if syntax.phpTags, peek(1) == UInt8(ascii: "?") {
            index += 2
            if bytes.matches("php", at: index, end: end, caseInsensitive: true) {
                index += 3
            } else if peek(0) == UInt8(ascii: "=") {
                index += 1
            }
            return .meta
        }
        if includeTarget {
            let lineEnd = bytes.lineEnd(from: index, end: end)
            var close = index + 1
            while close < lineEnd, bytes[close] != UInt8(ascii: ">") { close += 1 }
            if close < lineEnd {
                index = close + 1
                return .string
            }
        }
        if syntax.heredocs, peek(1) == UInt8(ascii: "<") { return heredocOpener() }
        return nil
    }

    /// `<<EOF`, `<<-EOF`, `<<~EOF`, `<<'EOF'`, `<<<EOF`: the body starts on the next line.
    private mutating func heredocOpener() -> TokenClass? {
        var position = index + 2
        if syntax.phpTags {
            guard position < end, bytes[position] == UInt8(ascii: "<") else { return nil }
            position += 1
        }
        var flexible = syntax.phpTags
        if position < end, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "~") {
            position += 1
            flexible = true
        }
        var quote: UInt8?
        if position < end, bytes[position] == UInt8(ascii: "'") || bytes[position] == UInt8(ascii: "\"") {
            quote = bytes[position]
            position += 1
        }
        let wordStart = position
        guard position < end, bytes[position].isASCIILetter || bytes[position] == UInt8(ascii: "_") else { return nil }
        while position < end, bytes[position].isASCIILetter || bytes[position].isDigit || bytes[position] == UInt8(ascii: "_") {
            position += 1
        }
        let wordEnd = position
        if let quote {
            guard position < end, bytes[position] == quote else { return nil }
            position += 1
        }
        // `x <<y` is a shift (or Ruby's append); a heredoc's word is quoted, flagged, or capitalised.
        guard quote != nil || flexible || bytes[wordStart].isUppercaseASCII else { return nil }
        heredocStart = wordStart
        heredocEnd = wordEnd
        index = position
        previous = .value
        return .string
    }

    /// The lines after a heredoc's opener, through the line holding only its word.
    private mutating func heredocBody(into output: inout HighlightOutput) {
        let body = index
        let count = heredocEnd - heredocStart
        var line = index
        index = end
        while line < end {
            let lineEnd = bytes.lineEnd(from: line, end: end)
            let text = bytes.skipBlanks(from: line, end: lineEnd)
            if text + count <= lineEnd, zip(bytes[text..<(text + count)], bytes[heredocStart..<heredocEnd]).allSatisfy({ $0 == $1 }),
               text + count == lineEnd || !bytes[text + count].isWord {
                index = text + count
                break
            }
            line = lineEnd + 1
        }
        heredocStart = 0
        heredocEnd = 0
        atLineStart = false
        output.token(body, index, .string)
    }

    // MARK: Numbers

    /// Decimal, hex, binary and octal numbers with `_` separators, fractions, exponents and suffixes (`10L`, `1.5f32`).
    private mutating func number() {
        if bytes[index] == UInt8(ascii: "0"), peek(1) | 0x20 == UInt8(ascii: "x") {
            index += 2
            while index < end, bytes[index].isHexDigit || bytes[index] == UInt8(ascii: "_") { index += 1 }
        } else {
            while index < end, bytes[index].isDigit || bytes[index] == UInt8(ascii: "_") { index += 1 }
            if peek(0) == UInt8(ascii: "."), peek(1).isDigit {
                index += 1
                while index < end, bytes[index].isDigit || bytes[index] == UInt8(ascii: "_") { index += 1 }
            }
            if peek(0) | 0x20 == UInt8(ascii: "e") {
                let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
                if peek(1 + sign).isDigit {
                    index += 1 + sign
                    while index < end, bytes[index].isDigit { index += 1 }
                }
            }
        }
        while index < end, bytes[index].isASCIILetter || bytes[index].isDigit || bytes[index] == UInt8(ascii: "_") { index += 1 }
    }
}
