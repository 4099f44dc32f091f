/// A value a template can show: the page models are trees of these, computed in Swift,
/// so templates stay logic-less. Strings are escaped by the template (`{{x}}`) unless
/// they are marked as ready-made HTML and written with triple braces (`{{{x}}}`).
public enum TemplateValue: Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
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
    func field(_ name: String) -> TemplateValue? {
        guard case .object(let fields) = self else { return nil }
        if let value = fields[name] { return value }
        guard name.hasPrefix("has"), name.utf8.count > 3 else { return nil }
        let rest = name.dropFirst(3)
        let key = rest.prefix(1).lowercased() + rest.dropFirst()
        guard let value = fields[key] else { return nil }
        return .flag(TemplateRendering.isTruthy(value))
    }

    /// A field of an object, for tests and models that read back what they built.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// An object with `fields` added (replacing fields of the same name).
    public func adding(_ fields: [String: TemplateValue]) -> TemplateValue {
        guard case .object(var own) = self else { return self }
        own.merge(fields) { _, new in new }
        return .object(own)
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

extension Dictionary where Key == String, Value == TemplateValue {
    /// Sets `key` to `value`, or to ``TemplateValue/absent`` when there is none, so templates
    /// can test it with a section and never pick up a same-named field of an enclosing context.
    mutating func setIfPresent(_ key: String, _ value: TemplateValue?) {
        self[key] = value ?? .absent
    }
}
