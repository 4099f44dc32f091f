import Testing
import PortalKit
@testable import PortalSite

@Suite("Mustache templates")
struct TemplateTests {
    func render(_ source: String, _ model: TemplateValue, partials: [String: String] = [:]) throws -> String {
        var templates = ["main": try Template(source)]
        for (name, text) in partials { templates[name] = try Template(text) }
        return String(decoding: TemplateRendering(templates: templates).render("main", [model]), as: UTF8.self)
    }

    @Test("variables are HTML-escaped; triple braces and & are not")
    func escaping() throws {
        let model: TemplateValue = ["x": "<script>alert('1') & \"2\"</script>"]
        #expect(try render("{{x}}", model) == "&lt;script&gt;alert(&#39;1&#39;) &amp; &quot;2&quot;&lt;/script&gt;")
        #expect(try render("{{{x}}}", model) == "<script>alert('1') & \"2\"</script>")
        #expect(try render("{{& x }}", model) == "<script>alert('1') & \"2\"</script>")
    }

    @Test("ready-made UTF-8 (a rendered page body) is written like text, escaped or not; text without specials stays whole")
    func utf8Values() throws {
        let model: TemplateValue = ["body": .utf8(Array("<p>é & 'x'</p>".utf8)), "plain": "no specials here", "empty": .utf8([])]
        #expect(try render("{{{body}}}|{{body}}", model) == "<p>é & 'x'</p>|&lt;p&gt;é &amp; &#39;x&#39;&lt;/p&gt;")
        #expect(try render("{{plain}}{{#empty}}!{{/empty}}{{^empty}}-{{/empty}}", model) == "no specials here-")
    }

    @Test("extra contexts override the model's fields everywhere, and later fields replace earlier ones")
    func extraContexts() throws {
        let templates = ["main": try Template("{{root}}{{#rows}}{{root}}{{title}};{{/rows}}")]
        let model: TemplateValue = ["root": "model/", "rows": [["title": "A"], ["title": "B", "root": "x/"]]]
        let output = TemplateRendering(templates: templates).render("main", [model, ["root": "../", "root": "./"]])
        #expect(String(decoding: output, as: UTF8.self) == "./" + "./A;x/B;")
    }

    @Test("sections iterate lists, test flags and enter objects; inverted sections show for absent or empty values")
    func sections() throws {
        let model: TemplateValue = ["items": ["a", "b"], "yes": true, "no": false, "empty": [], "person": ["name": "Ada"]]
        #expect(try render("{{#items}}[{{.}}]{{/items}}", model) == "[a][b]")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}", model) == "Yn")
        #expect(try render("{{#empty}}E{{/empty}}{{^empty}}none{{/empty}}{{^missing}}!{{/missing}}", model) == "none!")
        #expect(try render("{{#person}}{{name}}{{/person}} {{person.name}}", model) == "Ada Ada")
    }

    @Test("names resolve from the innermost context outwards")
    func contextStack() throws {
        let model: TemplateValue = ["root": "../", "rows": [["title": "A"], ["title": "B", "root": "x/"]]]
        #expect(try render("{{#rows}}{{root}}{{title}};{{/rows}}", model) == "../A;x/B;")
    }

    @Test("hasX is true for a present, non-empty field X")
    func hasFlags() throws {
        let model: TemplateValue = ["tags": ["a"], "links": [], "title": "T"]
        #expect(try render("{{#hasTags}}T{{/hasTags}}{{#hasLinks}}L{{/hasLinks}}{{^hasLinks}}-{{/hasLinks}}{{#hasTitle}}!{{/hasTitle}}{{#hasNothing}}?{{/hasNothing}}", model) == "T-!")
    }

    @Test("partials render in the current context, and self-inclusion stops")
    func partials() throws {
        #expect(try render("<{{#a}}{{>p}}{{/a}}>", ["a": ["b": "x"]], partials: ["p": "{{b}}"]) == "<x>")
        let looped = try render("{{>loop}}", ["a": "y"], partials: ["loop": "{{a}}{{>loop}}"])
        #expect(looped == String(repeating: "y", count: TemplateRendering.maxPartialDepth))
    }

    @Test("a tag alone on its line removes the line, as the Mustache spec says")
    func standaloneLines() throws {
        let source = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n{{! a comment }}\nend"
        #expect(try render(source, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend")
        #expect(try render("a {{#yes}}b{{/yes}} c", ["yes": true]) == "a b c")
    }

    @Test("parse errors say where", arguments: [
        ("line\n  {{#open}}never closed", 2, 3, "never closed"),
        ("{{/stray}}", 1, 1, "closes no section"),
        ("{{#a}}{{/b}}", 1, 7, "closes '{{#a}}'"),
        ("é {{unclosed", 1, 3, "unclosed tag"),
    ])
    func parseErrors(source: String, line: Int, column: Int, message: String) {
        #expect {
            _ = try Template(source)
        } throws: { error in
            guard let error = error as? Template.ParseError else { return false }
            return error.line == line && error.column == column && error.message.contains(message)
        }
    }

    @Test("a broken override template is reported and the default one is used")
    func brokenOverride() {
        var theme = Theme.standard
        theme.templates["404"] = "{{#oops}}"
        theme.origins["templates/404"] = "my-theme/templates/404.mustache"
        var diagnostics = Diagnostics()
        let renderer = ThemeRenderer(theme: theme, into: &diagnostics)
        #expect(diagnostics.items.map(\.formatted) == [
            "my-theme/templates/404.mustache:1:1: error: the template does not parse ('{{#oops}}' is never closed); using the default theme's [theme.template]",
        ])
        let page = String(decoding: renderer.render("404", ["root": "/", "entityCount": "3"]), as: UTF8.self)
        #expect(page.contains("browse all 3 entities"))
    }
}
