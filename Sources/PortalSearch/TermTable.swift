#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terms interned as numbers: an open-addressing hash table over UTF-8 bytes kept in one arena,
/// so counting ten million words allocates no string per word.
struct TermTable {
    private(set) var arena: [UInt8] = []
    /// Term `i` is `arena[ends[i - 1] ..< ends[i]]` (from 0 for the first).
    private(set) var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Open addressing on the hash's low bits; a used slot holds the hash's high 32 bits and the
    /// term's number + 1 (0: empty), so most probes for other terms stop without leaving it.
    /// At most three quarters full: a range's ~48,000 terms take 512 KB of slots, not 1 MB, and
    /// the slots (read at random once per word) stay in a core's L2 cache.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 8)
    }

    var count: Int { ends.count }

    func bytes(of term: Int) -> ArraySlice<UInt8> {
        arena[(term == 0 ? 0 : ends[term - 1])..<ends[term]]
    }

    /// The number of `bytes`, added if new.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = Self.hash(bytes)
        let (found, slot) = find(bytes, hash: hash)
        if let found { return found }
        return add(bytes, hash: hash, at: slot)
    }

    /// Adds a new term at its empty `slot`; returns its number.
    private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, at slot: Int) -> Int {
        let term = ends.count
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        hashes.append(hash)
        slots[slot] = Self.slotEntry(term, hash: hash)
        if ends.count * 4 > slots.count * 3 { grow() }
        return term
    }

    /// The number of `bytes` in this table, if it holds them.
    func number(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        find(bytes, hash: Self.hash(bytes)).term
    }

    /// The number of `other`'s term `term` here, added if new (its hash is reused).
    mutating func id(ofTerm term: Int, in other: TermTable) -> Int {
        let range = (term == 0 ? 0 : other.ends[term - 1])..<other.ends[term]
        let hash = other.hashes[term]
        return other.arena.withUnsafeBufferPointer { arena in
            let bytes = UnsafeBufferPointer(rebasing: arena[range])
            let (found, slot) = find(bytes, hash: hash)
            if let found { return found }
            return add(bytes, hash: hash, at: slot)
        }
    }

    /// The term holding `bytes`, or the empty slot where it would go.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (term: Int?, slot: Int) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash & Self.tagBits
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                ends.withUnsafeBufferPointer { ends in
                    while true {
                        let entry = slots[slot]
                        if entry == 0 { return (nil, slot) }
                        if entry & Self.tagBits == tag {
                            let term = Int(truncatingIfNeeded: entry & ~Self.tagBits) - 1
                            let start = term == 0 ? 0 : ends[term - 1]
                            if ends[term] - start == bytes.count, Self.equal(arena.baseAddress, start, bytes) {
                                return (term, slot)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    private static let tagBits: UInt64 = 0xFFFF_FFFF_0000_0000

    private static func slotEntry(_ term: Int, hash: UInt64) -> UInt64 {
        hash & tagBits | UInt64(term + 1)
    }

    /// Whether the arena's bytes from `start` are `bytes` (whose length they have), eight at a time.
    @inline(__always)
    private static func equal(_ arena: UnsafePointer<UInt8>?, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let arena, let base = bytes.baseAddress else { return true }  // empty terms
        let stored = UnsafeRawPointer(arena + start), wanted = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            if stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != wanted.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            offset += 8
        }
        return tail(stored, from: offset, to: bytes.count) == tail(wanted, from: offset, to: bytes.count)
    }

    /// Every term's ``UTF16Order/prefixKey(_:)``, by number.
    func prefixKeys() -> [UInt64] {
        arena.withUnsafeBufferPointer { arena in
            ends.withUnsafeBufferPointer { ends in
                let order = TermOrder(arena: arena, ends: ends)
                return (0..<ends.count).map { UTF16Order.prefixKey(order.bytes($0)) }
            }
        }
    }

    /// Every term as a sort key (its first eight bytes packed into an integer, and its number),
    /// in JavaScript's string order; whole terms are compared only on equal prefixes.
    func sortKeys() -> [SortKey] {
        arena.withUnsafeBufferPointer { arena in
            ends.withUnsafeBufferPointer { ends in
                let order = TermOrder(arena: arena, ends: ends)
                var keys = prefixKeys().enumerated().map { SortKey(prefix: $1, term: Int32($0)) }
                keys.sort(by: order.less)
                return keys
            }
        }
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (term, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Self.slotEntry(term, hash: hash)
        }
    }

    /// The last bytes (fewer than eight) from `start` in one integer, with at most two loads:
    /// overlapping halves from four bytes up (the length is hashed apart, so no two tails of
    /// one length collide).
    @inline(__always)
    private static func tail(_ raw: UnsafeRawPointer, from start: Int, to end: Int) -> UInt64 {
        let rest = end - start
        if rest >= 4 {
            return UInt64(raw.loadUnaligned(fromByteOffset: start, as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: end - 4, as: UInt32.self)) << 32
        }
        guard rest > 0 else { return 0 }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        return UInt64(bytes[start]) | UInt64(bytes[start + rest / 2]) << 8 | UInt64(bytes[end - 1]) << 16
    }

    /// Eight bytes at a time, multiplied and mixed (a term is hashed once per occurrence in
    /// the text, so this is the indexer's hottest function after the scanner).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
                index += 8
            }
            hash = (hash ^ tail(raw, from: index, to: count)) &* 0x94D0_49BB_1331_11EB
        }
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 32)
    }
}

