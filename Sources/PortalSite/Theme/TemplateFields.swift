/// The fields of a template object, in the order they were set. Objects hold a handful to a
/// few dozen fields, so a linear search by name beats hashing both when a page model is built
/// and when a template looks names up (thousands of times per page build).
public struct TemplateFields: Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(name: String, value: TemplateValue)]

    public init() {
        entries = []
    }

    /// Later duplicates replace earlier ones, as in a dictionary built from pairs.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        entries = []
        entries.reserveCapacity(elements.count)
        for (name, value) in elements { self[name] = value }
    }

    /// The field called `name`; setting nil removes it.
    public subscript(name: String) -> TemplateValue? {
        get {
            for entry in entries where entry.name == name { return entry.value }
            return nil
        }
        set {
            let index = entries.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((name, value))
            case (nil, nil): break
            }
        }
    }

    /// Sets `name` only when `value` is present, so templates can test it with a section.
    public mutating func setIfPresent(_ name: String, _ value: TemplateValue?) {
        if let value { self[name] = value }
    }

    public var isEmpty: Bool { entries.isEmpty }
}
