/// What an API definition became.
public struct APIReference: Sendable {
    /// An HTML fragment (no <html>/<body>), every string from the definition escaped, as UTF-8.
    public var utf8: [UInt8]
    /// ``utf8`` as a string.
    public var html: String { String(decoding: utf8, as: UTF8.self) }
    /// A table of contents: anchor id (without '#') and label, in order, with nesting level (1 or 2).
    public var outline: [APIReferenceHeading]
    /// Problems found while reading the definition, with 1-based line/column inside the definition text.
    public var problems: [APIReferenceProblem]
    /// What was rendered: .openAPI(version), .asyncAPI(version), .graphQL, .protobuf, .source(language)
    public var format: APIReferenceFormat

    public init(html: String, outline: [APIReferenceHeading], problems: [APIReferenceProblem], format: APIReferenceFormat) {
        self.init(utf8: Array(html.utf8), outline: outline, problems: problems, format: format)
    }

    /// A reference whose HTML is already UTF-8 bytes (a page copies them without decoding).
    public init(utf8: [UInt8], outline: [APIReferenceHeading], problems: [APIReferenceProblem], format: APIReferenceFormat) {
        self.utf8 = utf8
        self.outline = outline
        self.problems = problems
        self.format = format
    }
}

/// One entry of a reference's table of contents.
public struct APIReferenceHeading: Sendable, Equatable {
    /// The heading's anchor id, without '#'.
    public var id: String
    /// The heading's text, unescaped.
    public var label: String
    /// 1 for section headings (h2), 2 for the operations and types inside them (h3).
    public var level: Int

    public init(id: String, label: String, level: Int) {
        self.id = id
        self.label = label
        self.level = level
    }
}

/// A problem found while reading a definition, at a 1-based line and column (in characters) of its text.
public struct APIReferenceProblem: Sendable, Equatable {
    public var line: Int
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// The form a definition was rendered in.
public enum APIReferenceFormat: Sendable, Equatable {
    /// An OpenAPI 3.x or Swagger 2.0 document, with the version it declares.
    case openAPI(version: String)
    /// An AsyncAPI 2.x or 3.x document, with the version it declares.
    case asyncAPI(version: String)
    /// A GraphQL schema (SDL).
    case graphQL
    /// A protocol buffers file (gRPC services and messages).
    case protobuf
    /// Highlighted source, for other types and for definitions that could not be read;
    /// `language` is the `language-…` class of the code block (`yaml`, `json`, `graphql`, `protobuf`, `text`).
    case source(language: String)
}

/// Caps that keep huge or hostile definitions from exhausting time or memory.
public struct APIReferenceLimits: Sendable {
    /// Definitions larger than this (in UTF-8 bytes) are not parsed; only their start is shown as text.
    public var maxDefinitionBytes: Int
    /// Operations (or GraphQL root fields, or rpcs) rendered; the rest are counted in a note.
    public var maxOperations: Int
    /// Named schemas, types or messages rendered; the rest are counted in a note.
    public var maxSchemas: Int
    /// How deep nested schemas are expanded before they are cut with an ellipsis.
    public var maxSchemaDepth: Int
    /// How many schema nodes one reference renders in all (inline `$ref`s can multiply them).
    public var maxSchemaNodes: Int
    /// Definitions up to this size get the "Definition source" block with highlighting.
    public var maxSourceBytes: Int

    public init(maxDefinitionBytes: Int = 5_000_000, maxOperations: Int = 2_000, maxSchemas: Int = 2_000,
                maxSchemaDepth: Int = 12, maxSchemaNodes: Int = 20_000, maxSourceBytes: Int = 1_000_000) {
        self.maxDefinitionBytes = maxDefinitionBytes
        self.maxOperations = maxOperations
        self.maxSchemas = maxSchemas
        self.maxSchemaDepth = maxSchemaDepth
        self.maxSchemaNodes = maxSchemaNodes
        self.maxSourceBytes = maxSourceBytes
    }
}
