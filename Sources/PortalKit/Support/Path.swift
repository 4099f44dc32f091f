/// Small, purely lexical helpers for POSIX paths held as strings.
package enum Path {
    /// Joins `relative` onto `base` and normalises `.` and `..` lexically.
    package static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        return normalize(base + "/" + relative)
    }

    /// Removes `.`, empty components and resolvable `..` components.
    package static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The folder holding `path`.
    package static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    package static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Whether `path` is `folder` or lies inside it (both absolute and normalised).
    package static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return true }
        return path == folder || path.hasPrefix(folder + "/")
    }

    /// `path` relative to `folder` when inside it, else `path` unchanged.
    package static func relative(_ path: String, to folder: String) -> String {
        if path == folder { return "." }
        if folder == "/" { return String(path.dropFirst()) }
        if path.hasPrefix(folder + "/") { return String(path.dropFirst(folder.count + 1)) }
        return path
    }
}
