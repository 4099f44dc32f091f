/// Makes an SVG image from a docs folder safe to publish in the portal's origin, where a browser
/// opening it directly would otherwise run its scripts.
///
/// The file is read once as XML and copied byte for byte except for what is removed: elements that
/// run script, embed documents or submit forms (with everything inside them), animations that
/// could rewrite a link or a handler, `on…` attributes, links with schemes other than http(s)
/// (fragments, relative and `data:` raster images stay), the doctype (its entity and default
/// attribute declarations could smuggle markup back in; entities it defined as plain text are
/// expanded in place, so Illustrator's `&ns_svg;` still resolves), comments, and processing
/// instructions other than the leading XML declaration. Styles are kept, since SVG drawings (PlantUML,
/// Mermaid, draw.io exports) depend on them, but their CSS is sanitised (``CSSSanitizer``): the text
/// of `<style>`, as a browser joins it (elements inside it go), and every `style` attribute lose
/// `@import`, outside `url()`s and script-binding declarations.
///
/// The output stays safe if it is ever parsed as HTML instead (served with the wrong type, or
/// inlined): text and attribute values never contain a raw `<`, no comment survives, and CDATA is
/// kept only in `<style>` and only when it holds no `<`.
public enum SVGSanitizer {
    /// `svg` made safe, or `nil` when it is not recognisably an SVG document (an `<svg>` root after
    /// an optional XML declaration, doctype, comments and whitespace) or declares an encoding whose
    /// bytes could hide markup from a byte-wise reader; such a file should not be published.
    public static func sanitize(_ svg: [UInt8]) -> [UInt8]? {
        svg.withUnsafeBufferPointer { input in
            var document = SVGDocumentSanitizer(input: input)
            return document.run() ? document.output : nil
        }
    }
}

extension SVGSanitizer {
    /// Elements dropped with everything inside them, by local name in any namespace and any case:
    /// script and its SVG Tiny handler forms, foreignObject's HTML island, embedded documents,
    /// forms, and the HTML elements that act from anywhere (`meta` refresh, `base`, `link`).
    static let droppedElements = ASCIIKeyTable<Bool>([
        "script", "handler", "listener", "foreignobject", "iframe", "frame", "frameset", "embed", "object", "applet",
        "portal", "fencedframe", "form", "meta", "base", "link", "noscript", "template",
    ].map { ($0, true) })

    /// Animation elements, kept unless they animate a protected attribute (spinners and the like
    /// are common in docs; `<set attributeName="href" to="javascript:…">` is the attack).
    static let animationElements = ASCIIKeyTable<Bool>(
        ["animate", "set", "animatetransform", "animatemotion", "animatecolor"].map { ($0, true) })

    /// Attribute rules by local name; every `on…` and `form…` attribute is also dropped.
    /// `style` is kept, sanitised (see the type's note), `xml:base` is not: it would move relative links.
    static let attributeRules = ASCIIKeyTable<HTMLSanitizer.AttributeRule>(
        ["srcdoc", "http-equiv", "base"].map { ($0, .drop) }
            + HTMLSanitizer.urlAttributes.filter { !$0.contains(":") }.map { ($0, .url) }
            + [("srcset", .srcset), ("imagesrcset", .srcset), ("ping", .urlList)])

    /// Attributes an animation may not target: those with a rule above, and the animation
    /// elements' own, through which one animation could retarget another.
    static func isProtected(attribute local: UnsafeBufferPointer<UInt8>) -> Bool {
        if ASCII.hasPrefix("on", in: local, at: 0) || ASCII.hasPrefix("form", in: local, at: 0) { return true }
        guard let key = ASCIIKey(lowercasing: local, local.indices) else { return false }
        return attributeRules[key] != nil || animationControls[key] != nil
    }

    private static let animationControls = ASCIIKeyTable<Bool>(
        ["attributename", "attributetype", "values", "from", "to", "by"].map { ($0, true) })
}

/// One document's pass: reads `input` once, front to back, and writes `output`.
private struct SVGDocumentSanitizer {
    let input: UnsafeBufferPointer<UInt8>
    var output: [UInt8] = []
    private var position = 0
    private var rootSeen = false
    /// Open elements inside a dropped one, counting the dropped one; 0 when writing.
    private var skipDepth = 0
    /// Where the text of the open `<style>` starts in `output`, while one is open.
    private var styleStart: Int?
    private var inStyle: Bool { styleStart != nil }
    private var entities: DeclaredEntities
    private var attributes: [RawAttribute] = []
    private var seenNames = AttributeNameSet()
    private var value: [UInt8] = []
    private var decoded: [UInt8] = []

