// Markup of an API reference, for themes to style. No inline styles, no scripts; BEM-ish classes:
//
// Frame     .api-reference.api-reference--{openapi|asyncapi|graphql|protobuf|source}
// Sections  <section class="X" aria-labelledby> with <h2|h3 class="X__title" id="api-…">, X one of:
//           h2: .api-info (overview), .api-servers, .api-group (OpenAPI tag or webhooks; GraphQL Queries,
//               Mutations, Subscriptions), .api-channels, .api-operations, .api-messages, .api-schemas, .api-types,
//               .api-directives, .api-services, .api-enums, .api-source-view (definition shown as source)
//           h3: .api-operation, .api-channel, .api-message-definition, .api-schema-definition, .api-type-definition,
//               .api-directive-definition, .api-service-definition, .api-enum-definition
//           h4: .api-subheading (Parameters, Request body, Responses, Arguments, Messages)
// Overview  .api-info__version, .api-info__details (dl), .api-info__imports
// Servers   .api-servers__list > .api-server (.api-server__name, __url, __protocol, __variables > .api-server__variable)
// Badges    .api-method.api-method-{get|put|post|delete|patch|head|options|trace|query|mutation|subscription|
//           publish|subscribe|send|receive|other}, .api-status.api-status-{1xx…5xx|default},
//           .api-kind.api-kind-{object|interface|input|enum|union|scalar}, .api-stream, .api-deprecated
// Operation .api-operation__path, __summary, __id, __label, __channel, __returns; .api-channel__address, __label,
//           .api-channel__operation
// Tables    (<th scope="col"> headers, <th scope="row"> names) .api-parameters, .api-headers, .api-responses,
//           .api-fields, .api-enum-values, .api-rpcs, .api-options; cells .api-parameter__name, __location, __type,
//           __required, __description; .api-field__name, __number, __label, __default; .api-rpc__name,
//           .api-option__name; .api-responses__label; .api-arguments (field arguments); .api-type-ref (code)
// Bodies    .api-body, .api-body__required, .api-media, .api-media__types > .api-media__type
// Messages  .api-message-list > .api-message; .api-message__name, __title, __summary, __content-type, __part,
//           __schema-format
// Schemas   .api-schema > .api-schema__summary (.api-schema__type, __format, __flag, __constraint, __default,
//           __const, __enum > .api-enum-value), .api-schema__properties > .api-property (.api-property__name,
//           __required; .api-property--additional), .api-schema__composition.api-schema__composition--{all-of|one-of|
//           any-of|not} (.api-schema__composition-label, .api-schema__alternatives), .api-schema__discriminator,
//           .api-schema__ref (link to a named schema), .api-schema__external-ref, .api-schema__missing-ref,
//           .api-schema__cycle, .api-schema__truncated; .api-type-definition__related, .api-directive__locations
// Text      .api-description (rendered Markdown), .api-note, .api-problems > ul > .api-problem
// Source    <details class="api-source-details">, <pre class="api-source"><code class="language-{yaml|json|
//           graphql|protobuf|text}"> with .tok-key, .tok-string, .tok-number, .tok-comment, .tok-keyword, .tok-type

import PortalYAML

/// Turns the `spec.definition` of a Backstage API entity into a static HTML reference fragment.
///
/// OpenAPI 2.0/3.x, AsyncAPI 2.x/3.x, GraphQL SDL and protobuf become structured references;
/// anything else, and any definition that cannot be read, is shown as highlighted source with
/// the problems found. Nothing is fetched, no scripts or inline styles are emitted, and every
/// string from the definition is escaped.
public struct APIReferenceRenderer: Sendable {
    /// The caps every render keeps to.
    public var limits: APIReferenceLimits

    /// A renderer with the default ``APIReferenceLimits``.
    public init() {
        limits = APIReferenceLimits()
    }

    /// A renderer with other caps (tests use small ones).
    public init(limits: APIReferenceLimits) {
        self.limits = limits
    }

    /// `type` is the entity's spec.type (openapi, asyncapi, graphql, grpc, or anything else, case-insensitive).
    public func render(definition: String, type: String) -> APIReference {
        let kind = type.trimmingSpaces.lowercased()
        guard definition.utf8.count <= limits.maxDefinitionBytes else { return oversized(definition) }
        guard !definition.allSatisfy(\.isWhitespace) else {
            var out = HTMLWriter()
            out.problem(line: 1, column: 1, "the definition is empty")
            return wrapped(out, modifier: "source", format: .source(language: "text")) { out in
                out.paragraph(class: "api-note", "The definition is empty.")
            }
        }
        switch kind {
        case "openapi", "asyncapi", "swagger":
            return renderYAMLDocument(definition)
        case "graphql":
            let (schema, problems) = GraphQLParser.parse(definition)
            guard !schema.types.isEmpty || !schema.directives.isEmpty else {
                return source(definition, language: .graphql, problems: problems)
            }
            return structured(definition, language: .graphql, problems: problems, modifier: "graphql", format: .graphQL) { out in
                GraphQLRenderer(limits: limits).render(schema, into: &out)
            }
        case "grpc", "protobuf", "proto":
            let (file, problems) = ProtoParser.parse(definition)
            guard !file.services.isEmpty || !file.messages.isEmpty || !file.enums.isEmpty else {
                return source(definition, language: .protobuf, problems: problems)
            }
            return structured(definition, language: .protobuf, problems: problems, modifier: "protobuf", format: .protobuf) { out in
                ProtoRenderer(limits: limits).render(file, into: &out)
            }
        default:
            return source(definition, language: SourceLanguage.guess(definition), problems: [])
        }
    }

