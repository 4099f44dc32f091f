/// A short ASCII name (element, attribute, URL scheme), lowercased and packed into two words, so
/// the sanitisers look names up in their tables without building a `String` per tag.
struct ASCIIKey: Hashable, Sendable {
    static let capacity = 16

    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private(set) var count = 0

    init() {}

    /// `nil` when the name is longer than ``capacity`` bytes: no name in the tables is.
    init?(lowercasing bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard range.count <= Self.capacity else { return nil }
        for index in range { append(bytes[index]) }
    }

    init(_ name: String) {
        precondition(name.utf8.count <= Self.capacity, "ASCIIKey name too long: \(name)")
        for byte in name.utf8 { append(byte) }
    }

    /// Appends `byte`, lowercased; returns `false`, changing nothing, when the key is full.
    @discardableResult
    mutating func append(_ byte: UInt8) -> Bool {
        guard count < Self.capacity else { return false }
        let shifted = UInt64(ASCII.lowercased(byte)) << (8 * UInt64(count % 8))
        if count < 8 { low |= shifted } else { high |= shifted }
        count += 1
        return true
    }
}

extension ASCIIKey {
    /// A cheap hash of both words, for ``ASCIIKeyTable``.
    fileprivate var tableHash: UInt64 {
        (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)
    }
}

/// A fixed map from names to values, built once: open addressing over a multiplicative hash,
/// several times cheaper per lookup than `Dictionary`'s seeded hashing, which matters when every
/// tag and attribute of every page is looked up.
struct ASCIIKeyTable<Value: Sendable>: Sendable {
    private var keys: [ASCIIKey?]
    private var values: [Value?]
    private let shift: UInt64

    init(_ entries: [(String, Value)]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 4 { bits += 1 }
        shift = 64 - bits
        keys = Array(repeating: nil, count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
        for (name, value) in entries {
            let key = ASCIIKey(name)
            var slot = self.slot(for: key)
            while let existing = keys[slot], existing != key { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    subscript(key: ASCIIKey) -> Value? {
        var slot = slot(for: key)
        while let existing = keys[slot] {
            if existing == key { return values[slot] }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    private func slot(for key: ASCIIKey) -> Int {
        Int(truncatingIfNeeded: key.tableHash >> shift)
    }
}
