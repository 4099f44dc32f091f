/// Rewrites the MkDocs / TechDocs idioms cmark-gfm does not know (admonitions, content tabs,
/// definition lists, GitHub alerts, Hugo shortcodes, front matter, abbreviations, `[TOC]`) into
/// Markdown and raw HTML lines, so TechDocs sites render unedited.
///
/// The generated HTML uses CommonMark's type-6 HTML blocks (`<div`, `<details`, `<dl` …), which end
/// at a blank line: a blank line after the opening tags lets cmark-gfm parse the body as Markdown.
/// Lines without idioms are copied unchanged, and every output line knows its original line.
///
/// The caller's sanitiser has to keep `div`, `p`, `details` (with `open`), `summary`, `dl`, `dt`,
/// `dd` and `code` with their `class` attributes, and `data-tab-label` on tab blocks.
///
/// Nothing inside fenced code, indented code, HTML comments or `<pre>` is rewritten. Not handled,
/// left as they are: an idiom on the same line as a list marker (`- !!! note`), lazy continuation
/// lines of a GitHub alert (they follow it as a paragraph), shortcodes inside a line
/// (`{{< ref "x" >}}`), and pymdownx's generic blocks (`/// admonition`).
public enum TechDocsPreprocessor {
    /// Nesting deeper than this is left as text, so hostile input cannot exhaust the stack.
    public static let maximumNestingDepth = 20

    /// Rewrites `source` (a whole Markdown file) for cmark-gfm.
    public static func process(_ source: String) -> PreprocessedMarkdown {
        var source = source
        return source.withUTF8 { bytes in
            var rewriter = TechDocsRewriter(bytes: bytes)
            return rewriter.run()
        }
    }
}
