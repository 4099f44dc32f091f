/// Markdown ready for cmark-gfm once the TechDocs idioms are rewritten, with a map from every
/// line back to the original file so diagnostics can point at the author's line and column.
public struct PreprocessedMarkdown: Sendable {
    /// What cmark-gfm will parse: LF line endings, every line terminated.
    public var markdown: String
    /// For each line of `markdown` (0-based index), where it came from. Lines the preprocessor
    /// inserted point at the line of the construct that produced them, with a shift of 0.
    public var lineOrigins: [LineOrigin]
    /// The front matter, removed from `markdown`; nil when the file has none.
    public var frontMatter: FrontMatter?
    /// Abbreviations defined with `*[HTML]: Hyper Text Markup Language`, in order of appearance;
    /// the definition lines are removed from `markdown`.
    public var abbreviations: [Abbreviation]
    /// 1-based original lines holding a pymdownx snippet marker (`--8<--`): left as they are,
    /// because including other files is not this stage's business, and listed so the caller can warn.
    public var snippetLines: [Int]

    public init(
        markdown: String,
        lineOrigins: [LineOrigin],
        frontMatter: FrontMatter? = nil,
        abbreviations: [Abbreviation] = [],
        snippetLines: [Int] = []
    ) {
        self.markdown = markdown
        self.lineOrigins = lineOrigins
        self.frontMatter = frontMatter
        self.abbreviations = abbreviations
        self.snippetLines = snippetLines
    }

    /// The 1-based line and column in the original file of a 1-based position in `markdown`
    /// (as cmark-gfm reports it); nil for a line `markdown` does not have.
    public func originalPosition(line: Int, column: Int) -> (line: Int, column: Int)? {
        guard line >= 1, line <= lineOrigins.count else { return nil }
        let origin = lineOrigins[line - 1]
        return (origin.line, max(1, column + origin.columnShift))
    }
}

/// Where one line of preprocessed Markdown came from: original column = column + `columnShift`.
public struct LineOrigin: Sendable, Hashable {
    /// 1-based line in the original file.
    public var line: Int
    /// Bytes removed from the start of the original line (dedent), minus spaces added in front of it.
    /// Columns count UTF-8 bytes; a byte-order mark is not counted.
    public var columnShift: Int

    public init(line: Int, columnShift: Int) {
        self.line = line
        self.columnShift = columnShift
    }
}

/// The metadata block at the top of a Markdown file, handed back raw for the caller's parser.
public struct FrontMatter: Sendable, Hashable {
    /// YAML between `---` fences (MkDocs, Jekyll) or TOML between `+++` fences (Hugo).
    public enum Format: Sendable, Hashable {
        case yaml
        case toml
    }

    public var format: Format
    /// The raw text between the fences, LF line endings, each line terminated.
    public var text: String
    /// 1-based line of the first line after the opening fence in the original file.
    public var firstLine: Int

    public init(format: Format, text: String, firstLine: Int) {
        self.format = format
        self.text = text
        self.firstLine = firstLine
    }
}

/// One `*[TERM]: expansion` definition (Python-Markdown's abbr extension).
public struct Abbreviation: Sendable, Hashable {
    public var term: String
    public var expansion: String

    public init(term: String, expansion: String) {
        self.term = term
        self.expansion = expansion
    }
}