/// A term with its first bytes packed for sorting (``UTF16Order/prefixKey(_:)``).
struct SortKey {
    var prefix: UInt64
    var term: Int32
}

/// Compares a table's terms.
private struct TermOrder {
    let arena: UnsafeBufferPointer<UInt8>
    let ends: UnsafeBufferPointer<Int>

    func bytes(_ term: Int) -> Slice<UnsafeBufferPointer<UInt8>> {
        arena[(term == 0 ? 0 : ends[term - 1])..<ends[term]]
    }

    func less(_ a: SortKey, _ b: SortKey) -> Bool {
        a.prefix != b.prefix ? a.prefix < b.prefix : UTF16Order.less(bytes(Int(a.term)), bytes(Int(b.term)))
    }
}

/// JavaScript's string order (UTF-16 code units), which the browser uses to find a term's
/// shard; it differs from UTF-8 byte order only past U+FFFF.
enum UTF16Order {
    static func less<Bytes: Collection>(_ a: Bytes, _ b: Bytes) -> Bool where Bytes.Element == UInt8, Bytes.Index == Int {
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex, j < b.endIndex, a[i] == b[j] {
            i += 1
            j += 1
        }
        guard i < a.endIndex else { return j < b.endIndex }
        guard j < b.endIndex else { return false }
        // Four-byte sequences (past U+FFFF) are surrogate pairs: they sort before U+E000–U+FFFF.
        if a[i] >= 0xEE || b[j] >= 0xEE {
            return Array(String(decoding: Array(a), as: UTF8.self).utf16).lexicographicallyPrecedes(Array(String(decoding: Array(b), as: UTF8.self).utf16))
        }
        return a[i] < b[j]
    }

    /// The first eight bytes of `bytes` (zeros past its end), big-endian, each mapped so that
    /// comparing two keys agrees with ``less(_:_:)`` wherever the keys differ: the lead bytes of
    /// four-byte sequences (surrogate pairs, U+D800…) move between 0xED (…U+D7FF) and 0xEE (U+E000…).
    static func prefixKey(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
        var key: UInt64 = 0
        var index = bytes.startIndex
        for _ in 0..<8 {
            var byte: UInt64 = 0
            if index < bytes.endIndex {
                byte = UInt64(bytes[index])
                if byte >= 0xF0 { byte -= 2 } else if byte >= 0xEE { byte += 5 }
                index += 1
            }
            key = key << 8 | byte
        }
        return key
    }
}
