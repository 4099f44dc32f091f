/// A GraphQL schema as read from SDL: its root operation types, named types and directives.
struct GraphQLSchema {
    /// `query`, `mutation`, `subscription` with their type names, in order.
    var rootTypes: [(operation: String, type: String)] = []
    var types: [GraphQLType] = []
    var directives: [GraphQLDirective] = []
}

/// A named type definition, with everything `extend` added to it.
struct GraphQLType {
    enum Kind: String {
        case object = "type", interface, input, `enum`, union, scalar
    }

    var kind: Kind
    var name: String
    var description: String?
    var interfaces: [String] = []
    /// Fields of objects and interfaces, or input fields.
    var fields: [GraphQLField] = []
    var values: [GraphQLEnumValue] = []
    /// Member types of a union.
    var members: [String] = []
}

/// A field, an argument or an input field.
struct GraphQLField {
    var name: String
    var description: String?
    var arguments: [GraphQLField] = []
    var type: GraphQLTypeReference
    /// The default value as written.
    var defaultValue: String?
    /// The reason given by `@deprecated`, or "" for none; nil when not deprecated.
    var deprecation: String?
}

struct GraphQLEnumValue {
    var name: String
    var description: String?
    var deprecation: String?
}

struct GraphQLDirective {
    var name: String
    var description: String?
    var arguments: [GraphQLField]
    var locations: [String]
    var isRepeatable: Bool
}

/// A type as used by a field: a name, a list, or non-null.
indirect enum GraphQLTypeReference {
    case named(String)
    case list(GraphQLTypeReference)
    case nonNull(GraphQLTypeReference)

    /// The name inside the lists and non-nulls.
    var name: String {
        switch self {
        case .named(let name): name
        case .list(let inner), .nonNull(let inner): inner.name
        }
    }
}
