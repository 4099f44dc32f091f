public import PortalKit

/// Where pages live in the site and how pages link to each other with relative URLs,
/// so the site works under any base path.
public enum SitePaths {
    /// `catalog/<namespace>/<kind>/<name>/`, with lowercase kind and namespace, like Backstage's URLs.
    public static func entityFolder(_ entity: Entity) -> String {
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
        // One pass over the bytes: the common folders, then one `../` per remaining folder of `from`.
        let from = Array(folder.utf8), to = Array(target.utf8)
        var commonEnd = 0  // just past the last `/` shared by both
        var index = 0
        while index < from.count, index < to.count, from[index] == to[index] {
            if from[index] == UInt8(ascii: "/") { commonEnd = index + 1 }
            index += 1
        }
        var ups = 0
        for byte in from[commonEnd...] where byte == UInt8(ascii: "/") { ups += 1 }
        if !from.isEmpty, from.last != UInt8(ascii: "/") { ups += 1 }  // a folder written without its final `/`
        var url = String(repeating: "../", count: ups)
        let rest = to[commonEnd...]
        if rest.allSatisfy({ isPlainURLByte($0) || $0 == UInt8(ascii: "/") }) {
            url += String(decoding: rest, as: UTF8.self)
        } else {
            url += rest.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
                .map { encodeSegment(String(decoding: $0, as: UTF8.self)) }.joined(separator: "/")
        }
        return url.isEmpty ? "./" : url
    }

    private static func isPlainURLByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
            || byte == UInt8(ascii: "%")
    }

    private static func encodeSegment(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
                || byte == UInt8(ascii: "%")
        }
        if plain { return text }
        var encoded = ""
        for byte in text.utf8 {
            let keep = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "~")
                || byte == UInt8(ascii: "%")
            encoded += keep ? String(UnicodeScalar(byte)) : "%" + hex(byte)
        }
        return encoded
    }

    /// A path segment safe in a URL and a file name. Entity names and namespaces are already
    /// restricted to `[A-Za-z0-9._-]`; anything else (an unknown kind, say) is percent-encoded,
    /// and `.`/`..` can never appear as a segment.
    static func segment(_ text: String) -> String {
        let safe = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        if safe, text != ".", text != "..", !text.isEmpty { return text }
        var encoded = ""
        for byte in text.utf8 {
            let isPlain = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            encoded += isPlain ? String(UnicodeScalar(byte)) : "%" + hex(byte)
        }
        return encoded.isEmpty ? "%2D" : encoded
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
