/// A protocol buffers file as read by ``ProtoParser``: nested messages and enums are flattened,
/// named by their path inside the file (`Outer.Inner`).
struct ProtoFile {
    /// `proto2`, `proto3`, or `edition 2023`.
    var syntax: String?
    var package: String?
    var imports: [String] = []
    var options: [(name: String, value: String)] = []
    var services: [ProtoService] = []
    var messages: [ProtoMessage] = []
    var enums: [ProtoEnum] = []
}

struct ProtoService {
    var name: String
    /// Markdown, from the comments before the definition.
    var description: String?
    var rpcs: [ProtoRPC] = []
}

struct ProtoRPC {
    var name: String
    var description: String?
    var request: String
    var isRequestStreamed: Bool
    var response: String
    var isResponseStreamed: Bool
}

struct ProtoMessage {
    /// The path inside the file: `Outer.Inner`.
    var name: String
    var description: String?
    var fields: [ProtoField] = []
}

struct ProtoField {
    var name: String
    var number: String
    /// The value type as written (`string`, `.pkg.Other`, the map's value type).
    var type: String
    /// `repeated`, `optional`, `required`, or nil.
    var label: String?
    /// Set for `map<K, V>` fields.
    var mapKey: String?
    /// The `oneof` the field belongs to.
    var oneof: String?
    var isDeprecated = false
    var description: String?
}

struct ProtoEnum {
    /// The path inside the file: `Outer.Kind`.
    var name: String
    var description: String?
    var values: [(name: String, number: String, description: String?)] = []
}
