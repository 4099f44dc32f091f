/// A fixed set of words, each with what it means, looked up by bytes without allocating.
///
/// Open addressing over a power-of-two table; the words' bytes live in one buffer.
struct WordTable: Sendable {
    /// What a word is, and what it makes of the name after it.
    struct Entry: Sendable, Equatable {
        var kind: TokenClass
        /// The next name is defined as this: `def` → function, `class` → type.
        var defines: TokenClass?
    }

    private struct Slot: Sendable {
        var offset: UInt32
        var length: UInt16
        var entry: Entry
    }

    private let storage: [UInt8]
    private let slots: [Slot?]
    private let mask: Int
    private let caseInsensitive: Bool
    /// The longest word's length: longer names need no lookup.
    let maxLength: Int
    /// Per length, a bit per first byte (modulo 64) of the words that long: most names are ruled out here.
    private let firstBytes: [UInt64]

    /// `caseInsensitive`: ASCII letters match either case (the words are given in lowercase).
    init(_ words: [(String, Entry)], caseInsensitive: Bool = false) {
        var capacity = 16
        while capacity < words.count * 3 { capacity *= 2 }
        var storage: [UInt8] = []
        var slots = [Slot?](repeating: nil, count: capacity)
        var maxLength = 0
        var firstBytes = [UInt64](repeating: 0, count: 256)
        for (word, entry) in words {
            let bytes = Array(word.utf8).map { caseInsensitive ? $0.lowercased : $0 }
            precondition(!bytes.isEmpty && bytes.count < 256, "a word table's words are 1 to 255 bytes long")
            maxLength = max(maxLength, bytes.count)
            firstBytes[bytes.count] |= 1 << UInt64(bytes[0] & 63)
            var index = bytes.withUnsafeBufferPointer { Self.hash($0, 0, $0.count, caseInsensitive: false) } & (capacity - 1)
            var duplicate = false
            while let slot = slots[index] {
                if Array(storage[Int(slot.offset)..<Int(slot.offset) + Int(slot.length)]) == bytes {
                    duplicate = true
                    break
                }
                index = (index + 1) & (capacity - 1)
            }
            // The first meaning given wins: keywords are listed before types.
            guard !duplicate else { continue }
            slots[index] = Slot(offset: UInt32(storage.count), length: UInt16(bytes.count), entry: entry)
            storage.append(contentsOf: bytes)
        }
        self.storage = storage
        self.slots = slots
        self.mask = capacity - 1
        self.caseInsensitive = caseInsensitive
        self.maxLength = maxLength
        self.firstBytes = Array(firstBytes[...maxLength])
    }

    /// Keywords, then types (builtins), then the keywords that define the next name.
    init(keywords: [String], types: [String] = [], functionDefiners: [String] = [], typeDefiners: [String] = [],
         caseInsensitive: Bool = false) {
        var words: [(String, Entry)] = []
        words += functionDefiners.map { ($0, Entry(kind: .keyword, defines: .function)) }
        words += typeDefiners.map { ($0, Entry(kind: .keyword, defines: .type)) }
        words += keywords.map { ($0, Entry(kind: .keyword)) }
        words += types.map { ($0, Entry(kind: .type)) }
        self.init(words, caseInsensitive: caseInsensitive)
    }

    /// The meaning of the word `source[start..<end]`, nil when it is not in the table.
    func lookup(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Entry? {
        let length = end - start
        guard length > 0, length <= maxLength else { return nil }
        let first = caseInsensitive ? source[start].lowercased : source[start]
        guard firstBytes[length] & (1 << UInt64(first & 63)) != 0 else { return nil }
        var index = Self.hash(source, start, end, caseInsensitive: caseInsensitive) & mask
        while let slot = slots[index] {
            if Int(slot.length) == length, equals(source, start, offset: Int(slot.offset), length: length) { return slot.entry }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Whether the word is in the table.
    func contains(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        lookup(source, start, end) != nil
    }

    private func equals(_ source: UnsafeBufferPointer<UInt8>, _ start: Int, offset: Int, length: Int) -> Bool {
        storage.withUnsafeBufferPointer { words in
            for index in 0..<length {
                let byte = caseInsensitive ? source[start + index].lowercased : source[start + index]
                if byte != words[offset + index] { return false }
            }
            return true
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, caseInsensitive: Bool) -> Int {
        var hash: UInt32 = 2_166_136_261
        for index in start..<end {
            let byte = caseInsensitive ? bytes[index].lowercased : bytes[index]
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return Int(hash ^ (hash >> 15))
    }
}
