/// Highlights POSIX shell and Bash: comments, quoted strings (with the variables inside `"…"`),
/// variables, heredocs, keywords and builtins (types) in command position, other command names
/// (functions), assignments and function definitions.
///
/// Console, Dockerfile and Makefile recipes reuse it on one command line at a time
/// (``Mode/commandLine``), where Makefile `$(VAR)` references also count as variables.
struct ShellHighlighter {
    enum Mode {
        /// A whole script.
        case script
        /// One command line: it stops at a line break that is not escaped or inside a heredoc, and
        /// quoted strings do not run past their line.
        case commandLine
        /// A Makefile recipe line: a command line where `$(VAR)`, `${VAR}` and `$@` are Make's.
        case makeRecipe
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let start: Int
    private let end: Int
    private let mode: Mode
    private var index: Int
    /// The next word is a command name (or a keyword).
    private var commandPosition = true
    /// The next word is the name of a function being defined (after `function`).
    private var definesFunction = false
    /// In the value of `NAME=value`: a command may still follow.
    private var assignmentValue = false
    /// Heredoc terminators waiting for the end of the line: their words' ranges.
    private var heredocs: [(start: Int, end: Int)] = []

    /// Highlights from `start`; returns where it stopped: `end`, or for a command line the line break that ends it.
    @discardableResult
    static func highlight(_ start: Int, _ end: Int, mode: Mode = .script, into output: inout HighlightOutput) -> Int {
        var highlighter = ShellHighlighter(bytes: output.source, start: start, end: end, mode: mode)
        highlighter.run(into: &output)
        return highlighter.index
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, mode: Mode) {
        self.bytes = bytes
        self.start = start
        self.end = end
        self.mode = mode
        self.index = start
    }

    static let keywords = WordTable(
        keywords: ["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in",
                   "select", "time", "coproc", "!", "{", "}", "[[", "]]"],
        types: ["echo", "cd", "export", "local", "read", "set", "unset", "source", ".", "alias", "unalias", "eval", "exec",
                "exit", "return", "shift", "test", "trap", "printf", "declare", "typeset", "readonly", "let", "break",
                "continue", "wait", "kill", "pwd", "true", "false", "type", "command", "builtin", "getopts", "umask",
                "ulimit", "hash", "jobs", "bg", "fg", "shopt", "mapfile", "readarray", "[", "sudo"],
        functionDefiners: ["function"])

    private func peek(_ offset: Int) -> UInt8 {
        index + offset < end ? bytes[index + offset] : 0
    }

    private var isCommandLine: Bool { mode != .script }

