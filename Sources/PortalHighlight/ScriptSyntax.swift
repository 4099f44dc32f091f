/// What the C-like and scripting languages differ in, for ``ScriptHighlighter``: one table per language.
struct ScriptSyntax: Sendable {
    /// What `'` starts.
    enum SingleQuote: Sendable {
        /// A string like `"…"`.
        case string
        /// A character literal (C, Java, Go): on one line.
        case character
        /// A character literal or a lifetime (`'a`) in Rust.
        case rust
    }

    /// What `` ` `` starts.
    enum Backtick: Sendable {
        case none
        /// A template string across lines, with `${…}` (JavaScript).
        case template
        /// A raw string across lines, no escapes (Go).
        case raw
        /// A quoted name (Kotlin, Swift, SQL).
        case identifier
    }

    /// What `#` starts.
    enum Hash: Sendable {
        case none
        /// A comment to the end of the line.
        case comment
        /// A preprocessor directive at the start of a line (C, C++, C#).
        case preprocessor
        /// `#[attribute]` and `#![attribute]` (Rust).
        case rustAttribute
        /// `#"raw"#` strings and `#if`, `#available` directives (Swift).
        case swift
    }

    /// What `@` starts.
    enum AtSign: Sendable {
        case none
        /// An annotation, decorator or attribute: `@Override`, `@dataclass`, `@MainActor`.
        case annotation
        /// A variable: Ruby `@name`, SQL `@name`.
        case variable
        /// C#: `@"verbatim"` strings and `@name` identifiers.
        case verbatim
    }

    /// What `$` starts.
    enum Dollar: Sendable {
        case none
        /// Part of a name (JavaScript).
        case wordCharacter
        /// A variable: PHP and Ruby `$name`, SQL and Swift `$1`.
        case variable
        /// C#: `$"interpolated {strings}"`.
        case interpolatedString
    }

    var words: WordTable
    var lineCommentSlashes = true
    var blockComments = true
    var nestedBlockComments = false
    var lineCommentDashes = false
    var hash = Hash.none
    var singleQuote = SingleQuote.character
    /// `"""…"""` (and `'''…'''` when `'` quotes strings): Python, Kotlin, Swift, Java, C#.
    var tripleQuotes = false
    /// Backslash escapes inside triple-quoted strings (not in Kotlin's and C#'s raw strings).
    var tripleQuoteEscapes = true
    var backtick = Backtick.none
    /// Quoted strings may span lines (shell-like languages); otherwise an unterminated string ends with its line.
    var multilineStrings = false
    /// A doubled quote inside a string is an escaped quote (SQL).
    var doubledQuoteEscapes = false
    /// Names that may prefix a string (`r`, `b`, `f` in Python; `u8`, `L` in C++): lowercase unless case matters.
    var stringPrefixes: Set<String> = []
    /// Rust raw strings (`r#"…"#`) or C++ raw strings (`R"x(…)x"`) after a prefix ending in `r` / `R`.
    var rawStringPrefixes = false
    var at = AtSign.none
    var dollar = Dollar.none
    /// Capitalised names (with a lowercase letter somewhere, or one letter long) are types.
    var capitalizedTypes = false
    /// `name!(…)` is a macro call (Rust).
    var macros = false
    /// `/…/` after an operator is a regular expression (JavaScript, Ruby).
    var regexLiterals = false
    /// `:name` is a symbol and `name:` a hash key (Ruby); `name?` and `name!` are method names.
    var rubySymbols = false
    /// `=begin` … `=end` comments (Ruby).
    var rubyBlockComments = false
    /// `[[long strings]]` and `--[[long comments]]`, with `=` levels (Lua).
    var longBrackets = false
    /// `<<EOF` / `<<-EOF` / `<<~EOF` / `<<<EOF` heredocs (Ruby, PHP, HCL).
    var heredocs = false
    /// `<?php` and `?>` are tags (PHP).
    var phpTags = false
    /// A name first on its line before `=` is an attribute key, before `{` or `"` a block type (HCL).
    var configurationBlocks = false
}
