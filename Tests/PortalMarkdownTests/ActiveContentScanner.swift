/// A deliberately separate, simple reading of sanitiser output for the tests: it finds every place
/// a browser would start a tag and reports anything that could run script or load a document.
/// It shares no code with the sanitisers, so a tokenizer bug there cannot hide itself here.
struct ActiveContentScanner {
    /// Element names (local part, any case) that must not appear.
    var forbiddenElements: Set<String> = [
        "script", "iframe", "object", "embed", "applet", "style", "form", "base", "meta", "link", "frame",
        "frameset", "svg", "math", "template", "noscript", "plaintext", "xmp", "noembed", "noframes",
        "textarea", "title", "portal", "foreignobject", "handler", "listener",
    ]
    /// Attribute names (local part) that must not appear besides `on…`.
    var forbiddenAttributes: Set<String> = ["style", "srcdoc", "http-equiv", "formaction", "form", "xml:base"]
    /// `<![CDATA[` and `<?xml` are fine in SVG output, never in HTML.
    var allowsCDATAAndXMLDeclaration = false

    static let html = ActiveContentScanner()
    static let svg = ActiveContentScanner(
        forbiddenElements: ["script", "iframe", "object", "embed", "applet", "form", "base", "meta", "link", "frame",
                            "frameset", "foreignobject", "handler", "listener", "portal", "noscript"],
        forbiddenAttributes: ["srcdoc", "http-equiv", "formaction", "form", "xml:base"],
        allowsCDATAAndXMLDeclaration: true)

    /// One line per problem; empty when the output is clean.
    func findings(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var findings: [String] = []
        var index = 0
        func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
        func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 12 || b == 13 }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            let next = at(index + 1)
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                let rest = String(decoding: bytes[index..<min(index + 9, bytes.count)], as: UTF8.self)
                if !(allowsCDATAAndXMLDeclaration && (rest.hasPrefix("<![CDATA[") || (index == 0 && rest.hasPrefix("<?xml ")))) {
                    findings.append("markup declaration at \(index): \(rest)")
                }
                index += 2
                continue
            }
            if next == UInt8(ascii: "/") && !isLetter(at(index + 2)) {
                findings.append("bogus end tag at \(index)")
            }
            guard isLetter(next) || next == UInt8(ascii: "/") else { index += 1; continue }
            // A tag: name, then attributes with quoted or unquoted values, to `>`.
            var i = index + 1
            if bytes[i] == UInt8(ascii: "/") { i += 1 }
            let nameStart = i
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">") { i += 1 }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
            var attributes: [(String, String)] = []
            while true {
                while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") { i += 1 }
                if i >= bytes.count { findings.append("unterminated tag <\(name)"); break }
                if bytes[i] == UInt8(ascii: ">") { i += 1; break }
                let attributeStart = i
                i += 1
                while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "=") { i += 1 }
                let attributeName = String(decoding: bytes[attributeStart..<i], as: UTF8.self).lowercased()
                var value = ""
                var j = i
                while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < bytes.count, isSpace(bytes[j]) { j += 1 }
                    if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                        let quote = bytes[j]
                        var k = j + 1
                        while k < bytes.count, bytes[k] != quote { k += 1 }
                        value = String(decoding: bytes[(j + 1)..<min(k, bytes.count)], as: UTF8.self)
                        i = k + 1
                    } else {
                        var k = j
                        while k < bytes.count, !isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">") { k += 1 }
                        value = String(decoding: bytes[j..<k], as: UTF8.self)
                        i = k
                    }
                }
                attributes.append((attributeName, value))
            }
            let localName = name.split(separator: ":").last.map(String.init) ?? name
            if forbiddenElements.contains(localName) { findings.append("element <\(name)> at \(index)") }
            for (attributeName, value) in attributes {
                let local = attributeName.split(separator: ":").last.map(String.init) ?? attributeName
                if local.hasPrefix("on") { findings.append("event handler \(attributeName) on <\(name)>") }
                if forbiddenAttributes.contains(attributeName) || forbiddenAttributes.contains(local) {
                    findings.append("attribute \(attributeName) on <\(name)>")
                }
                let flat = Self.flatten(value)
                for scheme in ["javascript:", "vbscript:", "livescript:", "data:text", "data:image/svg", "data:application"]
                where flat.contains(scheme) {
                    findings.append("\(scheme) in \(attributeName) on <\(name)>")
                }
                if ["animate", "set", "animatetransform", "animatemotion"].contains(localName), local == "attributename",
                   flat.hasSuffix("href") || flat.hasPrefix("on") || flat == "attributename" {
                    findings.append("animation of \(value) on <\(name)>")
                }
            }
            index = max(i, index + 1)
        }
        return findings
    }

    /// A value with `&#…;`, `&colon;`, `&tab;`, `&newline;` decoded, ASCII controls and spaces
    /// removed, and lowercased: the form in which a scheme hides least.
    static func flatten(_ value: String) -> String {
        var decoded = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            decoded += rest[..<amp]
            rest = rest[amp...]
            let lower = rest.lowercased()
            var replaced = false
            for (name, replacement) in [("&colon;", ":"), ("&tab;", "\t"), ("&newline;", "\n"), ("&amp;", "&")]
            where lower.hasPrefix(name) {
                decoded += replacement
                rest = rest.dropFirst(name.count)
                replaced = true
                break
            }
            if replaced { continue }
            if rest.hasPrefix("&#") {
                var digits = rest.dropFirst(2)
                let isHex = digits.first == "x" || digits.first == "X"
                if isHex { digits = digits.dropFirst() }
                let number = digits.prefix { isHex ? $0.isHexDigit : $0.isNumber }
                if let value = UInt32(number, radix: isHex ? 16 : 10), let scalar = Unicode.Scalar(value) {
                    decoded.unicodeScalars.append(scalar)
                    rest = digits.dropFirst(number.count)
                    if rest.first == ";" { rest = rest.dropFirst() }
                    continue
                }
            }
            decoded += "&"
            rest = rest.dropFirst()
        }
        decoded += rest
        return String(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
    }
}
