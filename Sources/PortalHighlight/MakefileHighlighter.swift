/// Highlights a Makefile: comments, directives (`include`, `ifeq`, `define`, …), variable assignments
/// and references (`$(CC)`, `${X}`, `$@`), rule targets (as functions) and recipe lines (as Bash).
struct MakefileHighlighter {
    private static let directives = WordTable(keywords: [
        "include", "-include", "sinclude", "ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "define", "endef",
        "export", "unexport", "override", "private", "vpath", "undefine",
    ])

    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private var line: Int
    /// Inside `define` … `endef`: lines are text.
    private var inDefine = false
    /// The previous line ended with `\`: this one continues its value.
    private var continued = false

    static func highlight(_ start: Int, _ end: Int, into output: inout HighlightOutput) {
        var highlighter = MakefileHighlighter(bytes: output.source, end: end, line: start)
        highlighter.run(into: &output)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, end: Int, line: Int) {
        self.bytes = bytes
        self.end = end
        self.line = line
    }

    private mutating func run(into output: inout HighlightOutput) {
        while line < end {
            let lineEnd = bytes.lineEnd(from: line, end: end)
            let wasContinued = continued
            var last = lineEnd - 1
            while last >= line, bytes[last].isBlank { last -= 1 }
            continued = last >= line && bytes[last] == UInt8(ascii: "\\")
            if bytes[line] == UInt8(ascii: "\t"), !inDefine {
                // A recipe: the shell's, continuation lines included.
                output.plain(line, line + 1)
                line = ShellHighlighter.highlight(line + 1, end, mode: .makeRecipe, into: &output)
                continued = false
            } else {
                if wasContinued || inDefine {
                    definitionLine(lineEnd, into: &output)
                } else {
                    statement(lineEnd, into: &output)
                }
                line = lineEnd
            }
            if line < end, bytes[line] == UInt8(ascii: "\n") {
                output.plain(line, line + 1)
                line += 1
            }
        }
    }

    /// A line inside `define`: text with variable references, until `endef`.
    private mutating func definitionLine(_ lineEnd: Int, into output: inout HighlightOutput) {
        let text = bytes.skipBlanks(from: line, end: lineEnd)
        if inDefine, bytes.matches("endef", at: text, end: lineEnd), text + 5 == lineEnd || !bytes[text + 5].isWord {
            output.plain(line, text)
            output.token(text, text + 5, .keyword)
            inDefine = false
            textWithReferences(text + 5, lineEnd, into: &output)
        } else {
            textWithReferences(line, lineEnd, comments: !inDefine, into: &output)
        }
    }

    /// A comment, directive, assignment, rule, or other text.
    private mutating func statement(_ lineEnd: Int, into output: inout HighlightOutput) {
        let text = bytes.skipBlanks(from: line, end: lineEnd)
        output.plain(line, text)
        guard text < lineEnd else { return }
        if bytes[text] == UInt8(ascii: "#") {
            output.token(text, lineEnd, .comment)
            return
        }
        var wordEnd = text
        while wordEnd < lineEnd, !bytes[wordEnd].isBlank, bytes[wordEnd] != UInt8(ascii: ":"),
              bytes[wordEnd] != UInt8(ascii: "="), bytes[wordEnd] != UInt8(ascii: "#") {
            wordEnd += 1
        }
        if Self.directives.contains(bytes, text, wordEnd) {
            output.token(text, wordEnd, .keyword)
            if bytes.equals("define", text, wordEnd) { inDefine = true }
            // `export NAME = value`, `override NAME := value`
            let rest = bytes.skipBlanks(from: wordEnd, end: lineEnd)
            output.plain(wordEnd, rest)
            if inDefine {
                output.token(rest, lineEnd, .variable)
            } else if !assignment(rest, lineEnd, into: &output) {
                textWithReferences(rest, lineEnd, into: &output)
            }
            return
        }
        if assignment(text, lineEnd, into: &output) { return }
        if let colon = ruleColon(text, lineEnd) {
            var targetsEnd = colon
            while targetsEnd > text, bytes[targetsEnd - 1].isBlank { targetsEnd -= 1 }
            // `.PHONY:`, `.SUFFIXES:`: special targets.
            let special = bytes[text] == UInt8(ascii: ".") && text + 1 < targetsEnd && bytes[text + 1].isUppercaseASCII
            targets(text, targetsEnd, kind: special ? .keyword : .function, into: &output)
            output.plain(targetsEnd, colon)
            var prerequisites = colon + 1
            if prerequisites < lineEnd, bytes[prerequisites] == UInt8(ascii: ":") { prerequisites += 1 }
            output.plain(colon, prerequisites)
            // `target: prerequisites ; recipe`
            var semicolon = prerequisites
            while semicolon < lineEnd, bytes[semicolon] != UInt8(ascii: ";"), bytes[semicolon] != UInt8(ascii: "#") { semicolon += 1 }
            if semicolon < lineEnd, bytes[semicolon] == UInt8(ascii: ";") {
                textWithReferences(prerequisites, semicolon, into: &output)
                output.plain(semicolon, semicolon + 1)
                ShellHighlighter.highlight(semicolon + 1, lineEnd, mode: .makeRecipe, into: &output)
            } else {
                textWithReferences(prerequisites, lineEnd, into: &output)
            }
            return
        }
        textWithReferences(text, lineEnd, into: &output)
    }

