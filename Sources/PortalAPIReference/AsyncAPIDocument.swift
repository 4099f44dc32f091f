import PortalYAML

/// An AsyncAPI 2.x or 3.x document, read into what the reference shows.
struct AsyncAPIDocument {
    var version: String
    var info: APIInfo
    var servers: [APIServer] = []
    var defaultContentType: String?
    var channels: [AsyncAPIChannel] = []
    /// 3.x top-level operations; 2.x operations live in their channels.
    var operations: [AsyncAPIOperation] = []
    /// `components.messages`.
    var messages: [NamedComponent] = []
    /// `components.schemas`.
    var schemas: [NamedComponent] = []
}

struct AsyncAPIChannel {
    /// The key under `channels` (the address itself in 2.x).
    var key: String
    var address: String?
    var title: String?
    var summary: String?
    /// Markdown.
    var description: String?
    var parameters: [AsyncAPIParameter] = []
    /// 2.x `publish` and `subscribe`.
    var operations: [AsyncAPIOperation] = []
    /// 3.x channel messages (inline or `$ref`s), by key.
    var messages: [YAMLNode] = []
}

struct AsyncAPIParameter {
    var name: String
    /// Markdown.
    var description: String?
    /// 2.x schema, or the 3.x parameter itself (its `enum`, `default`).
    var schema: YAMLNode?
    var location: String?
}

struct AsyncAPIOperation {
    /// The key under `operations` (3.x) or the `operationId`.
    var id: String?
    /// `publish`, `subscribe` (2.x), `send`, `receive` (3.x).
    var action: String
    /// 3.x: the key of the channel the operation's `channel` `$ref` points at.
    var channel: String?
    var title: String?
    var summary: String?
    /// Markdown.
    var description: String?
    /// Message objects or `$ref`s to them.
    var messages: [YAMLNode] = []
}
