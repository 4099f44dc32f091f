import PortalHighlight

/// `<span class="tok-kind">text</span>` with `text` escaped as the highlighter escapes it.
func span(_ kind: String, _ text: String) -> String {
    "<span class=\"tok-\(kind)\">" + escaped(text) + "</span>"
}

func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.append(character)
        }
    }
    return result
}

/// The source back from highlighted HTML: tags stripped, entities decoded.
func unhighlighted(_ html: String) -> String {
    var bytes: [UInt8] = []
    Array(html.utf8).withUnsafeBufferPointer { html in
        var index = 0
        while index < html.count {
            let byte = html[index]
            if byte == UInt8(ascii: "<") {
                while index < html.count, html[index] != UInt8(ascii: ">") { index += 1 }
                index += 1
            } else if byte == UInt8(ascii: "&"), let (decoded, length) = entity(html, at: index) {
                bytes.append(decoded)
                index += length
            } else {
                bytes.append(byte)
                index += 1
            }
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// The character and length of the entity at `index`, nil when there is none.
private func entity(_ html: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt8, Int)? {
    for (name, character) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
        let name = Array(name.utf8)
        if index + name.count <= html.count, (0..<name.count).allSatisfy({ html[index + $0] == name[$0] }) {
            return (character.utf8.first!, name.count)
        }
    }
    return nil
}

private let tokenClasses: Set<String> = [
    "key", "string", "number", "comment", "keyword", "type", "function", "tag", "attr", "prompt", "output",
    "inserted", "deleted", "meta", "variable", "section",
]

/// Why the HTML is not what the highlighter must produce (nil when it is): spans open and close in
/// pairs without nesting, only known classes appear, and outside tags no `<`, `>`, `"`, `'` or bare `&`.
func markupProblem(_ html: String) -> String? {
    let opening = Array("<span class=\"tok-".utf8)
    let closing = Array("</span>".utf8)
    return Array(html.utf8).withUnsafeBufferPointer { html -> String? in
        func starts(_ prefix: [UInt8], at index: Int) -> Bool {
            index + prefix.count <= html.count && (0..<prefix.count).allSatisfy { html[index + $0] == prefix[$0] }
        }
        var open = false
        var index = 0
        while index < html.count {
            switch html[index] {
            case UInt8(ascii: "<"):
                if starts(closing, at: index) {
                    guard open else { return "a </span> closes nothing" }
                    open = false
                    index += closing.count
                } else if starts(opening, at: index) {
                    guard !open else { return "nested span" }
                    var end = index + opening.count
                    while end < html.count, html[end] != UInt8(ascii: "\"") { end += 1 }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: html[(index + opening.count)..<end]), as: UTF8.self)
                    guard tokenClasses.contains(name), end + 1 < html.count, html[end + 1] == UInt8(ascii: ">") else {
                        return "unknown class \(name)"
                    }
                    open = true
                    index = end + 2
                } else {
                    return "unescaped < or unexpected markup at \(index)"
                }
            case UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                return "unescaped \(Character(Unicode.Scalar(html[index]))) at \(index)"
            case UInt8(ascii: "&"):
                guard entity(html, at: index) != nil else { return "bare & at \(index)" }
                index += 1
            default:
                index += 1
            }
        }
        return open ? "a span is not closed" : nil
    }
}

/// A small deterministic generator for fuzzing (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
