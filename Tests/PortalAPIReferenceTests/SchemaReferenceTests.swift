import PortalAPIReference
import Testing

/// `$ref` resolution and schema rendering: named schemas link, other internal references
/// expand in place, cycles and depth are cut, external references stay text.
@Suite("References and schemas")
struct SchemaReferenceTests {
    @Test("a schema that refers to itself links to its own anchor instead of expanding")
    func selfReference() {
        let reference = renderer.render(definition: openAPIDocument(schema: "$ref: '#/components/schemas/Node'", components: """
            Node:
              type: object
              properties:
                children:
                  type: array
                  items: {$ref: '#/components/schemas/Node'}
            """), type: "openapi")
        #expect(reference.problems.isEmpty)
        #expect(reference.html.contains("<code class=\"api-property__name\">children</code> <span class=\"api-schema__summary\">"
            + "<span class=\"api-schema__type\">array</span> of <a class=\"api-schema__ref\" href=\"#api-schema-node\">Node</a></span>"))
    }

    @Test("a cycle through references that are not named schemas is cut where it closes")
    func unnamedCycle() {
        let reference = renderer.render(definition: openAPIDocument(schema: "$ref: '#/x-shapes/a'", extra: """
            x-shapes:
              a:
                type: object
                properties:
                  b: {$ref: '#/x-shapes/b'}
              b:
                type: object
                properties:
                  a: {$ref: '#/x-shapes/a'}
            """), type: "openapi")
        #expect(reference.problems.isEmpty)
        #expect(reference.html.contains("<span class=\"api-schema__cycle\">recursive <code>#/x-shapes/a</code></span>"))
    }

    @Test("a reference to itself, and a chain that loops, end as cycles instead of hanging")
    func referenceLoops() {
        let reference = renderer.render(definition: openAPIDocument(schema: "$ref: '#/x-loop/a'", extra: """
            x-loop:
              a: {$ref: '#/x-loop/b'}
              b: {$ref: '#/x-loop/a'}
              self: {$ref: '#/x-loop/self'}
            """), type: "openapi")
        #expect(reference.html.contains("<span class=\"api-schema__cycle\">recursive <code>#/x-loop/a</code></span>"))
        let parameter = renderer.render(definition: """
            openapi: 3.0.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get:
                  parameters:
                    - $ref: '#/x-self'
                  responses: {}
            x-self: {$ref: '#/x-self'}
            """, type: "openapi")
        #expect(parameter.problems == [APIReferenceProblem(line: 7, column: 11, message: "reference cycle at '#/x-self'")])
    }

    @Test("references that multiply (each level refers to the next many times) stay within the node budget")
    func fanOut() {
        var levels = "x-levels:\n"
        for level in 0..<30 {
            levels += "  l\(level):\n    type: object\n    properties:\n"
            for property in 0..<10 { levels += "      p\(property): {$ref: '#/x-levels/l\(level + 1)'}\n" }
        }
        levels += "  l30: {type: string}\n"
        let clock = ContinuousClock()
        var reference: APIReference?
        let elapsed = clock.measure {
            reference = renderer.render(definition: openAPIDocument(schema: "$ref: '#/x-levels/l0'", extra: levels), type: "openapi")
        }
        #expect(elapsed < .seconds(10))
        #expect(reference?.html.contains("api-schema__truncated") == true)
        #expect((reference?.html.utf8.count ?? 0) < 40_000_000)
    }

    @Test("deeply nested inline schemas are cut at the depth limit")
    func depth() {
        var schema = "type: string"
        for level in 0..<100 { schema = "type: object\nproperties:\n  p\(level):\n" + schema.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") }
        let reference = renderer.render(definition: openAPIDocument(schema: schema), type: "openapi")
        #expect(reference.problems.isEmpty)
        #expect(reference.html.contains("api-schema__truncated"))
        #expect(reference.html.contains("api-property__name\">p95<"))
        #expect(!reference.html.contains("api-property__name\">p80<"))
    }

    @Test("JSON-pointer escapes (~0, ~1) and percent-encoding resolve to the named schema")
    func pointerEscaping() {
        let reference = renderer.render(definition: openAPIDocument(schema: """
            oneOf:
              - $ref: '#/components/schemas/a~1b~0c'
              - $ref: '#/components/schemas/Pet%20Food'
            """, components: """
            a/b~c: {type: string}
            Pet Food: {type: integer}
            """), type: "openapi")
        #expect(reference.problems.isEmpty)
        #expect(reference.html.contains("<a class=\"api-schema__ref\" href=\"#api-schema-a-b-c\">a/b~c</a>"))
        #expect(reference.html.contains("<a class=\"api-schema__ref\" href=\"#api-schema-pet-food\">Pet Food</a>"))
    }

    @Test("other internal references expand in place; external ones are shown as text and never fetched")
    func inlineAndExternal() {
        let reference = renderer.render(definition: openAPIDocument(schema: """
            type: object
            properties:
              local: {$ref: '#/x-types/Money'}
              remote: {$ref: 'https://example.com/schemas.yaml#/Pet'}
              file: {$ref: './common.yaml#/Owner'}
            """, extra: "x-types:\n  Money: {type: number, format: decimal}"), type: "openapi")
        #expect(reference.problems.isEmpty)
        #expect(reference.html.contains("<span class=\"api-schema__type\">number</span> <span class=\"api-schema__format\">decimal</span>"))
        #expect(reference.html.contains("<code class=\"api-schema__external-ref\">https://example.com/schemas.yaml#/Pet</code>"))
        #expect(reference.html.contains("<code class=\"api-schema__external-ref\">./common.yaml#/Owner</code>"))
    }

    @Test("3.1 type lists, const, nullable and composition render on the type line")
    func typeLine() {
        let reference = renderer.render(definition: openAPIDocument(schema: """
            type: object
            properties:
              maybe: {type: [string, 'null'], const: x}
              either:
                anyOf:
                  - {type: integer}
                  - {type: boolean}
              never:
                not: {type: string}
            """), type: "openapi")
        #expect(reference.html.contains("<span class=\"api-schema__type\">string | null</span> <span class=\"api-schema__const\">const: <code>x</code></span>"))
        #expect(reference.html.contains("<div class=\"api-schema__composition api-schema__composition--any-of\">"))
        #expect(reference.html.contains("<div class=\"api-schema__composition api-schema__composition--not\">"))
    }

    @Test("webhooks form their own group; an operation with two tags appears under both with distinct ids")
    func groups() {
        let reference = renderer.render(definition: """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a:
                get: {tags: [one, two], operationId: shared, responses: {}}
              /b:
                get: {responses: {}}
            webhooks:
              newThing:
                post: {responses: {}}
            """, type: "openapi")
        #expect(reference.outline.map(\.id) == ["api-overview", "api-tag-one", "api-op-shared", "api-tag-two", "api-op-shared-2",
                                                "api-tag-default", "api-op-get-b", "api-webhooks", "api-op-post-newthing"])
        #expect(reference.outline.map(\.level) == [1, 1, 2, 1, 2, 1, 2, 1, 2])
    }

    @Test("operations past the limit are counted in a note")
    func operationLimit() {
        var paths = ""
        for index in 0..<10 { paths += "  /p\(index):\n    get: {responses: {}}\n" }
        let limits = APIReferenceLimits(maxOperations: 3)
        let reference = APIReferenceRenderer(limits: limits).render(
            definition: "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n" + paths, type: "openapi")
        #expect(reference.outline.filter { $0.level == 2 }.count == 3)
        #expect(reference.html.contains("<p class=\"api-note\">7 more operations are not shown.</p>"))
    }
}
