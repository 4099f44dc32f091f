/// Highlights source code as HTML at build time: the output is the inner HTML of a `<code>` element,
/// every byte of the source HTML-escaped and tokens wrapped in `<span class="tok-…">`.
///
/// Lexers work on UTF-8 bytes and never fail: unterminated strings and comments end at the end of
/// the input, and stripping the tags and unescaping the output gives back the source exactly.
///
/// The classes, the same kind of thing in every language (the theme styles them):
/// - `tok-key`: mapping keys and field names (YAML, JSON, TOML, INI, HCL, GraphQL, protobuf), CSS properties
/// - `tok-string`: strings, characters, regular expressions, heredoc bodies, Ruby symbols
/// - `tok-number`: numbers, TOML dates, CSS lengths and colours
/// - `tok-comment`: comments
/// - `tok-keyword`: keywords, booleans and null, YAML anchors and tags, CSS at-rules and `!important`
/// - `tok-type`: type names, builtin types and functions, Rust lifetimes
/// - `tok-function`: called and defined functions, shell command names, Makefile targets
/// - `tok-tag`, `tok-attr`: XML and HTML tag and attribute names; CSS element selectors, and class, id
///   and attribute selectors
/// - `tok-prompt`, `tok-output`: a console prompt (`$ `, `# `, `> `, `user@host:~$ `) and output lines
/// - `tok-inserted`, `tok-deleted`, `tok-meta`: diff `+` and `-` lines and headers; `tok-meta` also
///   for preprocessor directives, annotations and attributes, XML declarations, PHP tags
/// - `tok-variable`: shell and Makefile variables (`$VAR`, `${VAR}`, `$(X)`), PHP, Ruby and SQL variables
/// - `tok-section`: INI and TOML `[section]` headers
public enum CodeHighlighter {
    /// Highlighted inner HTML for a `<code>` element: every byte of `code` HTML-escaped (&, <, >, ", '),
    /// tokens wrapped in `<span class="tok-…">`. Unknown or nil language: escaped plain text.
    public static func highlight(_ code: String, language: String?) -> String {
        var html = ""
        highlight(code, language: language) { html = $0.string }
        return html
    }

    /// Same, appended to a byte buffer (fast path used by page renderers).
    public static func highlight(_ code: String, language: String?, into output: inout [UInt8]) {
        highlight(code, language: language) { $0.append(to: &output) }
    }

    /// The canonical language name for a fence info word or alias (`sh`→`bash`, `yml`→`yaml`, `tf`→`hcl`, …),
    /// case-insensitive; nil when unsupported.
    public static func canonicalLanguage(_ name: String) -> String? {
        Language(name: name)?.rawValue
    }

    /// Every canonical language name supported.
    public static let languages: [String] = Language.allCases.map(\.rawValue)

    private static func highlight(_ code: String, language name: String?, _ body: (borrowing HighlightOutput) -> Void) {
        let language = name.flatMap(Language.init(name:))
        var code = code
        code.withUTF8 { source in
            var html = HighlightOutput(source: source)
            if let language {
                highlight(language, 0, source.count, into: &html)
            } else {
                html.plain(0, source.count)
            }
            html.flush()
            body(html)
        }
    }

    /// Highlights `start..<end` of the output's source as `language`; languages that embed others
    /// (console, Dockerfile, HTML) call back here for the embedded parts.
    static func highlight(_ language: Language, _ start: Int, _ end: Int, into output: inout HighlightOutput) {
        switch language {
        case .yaml, .json: YAMLHighlighter.highlight(start, end, into: &output)
        case .graphql: SchemaHighlighter.highlight(start, end, syntax: .graphQL, into: &output)
        case .protobuf: SchemaHighlighter.highlight(start, end, syntax: .protobuf, into: &output)
        case .bash: _ = ShellHighlighter.highlight(start, end, into: &output)
        case .console: ConsoleHighlighter.highlight(start, end, into: &output)
        case .toml: INIHighlighter.highlight(start, end, dialect: .toml, into: &output)
        case .ini: INIHighlighter.highlight(start, end, dialect: .ini, into: &output)
        case .dockerfile: DockerfileHighlighter.highlight(start, end, into: &output)
        case .makefile: MakefileHighlighter.highlight(start, end, into: &output)
        case .xml: MarkupHighlighter.highlight(start, end, html: false, into: &output)
        case .html: MarkupHighlighter.highlight(start, end, html: true, into: &output)
        case .css: CSSHighlighter.highlight(start, end, into: &output)
        case .diff: DiffHighlighter.highlight(start, end, into: &output)
        case .python: ScriptHighlighter.highlight(start, end, syntax: .python, into: &output)
        case .go: ScriptHighlighter.highlight(start, end, syntax: .go, into: &output)
        case .java: ScriptHighlighter.highlight(start, end, syntax: .java, into: &output)
        case .kotlin: ScriptHighlighter.highlight(start, end, syntax: .kotlin, into: &output)
        case .swift: ScriptHighlighter.highlight(start, end, syntax: .swift, into: &output)
        case .javascript: ScriptHighlighter.highlight(start, end, syntax: .javascript, into: &output)
        case .typescript: ScriptHighlighter.highlight(start, end, syntax: .typescript, into: &output)
        case .c: ScriptHighlighter.highlight(start, end, syntax: .c, into: &output)
        case .cpp: ScriptHighlighter.highlight(start, end, syntax: .cpp, into: &output)
        case .csharp: ScriptHighlighter.highlight(start, end, syntax: .csharp, into: &output)
        case .rust: ScriptHighlighter.highlight(start, end, syntax: .rust, into: &output)
        case .ruby: ScriptHighlighter.highlight(start, end, syntax: .ruby, into: &output)
        case .php: ScriptHighlighter.highlight(start, end, syntax: .php, into: &output)
        case .sql: ScriptHighlighter.highlight(start, end, syntax: .sql, into: &output)
        case .lua: ScriptHighlighter.highlight(start, end, syntax: .lua, into: &output)
        case .hcl: ScriptHighlighter.highlight(start, end, syntax: .hcl, into: &output)
        }
    }
}
