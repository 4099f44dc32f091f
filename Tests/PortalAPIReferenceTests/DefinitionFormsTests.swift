import PortalAPIReference
import Testing

/// The forms definitions come in: JSON with tabs, CRLF and byte order marks, types in any case,
/// and the version field deciding between OpenAPI and AsyncAPI.
@Suite("Definition forms")
struct DefinitionFormsTests {
    @Test("JSON indented with tabs parses with the YAML parser")
    func jsonWithTabs() {
        let reference = renderer.render(
            definition: "{\n\t\"openapi\": \"3.0.0\",\n\t\"info\": {\n\t\t\"title\": \"Tabs\",\n\t\t\"version\": \"1\"\n\t},\n\t\"paths\": {}\n}\n",
            type: "openapi")
        #expect(reference.format == .openAPI(version: "3.0.0"))
        #expect(reference.outline.map(\.label) == ["Tabs"])
        #expect(reference.html.contains("<code class=\"language-json\">"))
    }

    @Test("CRLF line ends and a byte order mark change nothing but the source view")
    func crlfAndBOM() {
        let reference = renderer.render(
            definition: "\u{FEFF}openapi: 3.0.0\r\ninfo:\r\n  title: CRLF\r\n  version: '1'\r\npaths:\r\n  /a:\r\n    get:\r\n      responses: {}\r\n",
            type: "openapi")
        #expect(reference.outline.map(\.id) == ["api-overview", "api-tag-default", "api-op-get-a"])
        #expect(reference.problems.isEmpty)
    }

    @Test("the type is matched without regard to case or surrounding spaces")
    func typeCase() {
        #expect(renderer.render(definition: "type Query { a: Int }", type: " GraphQL ").format == .graphQL)
        #expect(renderer.render(definition: "message A {}", type: "gRPC").format == .protobuf)
        #expect(renderer.render(definition: "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n", type: "OpenAPI").format
            == .openAPI(version: "3.1.0"))
    }

    @Test("the version field decides: an AsyncAPI document under type openapi renders as AsyncAPI")
    func versionFieldDecides() {
        let reference = renderer.render(definition: "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\n", type: "openapi")
        #expect(reference.format == .asyncAPI(version: "3.0.0"))
    }

    @Test("only the first document of a multi-document stream is read")
    func firstDocument() {
        let reference = renderer.render(definition: "openapi: 3.0.0\ninfo: {title: First, version: '1'}\n---\nopenapi: 3.0.0\n",
                                        type: "openapi")
        #expect(reference.outline.map(\.label) == ["First"])
    }

    @Test("Backstage's petstore renders in well under 5 ms (release; debug builds get more room)")
    func petstoreIsFast() throws {
        guard let corpus = corpusFolder else { return }
        let path = corpus + "/backstage__backstage/packages/catalog-model/examples/apis/petstore.oas.yaml"
        let definition = try String(contentsOfFile: path, encoding: .utf8)
        _ = renderer.render(definition: definition, type: "openapi")
        let runs = 20
        let elapsed = ContinuousClock().measure {
            for _ in 0..<runs { _ = renderer.render(definition: definition, type: "openapi") }
        }
        #if DEBUG
        #expect(elapsed / runs < .milliseconds(250))
        #else
        #expect(elapsed / runs < .milliseconds(5))
        #endif
    }
}
