internal import PortalKit
internal import PortalMarkdown

/// Maps request paths to files of a built site, refusing anything that could reach outside it.
///
/// The path is percent-decoded once, segment by segment. A segment that is empty (`//`), starts
/// with a dot (`.`, `..`, hidden files), or decodes to a `/`, a `\` or a NUL is refused, and so is
/// invalid percent-encoding or UTF-8. Symbolic links are resolved and the result must still lie
/// inside the site folder. Folders serve their `index.html`; there are no directory listings.
public struct StaticSite: Sendable {
    /// The site folder, as given (it may not exist yet, or be swapped between requests).
    public var folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// What a request path leads to.
    public enum Resolution: Sendable, Equatable {
        /// A regular file inside the site: its resolved absolute path and content type.
        case file(path: String, contentType: String)
        /// A folder requested without its trailing slash: redirect to this path (still encoded).
        case redirect(location: String)
        /// Missing, refused or not servable: answer with the 404 page.
        case notFound
    }

    /// Resolves the raw (still percent-encoded) path of a request, without its query.
    public func resolve(requestPath: String) -> Resolution {
        guard requestPath.hasPrefix("/"), let segments = Self.segments(of: requestPath) else { return .notFound }
        guard let root = FileSystem.realPath(folder) else { return .notFound }
        let wantsFolder = requestPath.hasSuffix("/")
        let candidate = segments.isEmpty ? root : root + "/" + segments.joined(separator: "/")
        guard let resolved = insideRealPath(candidate, root: root) else { return .notFound }
        switch FileSystem.resolvedType(of: resolved) {
        case .file:
            return wantsFolder ? .notFound : .file(path: resolved, contentType: MediaTypes.contentType(of: resolved))
        case .directory:
            guard wantsFolder else { return .redirect(location: requestPath + "/") }
            guard let index = insideRealPath(resolved + "/index.html", root: root),
                  FileSystem.resolvedType(of: index) == .file else { return .notFound }
            return .file(path: index, contentType: MediaTypes.contentType(of: index))
        default:
            return .notFound
        }
    }

    /// The real path of `path` if it exists and lies inside `root` (itself a real path).
    private func insideRealPath(_ path: String, root: String) -> String? {
        guard let real = FileSystem.realPath(path), Path.isInside(real, root) else { return nil }
        return real
    }

    /// The decoded segments of an absolute request path (a trailing slash adds none), or nil
    /// when any segment is refused.
    static func segments(of requestPath: String) -> [String]? {
        var raw = requestPath.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        if raw.last?.isEmpty == true { raw = raw.dropLast() }
        var segments: [String] = []
        for part in raw {
            guard let segment = PercentDecoding.strictlyDecoded(part), isServable(segment) else { return nil }
            segments.append(segment)
        }
        return segments
    }

    /// Whether a decoded segment may name a file of the site.
    private static func isServable(_ segment: String) -> Bool {
        guard let first = segment.utf8.first, first != UInt8(ascii: ".") else { return false }
        return !segment.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }
    }
}
