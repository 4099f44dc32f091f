import PortalAPIReference
import Testing

/// Whole references for small, complete definitions of each format, compared with recorded
/// HTML under `Golden/` (`PORTAL_UPDATE_GOLDEN=1` re-records them).
@Suite("Golden references")
struct GoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var fixture: String
        var type: String
        var format: APIReferenceFormat
        var golden: String
        var testDescription: String { "\(fixture) as \(type)" }
    }

    static let cases = [
        // OpenAPI 3.0: tags, shared parameters, request body and response refs, schemas.
        Case(fixture: "petshop-openapi3.yaml", type: "openapi", format: .openAPI(version: "3.0.3"), golden: "petshop-openapi3.html"),
        // Swagger 2.0 in JSON: host and schemes, body parameters, consumes and produces, definitions.
        Case(fixture: "inventory-swagger2.json", type: "openapi", format: .openAPI(version: "2.0"), golden: "inventory-swagger2.html"),
        // AsyncAPI 2: channels with publish and subscribe, oneOf messages, components.
        Case(fixture: "streetlights-asyncapi2.yaml", type: "asyncapi", format: .asyncAPI(version: "2.6.0"),
             golden: "streetlights-asyncapi2.html"),
        // AsyncAPI 3: addresses, top-level operations with channel and message refs, multi-format payloads.
        Case(fixture: "accounts-asyncapi3.yaml", type: "asyncapi", format: .asyncAPI(version: "3.0.0"),
             golden: "accounts-asyncapi3.html"),
        // GraphQL SDL: schema block, descriptions, extend type, unions, inputs, directives.
        Case(fixture: "library.graphql", type: "graphql", format: .graphQL, golden: "library-graphql.html"),
        // protobuf: services with streams, nested messages and enums, maps, oneofs, comments.
        Case(fixture: "greeter.proto", type: "grpc", format: .protobuf, golden: "greeter-proto.html"),
    ]

    @Test("renders as recorded, in its format, without problems", arguments: cases)
    func golden(_ example: Case) throws {
        let reference = renderer.render(definition: try fixture(example.fixture), type: example.type)
        #expect(reference.format == example.format)
        #expect(reference.problems.isEmpty)
        try expectGolden(reference.html, example.golden)
    }

    @Test("the OpenAPI outline lists the overview, servers, tag groups with their operations, and schemas")
    func outline() throws {
        let reference = renderer.render(definition: try fixture("petshop-openapi3.yaml"), type: "openapi")
        #expect(reference.outline.map { "\($0.level) \($0.id) \($0.label)" } == [
            "1 api-overview Pet Shop",
            "1 api-servers Servers",
            "1 api-tag-pets pets",
            "2 api-op-listpets GET /pets",
            "2 api-op-createpet POST /pets",
            "2 api-op-showpetbyid GET /pets/{petId}",
            "1 api-tag-default default",
            "2 api-op-delete-pets-petid DELETE /pets/{petId}",
            "1 api-schemas Schemas",
            "2 api-schema-pet Pet",
            "2 api-schema-pets Pets",
            "2 api-schema-owner Owner",
            "2 api-schema-person Person",
            "2 api-schema-error Error",
        ])
    }
}
