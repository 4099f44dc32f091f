/// Makes the raw HTML in Markdown from many teams safe to put in a portal page.
///
/// Each fragment (one raw-HTML node of the Markdown tree) is read as a browser tokenizes it and
/// written back out from what was read: kept tags re-serialised from their lowercased names and
/// filtered attributes, text unchanged but for `<`. Only complete, unambiguous tags reach the page,
/// so fragments can be joined with cmark's escaped text in any order and the browser still sees the
/// tags the sanitiser saw. No element whose content a browser parses differently (script, style,
/// textarea, title, svg, math, …) is ever written, so nothing after it can be read differently either.
public enum HTMLSanitizer {
    /// A raw HTML fragment made safe: tags re-serialised from parsed name and attributes, dangerous
    /// elements dropped with their content, comments, processing instructions, doctypes and CDATA
    /// dropped, and a stray `<` escaped as `&lt;`.
    ///
    /// `rewriteURL`, when given, sees every `href` and `src` value (decoded) with whether it names an
    /// image, and may return a replacement (nil keeps it, "" drops the attribute); the result is then
    /// checked like any URL.
    public static func sanitize(_ html: String, rewriteURL: ((String, Bool) -> String?)? = nil) -> String {
        var removed: [RemovedURL] = []
        return sanitize(html, removedURLs: &removed, rewriteURL: rewriteURL)
    }

    /// As ``sanitize(_:rewriteURL:)``, adding to `removedURLs` every URL attribute dropped because
    /// the URL policy refused its value, so the caller can report it like an unsafe Markdown link.
    public static func sanitize(_ html: String, removedURLs: inout [RemovedURL],
                                rewriteURL: ((String, Bool) -> String?)? = nil) -> String {
        var html = html
        let sanitized: [UInt8]? = html.withUTF8 { input in
            guard input.contains(where: { $0 == ASCII.lessThan || $0 == ASCII.null }) else { return nil }
            var fragment = HTMLFragmentSanitizer(input: input)
            guard let rewriteURL else {
                fragment.run()
                removedURLs += fragment.removedURLs
                return fragment.output
            }
            return withoutActuallyEscaping(rewriteURL) { rewrite in
                fragment.rewriteURL = rewrite
                fragment.run()
                fragment.rewriteURL = nil
                removedURLs += fragment.removedURLs
                return fragment.output
            }
        }
        return sanitized.map { String(decoding: $0, as: UTF8.self) } ?? html
    }

    /// A URL attribute value the sanitiser removed.
    public struct RemovedURL: Sendable, Hashable {
        /// The value as written, character references decoded (before any rewrite).
        public var url: String
        /// Whether it named an image (`<img src>`, …).
        public var isImage: Bool
        /// The UTF-8 offset of the attribute's name in the fragment.
        public var offset: Int

        public init(url: String, isImage: Bool, offset: Int) {
            self.url = url
            self.isImage = isImage
            self.offset = offset
        }
    }

    /// Whether `url`, as written in an `href` or `src` attribute, may stay: relative URLs, fragments,
    /// `http`, `https`, `mailto`, `tel` and `ftp`; with `forImage`, also `data:` raster images (not
    /// `data:image/svg+xml`). Character references are decoded and ASCII whitespace and controls
    /// ignored first, so `jav&#x61;script:` and `java\tscript:` are refused.
    public static func isSafeURL(_ url: String, forImage: Bool) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            var decoded: [UInt8] = []
            CharacterReferences.decodeAttributeValue(bytes, into: &decoded)
            return decoded.withUnsafeBufferPointer { (forImage ? URLPolicy.htmlImage : URLPolicy.html).allows($0) }
        }
    }
}

extension HTMLSanitizer {
    enum ElementRule {
        /// Written out, with an end tag if one comes.
        case keep
        /// Written out, `/>` kept if written so.
        case keepVoid
        /// The tag goes, its content stays.
        case dropTag
        /// The tag goes with everything up to its end tag, or the end of the fragment.
        case dropWithContent
        /// As `dropWithContent`, but `<svg/>` and `<math/>` are complete (foreign elements honour `/>`).
        case dropForeign
        /// `<plaintext>`: nothing after it is markup in a browser, so nothing after it is kept.
        case dropRest
    }

