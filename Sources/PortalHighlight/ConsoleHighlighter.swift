/// Highlights a console session: a line starting with a prompt (`$ `, `# `, `> `, `user@host:~$ `)
/// is the prompt and a command, highlighted as Bash (with its `\` continuation lines and heredocs);
/// every other line is output. A session without a single prompt is all commands: documentation
/// often labels plain command lists `console`.
enum ConsoleHighlighter {
    static func highlight(_ start: Int, _ end: Int, into output: inout HighlightOutput) {
        let bytes = output.source
        guard hasPrompt(bytes, start, end) else {
            ShellHighlighter.highlight(start, end, into: &output)
            return
        }
        var line = start
        while line < end {
            if bytes[line] == UInt8(ascii: "\n") {
                output.plain(line, line + 1)
                line += 1
                continue
            }
            let lineEnd = bytes.lineEnd(from: line, end: end)
            if let promptEnd = promptEnd(bytes, line, lineEnd) {
                output.token(line, promptEnd, .prompt)
                line = ShellHighlighter.highlight(promptEnd, end, mode: .commandLine, into: &output)
            } else {
                var textEnd = lineEnd
                if textEnd > line, bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
                output.token(line, textEnd, .output)
                output.plain(textEnd, lineEnd)
                line = lineEnd
            }
        }
    }

    private static func hasPrompt(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var line = start
        while line < end {
            let lineEnd = bytes.lineEnd(from: line, end: end)
            if line < lineEnd, promptEnd(bytes, line, lineEnd) != nil { return true }
            line = lineEnd + 1
        }
        return false
    }

    /// The end of the prompt the line starts with (its trailing space included), nil when there is none.
    static func promptEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Int, _ lineEnd: Int) -> Int? {
        func isPromptCharacter(_ position: Int) -> Bool {
            let byte = bytes[position]
            return byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "%")
        }
        func endsPrompt(_ position: Int) -> Bool {
            position + 1 == lineEnd || bytes[position + 1] == UInt8(ascii: " ") || bytes[position + 1] == UInt8(ascii: "\r")
        }
        // `$ ls`, `# apt-get update`, `> continued`, `% zsh`
        if isPromptCharacter(line), endsPrompt(line) {
            return line + 1 < lineEnd && bytes[line + 1] == UInt8(ascii: " ") ? line + 2 : line + 1
        }
        // `user@host:~/dir$ ls`, `[user@host dir]# ls`: no blanks outside brackets, and an `@`, `:`, `~` or `]`.
        var position = line
        var bracketDepth = 0
        var looksLikePrompt = false
        while position < lineEnd, position - line < 100 {
            let byte = bytes[position]
            if byte == UInt8(ascii: "[") { bracketDepth += 1 }
            if byte == UInt8(ascii: "]") {
                bracketDepth -= 1
                looksLikePrompt = true
            }
            if byte == UInt8(ascii: "@") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "~") { looksLikePrompt = true }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t"), bracketDepth <= 0 { return nil }
            if looksLikePrompt, bracketDepth <= 0, byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "%"),
               position + 1 < lineEnd, bytes[position + 1] == UInt8(ascii: " ") {
                return position + 2
            }
            position += 1
        }
        return nil
    }
}
