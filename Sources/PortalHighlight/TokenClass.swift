/// What a highlighted token is: the `tok-…` class of its `<span>`.
///
/// The theme styles these classes; the same class means the same kind of thing in every language:
/// - `tok-key`: mapping keys, field names, attribute names in configuration (YAML, JSON, TOML, HCL, CSS properties)
/// - `tok-string`: string, character and regular-expression literals, heredoc bodies, Ruby symbols
/// - `tok-number`: numbers, and TOML dates
/// - `tok-comment`: comments
/// - `tok-keyword`: keywords, booleans and null, YAML anchors and tags, CSS at-rules and `!important`
/// - `tok-type`: type names, builtins, Rust lifetimes
/// - `tok-function`: called or defined function names, Makefile targets
/// - `tok-tag`: XML and HTML tag names, CSS element selectors
/// - `tok-attr`: XML and HTML attribute names, CSS class, id and attribute selectors
/// - `tok-prompt`: a console prompt (`$ `, `# `, `> `, `user@host:~$ `)
/// - `tok-output`: a console output line
/// - `tok-inserted`, `tok-deleted`: diff `+` and `-` lines
/// - `tok-meta`: diff file and hunk headers, preprocessor directives, annotations and attributes,
///   XML declarations and doctypes, PHP tags
/// - `tok-variable`: shell and Makefile variables (`$VAR`, `${VAR}`, `$(X)`), PHP, Ruby and SQL variables
/// - `tok-section`: INI and TOML `[section]` headers
enum TokenClass: UInt8 {
    case key, string, number, comment, keyword, type, function, tag, attr, prompt, output, inserted, deleted, meta,
         variable, section

    /// `<span class="tok-…">`.
    var openingTag: StaticString {
        switch self {
        case .key: "<span class=\"tok-key\">"
        case .string: "<span class=\"tok-string\">"
        case .number: "<span class=\"tok-number\">"
        case .comment: "<span class=\"tok-comment\">"
        case .keyword: "<span class=\"tok-keyword\">"
        case .type: "<span class=\"tok-type\">"
        case .function: "<span class=\"tok-function\">"
        case .tag: "<span class=\"tok-tag\">"
        case .attr: "<span class=\"tok-attr\">"
        case .prompt: "<span class=\"tok-prompt\">"
        case .output: "<span class=\"tok-output\">"
        case .inserted: "<span class=\"tok-inserted\">"
        case .deleted: "<span class=\"tok-deleted\">"
        case .meta: "<span class=\"tok-meta\">"
        case .variable: "<span class=\"tok-variable\">"
        case .section: "<span class=\"tok-section\">"
        }
    }
}
