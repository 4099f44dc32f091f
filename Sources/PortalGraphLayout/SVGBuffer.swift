/// UTF-8 output for the SVG writer: markup appended as is, text escaped on the way in, numbers
/// formatted without intermediate strings (a page build writes thousands of graphs).
struct SVGBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends markup verbatim.
    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends text safe inside content and quoted attributes: `& < > " '` become entities, and
    /// control characters that XML forbids (all below U+0020 but tab, newline and return) become U+FFFD.
    mutating func escaped(_ text: String) {
        var text = text
        text.withUTF8 { source in
            // Runs that need no change are copied whole.
            var runStart = 0
            for index in 0..<source.count {
                let byte = source[index]
                if byte > UInt8(ascii: ">") { continue }
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x09, 0x0A, 0x0D: continue
                case 0..<0x20: replacement = "\u{FFFD}"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                raw(replacement)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart...]))
        }
    }

    /// Appends a number rounded to one decimal, without a trailing ".0"; 0 for NaN and infinities.
    mutating func number(_ value: Double) {
        let scaled = (value * 10).rounded()
        guard scaled.isFinite, abs(scaled) < 1e15 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        let tenths = Int(scaled)
        if tenths < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        digits(abs(tenths) / 10)
        if abs(tenths) % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(abs(tenths) % 10))
        }
    }

    /// Appends `x,y`.
    mutating func point(_ point: Point) {
        number(point.x)
        bytes.append(UInt8(ascii: ","))
        number(point.y)
    }

    /// Appends ` name="value"` with a number.
    mutating func attribute(_ name: StaticString, _ value: Double) {
        openAttribute(name)
        number(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends ` name="value"` with escaped text.
    mutating func attribute(_ name: StaticString, _ value: String) {
        openAttribute(name)
        escaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func openAttribute(_ name: StaticString) {
        bytes.append(UInt8(ascii: " "))
        raw(name)
        raw("=\"")
    }

    /// The decimal digits of a non-negative `value`.
    private mutating func digits(_ value: Int) {
        if value >= 10 {
            digits(value / 10)
        }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}

extension String {
    /// The text safe inside XML or HTML content and quoted attribute values (see `SVGBuffer.escaped`).
    var xmlEscaped: String {
        var buffer = SVGBuffer(capacity: utf8.count)
        buffer.escaped(self)
        return buffer.string
    }
}