    private mutating func run(into output: inout HighlightOutput) {
        while index < end {
            let tokenStart = index
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                if isCommandLine, heredocs.isEmpty { return }
                index += 1
                output.plain(tokenStart, index)
                commandPosition = true
                if !heredocs.isEmpty { heredocBodies(into: &output) }
                if isCommandLine { return }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C:
                index += 1
                output.plain(tokenStart, index)
                assignmentValue = false
            case UInt8(ascii: "#") where atWordStart:
                index = bytes.lineEnd(from: index, end: end)
                output.token(tokenStart, index, .comment)
            case UInt8(ascii: "'"):
                quoted(byte, escapes: false)
                output.token(tokenStart, index, .string)
                argumentRead()
            case UInt8(ascii: "\""):
                doubleQuoted(into: &output)
                argumentRead()
            case UInt8(ascii: "$"):
                dollar(into: &output)
            case UInt8(ascii: "\\"):
                index += 1
                if index < end { index = min(index + bytes[index].scalarLength, end) }
                output.plain(tokenStart, index)
            case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "`"):
                index += 1
                output.plain(tokenStart, index)
                commandPosition = true
            case UInt8(ascii: "<"):
                if peek(1) == UInt8(ascii: "<"), peek(2) == UInt8(ascii: "<") {
                    index += 3
                } else if !heredocOpener() {
                    index += 1
                }
                output.token(tokenStart, index, index - tokenStart > 1 ? .string : nil)
            case UInt8(ascii: ">"):
                index += 1
                output.plain(tokenStart, index)
            default:
                word(into: &output)
            }
        }
    }

    /// After a word or string that is not the command name: what follows are arguments.
    private mutating func argumentRead() {
        if !assignmentValue { commandPosition = false }
    }

    /// After a blank, an operator, or at the start: where `#` starts a comment.
    private var atWordStart: Bool {
        guard index > start else { return true }
        switch bytes[index - 1] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: ";"),
             UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C, UInt8(ascii: ";"),
             UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"),
             UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "$"), UInt8(ascii: "\\"):
            return false
        default:
            return true
        }
    }

    /// A word: a keyword or builtin in command position, an assignment's name, a function definition, a number.
    private mutating func word(into output: inout HighlightOutput) {
        let wordStart = index
        if commandPosition {
            // `NAME=value` and `NAME+=value` before a command.
            var position = index
            if position < end, bytes[position].isASCIILetter || bytes[position] == UInt8(ascii: "_") {
                while position < end, bytes[position].isASCIILetter || bytes[position].isDigit || bytes[position] == UInt8(ascii: "_") {
                    position += 1
                }
                let nameEnd = position
                if position < end, bytes[position] == UInt8(ascii: "+") { position += 1 }
                if position < end, bytes[position] == UInt8(ascii: "=") {
                    index = position + 1
                    output.token(wordStart, nameEnd, .variable)
                    output.plain(nameEnd, index)
                    assignmentValue = true
                    return
                }
            }
        }
        while index < end, Self.isWordByte(bytes[index]) { index += 1 }
        if index == wordStart { index += 1 }
        // In `NAME=value`, the value is no command.
        let isCommand = commandPosition && !assignmentValue
        let kind: TokenClass?
        if definesFunction {
            definesFunction = false
            kind = .function
        } else if isCommand, let entry = Self.keywords.lookup(bytes, wordStart, index) {
            kind = entry.kind
            definesFunction = entry.defines == .function
            // After a keyword like `then` or `do` a command follows; after a builtin, its arguments.
            commandPosition = entry.kind == .keyword && !bytes.equals("for", wordStart, index)
                && !bytes.equals("case", wordStart, index) && !bytes.equals("select", wordStart, index)
        } else if isCommand, bytes.matches("()", at: bytes.skipBlanks(from: index, end: end), end: end) {
            kind = .function
            commandPosition = false
        } else if !commandPosition, bytes.equals("in", wordStart, index) {
            kind = .keyword
        } else if (wordStart..<index).allSatisfy({ bytes[$0].isDigit }) {
            kind = .number
            argumentRead()
        } else if isCommand {
            // The command a line runs: `npm`, `./configure`, `kubectl`.
            kind = .function
            commandPosition = false
        } else {
            kind = nil
            argumentRead()
        }
        output.token(wordStart, index, kind)
    }

    /// `'…'` or `$'…'`: across lines in a script, to the line's end on a command line.
    private mutating func quoted(_ quote: UInt8, escapes: Bool) {
        index += 1
        while index < end {
            let byte = bytes[index]
            if byte == quote {
                index += 1
                return
            }
            if byte == UInt8(ascii: "\n"), isCommandLine { return }
            if byte == UInt8(ascii: "\\"), escapes {
                index += 1
                if index < end { index = min(index + bytes[index].scalarLength, end) }
                continue
            }
            index += 1
        }
    }

    /// `"…"`: a string, with the variables inside it as variables.
    private mutating func doubleQuoted(into output: inout HighlightOutput) {
        var segment = index
        index += 1
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                break
            }
            if byte == UInt8(ascii: "\n"), isCommandLine { break }
            if byte == UInt8(ascii: "\\") {
                index += 1
                if index < end { index = min(index + bytes[index].scalarLength, end) }
                continue
            }
            if byte == UInt8(ascii: "$"), let variableEnd = variableEnd(at: index) {
                output.token(segment, index, .string)
                output.token(index, variableEnd, .variable)
                index = variableEnd
                segment = index
                continue
            }
            index += 1
        }
        output.token(segment, index, .string)
    }

    private mutating func dollar(into output: inout HighlightOutput) {
        let tokenStart = index
        if peek(1) == UInt8(ascii: "'") {
            index += 1
            quoted(UInt8(ascii: "'"), escapes: true)
            output.token(tokenStart, index, .string)
            argumentRead()
        } else if let variableEnd = variableEnd(at: index) {
            index = variableEnd
            output.token(tokenStart, index, .variable)
            argumentRead()
        } else if mode == .makeRecipe, peek(1) == UInt8(ascii: "$") {
            // `$$` is a `$` for the shell.
            index += 2
            output.plain(tokenStart, index)
        } else {
            // `$(command)`, `$((arithmetic))`, or a lone `$`.
            index += 1
            if peek(0) == UInt8(ascii: "(") {
                index += 1
                commandPosition = true
            }
            output.plain(tokenStart, index)
        }
    }

    /// The end of the variable reference at `position` (a `$`), nil when there is none:
    /// `$NAME`, `${…}`, `$1`, `$@`, and in Make recipes `$(NAME)`, `$$NAME`.
    private func variableEnd(at position: Int) -> Int? {
        guard position + 1 < end else { return nil }
        let next = bytes[position + 1]
        if mode == .makeRecipe {
            if next == UInt8(ascii: "$") {
                var variable = position + 2
                while variable < end, bytes[variable].isASCIILetter || bytes[variable].isDigit || bytes[variable] == UInt8(ascii: "_") {
                    variable += 1
                }
                return variable > position + 2 ? variable : nil
            }
            if next == UInt8(ascii: "(") { return balancedEnd(from: position + 1, open: next, close: UInt8(ascii: ")")) }
            if next == UInt8(ascii: "<") || next == UInt8(ascii: "^") || next == UInt8(ascii: "%") || next == UInt8(ascii: "+") {
                return position + 2
            }
        }
        if next == UInt8(ascii: "{") { return balancedEnd(from: position + 1, open: next, close: UInt8(ascii: "}")) }
        if next.isASCIILetter || next == UInt8(ascii: "_") {
            var variable = position + 2
            while variable < end, bytes[variable].isASCIILetter || bytes[variable].isDigit || bytes[variable] == UInt8(ascii: "_") {
                variable += 1
            }
            return variable
        }
        switch next {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "@"), UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: "?"),
             UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "-"):
            return position + 2
        default:
            return nil
        }
    }

    /// After the bracket at `position`, through its match on the same line (or to the line's end).
    private func balancedEnd(from position: Int, open: UInt8, close: UInt8) -> Int {
        var depth = 0
        var scan = position
        while scan < end, bytes[scan] != UInt8(ascii: "\n") {
            if bytes[scan] == open { depth += 1 }
            if bytes[scan] == close {
                depth -= 1
                if depth == 0 { return scan + 1 }
            }
            scan += 1
        }
        return scan
    }

    /// `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"`: the body follows the line. `<<<` is a here-string.
    private mutating func heredocOpener() -> Bool {
        guard peek(1) == UInt8(ascii: "<"), peek(2) != UInt8(ascii: "<") else { return false }
        var position = bytes.skipBlanks(from: index + (peek(2) == UInt8(ascii: "-") ? 3 : 2), end: end)
        var quote: UInt8?
        if position < end, bytes[position] == UInt8(ascii: "'") || bytes[position] == UInt8(ascii: "\"") {
            quote = bytes[position]
            position += 1
        }
        let wordStart = position
        while position < end, bytes[position].isASCIILetter || bytes[position].isDigit || bytes[position] == UInt8(ascii: "_") {
            position += 1
        }
        guard position > wordStart else { return false }
        let wordEnd = position
        if let quote {
            guard position < end, bytes[position] == quote else { return false }
            position += 1
        }
        heredocs.append((wordStart, wordEnd))
        index = position
        commandPosition = false
        return true
    }

    /// The bodies of the heredocs opened on the line just ended, each through its terminating line.
    private mutating func heredocBodies(into output: inout HighlightOutput) {
        for heredoc in heredocs {
            let body = index
            var line = index
            index = end
            while line < end {
                let lineEnd = bytes.lineEnd(from: line, end: end)
                var text = line
                while text < lineEnd, bytes[text] == UInt8(ascii: "\t") { text += 1 }
                var textEnd = lineEnd
                if textEnd > text, bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
                if textEnd - text == heredoc.end - heredoc.start,
                   zip(bytes[text..<textEnd], bytes[heredoc.start..<heredoc.end]).allSatisfy({ $0 == $1 }) {
                    index = min(lineEnd + 1, end)
                    break
                }
                line = lineEnd + 1
            }
            output.token(body, index, .string)
        }
        heredocs = []
    }
}
