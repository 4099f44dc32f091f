#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Byte constants and classes shared by the HTML and SVG sanitisers, which read UTF-8 bytes:
/// every byte that matters to markup is ASCII, so nothing here needs to decode UTF-8.
enum ASCII {
    static var null: UInt8 { 0x00 }
    static var tab: UInt8 { 0x09 }
    static var lineFeed: UInt8 { 0x0A }
    static var formFeed: UInt8 { 0x0C }
    static var carriageReturn: UInt8 { 0x0D }
    static var space: UInt8 { 0x20 }
    static var exclamationMark: UInt8 { 0x21 }
    static var quotationMark: UInt8 { 0x22 }
    static var numberSign: UInt8 { 0x23 }
    static var percentSign: UInt8 { 0x25 }
    static var ampersand: UInt8 { 0x26 }
    static var apostrophe: UInt8 { 0x27 }
    static var comma: UInt8 { 0x2C }
    static var hyphen: UInt8 { 0x2D }
    static var fullStop: UInt8 { 0x2E }
    static var slash: UInt8 { 0x2F }
    static var colon: UInt8 { 0x3A }
    static var semicolon: UInt8 { 0x3B }
    static var lessThan: UInt8 { 0x3C }
    static var equals: UInt8 { 0x3D }
    static var greaterThan: UInt8 { 0x3E }
    static var questionMark: UInt8 { 0x3F }
    static var leftSquareBracket: UInt8 { 0x5B }
    static var backslash: UInt8 { 0x5C }
    static var rightSquareBracket: UInt8 { 0x5D }
    static var underscore: UInt8 { 0x5F }
    static var delete: UInt8 { 0x7F }

    /// U+FFFD, which browsers put in place of a NUL.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20) &- 0x61 < 6
    }

    /// HTML's ASCII whitespace (tab, LF, FF, CR, space); XML's is the same less FF, and a form feed
    /// in an SVG is an error either way.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == lineFeed || byte == carriageReturn || byte == formFeed
    }

    /// A C0 control, space or DEL: what a URL check ignores wherever it appears.
    static func isControlOrSpace(_ byte: UInt8) -> Bool {
        byte <= space || byte == delete
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Whether `bytes[index...]` starts with `prefix`, ignoring ASCII case.
    static func hasPrefix(_ prefix: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        prefix.withUTF8Buffer { prefix in
            guard index + prefix.count <= bytes.count else { return false }
            for offset in 0..<prefix.count where lowercased(bytes[index + offset]) != lowercased(prefix[offset]) {
                return false
            }
            return true
        }
    }

    /// The index of the first `byte` at or after `start`, or `nil` (memchr: pages are searched
    /// from tag to tag).
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start >= 0, start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Where `needle` (a few ASCII bytes) first occurs in `bytes` at or after `start` (`start`
    /// itself for an empty needle): `memchr` to each of its first byte, then a comparison.
    static func firstIndex(of needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard needle.utf8CodeUnitCount > 0 else { return start }
        var index = start
        while let found = firstIndex(of: needle.utf8Start.pointee, in: bytes, from: index) {
            if hasPrefix(exactly: needle, in: bytes, at: found) { return found }
            index = found + 1
        }
        return nil
    }

    /// Whether `bytes[index...]` starts with exactly `prefix`.
    static func hasPrefix(exactly prefix: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index >= 0, index + count <= bytes.count, let base = bytes.baseAddress else { return false }
        return memcmp(base + index, prefix.utf8Start, count) == 0
    }
}
