#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

extension UnsafeBufferPointer<UInt8> {
    /// The first index at or after `start` holding `byte` (memchr).
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < count, let base = baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether the bytes at `index` are `prefix`.
    func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= count, let base = baseAddress else { return false }
        return prefix.withUnsafeBufferPointer { memcmp(base + index, $0.baseAddress!, prefix.count) == 0 }
    }
}