    private static let svg = ASCIIKey("svg")
    private static let style = ASCIIKey("style")
    private static let attributeName = ASCIIKey("attributename")

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        entities = DeclaredEntities(budget: max(1 << 20, input.count))
        output.reserveCapacity(input.count)
    }

    /// `false` when the input is not an SVG document.
    mutating func run() -> Bool {
        if ASCII.hasPrefix("\u{FEFF}", in: input, at: 0) {
            append(0..<3)
            position = 3
        }
        if ASCII.hasPrefix("<?xml", in: input, at: position), ASCII.isSpace(byte(at: position + 5)) {
            guard xmlDeclaration() else { return false }
        }
        let count = input.count
        while position < count {
            let runStart = position
            while position < count, input[position] != ASCII.lessThan, input[position] != ASCII.ampersand { position += 1 }
            if !rootSeen {
                for index in runStart..<position where !ASCII.isSpace(input[index]) { return false }
            }
            if skipDepth == 0 { append(runStart..<position) }
            guard position < count else { break }
            if input[position] == ASCII.ampersand {
                guard rootSeen else { return false }
                if skipDepth == 0 {
                    position = entities.appendReference(input, at: position, quote: 0, into: &output)
                } else {
                    position += 1
                }
            } else {
                guard markup() else { return false }
            }
        }
        sanitiseStyleText()
        return rootSeen
    }

    /// Makes the text written since `<style>` safe CSS (see ``CSSSanitizer``), leaving it as
    /// written when nothing in it has to go.
    private mutating func sanitiseStyleText() {
        guard let start = styleStart else { return }
        styleStart = nil
        let written = Self.decodedText(output[start...])
        let css = CSSSanitizer.sanitize(written)
        guard css != written else { return }
        output.removeSubrange(start...)
        Self.appendEscaped(css, quote: 0, into: &output)
    }

    /// Text as written here (references, CDATA sections) as an XML parser reads it.
    private static func decodedText(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var decoded: [UInt8] = []
        var plain: [UInt8] = []
        let bytes = Array(text)
        var index = 0
        let cdataOpen = Array("<![CDATA[".utf8)
        func flushPlain() {
            plain.withUnsafeBufferPointer { CharacterReferences.decodeAttributeValue($0, into: &decoded) }
            plain.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            if bytes[index] == ASCII.lessThan, bytes[index...].starts(with: cdataOpen) {
                flushPlain()
                index += cdataOpen.count
                while index < bytes.count, !bytes[index...].starts(with: [ASCII.rightSquareBracket, ASCII.rightSquareBracket, ASCII.greaterThan]) {
                    decoded.append(bytes[index])
                    index += 1
                }
                index += 3
            } else {
                plain.append(bytes[index])
                index += 1
            }
        }
        flushPlain()
        return decoded
    }

    /// `text` escaped for XML text (`quote` 0) or an attribute value in `quote`.
    private static func appendEscaped(_ text: [UInt8], quote: UInt8, into output: inout [UInt8]) {
        for byte in text {
            switch byte {
            case ASCII.ampersand: output.append(contentsOf: Array("&amp;".utf8))
            case ASCII.lessThan: output.append(contentsOf: Array("&lt;".utf8))
            case ASCII.greaterThan: output.append(contentsOf: Array("&gt;".utf8))
            case quote where quote != 0: output.append(contentsOf: Array(quote == ASCII.quotationMark ? "&quot;".utf8 : "&apos;".utf8))
            default: output.append(byte)
            }
        }
    }

    private func byte(at index: Int) -> UInt8 {
        index < input.count ? input[index] : 0
    }

    private mutating func append(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
    }

    /// The leading `<?xml …?>`, copied when it is plain and names an encoding read byte-wise safely.
    private mutating func xmlDeclaration() -> Bool {
        guard let close = Self.find("?>", in: input, from: position + 5) else { return false }
        let content = (position + 5)..<close
        guard !content.contains(where: { input[$0] == ASCII.lessThan || input[$0] == ASCII.greaterThan }),
              Self.isSupportedEncoding(declaredIn: UnsafeBufferPointer(rebasing: input[content])) else { return false }
        append(position..<(close + 2))
        position = close + 2
        return true
    }

    /// UTF-8 and the single-byte ASCII supersets: in a multi-byte or stateful encoding (Shift_JIS,
    /// ISO-2022-JP, UTF-16) a byte that reads as `"` or `]` here can be part of a character there.
    private static func isSupportedEncoding(declaredIn declaration: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let keyword = find("encoding", in: declaration, from: 0) else { return true }
        var index = keyword + 8
        while index < declaration.count, ASCII.isSpace(declaration[index]) || declaration[index] == ASCII.equals { index += 1 }
        guard index < declaration.count else { return false }
        let quote = declaration[index]
        guard quote == ASCII.quotationMark || quote == ASCII.apostrophe,
              let close = ASCII.firstIndex(of: quote, in: declaration, from: index + 1) else { return false }
        let name = String(decoding: UnsafeBufferPointer(rebasing: declaration[(index + 1)..<close]), as: UTF8.self).lowercased()
        return ["utf-8", "utf8", "us-ascii", "ascii", "latin1", "l1"].contains(name)
            || name.hasPrefix("iso-8859-") || name.hasPrefix("windows-125") || name.hasPrefix("cp125")
    }

    /// At a `<`; `false` when what it starts shows the input is not an SVG document.
    private mutating func markup() -> Bool {
        let next = byte(at: position + 1)
        if ASCII.hasPrefix("<!--", in: input, at: position) {
            position = Self.find("-->", in: input, from: position + 4).map { $0 + 3 } ?? input.count
        } else if ASCII.hasPrefix("<![CDATA[", in: input, at: position) {
            return cdataSection()
        } else if ASCII.hasPrefix("<!DOCTYPE", in: input, at: position) {
            doctype()
        } else if next == ASCII.exclamationMark {
            position = ASCII.firstIndex(of: ASCII.greaterThan, in: input, from: position + 2).map { $0 + 1 } ?? input.count
        } else if next == ASCII.questionMark {
            position = Self.find("?>", in: input, from: position + 2).map { $0 + 2 } ?? input.count
        } else if next == ASCII.slash, Self.isNameStart(byte(at: position + 2)) {
            return tag(nameStart: position + 2, isEndTag: true)
        } else if Self.isNameStart(next) {
            return tag(nameStart: position + 1, isEndTag: false)
        } else {
            guard rootSeen else { return false }
            escapeLessThan()
        }
        return true
    }

    private mutating func escapeLessThan() {
        if skipDepth == 0 { output.append(contentsOf: [ASCII.ampersand, 0x6C, 0x74, ASCII.semicolon]) }  // &lt;
        position += 1
    }

    /// A tag left open at the end of the file: the rest is text.
    private mutating func escapeRest() {
        if skipDepth == 0 {
            for index in position..<input.count {
                switch input[index] {
                case ASCII.lessThan: output.append(contentsOf: [ASCII.ampersand, 0x6C, 0x74, ASCII.semicolon])  // &lt;
                case ASCII.ampersand: output.append(contentsOf: [ASCII.ampersand, 0x61, 0x6D, 0x70, ASCII.semicolon])  // &amp;
                case let byte: output.append(byte)
                }
            }
        }
        position = input.count
    }

    /// In `<style>`, CDATA is kept as written if it holds no `<`; anywhere else its text is escaped.
    private mutating func cdataSection() -> Bool {
        guard rootSeen else { return false }
        let contentStart = position + 9
        let close = Self.find("]]>", in: input, from: contentStart)
        let content = contentStart..<(close ?? input.count)
        let sectionStart = position
        position = close.map { $0 + 3 } ?? input.count
        guard skipDepth == 0 else { return true }
        if inStyle, close != nil, !content.contains(where: { input[$0] == ASCII.lessThan }) {
            append(sectionStart..<position)
            return true
        }
        for index in content {
            switch input[index] {
            case ASCII.lessThan: output.append(contentsOf: [ASCII.ampersand, 0x6C, 0x74, ASCII.semicolon])  // &lt;
            case ASCII.greaterThan: output.append(contentsOf: [ASCII.ampersand, 0x67, 0x74, ASCII.semicolon])  // &gt;
            case ASCII.ampersand: output.append(contentsOf: [ASCII.ampersand, 0x61, 0x6D, 0x70, ASCII.semicolon])  // &amp;
            case let byte: output.append(byte)
            }
        }
        return true
    }

    /// `<!DOCTYPE …>` with any internal subset `[…]`, dropped; plain-text general entities it
    /// declares are remembered for expansion.
    private mutating func doctype() {
        let count = input.count
        var index = position + 9
        var inSubset = false
        while index < count {
            let byte = input[index]
            if byte == ASCII.quotationMark || byte == ASCII.apostrophe {
                index = ASCII.firstIndex(of: byte, in: input, from: index + 1).map { $0 + 1 } ?? count
            } else if !inSubset {
                if byte == ASCII.greaterThan {
                    position = index + 1
                    return
                }
                if byte == ASCII.leftSquareBracket { inSubset = true }
                index += 1
            } else if byte == ASCII.rightSquareBracket {
                inSubset = false
                index += 1
            } else if ASCII.hasPrefix("<!--", in: input, at: index) {
                index = Self.find("-->", in: input, from: index + 4).map { $0 + 3 } ?? count
            } else if ASCII.hasPrefix("<?", in: input, at: index) {
                index = Self.find("?>", in: input, from: index + 2).map { $0 + 2 } ?? count
            } else if ASCII.hasPrefix("<!ENTITY", in: input, at: index) {
                index = entities.declare(input, at: index)
            } else {
                index += 1
            }
        }
        position = count
    }

    private mutating func tag(nameStart: Int, isEndTag: Bool) -> Bool {
        let tagStart = position
        var nameEnd = nameStart
        while nameEnd < input.count, Self.isNameByte(input[nameEnd]) { nameEnd += 1 }
        if nameEnd < input.count {
            let terminator = input[nameEnd]
            guard ASCII.isSpace(terminator) || terminator == ASCII.slash || terminator == ASCII.greaterThan else {
                guard rootSeen else { return false }
                escapeLessThan()
                return true
            }
        }
        guard let tag = TagScanner.scan(input, from: nameEnd, into: &attributes) else {
            guard rootSeen else { return false }
            escapeRest()
            return true
        }
        position = tag.end
        let local = localName(nameStart..<nameEnd)
        let key = ASCIIKey(lowercasing: input, local)
        if isEndTag {
            guard rootSeen else { return false }
            if skipDepth > 0 {
                skipDepth -= 1
                return true
            }
            if key == Self.style { sanitiseStyleText() }
            output.append(contentsOf: [ASCII.lessThan, ASCII.slash])
            append(nameStart..<nameEnd)
            output.append(ASCII.greaterThan)
            return true
        }
        if skipDepth > 0 {
            if !tag.isSelfClosing { skipDepth += 1 }
            return true
        }
        if !rootSeen {
            guard key == Self.svg else { return false }
            rootSeen = true
        }
        // In `<style>`, only the text is CSS: an element there would only split what is checked.
        if inStyle || key.map({ SVGSanitizer.droppedElements[$0] != nil }) == true
            || (key.map({ SVGSanitizer.animationElements[$0] != nil }) == true && animatesProtectedAttribute()) {
            if !tag.isSelfClosing { skipDepth = 1 }
            return true
        }
        writeStartTag(tagStart..<nameEnd, tag: tag)
        if key == Self.style, !tag.isSelfClosing { styleStart = output.count }
        return true
    }

    /// Whether any `attributeName` of the animation just scanned names a protected attribute.
    private mutating func animatesProtectedAttribute() -> Bool {
        for attribute in attributes {
            guard let range = attribute.value,
                  ASCIIKey(lowercasing: input, localName(attribute.name)) == Self.attributeName else { continue }
            value.removeAll(keepingCapacity: true)
            decoded.removeAll(keepingCapacity: true)
            entities.rewrite(input, range, quote: 0, into: &value)
            value.withUnsafeBufferPointer { CharacterReferences.decodeAttributeValue($0, into: &decoded) }
            let target = decoded.filter { !ASCII.isControlOrSpace($0) }
            let local = target.lastIndex(of: ASCII.colon).map { target[($0 + 1)...] } ?? target[...]
            if local.withUnsafeBufferPointer({ SVGSanitizer.isProtected(attribute: $0) }) { return true }
        }
        return false
    }

    /// `<name` and the attributes that stay, each with the whitespace written before it.
    private mutating func writeStartTag(_ opening: Range<Int>, tag: RawTag) {
        append(opening)
        if !attributes.isEmpty { seenNames.removeAll() }
        var previousEnd = opening.upperBound
        for index in attributes.indices {
            let attribute = attributes[index]
            writeAttribute(attribute, gap: whitespace(before: attribute.name.lowerBound, after: previousEnd))
            previousEnd = attribute.end
        }
        append(whitespace(before: tag.closeStart, after: previousEnd))
        if tag.isSelfClosing { output.append(ASCII.slash) }
        output.append(ASCII.greaterThan)
    }

    /// The whitespace just before `end`, not reaching back past `start`.
    private func whitespace(before end: Int, after start: Int) -> Range<Int> {
        var gapStart = end
        while gapStart > start, ASCII.isSpace(input[gapStart - 1]) { gapStart -= 1 }
        return gapStart..<end
    }

    /// Writes the attribute, after `gap` (the whitespace before it), if it stays.
    private mutating func writeAttribute(_ attribute: RawAttribute, gap: Range<Int>) {
        let name = attribute.name
        guard Self.isValidName(input, name), seenNames.insert(input, name) else { return }
        let local = UnsafeBufferPointer(rebasing: input[localName(name)])
        if ASCII.hasPrefix("on", in: local, at: 0) || ASCII.hasPrefix("form", in: local, at: 0) { return }
        let rule = ASCIIKey(lowercasing: local, local.indices).flatMap { SVGSanitizer.attributeRules[$0] }
        let quote = attribute.quote == 0 ? ASCII.quotationMark : attribute.quote
        value.removeAll(keepingCapacity: true)
        if let range = attribute.value { entities.rewrite(input, range, quote: quote, into: &value) }
        if ASCIIKey(lowercasing: local, local.indices) == Self.style { sanitiseStyleAttribute(quote: quote) }
        if let rule {
            decoded.removeAll(keepingCapacity: true)
            value.withUnsafeBufferPointer { CharacterReferences.decodeAttributeValue($0, into: &decoded) }
            let allowed = decoded.withUnsafeBufferPointer { url in
                switch rule {
                case .drop: false
                case .url: URLPolicy.svg.allows(url)
                case .srcset: URLPolicy.svg.allowsAll(url, splittingAtCommas: true)
                case .urlList: URLPolicy.svg.allowsAll(url, splittingAtCommas: false)
                }
            }
            guard allowed else { return }
        }
        if gap.isEmpty { output.append(ASCII.space) } else { append(gap) }
        append(name)
        if let range = attribute.value, attribute.quote != 0 {
            append(name.upperBound..<range.lowerBound)  // whitespace, `=`, whitespace, quote
        } else {
            output.append(ASCII.equals)
            output.append(quote)
        }
        output.append(contentsOf: value)
        output.append(quote)
    }

    /// Makes the `style` value just rewritten into `value` safe CSS, leaving it as written when
    /// nothing in it has to go.
    private mutating func sanitiseStyleAttribute(quote: UInt8) {
        decoded.removeAll(keepingCapacity: true)
        value.withUnsafeBufferPointer { CharacterReferences.decodeAttributeValue($0, into: &decoded) }
        let css = CSSSanitizer.sanitize(decoded)
        guard css != decoded else { return }
        value.removeAll(keepingCapacity: true)
        Self.appendEscaped(css, quote: quote, into: &value)
    }

    /// The part of a qualified name after its last `:`.
    private func localName(_ name: Range<Int>) -> Range<Int> {
        var start = name.upperBound
        while start > name.lowerBound, input[start - 1] != ASCII.colon { start -= 1 }
        return start..<name.upperBound
    }

    /// An XML name start: an ASCII letter, `_`, `:`, or any non-ASCII byte.
    static func isNameStart(_ byte: UInt8) -> Bool {
        ASCII.isLetter(byte) || byte == ASCII.underscore || byte == ASCII.colon || byte >= 0x80
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || ASCII.isDigit(byte) || byte == ASCII.hyphen || byte == ASCII.fullStop
    }

    static func isValidName(_ input: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> Bool {
        isNameStart(input[name.lowerBound]) && name.dropFirst().allSatisfy { isNameByte(input[$0]) }
    }

    /// The index of the first occurrence of `needle` (a few ASCII bytes) at or after `start`.
    static func find(_ needle: StaticString, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        ASCII.firstIndex(of: needle, in: bytes, from: start)
    }
}
