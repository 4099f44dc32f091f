/// The HTML being built from a source's UTF-8 bytes: escaped plain text and token spans.
///
/// Highlighters call ``plain(_:_:)`` and ``token(_:_:_:)`` with byte offsets into `source`, in order
/// and without gaps; adjacent plain runs are escaped in one go. The HTML collects in a buffer of
/// its own (appending to an `Array` a few bytes at a time costs more than the lexing), handed
/// over once with ``append(to:)``.
struct HighlightOutput: ~Copyable {
    let source: UnsafeBufferPointer<UInt8>
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var pendingStart = 0
    private var pendingEnd = 0

    init(source: UnsafeBufferPointer<UInt8>) {
        self.source = source
        // Highlighted code is typically two to four times its source.
        capacity = source.count * 3 + 256
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
    }

    /// Escaped source bytes without markup.
    mutating func plain(_ start: Int, _ end: Int) {
        guard start < end else { return }
        if start != pendingEnd {
            flush()
            pendingStart = start
        }
        pendingEnd = end
    }

    /// Escaped source bytes in a `<span class="tok-…">`.
    mutating func token(_ start: Int, _ end: Int, _ kind: TokenClass) {
        guard start < end else { return }
        flush()
        append(kind.openingTag)
        appendEscaped(start, end)
        append("</span>")
    }

    /// Escaped source bytes in a span when `kind` is set, else plain.
    mutating func token(_ start: Int, _ end: Int, _ kind: TokenClass?) {
        if let kind { token(start, end, kind) } else { plain(start, end) }
    }

    /// Writes out the plain text still held back.
    mutating func flush() {
        guard pendingStart < pendingEnd else { return }
        appendEscaped(pendingStart, pendingEnd)
        pendingStart = pendingEnd
    }

    /// Appends the HTML so far (after a ``flush()``) to `output`.
    func append(to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
    }

    /// The HTML so far (after a ``flush()``).
    var string: String {
        String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(extra) }
    }

    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBuffer.initialize(from: buffer, count: count)
        buffer.deallocate()
        buffer = newBuffer
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func append(_ markup: StaticString) {
        let length = markup.utf8CodeUnitCount
        reserve(length)
        (buffer + count).initialize(from: markup.utf8Start, count: length)
        count += length
    }

    /// `& < > " '` as entities, everything else copied a byte at a time (most runs are a few bytes
    /// long: cheaper than a `memmove` call each).
    private mutating func appendEscaped(_ start: Int, _ end: Int) {
        guard let base = source.baseAddress else { return }
        reserve(end - start)
        var output = buffer + count
        for index in start..<end {
            let byte = base[index]
            if byte < 64, Self.special & (1 << UInt64(byte)) != 0 {
                count = output - buffer
                // The entity, and room for the rest unescaped.
                reserve(6 + end - index)
                append(Self.entity(byte))
                output = buffer + count
            } else {
                output.initialize(to: byte)
                output += 1
            }
        }
        count = output - buffer
    }

    /// Bits set for `"`, `&`, `'`, `<` and `>`.
    private static let special: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    private static func entity(_ byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }
}
