import PortalYAML

/// An OpenAPI 3.x or Swagger 2.0 document, read into what the reference shows.
///
/// Swagger 2.0 is brought to the 3.x shape: `body` parameters become request bodies and
/// `consumes`/`produces` the media types of bodies and responses.
struct OpenAPIDocument {
    /// The declared version (`3.0.3`, `2.0`).
    var version: String
    var isSwagger: Bool
    var info: APIInfo
    var servers: [APIServer] = []
    /// Operations by tag in the order tags are declared, then first used; untagged last in `default`.
    var groups: [OperationGroup] = []
    /// `components.schemas` (3.x) or `definitions` (2.0).
    var schemas: [NamedComponent] = []
}

/// Operations under one tag (or the webhooks).
struct OperationGroup {
    var name: String
    /// Markdown.
    var description: String?
    var isWebhooks = false
    var operations: [OpenAPIOperation] = []
}

struct OpenAPIOperation {
    /// Lowercased HTTP method.
    var method: String
    /// The path template, or the webhook's name.
    var path: String
    var operationID: String?
    var summary: String?
    /// Markdown.
    var description: String?
    var isDeprecated: Bool
    var parameters: [OpenAPIParameter] = []
    var requestBody: OpenAPIBody?
    var responses: [OpenAPIResponse] = []
}

/// A parameter, or a response header (`location` nil).
struct OpenAPIParameter {
    var name: String
    var location: String?
    var isRequired = false
    var isDeprecated = false
    /// Markdown.
    var description: String?
    var schema: YAMLNode?
    /// Set when the parameter is a `$ref` to another file: shown as written.
    var externalRef: String?
}

struct OpenAPIBody {
    /// Markdown.
    var description: String?
    var isRequired = false
    var content: [MediaContent] = []
    var externalRef: String?
}

struct OpenAPIResponse {
    /// `200`, `4XX`, `default`.
    var status: String
    /// Markdown.
    var description: String?
    var headers: [OpenAPIParameter] = []
    var content: [MediaContent] = []
    var externalRef: String?
}

/// Media types that share one schema.
struct MediaContent {
    var mediaTypes: [String]
    var schema: YAMLNode?
}
