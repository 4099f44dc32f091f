/// A JSON text written byte by byte: compact, deterministic, and safe to load as a script
/// (`<`, `>`, `&`, U+2028 and U+2029 are escaped).
struct JSONBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ byte: UInt8) { bytes.append(byte) }

    mutating func int<Number: BinaryInteger>(_ value: Number) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude == 0 { bytes.append(UInt8(ascii: "0")); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    mutating func string(_ text: String) {
        text.withUTF8InPlace { string($0[...]) }
    }

    mutating func string(_ utf8: ArraySlice<UInt8>) {
        utf8.withUnsafeBufferPointer { string($0[...]) }
    }

    mutating func string(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) {
        bytes.append(UInt8(ascii: "\""))
        escaped(utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// The inside of a JSON string: runs of bytes that need no escape are found eight at a
    /// time and copied whole.
    mutating func escaped(_ utf8: Slice<UnsafeBufferPointer<UInt8>>) {
        var index = utf8.startIndex, runStart = index
        let base = UnsafeRawPointer(utf8.base.baseAddress)
        while index < utf8.endIndex {
            if let base, index + 8 <= utf8.endIndex, !Self.anyMayNeedEscape(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            guard Self.mayNeedEscape(byte) else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\t"): raw("\\t")
            case UInt8(ascii: "<"): raw("\\u003c")
            case UInt8(ascii: ">"): raw("\\u003e")
            case UInt8(ascii: "&"): raw("\\u0026")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 15)])
            case 0xE2 where index + 2 < utf8.endIndex && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                raw(utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                index += 2
            default: bytes.append(byte)
            }
            index += 1
            runStart = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
    }

    /// Whether ``escaped(_:)`` looks at `byte`: controls, `"`, `&`, `<`, `>`, `\` and 0xE2 (the
    /// lead byte of U+2028 and U+2029).
    @inline(__always)
    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        let controlsAndASCII: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E
        return byte < 64 ? controlsAndASCII >> UInt64(byte) & 1 != 0 : byte == UInt8(ascii: "\\") || byte == 0xE2
    }

    /// Whether any of eight bytes is one ``mayNeedEscape(_:)`` accepts (exact, with the
    /// bit tricks that find a zero byte, or one below a bound, in a word).
    @inline(__always)
    private static func anyMayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func anyBelow(_ bound: UInt8, _ word: UInt64) -> Bool { (word &- ones &* UInt64(bound)) & ~word & highs != 0 }
        @inline(__always) func anyEqual(_ byte: UInt8) -> Bool { anyBelow(1, word ^ (ones &* UInt64(byte))) }
        return anyBelow(0x20, word) || anyEqual(0x22) || anyEqual(0x26) || anyEqual(0x3C) || anyEqual(0x3E)
            || anyEqual(0x5C) || anyEqual(0xE2)
    }

    private static let hex = Array("0123456789abcdef".utf8)
}

enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ data: [UInt8], into output: inout [UInt8]) {
        var index = 0
        while index + 2 < data.count {
            let value = UInt32(data[index]) << 16 | UInt32(data[index + 1]) << 8 | UInt32(data[index + 2])
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(alphabet[Int(value >> 6 & 63)])
            output.append(alphabet[Int(value & 63)])
            index += 3
        }
        let rest = data.count - index
        if rest > 0 {
            let value = UInt32(data[index]) << 16 | (rest == 2 ? UInt32(data[index + 1]) << 8 : 0)
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(rest == 2 ? alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "="))
            output.append(UInt8(ascii: "="))
        }
    }
}

extension String {
    /// Calls `body` with the UTF-8 bytes, read in place when they are contiguous (no copy: a
    /// copy touches the string's reference count, which other threads may be touching too).
    func withUTF8InPlace<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