    /// `NAME = value` with `=`, `:=`, `::=`, `:::=`, `?=`, `+=` or `!=`; false when the line is no assignment.
    private func assignment(_ start: Int, _ lineEnd: Int, into output: inout HighlightOutput) -> Bool {
        var nameEnd = start
        while nameEnd < lineEnd, !bytes[nameEnd].isBlank, bytes[nameEnd] != UInt8(ascii: ":"), bytes[nameEnd] != UInt8(ascii: "="),
              bytes[nameEnd] != UInt8(ascii: "?"), bytes[nameEnd] != UInt8(ascii: "+"), bytes[nameEnd] != UInt8(ascii: "!"),
              bytes[nameEnd] != UInt8(ascii: "#"), bytes[nameEnd] != UInt8(ascii: "$") {
            nameEnd += 1
        }
        guard nameEnd > start else { return false }
        var operatorStart = bytes.skipBlanks(from: nameEnd, end: lineEnd)
        var position = operatorStart
        while position < lineEnd, bytes[position] == UInt8(ascii: ":"), position - operatorStart < 3 { position += 1 }
        if position == operatorStart, position < lineEnd,
           bytes[position] == UInt8(ascii: "?") || bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "!") {
            position += 1
        }
        guard position < lineEnd, bytes[position] == UInt8(ascii: "=") else { return false }
        position += 1
        output.token(start, nameEnd, .variable)
        output.plain(nameEnd, operatorStart)
        output.plain(operatorStart, position)
        operatorStart = position
        textWithReferences(operatorStart, lineEnd, into: &output)
        return true
    }

    /// The colon of a rule (`targets: prerequisites`), outside variable references; nil when there is none.
    private func ruleColon(_ start: Int, _ lineEnd: Int) -> Int? {
        var depth = 0
        var position = start
        while position < lineEnd {
            switch bytes[position] {
            case UInt8(ascii: "("), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "}"): depth -= 1
            case UInt8(ascii: "#"): return nil
            case UInt8(ascii: ":") where depth <= 0:
                return position + 1 < lineEnd && bytes[position + 1] == UInt8(ascii: "=") ? nil : position
            default: break
            }
            position += 1
        }
        return nil
    }

    /// Target names, each highlighted, with variable references among them.
    private func targets(_ start: Int, _ end: Int, kind: TokenClass, into output: inout HighlightOutput) {
        var position = start
        while position < end {
            if bytes[position].isBlank {
                output.plain(position, position + 1)
                position += 1
            } else if bytes[position] == UInt8(ascii: "$") {
                let variableEnd = Self.variableEnd(bytes, at: position, end: end)
                output.token(position, variableEnd, variableEnd - position > 1 ? .variable : nil)
                position = variableEnd
            } else {
                let wordStart = position
                while position < end, !bytes[position].isBlank, bytes[position] != UInt8(ascii: "$") { position += 1 }
                output.token(wordStart, position, kind)
            }
        }
    }

    /// Text with variable references and (when `comments`) a trailing comment.
    private func textWithReferences(_ start: Int, _ end: Int, comments: Bool = true, into output: inout HighlightOutput) {
        var position = start
        var plainStart = start
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "$") {
                let variableEnd = Self.variableEnd(bytes, at: position, end: end)
                if variableEnd - position > 1, bytes[position + 1] != UInt8(ascii: "$") {
                    output.plain(plainStart, position)
                    output.token(position, variableEnd, .variable)
                    plainStart = variableEnd
                }
                position = variableEnd
            } else if byte == UInt8(ascii: "#"), comments, position == start || bytes[position - 1] != UInt8(ascii: "\\") {
                output.plain(plainStart, position)
                output.token(position, end, .comment)
                return
            } else {
                position += 1
            }
        }
        output.plain(plainStart, end)
    }

    /// After a variable reference at `position` (a `$`): `$(…)` and `${…}` through the matching bracket,
    /// `$x` and `$$` two bytes.
    static func variableEnd(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> Int {
        guard position + 1 < end else { return end }
        let open = bytes[position + 1]
        guard open == UInt8(ascii: "(") || open == UInt8(ascii: "{") else { return min(position + 1 + open.scalarLength, end) }
        let close = open == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "}")
        var depth = 0
        var scan = position + 1
        while scan < end {
            if bytes[scan] == open { depth += 1 }
            if bytes[scan] == close {
                depth -= 1
                if depth == 0 { return scan + 1 }
            }
            scan += 1
        }
        return end
    }
}
