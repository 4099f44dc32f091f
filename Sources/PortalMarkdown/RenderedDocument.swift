/// A heading of a converted document, with the id its element carries.
public struct DocumentHeading: Sendable, Hashable {
    /// 1–6.
    public var level: Int
    /// Unique within the page: GitHub-style slug of the text, or the `{ #id }` the author gave.
    public var id: String
    /// The heading's plain text.
    public var text: String
    /// Line in the original Markdown file.
    public var line: Int

    public init(level: Int, id: String, text: String, line: Int) {
        self.level = level
        self.id = id
        self.text = text
        self.line = line
    }
}

/// A link or image destination as written in the Markdown, with its position in the original file.
public struct MarkdownLinkReference: Sendable, Hashable {
    public var destination: String
    public var isImage: Bool
    /// 1-based line and column in the original file (front matter and TechDocs idioms accounted for).
    public var line: Int
    public var column: Int

    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}

/// A Markdown document converted to an HTML fragment, with what the page around it needs.
public struct RenderedDocument: Sendable {
    /// The body as UTF-8, safe to embed: raw HTML sanitised, unsafe URLs removed.
    public var htmlBytes: [UInt8]
    /// ``htmlBytes`` as a string.
    public var html: String { String(decoding: htmlBytes, as: UTF8.self) }
    /// Every heading in order.
    public var headings: [DocumentHeading]
    /// The text of the first level-1 heading, if any.
    public var firstTitle: String?
    /// The raw front matter, if the file had one (the caller parses it).
    public var frontMatter: FrontMatter?
    /// Destinations removed because their scheme could run code (`javascript:`, …).
    public var unsafeLinks: [MarkdownLinkReference]
    /// Lines holding `--8<--` snippet includes, which are not honoured (they would read other files).
    public var snippetLines: [Int]
    /// Whether the body holds a Mermaid diagram.
    public var hasMermaid: Bool
    /// When the page's tables pass ``TableBudget`` and were left as text: their cells and the
    /// widest one's columns (upper bounds); nil otherwise.
    public var tablesLeftAsText: (cells: Int, columns: Int)? = nil
}
