import PortalMarkdown
import Testing

@Suite("Markdown raw HTML and unsafe links")
struct MarkdownSafetyTests {
    @Test("raw HTML blocks and inline tags are omitted by default")
    func rawHTMLOmittedByDefault() {
        #expect(MarkdownRenderer().render("<script>alert(1)</script>\n\npara <b>bold</b>\n")
            == "<!-- raw HTML omitted -->\n<p>para <!-- raw HTML omitted -->bold<!-- raw HTML omitted --></p>\n")
    }

    @Test("javascript: and other dangerous URLs are removed in safe mode, leaving no empty href", arguments: [
        ("[x](javascript:alert(1))", "<p><a>x</a></p>\n"),
        ("![i](javascript:x)", "<p><img alt=\"i\" /></p>\n"),
        ("[v](vbscript:msgbox)", "<p><a>v</a></p>\n"),
        ("[f](file:///etc/passwd)", "<p><a>f</a></p>\n"),
        ("[d](data:text/html,hi)", "<p><a>d</a></p>\n"),
        ("[t](<java\tscript:x> \"T\")", "<p><a title=\"T\">t</a></p>\n"),
        ("[n](notes:x)", "<p><a>n</a></p>\n"),
        ("[ok](https://e.com)", "<p><a href=\"https://e.com\">ok</a></p>\n"),
        ("![png](data:image/png;base64,AAAA)", "<p><img src=\"data:image/png;base64,AAAA\" alt=\"png\" /></p>\n"),
    ])
    func dangerousURLs(markdown: String, html: String) {
        #expect(MarkdownRenderer().render(markdown) == html)
    }

    @Test("with allowRawHTML, tagfilter escapes <script> but keeps harmless tags")
    func tagfilterWithRawHTML() {
        let renderer = MarkdownRenderer(allowRawHTML: true)
        #expect(renderer.render("<script>alert(1)</script>\n\npara <b>bold</b>\n")
            == "&lt;script>alert(1)&lt;/script>\n<p>para <b>bold</b></p>\n")
        #expect(renderer.render("<div>\n<iframe src=x></iframe> <style>p{}</style>\n</div>\n")
            == "<div>\n&lt;iframe src=x>&lt;/iframe> &lt;style>p{}&lt;/style>\n</div>\n")
    }

    @Test("with allowRawHTML, javascript: links are kept for a later sanitiser")
    func unsafeModeKeepsURLs() {
        #expect(MarkdownRenderer(allowRawHTML: true).render("[x](javascript:alert(1))\n")
            == "<p><a href=\"javascript:alert(1)\">x</a></p>\n")
    }
}
