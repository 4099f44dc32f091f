@testable import PortalAPIReference
import Testing

@Suite("GraphQL SDL parser")
struct GraphQLParserTests {
    @Test("block strings lose their common indentation and blank first and last lines; escapes decode")
    func strings() {
        let (schema, problems) = GraphQLParser.parse("""
            \"\"\"
                First line.
                  Indented.

                Last \\\"\"\" quote.
            \"\"\"
            type A { "Tab\\tand \\u00e9 and \\"quote\\"" f: Int }
            """)
        #expect(problems.isEmpty)
        #expect(schema.types.first?.description == "First line.\n  Indented.\n\nLast \"\"\" quote.")
        #expect(schema.types.first?.fields.first?.description == "Tab\tand é and \"quote\"")
    }

    @Test("without a schema block the roots are Query, Mutation and Subscription when defined")
    func defaultRoots() {
        let (schema, _) = GraphQLParser.parse("type Mutation { a: Int }\ntype Query { b: Int }\n")
        #expect(schema.rootTypes.map(\.operation) == ["query", "mutation"])
        #expect(schema.rootTypes.map(\.type) == ["Query", "Mutation"])
    }

    @Test("extend type adds fields; a repeated definition merges into the first")
    func extend() {
        let (schema, problems) = GraphQLParser.parse("type Q { a: Int }\nextend type Q { b: Int }\nextend type Q @key(fields: \"id\")\n")
        #expect(problems.isEmpty)
        #expect(schema.types.count == 1)
        #expect(schema.types[0].fields.map(\.name) == ["a", "b"])
    }

    @Test("lists and non-null nest; arguments keep their defaults as written, objects and lists included")
    func typesAndDefaults() {
        let (schema, problems) = GraphQLParser.parse(
            "type Q { f(a: [[Int!]]! = [[1, 2]], b: In = {x: 1, y: [A, B]}, c: String = \"s\", d: ID = null): [Q!] }")
        #expect(problems.isEmpty)
        let field = schema.types[0].fields[0]
        #expect(field.arguments.map { $0.defaultValue ?? "-" } == ["[[1, 2]]", "{x: 1, y: [A, B]}", "\"s\"", "null"])
        guard case .nonNull(.list(.list(.nonNull(.named("Int"))))) = field.arguments[0].type else {
            Issue.record("wrong type \(field.arguments[0].type)")
            return
        }
        guard case .list(.nonNull(.named("Q"))) = field.type else {
            Issue.record("wrong type \(field.type)")
            return
        }
    }

    @Test("comments are ignored; old-style comma-separated interfaces are read")
    func commentsAndLegacyInterfaces() {
        let (schema, problems) = GraphQLParser.parse("# top\ntype A implements B, C { # trailing\n  f: Int # after\n}\ntype B { f: Int }")
        #expect(problems.isEmpty)
        #expect(schema.types.map(\.name) == ["A", "B"])
        #expect(schema.types[0].interfaces == ["B", "C"])
    }

    @Test("queries and fragments in the file are skipped")
    func executableDefinitions() {
        let (schema, problems) = GraphQLParser.parse("query Q { a { b } }\nfragment F on T { c }\ntype T { c: Int }\n{ shorthand }\n")
        #expect(schema.types.map(\.name) == ["T"])
        #expect(problems == [APIReferenceProblem(line: 4, column: 1,
                                                 message: "expected a definition (type, input, enum, …), found '{'")])
    }

    @Test("nesting past 64 levels is a problem, not a stack overflow")
    func deepNesting() {
        let deep = String(repeating: "[", count: 10_000) + "Int" + String(repeating: "]", count: 10_000)
        let (schema, problems) = GraphQLParser.parse("type Q { f: \(deep) }\ntype R { g: Int }\n")
        #expect(problems.first?.message.hasPrefix("nested deeper than 64 levels") == true)
        #expect(schema.types.map(\.name) == ["R"])
    }

    @Test("directive definitions keep arguments, repeatable and locations")
    func directives() {
        let (schema, problems) = GraphQLParser.parse("directive @a(x: Int = 1) repeatable on | FIELD | OBJECT\n")
        #expect(problems.isEmpty)
        #expect(schema.directives.first?.locations == ["FIELD", "OBJECT"])
        #expect(schema.directives.first?.isRepeatable == true)
        #expect(schema.directives.first?.arguments.first?.defaultValue == "1")
    }
}
