import Testing
@testable import PortalScaffold

@Suite("Template expressions")
struct ExpressionTests {
    private let scope: [String: ScaffoldValue] = [
        "parameters": .object([
            "name": .string("Driver Payouts"),
            "repoUrl": .string("github.com?owner=northwind&repo=driver-payouts"),
            "port": .int(8080),
            "database": .string("postgres"),
            "tags": .list([.string("go"), .string("api")]),
            "empty": .string(""),
        ]),
        "steps": .object(["fetch": .object(["output": .object(["remoteUrl": .string("https://example.test/r")])])]),
    ]

    private func render(_ text: String) throws -> String {
        try TextTemplate(text).render(scope)
    }

    @Test("names, members and steps['id'].output.key")
    func access() throws {
        #expect(try render("${{ parameters.name }}") == "Driver Payouts")
        #expect(try render("a ${{ steps['fetch'].output.remoteUrl }} b") == "a https://example.test/r b")
        #expect(try render("${{ steps.fetch.output.remoteUrl }}") == "https://example.test/r")
        #expect(try render("[${{ parameters.missing }}][${{ nobody.knows }}]") == "[][]")
        #expect(try render("${{ parameters.tags[1] }}") == "api")
    }

    @Test("a lone expression keeps its type; mixed text is a string")
    func types() throws {
        #expect(try TextTemplate("${{ parameters.port }}").value(scope) == .int(8080))
        #expect(try TextTemplate(" ${{ parameters.tags }} ").value(scope) == .list([.string("go"), .string("api")]))
        #expect(try TextTemplate("port ${{ parameters.port }}").value(scope) == .string("port 8080"))
    }

    @Test("each supported filter")
    func filters() throws {
        #expect(try render("${{ parameters.repoUrl | parseRepoUrl | pick('owner') }}") == "northwind")
        #expect(try TextTemplate("${{ parameters.repoUrl | parseRepoUrl }}").value(scope)
                == .object(["host": .string("github.com"), "owner": .string("northwind"), "repo": .string("driver-payouts")]))
        #expect(try render("${{ parameters.repoUrl | projectSlug }}") == "northwind/driver-payouts")
        #expect(try render("${{ parameters.name | lower }}|${{ parameters.name | upper }}") == "driver payouts|DRIVER PAYOUTS")
        #expect(try render("${{ parameters.name | replace(' ', '-') | lower }}") == "driver-payouts")
        #expect(try render("${{ '  x  ' | trim }}") == "x")
        #expect(try render("${{ parameters.name | dump }}") == "\"Driver Payouts\"")
        #expect(try render("${{ parameters.tags | dump }}") == "[\"go\",\"api\"]")
        #expect(try render("${{ parameters.missing | default('none') }}") == "none")
        #expect(try render("${{ parameters.empty | default('none') }}") == "")
        #expect(try render("${{ parameters.empty | default('none', true) }}") == "none")
        #expect(try render("${{ parameters.tags | join(', ') }}") == "go, api")
        #expect(try render("${{ parameters.tags | length }}") == "2")
    }

    @Test("an unknown filter is an error at its position")
    func unknownFilter() {
        #expect(throws: ExpressionError.self) { try render("${{ '' | now }}") }
        do {
            _ = try TextTemplate("timestamp: ${{ \"\" | now }}")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 20)
            #expect(error.description.hasPrefix("unknown filter 'now' (supported: parseRepoUrl, pick,"))
        }
    }

    @Test("syntax errors name what was expected and where")
    func syntaxErrors() {
        #expect(throws: ExpressionError("expected ']', found the end", at: 25)) { try TextTemplate("${{ steps['fetch'.output }}") }
        #expect(throws: ExpressionError("unclosed output: no '}}' after this", at: 2)) { try TextTemplate("a ${{ parameters.name") }
        #expect(throws: ExpressionError("the Nunjucks tag {% set %} is not supported by portal-build scaffold", at: 0)) {
            try TextTemplate("{% set x = 1 %}")
        }
        #expect(throws: ExpressionError("{% if %} without {% endif %}", at: 5)) { try TextTemplate("{% if x %}yes") }
    }

    @Test("comparisons, and/or/not, inline if")
    func logic() throws {
        #expect(try render("${{ parameters.database == 'postgres' }}") == "true")
        #expect(try render("${{ parameters.port > 80 and not parameters.empty }}") == "true")
        #expect(try render("${{ parameters.empty or 'fallback' }}") == "fallback")
        #expect(try render("${{ 'go' in parameters.tags }}") == "true")
        #expect(try render("${{ 'db' if parameters.database != 'none' else 'no db' }}") == "db")
        #expect(try render("${{ parameters.name ~ '!' }}") == "Driver Payouts!")
    }

    @Test("if/elif/else and for blocks, comments, raw and trims")
    func blocks() throws {
        let text = """
        {% if parameters.database == 'mysql' %}mysql{% elif parameters.database == 'postgres' %}pg{% else %}none{% endif %}
        {%- for tag in parameters.tags %} [{{ loop.index }}:${{ tag }}]{% endfor %}
        {# a comment #}{% raw %}${{ github.ref }}{% endraw %}
        """
        #expect(try render(text) == "pg [{{ loop.index }}:go] [{{ loop.index }}:api]\n${{ github.ref }}")
        #expect(try render("{% for x in parameters.missing %}x{% else %}empty{% endfor %}") == "empty")
        #expect(try TextTemplate("{{ cookiecutter.name }}", syntax: .doubleBraces).render(["cookiecutter": .object(["name": .string("n")])]) == "n")
    }

    @Test("deep nesting is an error, not a stack overflow")
    func depth() throws {
        #expect(throws: ExpressionError.self) { try TextTemplate("${{ " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + " }}") }
        #expect(throws: ExpressionError.self) { try TextTemplate("${{ " + String(repeating: "not ", count: 5000) + "x }}") }
        #expect(throws: ExpressionError.self) { try TextTemplate(String(repeating: "{% if x %}", count: 5000)) }
        #expect(try render("${{ ((1)) + -(-2) }}") == "3")
    }
}
