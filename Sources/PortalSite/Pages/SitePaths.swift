public import PortalKit

/// Where pages live in the site and how pages link to each other with relative URLs,
/// so the site works under any base path.
public enum SitePaths {
    /// `catalog/<namespace>/<kind>/<name>/`, with lowercase kind and namespace, like Backstage's URLs.
    public static func entityFolder(_ entity: some EntityDocument) -> String {
        "catalog/\(segment(entity.ref.namespace))/\(segment(entity.ref.kind))/\(segment(entity.name))/"
    }

    /// The file of a page whose URL is a folder (`x/` → `x/index.html`).
    public static func file(ofFolder folder: String) -> String {
        folder.isEmpty || folder.hasSuffix("/") ? folder + "index.html" : folder
    }

    /// The prefix that leads from the page at `pagePath` back to the site root (`../../`),
    /// or `./` for a page at the root.
    public static func root(from pagePath: String) -> String {
        let depth = pagePath.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// A relative URL from the page whose folder is `folder` (site-relative, ending in `/`) to the
    /// site-relative `target` (a folder ending in `/`, or a file). Segments are percent-encoded where
    /// needed (`%` itself is kept: entity folders already carry encoded names).
    public static func relativeURL(from folder: String, to target: String) -> String {
        // One pass over the bytes in place: the common folders, then one `../` per remaining
        // folder of `from` (every docs link and nav entry asks for one).
        var folder = folder, target = target
        return folder.withUTF8 { from in
            target.withUTF8 { to in
                // A folder written without its final `/` ends as if it had one.
                let fromCount = from.count + (from.last.map { $0 != UInt8(ascii: "/") } ?? false ? 1 : 0)
                func fromByte(_ index: Int) -> UInt8 { index < from.count ? from[index] : UInt8(ascii: "/") }
                var commonEnd = 0  // just past the last `/` shared by both
                var index = 0
                while index < fromCount, index < to.count, fromByte(index) == to[index] {
                    if to[index] == UInt8(ascii: "/") { commonEnd = index + 1 }
                    index += 1
                }
                var ups = 0
                for position in commonEnd..<fromCount where fromByte(position) == UInt8(ascii: "/") { ups += 1 }
                let rest = UnsafeBufferPointer(rebasing: to[commonEnd...])
                guard rest.allSatisfy({ isUnreserved($0) || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "/") }) else {
                    let url = String(repeating: "../", count: ups) + encodedPath(String(decoding: rest, as: UTF8.self))
                    return url.isEmpty ? "./" : url
                }
                if ups == 0, rest.isEmpty { return "./" }
                return String(unsafeUninitializedCapacity: ups * 3 + rest.count) { output in
                    var written = 0
                    for _ in 0..<ups {
                        output[written] = UInt8(ascii: ".")
                        output[written + 1] = UInt8(ascii: ".")
                        output[written + 2] = UInt8(ascii: "/")
                        written += 3
                    }
                    for byte in rest {
                        output[written] = byte
                        written += 1
                    }
                    return written
                }
            }
        }
    }

    /// A site-relative path (`guides/set up/`) as it goes in a link (`guides/set%20up/`); `%` is
    /// kept: entity folders already carry encoded names.
    static func encodedPath(_ path: String) -> String {
        if path.utf8.allSatisfy({ isUnreserved($0) || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "/") }) { return path }
        return path.split(separator: "/", omittingEmptySubsequences: false).map { encodeSegment(String($0)) }.joined(separator: "/")
    }

    /// `%` is kept: entity folders already carry encoded names.
    private static func encodeSegment(_ text: String) -> String {
        percentEncoded(text) { isUnreserved($0) || $0 == UInt8(ascii: "%") }
    }

    /// A path segment safe in a URL and a file name. Entity names and namespaces are already
    /// restricted to `[A-Za-z0-9._-]`; anything else (an unknown kind, say) is percent-encoded,
    /// and `.`/`..` can never appear as a segment.
    static func segment(_ text: String) -> String {
        let isSafe = { (byte: UInt8) in isUnreserved(byte) && byte != UInt8(ascii: "~") }
        if text.utf8.allSatisfy(isSafe), text != ".", text != "..", !text.isEmpty { return text }
        let encoded = percentEncoded(text) { isSafe($0) && $0 != UInt8(ascii: ".") }
        return encoded.isEmpty ? "%2D" : encoded
    }

    /// `text` as one URL component (a path segment or query value): everything but RFC 3986's
    /// unreserved characters is percent-encoded, `/`, `?`, `&`, `#` and `%` included.
    static func component(_ text: String) -> String {
        percentEncoded(text, keeping: isUnreserved)
    }

    /// ASCII letters and digits, `-`, `_`, `.` and `~` (RFC 3986's unreserved characters).
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
    }

    /// `text` with every byte that `keep` refuses written as `%XX`.
    private static func percentEncoded(_ text: String, keeping keep: (UInt8) -> Bool) -> String {
        if text.utf8.allSatisfy(keep) { return text }
        var encoded = ""
        for byte in text.utf8 {
            encoded += keep(byte) ? String(UnicodeScalar(byte)) : "%" + hex(byte)
        }
        return encoded
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

/// Decides which URLs from content may become links.
public enum SafeURL {
    /// Schemes that are emitted as links; anything else (`javascript:`, `data:`, `file:`, …) is shown as text.
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The URL if it is absolute with an allowed scheme, else nil. Control characters and
    /// white space inside the scheme (which browsers strip) are refused outright.
    public static func href(_ url: String) -> String? {
        let trimmed = url.trimmingWhitespace
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let scheme = trimmed[..<colon].lowercased()
        guard allowedSchemes.contains(scheme) else { return nil }
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
        return trimmed
    }
}
