/// A value a template can show: the page models are trees of these, computed in Swift,
/// so templates stay logic-less. Strings are escaped by the template (`{{x}}`) unless
/// they are marked as ready-made HTML and written with triple braces (`{{{x}}}`).
public enum TemplateValue: Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case text(String)
    /// UTF-8 text made elsewhere (a rendered page body), written like `.text` without being
    /// decoded into a `String` and encoded again.
    case utf8([UInt8])
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateFields)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var fields = TemplateFields()
        for (name, value) in elements { fields[name] = value }
        self = .object(fields)
    }

    /// A text, or an absent value (which sections treat as false) when nil or empty.
    public static func optional(_ text: String?) -> TemplateValue? {
        guard let text, !text.isEmpty else { return nil }
        return .text(text)
    }

    /// A value that is there but empty: it renders nothing and sections skip it, and unlike
    /// a missing key it stops Mustache from looking the name up in enclosing contexts.
    public static let absent: TemplateValue = .text("")

    /// A number shown as text.
    public static func number(_ value: Int) -> TemplateValue { .text(String(value)) }

    /// A field as templates look it up: an object's own field, else `hasX` for a field `X`,
    /// true when `X` is present and not an empty list or text, so a template can wrap a
    /// list once (`{{#hasTags}}<ul>{{#tags}}…{{/tags}}</ul>{{/hasTags}}`).
    func field(_ name: TemplateName) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        if let value = fields[name.name, name.fingerprint] { return value }
        guard let presenceOf = name.presenceOf, let value = fields[presenceOf, name.presenceFingerprint] else { return nil }
        return .flag(value.isTruthy)
    }

    /// Whether a section shows: true, a non-empty list or text, or any object.
    var isTruthy: Bool {
        switch self {
        case .flag(let flag): flag
        case .list(let items): !items.isEmpty
        case .text(let text): !text.isEmpty
        case .utf8(let bytes): !bytes.isEmpty
        case .object: true
        }
    }

    /// A field of an object, for tests and models that read back what they built.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// The items of a list (empty for anything else).
    public var items: [TemplateValue] {
        if case .list(let items) = self { return items }
        return []
    }

    /// The text of a text value.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