    /// OpenAPI, Swagger and AsyncAPI, in YAML or JSON: the version field decides which.
    private func renderYAMLDocument(_ definition: String) -> APIReference {
        let language: SourceLanguage = definition.first(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }).map { "{[".contains($0) } == true
            ? .json : .yaml
        let documents = YAMLParser.parse(definition)
        guard let document = documents.first else {
            return source(definition, language: language, problems: [APIReferenceProblem(line: 1, column: 1, message: "the definition is empty")])
        }
        var problems = document.warnings.map { APIReferenceProblem(line: $0.mark.line, column: $0.mark.column, message: $0.message) }
        if let error = document.error {
            problems.insert(APIReferenceProblem(line: error.mark.line, column: error.mark.column, message: error.message), at: 0)
            return source(definition, language: language, problems: problems)
        }
        guard let root = document.root, root.pairs != nil else {
            let mark = document.root?.mark ?? document.start
            problems.append(APIReferenceProblem(line: mark.line, column: mark.column,
                                                message: "expected a mapping with an 'openapi', 'swagger' or 'asyncapi' field"))
            return source(definition, language: language, problems: problems)
        }
        let resolver = ReferenceResolver(root: root)
        if let version = root.text("asyncapi") {
            let (asyncAPI, readProblems) = AsyncAPIReader.read(root, resolver: resolver)
            return structured(definition, language: language, problems: problems + readProblems, modifier: "asyncapi",
                              format: .asyncAPI(version: version)) { out in
                AsyncAPIRenderer(limits: limits).render(asyncAPI, resolver: resolver, into: &out)
            }
        }
        guard let version = root.text("openapi") ?? root.text("swagger") else {
            problems.append(APIReferenceProblem(line: root.mark.line, column: root.mark.column,
                                                message: "no 'openapi', 'swagger' or 'asyncapi' version field"))
            return source(definition, language: language, problems: problems)
        }
        let (openAPI, readProblems) = OpenAPIReader.read(root, resolver: resolver)
        return structured(definition, language: language, problems: problems + readProblems, modifier: "openapi",
                          format: .openAPI(version: version)) { out in
            OpenAPIRenderer(limits: limits).render(openAPI, resolver: resolver, into: &out)
        }
    }

    // MARK: - Frames

    /// A structured reference: problems (if any), the body, and the highlighted source in a `<details>`.
    private func structured(_ definition: String, language: SourceLanguage, problems: [APIReferenceProblem], modifier: String,
                            format: APIReferenceFormat, _ body: (inout HTMLWriter) -> Void) -> APIReference {
        // The reference, then the highlighted source (markup makes it two to three times its size).
        var out = HTMLWriter(capacity: 16_384 + 4 * definition.utf8.count)
        for problem in problems { out.problem(line: problem.line, column: problem.column, problem.message) }
        return wrapped(out, modifier: modifier, format: format) { out in
            body(&out)
            out.problemList(intro: "Problems found in the definition:")
            out.sourceDetails(definition, language: language, limit: limits.maxSourceBytes)
        }
    }

    /// The definition as highlighted source, after the problems that kept it from being read.
    private func source(_ definition: String, language: SourceLanguage, problems: [APIReferenceProblem]) -> APIReference {
        var out = HTMLWriter()
        for problem in problems { out.problem(line: problem.line, column: problem.column, problem.message) }
        return wrapped(out, modifier: "source", format: .source(language: language.rawValue)) { out in
            out.problemList(intro: "The definition could not be read:")
            out.section(class: "api-source-view", id: out.anchors.make("source", ""), label: "Definition", level: 1) { out in
                if definition.utf8.count > limits.maxSourceBytes {
                    out.source(definition, language: .text)
                } else {
                    out.source(definition, language: language)
                }
            }
        }
    }

    /// A definition over the size limit: a problem, and only its start as plain text.
    private func oversized(_ definition: String) -> APIReference {
        var out = HTMLWriter()
        out.problem(line: 1, column: 1, "the definition is \(definition.utf8.count) bytes, more than the limit of "
                    + "\(limits.maxDefinitionBytes); it is not rendered")
        return wrapped(out, modifier: "source", format: .source(language: "text")) { out in
            out.paragraph(class: "api-note", "The definition is too large to render; its first 64 KiB follow.")
            out.source(String(definition.prefix(65_536)) + "\n…", language: .text)
        }
    }

    private func wrapped(_ writer: HTMLWriter, modifier: String, format: APIReferenceFormat,
                         _ body: (inout HTMLWriter) -> Void) -> APIReference {
        var out = writer
        out.raw("<div class=\"api-reference api-reference--\(modifier)\">\n")
        body(&out)
        out.raw("</div>\n")
        return out.finish(format: format)
    }
}
