import PortalAPIReference
import Testing

/// Definitions that cannot be read report problems at their line and column inside the
/// definition, and still render: as highlighted source, or as much as could be read.
@Suite("Problems and fallbacks")
struct ProblemTests {
    @Test("a YAML syntax error falls back to highlighted YAML, with libyaml's position")
    func yamlSyntax() {
        let reference = renderer.render(definition: "openapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1\n", type: "openapi")
        #expect(reference.format == .source(language: "yaml"))
        #expect(reference.problems.map { "\($0.line):\($0.column)" } == ["4:10"])
        #expect(reference.problems.first?.message == "did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 10)")
        #expect(reference.html.contains("<pre class=\"api-source\"><code class=\"language-yaml\"><span class=\"tok-key\">openapi</span>"))
        #expect(reference.html.contains("<li class=\"api-problem\">line 4, column 10: "))
        #expect(reference.outline == [APIReferenceHeading(id: "api-source", label: "Definition", level: 1)])
    }

    @Test("a JSON syntax error falls back to highlighted JSON")
    func jsonSyntax() {
        let reference = renderer.render(definition: "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\"title\": \"x\"\n}\n", type: "openapi")
        #expect(reference.format == .source(language: "json"))
        #expect(reference.problems.count == 1)
        #expect(reference.problems.first.map { $0.line >= 3 } == true)
        #expect(reference.html.contains("<code class=\"language-json\">{\n  <span class=\"tok-key\">&quot;openapi&quot;</span>"))
    }

    @Test("a mapping without a version field, and a scalar, are problems at their start")
    func notAnAPIDocument() {
        let mapping = renderer.render(definition: "hello: world\n", type: "openapi")
        #expect(mapping.problems == [APIReferenceProblem(line: 1, column: 1, message: "no 'openapi', 'swagger' or 'asyncapi' version field")])
        #expect(mapping.format == .source(language: "yaml"))
        let scalar = renderer.render(definition: "\n\n  just text\n", type: "asyncapi")
        #expect(scalar.problems == [APIReferenceProblem(line: 3, column: 3,
                                                        message: "expected a mapping with an 'openapi', 'swagger' or 'asyncapi' field")])
    }

    @Test("an unresolved $ref is a problem at the reference, and the reference still renders")
    func unresolvedReference() {
        let definition = openAPIDocument(schema: "$ref: '#/components/schemas/Nope'",
                                         parameters: ["$ref: '#/components/parameters/Missing'"])
        let reference = renderer.render(definition: definition, type: "openapi")
        #expect(reference.format == .openAPI(version: "3.1.0"))
        #expect(reference.problems == [
            APIReferenceProblem(line: 7, column: 17, message: "unresolved reference '#/components/parameters/Missing'"),
            APIReferenceProblem(line: 14, column: 23, message: "unresolved reference '#/components/schemas/Nope'"),
        ])
        #expect(reference.html.contains("<code class=\"api-schema__missing-ref\">#/components/schemas/Nope</code>"))
        #expect(reference.html.contains("<div class=\"api-problems\" role=\"note\">"))
    }

    @Test("a GraphQL syntax error is reported and the definitions around it still render")
    func graphQLRecovers() {
        let definition = "type Broken {\n  field: \n}\n\ntype Fine {\n  ok: Boolean\n}\n"
        let reference = renderer.render(definition: definition, type: "graphql")
        #expect(reference.problems == [APIReferenceProblem(line: 3, column: 1, message: "expected a type, found '}'")])
        #expect(reference.format == .graphQL)
        #expect(reference.outline.map(\.label) == ["Types", "Fine"])
    }

    @Test("GraphQL that yields nothing falls back to highlighted source")
    func graphQLFallback() {
        let reference = renderer.render(definition: "query { me { name } }\n\"\"\"never closed\n", type: "GraphQL")
        #expect(reference.format == .source(language: "graphql"))
        #expect(reference.problems == [
            APIReferenceProblem(line: 2, column: 1, message: "unterminated block string"),
            APIReferenceProblem(line: 3, column: 1, message: "expected a definition (type, input, enum, …), found the end of the definition"),
        ])
    }

    @Test("a protobuf syntax error is reported at the token; nothing readable falls back to source")
    func protobuf() {
        let partial = renderer.render(definition: "syntax = \"proto3\";\nmessage A {\n  string name = ;\n}\nmessage B {}\n", type: "grpc")
        #expect(partial.problems == [APIReferenceProblem(line: 3, column: 17, message: "expected a field number, found ';'")])
        #expect(partial.format == .protobuf)
        #expect(partial.outline.map(\.label).contains("B"))
        let nothing = renderer.render(definition: "this is not protobuf\n", type: "grpc")
        #expect(nothing.format == .source(language: "protobuf"))
        #expect(nothing.problems == [APIReferenceProblem(line: 1, column: 1,
                                                         message: "expected a definition (message, enum, service, …), found 'this'")])
    }

    @Test("an empty definition is a problem and a note")
    func empty() {
        let reference = renderer.render(definition: "  \n", type: "openapi")
        #expect(reference.problems == [APIReferenceProblem(line: 1, column: 1, message: "the definition is empty")])
        #expect(reference.html.contains("The definition is empty."))
    }

    @Test("a definition over the size limit is not parsed; its start is shown as text")
    func oversized() {
        let limits = APIReferenceLimits(maxDefinitionBytes: 1_000)
        let definition = "openapi: 3.0.0\n" + String(repeating: "# padding line\n", count: 200)
        let reference = APIReferenceRenderer(limits: limits).render(definition: definition, type: "openapi")
        #expect(reference.format == .source(language: "text"))
        #expect(reference.problems.first?.message.hasPrefix("the definition is 3015 bytes, more than the limit of 1000") == true)
    }

    @Test("other types show highlighted source without problems")
    func otherTypes() {
        let trpc = renderer.render(definition: "import { z } from 'zod';\nexport const router = 1;\n", type: "trpc")
        #expect(trpc.format == .source(language: "text"))
        #expect(trpc.problems.isEmpty)
        #expect(trpc.html.contains("import { z } from &#39;zod&#39;;"))
        let yaml = renderer.render(definition: "name: x\n", type: "raml")
        #expect(yaml.format == .source(language: "yaml"))
        #expect(yaml.html.contains("<span class=\"tok-key\">name</span>"))
    }
}
