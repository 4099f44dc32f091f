// libFuzzer target: bytes as a TechDocs page through DocumentRenderer (TechDocsPreprocessor,
// cmark-gfm, link rewriting, HTMLSanitizer, code highlighting). Besides crashes, hangs and runaway
// memory, it traps when the fragment holds what the sanitiser promises never to write: an element
// that runs script or changes parsing, an `on…` attribute, or a javascript:/vbscript: URL.
// Scripts/fuzz.sh builds it with libFuzzer; FuzzDriver is its main.
import FuzzDriver
import PortalMarkdown

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    render(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

func render(_ bytes: [UInt8]) {
    let markdown = String(decoding: bytes, as: UTF8.self)
    let document = DocumentRenderer().render(markdown) { $0.destination.hasPrefix("x") ? "rewritten/" + $0.destination : nil }
    if let problem = ActiveContent.first(in: document.htmlBytes) {
        fatalError("the sanitised page holds \(problem):\n\(document.html)")
    }
}

/// Reads the fragment as a browser's tokenizer starts tags (`<` then a letter; attributes with
/// quoted or unquoted values) and names the first forbidden element, attribute or URL.
enum ActiveContent {
    static let elements: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link",
        "svg", "math", "template", "noscript", "noembed", "noframes", "plaintext", "xmp", "textarea", "title", "portal",
    ]
    static let attributes: Set<String> = ["style", "srcdoc", "formaction", "http-equiv"]
    /// Attributes whose value a browser follows as a URL (an `id` may say anything).
    static let urlAttributes: Set<String> = ["href", "src", "xlink:href", "action", "poster", "cite", "background"]

    static func first(in html: [UInt8]) -> String? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        func word(_ from: Int, _ to: Int) -> String { String(decoding: html[from..<to], as: UTF8.self).lowercased() }
        var index = 0
        while index + 1 < html.count {
            guard html[index] == UInt8(ascii: "<") else { index += 1; continue }
            var i = index + 1
            if html[i] == UInt8(ascii: "/") { i += 1 }
            guard i < html.count, isLetter(html[i]) else { index += 1; continue }
            let nameStart = i
            while i < html.count, !isSpace(html[i]), html[i] != UInt8(ascii: "/"), html[i] != UInt8(ascii: ">") { i += 1 }
            let name = word(nameStart, i)
            if elements.contains(name) { return "the element <\(name)>" }
            while i < html.count, html[i] != UInt8(ascii: ">") {
                if isSpace(html[i]) || html[i] == UInt8(ascii: "/") { i += 1; continue }
                let attributeStart = i
                i += 1
                while i < html.count, !isSpace(html[i]), ![UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "=")].contains(html[i]) { i += 1 }
                let attribute = word(attributeStart, i)
                if attribute.hasPrefix("on") || attributes.contains(attribute) { return "the attribute \(attribute) on <\(name)>" }
                while i < html.count, isSpace(html[i]) { i += 1 }
                guard i < html.count, html[i] == UInt8(ascii: "=") else { continue }
                i += 1
                while i < html.count, isSpace(html[i]) { i += 1 }
                let valueStart: Int
                if i < html.count, html[i] == UInt8(ascii: "\"") || html[i] == UInt8(ascii: "'") {
                    let quote = html[i]
                    i += 1
                    valueStart = i
                    while i < html.count, html[i] != quote { i += 1 }
                } else {
                    valueStart = i
                    while i < html.count, !isSpace(html[i]), html[i] != UInt8(ascii: ">") { i += 1 }
                }
                let value = String(word(valueStart, min(i, html.count)).unicodeScalars.filter { $0.value > 0x20 })
                if urlAttributes.contains(attribute), value.hasPrefix("javascript:") || value.hasPrefix("vbscript:") { return "the URL \(value) in \(attribute)" }
                if i < html.count, html[i] == UInt8(ascii: "\"") || html[i] == UInt8(ascii: "'") { i += 1 }
            }
            index = i
        }
        return nil
    }
}

@main
enum FuzzMarkdown {
    static func main() { FuzzDriver.main(fuzzMarkdown) }
}
