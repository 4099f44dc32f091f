/// Highlights a Dockerfile: comments, the instruction starting each line as a keyword, exec-form
/// arguments (`["a", "b"]`) as JSON, and everything else (with its `\` continuation lines) as Bash.
enum DockerfileHighlighter {
    private static let instructions = WordTable(
        keywords: ["from", "run", "cmd", "label", "maintainer", "expose", "env", "add", "copy", "entrypoint", "volume",
                   "user", "workdir", "arg", "onbuild", "stopsignal", "healthcheck", "shell"],
        caseInsensitive: true)

    static func highlight(_ start: Int, _ end: Int, into output: inout HighlightOutput) {
        let bytes = output.source
        var line = start
        while line < end {
            let text = bytes.skipBlanks(from: line, end: end)
            output.plain(line, text)
            line = text
            guard text < end, bytes[text] != UInt8(ascii: "\n") else {
                output.plain(text, min(text + 1, end))
                line = text + 1
                continue
            }
            if bytes[text] == UInt8(ascii: "#") {
                line = bytes.lineEnd(from: text, end: end)
                output.token(text, line, .comment)
                continue
            }
            var wordEnd = text
            while wordEnd < end, bytes[wordEnd].isASCIILetter { wordEnd += 1 }
            guard instructions.contains(bytes, text, wordEnd) else {
                line = ShellHighlighter.highlight(text, end, mode: .commandLine, into: &output)
                continue
            }
            output.token(text, wordEnd, .keyword)
            let arguments = bytes.skipBlanks(from: wordEnd, end: end)
            output.plain(wordEnd, arguments)
            if arguments < end, bytes[arguments] == UInt8(ascii: "[") {
                let argumentsEnd = logicalLineEnd(bytes, from: arguments, end: end)
                YAMLHighlighter.highlight(arguments, argumentsEnd, into: &output)
                line = argumentsEnd
            } else if bytes.equals("from", text, wordEnd) || bytes.equals("FROM", text, wordEnd),
                      let alias = stageName(bytes, from: arguments, end: end) {
                // `FROM image AS name`
                ShellHighlighter.highlight(arguments, alias.lowerBound, mode: .commandLine, into: &output)
                output.token(alias.lowerBound, alias.upperBound, .keyword)
                line = bytes.lineEnd(from: alias.upperBound, end: end)
                output.plain(alias.upperBound, line)
            } else {
                line = ShellHighlighter.highlight(arguments, end, mode: .commandLine, into: &output)
            }
        }
    }

    /// The end of the line, following `\` continuations.
    private static func logicalLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Int {
        var lineEnd = bytes.lineEnd(from: start, end: end)
        while lineEnd < end {
            var last = lineEnd - 1
            while last > start, bytes[last].isBlank { last -= 1 }
            guard bytes[last] == UInt8(ascii: "\\") else { break }
            lineEnd = bytes.lineEnd(from: lineEnd + 1, end: end)
        }
        return lineEnd
    }

    /// The range of `AS` (any case) between blanks on the `FROM` line, nil when there is none.
    private static func stageName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Range<Int>? {
        let lineEnd = bytes.lineEnd(from: start, end: end)
        var position = start + 1
        while position + 2 < lineEnd {
            if bytes[position - 1].isBlank, bytes.matches("as", at: position, end: lineEnd, caseInsensitive: true),
               bytes[position + 2].isBlank {
                return position..<(position + 2)
            }
            position += 1
        }
        return nil
    }
}
