import PortalMarkdown
import Testing

@Suite("Docs pages: tables past the budget are text")
struct TableBudgetTests {
    let renderer = DocumentRenderer()

    /// A table of `columns` columns and `rows` body rows.
    func table(columns: Int, rows: Int) -> String {
        "|" + String(repeating: "a|", count: columns) + "\n|" + String(repeating: "-|", count: columns) + "\n"
            + String(repeating: "|" + String(repeating: "x|", count: columns) + "\n", count: rows)
    }

    @Test("a table within the budget renders as a table")
    func small() {
        let document = renderer.render("# T\n\n" + table(columns: 3, rows: 2))
        #expect(document.html.contains("<table>"))
        #expect(document.tablesLeftAsText == nil)
    }

    @Test("a page over the cell budget, or a table over the column budget, keeps its tables as text and says how big they are")
    func overBudget() {
        let many = renderer.render("# T\n\n" + table(columns: 10, rows: TableBudget.maximumCells / 10))
        #expect(!many.html.contains("<table>"))
        #expect(many.html.contains("| x | x |") || many.html.contains("|x|x|"))
        #expect(many.tablesLeftAsText?.cells == 10 * (TableBudget.maximumCells / 10 + 2))
        #expect(many.tablesLeftAsText?.columns == 10)

        let wide = renderer.render("# T\n\n" + table(columns: TableBudget.maximumColumns + 1, rows: 1))
        #expect(!wide.html.contains("<table>"))
        #expect(wide.tablesLeftAsText?.columns == TableBudget.maximumColumns + 1)
    }

    @Test("cells add up over a page's tables; rows end at a blank line; fenced code and thematic breaks are not tables")
    func counting() {
        let half = table(columns: 10, rows: TableBudget.maximumCells / 20)
        let fenced = "```\n" + table(columns: 10, rows: TableBudget.maximumCells / 10) + "```\n"
        let page = "# T\n\n" + half + "\nA paragraph.\n\n---\n\nText\n\n" + fenced + "\n" + half
        let document = renderer.render(page)
        #expect(document.tablesLeftAsText?.cells == 2 * 10 * (TableBudget.maximumCells / 20 + 2))
        #expect(!document.html.contains("<table>"), "two halves and their header rows pass the budget")
        #expect(renderer.render("# T\n\n" + half + "\n" + fenced).html.contains("<table>"), "a table inside fenced code counts for nothing")
    }

    @Test("a hostile 4,000-column table page is refused before cmark-gfm sees it (it took 74 s and 3.5 GB)")
    func hostile() {
        let document = renderer.render(table(columns: 4_000, rows: 200))
        #expect(document.tablesLeftAsText?.columns == 4_000)
        #expect(!document.html.contains("<td>"))
    }

    @Test("API descriptions (MarkdownRenderer) leave oversized tables as text too")
    func plainRenderer() {
        #expect(MarkdownRenderer().render(table(columns: 2, rows: 2)).contains("<table>"))
        #expect(!MarkdownRenderer().render(table(columns: TableBudget.maximumColumns + 1, rows: 2)).contains("<table>"))
    }
}