    /// Rules for the elements that are not simply kept. Elements whose content a browser reads as
    /// raw text or in a foreign namespace are dropped with their content; `noscript` and `form` only
    /// lose their tags: scripts never run here, so a `noscript` fallback is exactly what should show,
    /// and a form's inputs and labels are harmless once nothing can submit them. `html`, `head` and
    /// `body` lose their tags because their attributes would land on the portal's own elements.
    static let elementRules = ASCIIKeyTable<ElementRule>([
        (.dropWithContent, ["script", "style", "iframe", "object", "applet", "frameset", "noframes", "noembed",
                            "template", "textarea", "title", "xmp", "portal", "fencedframe"]),
        (.dropForeign, ["svg", "math"]),
        (.dropRest, ["plaintext"]),
        (.dropTag, ["base", "meta", "link", "param", "frame", "keygen", "isindex", "embed", "bgsound",
                    "form", "noscript", "html", "head", "body"]),
        (.keepVoid, ["area", "br", "col", "hr", "img", "image", "input", "source", "track", "wbr"]),
    ].flatMap { rule, names in names.map { ($0, rule) } })

    enum AttributeRule {
        case drop
        /// A URL (`href`, `src`, …).
        case url
        /// `srcset`: URLs with descriptors, separated by commas.
        case srcset
        /// `ping`: URLs separated by spaces.
        case urlList
    }

    /// Rules for the attributes that are not plain text; every `on…` and `form…` attribute is also
    /// dropped (no form survives, so `form=` could only reach the portal's own forms).
    static let attributeRules = ASCIIKeyTable<AttributeRule>(
        ["style", "srcdoc", "http-equiv"].map { ($0, .drop) }
            + urlAttributes.map { ($0, .url) }
            + [("srcset", .srcset), ("imagesrcset", .srcset), ("ping", .urlList)])

    /// Attributes whose value is one URL, in HTML or SVG.
    static let urlAttributes = [
        "href", "xlink:href", "src", "action", "data", "poster", "background", "cite", "longdesc", "lowsrc",
        "dynsrc", "manifest", "codebase", "archive", "classid", "icon", "profile",
    ]

    /// Whether an image policy (allowing `data:` images) applies to this attribute of this element.
    static func isImageURL(element: ASCIIKey?, attribute: ASCIIKey?) -> Bool {
        guard let element, let attribute else { return false }
        if element == video { return attribute == poster }
        return (element == img || element == image || element == source) && (attribute == src || attribute == srcset)
    }

    private static let img = ASCIIKey("img")
    private static let image = ASCIIKey("image")
    private static let source = ASCIIKey("source")
    private static let video = ASCIIKey("video")
    private static let poster = ASCIIKey("poster")
    static let src = ASCIIKey("src")
    static let href = ASCIIKey("href")
    private static let srcset = ASCIIKey("srcset")
}

