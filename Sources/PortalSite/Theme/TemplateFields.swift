/// The fields of a template object, in the order they were set. Objects hold a handful to a
/// few dozen fields, so a linear search beats hashing both when a page model is built and when
/// a template looks names up (thousands of times per page build). Each entry keeps a short
/// fingerprint of its name, so the search compares integers and only a match compares strings.
public struct TemplateFields: Sendable, ExpressibleByDictionaryLiteral {
    /// A struct rather than a tuple: arrays of tuples are copied and destroyed through generic
    /// runtime code that reads the tuple's layout for every element.
    private struct Entry: Sendable {
        var fingerprint: UInt64
        var name: String
        var value: TemplateValue
    }

    private var entries: [Entry]

    public init() {
        entries = []
    }

    /// Later duplicates replace earlier ones, as in a dictionary built from pairs.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        entries = []
        entries.reserveCapacity(elements.count)
        for (name, value) in elements {
            let fingerprint = Self.fingerprint(name)
            if let index = entries.firstIndex(where: { $0.fingerprint == fingerprint && $0.name == name }) {
                entries[index].value = value
            } else {
                entries.append(Entry(fingerprint: fingerprint, name: name, value: value))
            }
        }
    }

    /// The field called `name`; setting nil removes it.
    public subscript(name: String) -> TemplateValue? {
        get { self[name, Self.fingerprint(name)] }
        set {
            let fingerprint = Self.fingerprint(name)
            let index = entries.firstIndex { $0.fingerprint == fingerprint && $0.name == name }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].value = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append(Entry(fingerprint: fingerprint, name: name, value: value))
            case (nil, nil): break
            }
        }
    }

    /// The field called `name`, whose ``fingerprint(_:)`` is known.
    subscript(name: String, fingerprint: UInt64) -> TemplateValue? {
        for index in entries.indices where entries[index].fingerprint == fingerprint && entries[index].name == name {
            return entries[index].value
        }
        return nil
    }

    /// Sets `name` to `value`, or to ``TemplateValue/absent`` when there is none, so templates
    /// can test it with a section and never pick up a same-named field of an enclosing context.
    public mutating func setIfPresent(_ name: String, _ value: TemplateValue?) {
        self[name] = value ?? .absent
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// FNV-1a of the name's UTF-8: names that differ almost always differ here.
    static func fingerprint(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
