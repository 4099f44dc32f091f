/// Which URLs an attribute may hold: relative references always; absolute ones only in the listed
/// schemes, and `data:` only for raster images.
///
/// The check reads a URL already decoded from its attribute and ignores every ASCII control and
/// space wherever it is, so `java\tscript:` reads as `javascript:`. A `:` before the first `/`,
/// `?` or `#` makes what precedes it a scheme, which must then be on the list: that refuses a few
/// odd relative paths (`a:b.html`) along with every scheme no one thought of.
struct URLPolicy: Sendable {
    let schemes: Set<ASCIIKey>
    let allowsDataImages: Bool

    /// Links in HTML pages.
    static let html = URLPolicy(schemes: ["http", "https", "mailto", "tel", "ftp"], allowsDataImages: false)
    /// Image sources in HTML pages.
    static let htmlImage = URLPolicy(schemes: ["http", "https", "mailto", "tel", "ftp"], allowsDataImages: true)
    /// Every `href` in an SVG document.
    static let svg = URLPolicy(schemes: ["http", "https"], allowsDataImages: true)

    /// Raster image types allowed in a `data:` URL; SVG is not among them (a document, not a picture).
    static let dataImageTypes: Set<ASCIIKey> = Set(
        ["png", "apng", "jpeg", "jpg", "pjpeg", "gif", "webp", "avif", "bmp", "x-icon"].map(ASCIIKey.init))

    private init(schemes: [String], allowsDataImages: Bool) {
        self.schemes = Set(schemes.map(ASCIIKey.init))
        self.allowsDataImages = allowsDataImages
    }

    func allows(_ url: UnsafeBufferPointer<UInt8>) -> Bool {
        var scheme = ASCIIKey()
        var schemeFits = true
        for index in url.indices {
            let byte = url[index]
            switch byte {
            case _ where ASCII.isControlOrSpace(byte):
                continue
            case ASCII.slash, ASCII.questionMark, ASCII.numberSign:
                return true
            case ASCII.colon:
                guard schemeFits, scheme.count > 0 else { return false }
                if schemes.contains(scheme) { return true }
                return allowsDataImages && scheme == Self.data && Self.isDataImage(url, afterColon: index + 1)
            default:
                if !scheme.append(byte) { schemeFits = false }
            }
        }
        return true
    }

    /// Whether every piece of `list`, split at ASCII whitespace (and commas, for `srcset`), is allowed.
    /// Splitting at every comma is cruder than the `srcset` grammar, and deliberately so: the URL a
    /// browser reads always starts a piece, so its scheme is always checked, whatever the descriptors.
    func allowsAll(_ list: UnsafeBufferPointer<UInt8>, splittingAtCommas: Bool) -> Bool {
        var pieceStart = 0
        for index in 0...list.count {
            let isSeparator = index == list.count || ASCII.isSpace(list[index])
                || (splittingAtCommas && list[index] == ASCII.comma)
            guard isSeparator else { continue }
            if index > pieceStart, !allows(UnsafeBufferPointer(rebasing: list[pieceStart..<index])) { return false }
            pieceStart = index + 1
        }
        return true
    }

    private static let data = ASCIIKey("data")

    /// `image/<raster type>` (then `;` or `,`) after `data:`, ignoring controls and spaces.
    private static func isDataImage(_ url: UnsafeBufferPointer<UInt8>, afterColon start: Int) -> Bool {
        var type = ASCIIKey()
        var sawSlash = false
        for index in start..<url.count {
            let byte = url[index]
            if ASCII.isControlOrSpace(byte) { continue }
            if byte == ASCII.semicolon || byte == ASCII.comma { break }
            if byte == ASCII.slash, !sawSlash {
                guard type == image else { return false }
                sawSlash = true
                type = ASCIIKey()
                continue
            }
            guard type.append(byte) else { return false }
        }
        return sawSlash && dataImageTypes.contains(type)
    }

    private static let image = ASCIIKey("image")
}