/// One fragment's pass: reads `input` once, front to back, and writes `output`.
private struct HTMLFragmentSanitizer {
    let input: UnsafeBufferPointer<UInt8>
    var output: [UInt8] = []
    private var position = 0
    private var attributes: [RawAttribute] = []
    private var seenNames = AttributeNameSet()
    private var decoded: [UInt8] = []
    /// See ``HTMLSanitizer/sanitize(_:rewriteURL:)``.
    var rewriteURL: ((String, Bool) -> String?)?
    var removedURLs: [HTMLSanitizer.RemovedURL] = []

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        output.reserveCapacity(input.count + input.count / 16 + 16)
    }

    mutating func run() {
        let count = input.count
        while position < count {
            let runStart = position
            while position < count, input[position] != ASCII.lessThan, input[position] != ASCII.null { position += 1 }
            appendInput(runStart..<position)
            guard position < count else { break }
            if input[position] == ASCII.null {
                output.append(contentsOf: ASCII.replacementCharacter)
                position += 1
            } else {
                markup()
            }
        }
    }

    private func byte(at index: Int) -> UInt8 {
        index < input.count ? input[index] : 0
    }

    /// At a `<`.
    private mutating func markup() {
        let next = byte(at: position + 1)
        if ASCII.isLetter(next) {
            tag(nameStart: position + 1, isEndTag: false)
        } else if next == ASCII.slash, ASCII.isLetter(byte(at: position + 2)) {
            tag(nameStart: position + 2, isEndTag: true)
        } else if ASCII.hasPrefix("<!--", in: input, at: position) {
            skipComment()
        } else if next == ASCII.exclamationMark || next == ASCII.questionMark {
            // Doctype, CDATA, processing instruction: a bogus comment to the next `>`.
            position = ASCII.firstIndex(of: ASCII.greaterThan, in: input, from: position + 2).map { $0 + 1 } ?? input.count
        } else {
            escapeLessThan()
        }
    }

    private mutating func escapeLessThan() {
        output.append(contentsOf: [ASCII.ampersand, 0x6C, 0x74, ASCII.semicolon])  // &lt;
        position += 1
    }

    /// A tag that does not close before the end of the fragment: all of the rest is text, so no
    /// later fragment can complete it.
    private mutating func escapeRest() {
        while position < input.count {
            let runStart = position
            while position < input.count, input[position] != ASCII.lessThan, input[position] != ASCII.null { position += 1 }
            appendInput(runStart..<position)
            guard position < input.count else { break }
            if input[position] == ASCII.null {
                output.append(contentsOf: ASCII.replacementCharacter)
                position += 1
            } else {
                escapeLessThan()
            }
        }
    }

    /// `<!--` to `-->` (or `--!>`, or the abrupt `<!-->` and `<!--->`), or to the end.
    private mutating func skipComment() {
        var index = position + 4
        if byte(at: index) == ASCII.greaterThan {
            position = index + 1
            return
        }
        if byte(at: index) == ASCII.hyphen, byte(at: index + 1) == ASCII.greaterThan {
            position = index + 2
            return
        }
        while index + 2 < input.count {
            if input[index] == ASCII.hyphen, input[index + 1] == ASCII.hyphen {
                if input[index + 2] == ASCII.greaterThan {
                    position = index + 3
                    return
                }
                if input[index + 2] == ASCII.exclamationMark, byte(at: index + 3) == ASCII.greaterThan {
                    position = index + 4
                    return
                }
            }
            index += 1
        }
        position = input.count
    }

    /// A start or end tag whose name starts at `nameStart`. A name with a byte other than an ASCII
    /// letter, digit, `-`, `_`, `.` or `:` is not a tag here: its `<` is escaped and reading goes on
    /// after it. (Stopping at the first such byte keeps this linear: the bytes read are name bytes,
    /// which contain no `<`, so no later tag starts inside them.)
    private mutating func tag(nameStart: Int, isEndTag: Bool) {
        var nameEnd = nameStart
        while nameEnd < input.count, Self.isNameByte(input[nameEnd]) { nameEnd += 1 }
        if nameEnd < input.count {
            let terminator = input[nameEnd]
            guard ASCII.isSpace(terminator) || terminator == ASCII.slash || terminator == ASCII.greaterThan else {
                return escapeLessThan()
            }
        }
        guard let tag = TagScanner.scan(input, from: nameEnd, into: &attributes) else { return escapeRest() }
        position = tag.end
        let name = ASCIIKey(lowercasing: input, nameStart..<nameEnd)
        let rule = name.flatMap { HTMLSanitizer.elementRules[$0] } ?? .keep
        if isEndTag {
            if rule == .keep || rule == .keepVoid {
                output.append(ASCII.lessThan)
                output.append(ASCII.slash)
                appendLowercased(nameStart..<nameEnd)
                output.append(ASCII.greaterThan)
            }
            return
        }
        switch rule {
        case .keep, .keepVoid:
            writeStartTag(nameStart..<nameEnd, element: name, selfClosing: tag.isSelfClosing && rule == .keepVoid)
        case .dropTag:
            break
        case .dropForeign where tag.isSelfClosing:
            break
        case .dropWithContent, .dropForeign:
            skipContent(named: nameStart..<nameEnd)
        case .dropRest:
            position = input.count
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        ASCII.isAlphanumeric(byte) || byte == ASCII.hyphen || byte == ASCII.underscore
            || byte == ASCII.fullStop || byte == ASCII.colon
    }

    /// Skips to just past the first end tag with this name (any case), or to the end of the fragment.
    private mutating func skipContent(named name: Range<Int>) {
        let count = input.count
        var index = position
        while index < count {
            defer { index += 1 }
            guard input[index] == ASCII.lessThan, index + 1 < count, input[index + 1] == ASCII.slash else { continue }
            let nameStart = index + 2
            let after = nameStart + name.count
            guard after <= count else { break }
            var matches = true
            for offset in 0..<name.count where ASCII.lowercased(input[nameStart + offset]) != ASCII.lowercased(input[name.lowerBound + offset]) {
                matches = false
                break
            }
            guard matches else { continue }
            if after < count {
                let terminator = input[after]
                guard ASCII.isSpace(terminator) || terminator == ASCII.slash || terminator == ASCII.greaterThan else { continue }
            }
            position = ASCII.firstIndex(of: ASCII.greaterThan, in: input, from: after).map { $0 + 1 } ?? count
            return
        }
        position = count
    }

    private mutating func writeStartTag(_ name: Range<Int>, element: ASCIIKey?, selfClosing: Bool) {
        output.append(ASCII.lessThan)
        appendLowercased(name)
        if !attributes.isEmpty { seenNames.removeAll() }
        for index in attributes.indices {
            writeAttribute(attributes[index], element: element)
        }
        if selfClosing {
            output.append(ASCII.space)
            output.append(ASCII.slash)
        }
        output.append(ASCII.greaterThan)
    }

    private mutating func writeAttribute(_ attribute: RawAttribute, element: ASCIIKey?) {
        let name = attribute.name
        guard Self.isValidAttributeName(input, name) else { return }
        // The first of duplicates wins, as in browsers, even when it is then dropped.
        guard seenNames.insert(input, name) else { return }
        let first = ASCII.lowercased(input[name.lowerBound])
        let second = name.count > 1 ? ASCII.lowercased(input[name.lowerBound + 1]) : 0
        if first == UInt8(ascii: "o"), second == UInt8(ascii: "n") { return }
        if ASCII.hasPrefix("form", in: input, at: name.lowerBound) { return }
        let key = ASCIIKey(lowercasing: input, name)
        let rule = key.flatMap { HTMLSanitizer.attributeRules[$0] }
        guard let rule else { return writePlainAttribute(name, value: attribute.value) }
        if case .drop = rule { return }
        let isImage = HTMLSanitizer.isImageURL(element: element, attribute: key)
        let policy = isImage ? URLPolicy.htmlImage : URLPolicy.html
        decoded.removeAll(keepingCapacity: true)
        if let value = attribute.value {
            CharacterReferences.decodeAttributeValue(UnsafeBufferPointer(rebasing: input[value]), into: &decoded)
        }
        var original: [UInt8]?
        if let rewriteURL, attribute.value != nil, key == HTMLSanitizer.href || key == HTMLSanitizer.src,
           let replacement = rewriteURL(String(decoding: decoded, as: UTF8.self), isImage) {
            if replacement.isEmpty, !decoded.isEmpty { return }  // it leads nowhere: no `href=""` to this page
            original = decoded
            decoded = Array(replacement.utf8)
        }
        let allowed = decoded.withUnsafeBufferPointer { url in
            switch rule {
            case .drop: false
            case .url: policy.allows(url)
            case .srcset: policy.allowsAll(url, splittingAtCommas: true)
            case .urlList: policy.allowsAll(url, splittingAtCommas: false)
            }
        }
        guard allowed else {
            removedURLs.append(HTMLSanitizer.RemovedURL(url: String(decoding: original ?? decoded, as: UTF8.self),
                                                        isImage: isImage, offset: name.lowerBound))
            return
        }
        output.append(ASCII.space)
        appendLowercased(name)
        guard attribute.value != nil else { return }
        // The decoded value, re-escaped: the browser reads back exactly the URL that was checked.
        output.append(ASCII.equals)
        output.append(ASCII.quotationMark)
        for byte in decoded {
            switch byte {
            case ASCII.ampersand: output.append(contentsOf: [ASCII.ampersand, 0x61, 0x6D, 0x70, ASCII.semicolon])  // &amp;
            default: appendAttributeByte(byte)
            }
        }
        output.append(ASCII.quotationMark)
    }

    /// A value kept as written, character references and all, with only what would end it escaped.
    private mutating func writePlainAttribute(_ name: Range<Int>, value: Range<Int>?) {
        output.append(ASCII.space)
        appendLowercased(name)
        guard let value else { return }
        output.append(ASCII.equals)
        output.append(ASCII.quotationMark)
        var runStart = value.lowerBound
        for index in value {
            let byte = input[index]
            guard byte == ASCII.quotationMark || byte == ASCII.lessThan || byte == ASCII.greaterThan || byte == ASCII.null else { continue }
            appendInput(runStart..<index)
            appendAttributeByte(byte)
            runStart = index + 1
        }
        appendInput(runStart..<value.upperBound)
        output.append(ASCII.quotationMark)
    }

    private mutating func appendAttributeByte(_ byte: UInt8) {
        switch byte {
        case ASCII.quotationMark: output.append(contentsOf: [ASCII.ampersand, 0x71, 0x75, 0x6F, 0x74, ASCII.semicolon])  // &quot;
        case ASCII.lessThan: output.append(contentsOf: [ASCII.ampersand, 0x6C, 0x74, ASCII.semicolon])  // &lt;
        case ASCII.greaterThan: output.append(contentsOf: [ASCII.ampersand, 0x67, 0x74, ASCII.semicolon])  // &gt;
        case ASCII.null: output.append(contentsOf: ASCII.replacementCharacter)
        default: output.append(byte)
        }
    }

    /// `[a-zA-Z_:][-a-zA-Z0-9_:.]*`
    static func isValidAttributeName(_ input: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Bool {
        let first = input[name.lowerBound]
        guard ASCII.isLetter(first) || first == ASCII.underscore || first == ASCII.colon else { return false }
        for index in name.dropFirst() {
            let byte = input[index]
            guard ASCII.isAlphanumeric(byte) || byte == ASCII.hyphen || byte == ASCII.underscore
                || byte == ASCII.colon || byte == ASCII.fullStop else { return false }
        }
        return true
    }

    private mutating func appendInput(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
    }

    private mutating func appendLowercased(_ range: Range<Int>) {
        for index in range { output.append(ASCII.lowercased(input[index])) }
    }
}

/// The attribute names already seen on one tag, lowercased: a short list compared byte by byte,
/// and a hash set once a tag has more attributes than any real one, so even a tag with a million
/// attributes is read in linear time.
struct AttributeNameSet {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var overflow: Set<[UInt8]> = []
    private static let listLimit = 32

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        if !overflow.isEmpty { overflow.removeAll() }
    }

    /// Adds `input[range]`, lowercased; `false` when it was already there.
    mutating func insert(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        if ends.count >= Self.listLimit {
            return overflow.insert(range.map { ASCII.lowercased(input[$0]) }).inserted
        }
        var start = 0
        for end in ends {
            if end - start == range.count, zip(start..<end, range).allSatisfy({ bytes[$0] == ASCII.lowercased(input[$1]) }) {
                return false
            }
            start = end
        }
        for index in range { bytes.append(ASCII.lowercased(input[index])) }
        ends.append(bytes.count)
        if ends.count == Self.listLimit {
            start = 0
            for end in ends {
                overflow.insert(Array(bytes[start..<end]))
                start = end
            }
        }
        return true
    }
}
