/// Small, purely lexical helpers for POSIX paths held as strings.
package enum Path {
    /// Joins `relative` onto `base` and normalises `.` and `..` lexically.
    package static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        // `base/relative` written into one scratch buffer and normalised there (resolving every
        // docs link joins a path: no intermediate strings or arrays).
        var base = base, relative = relative
        return base.withUTF8 { base in
            relative.withUTF8 { relative in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: base.count + 1 + relative.count) { buffer in
                    let start = buffer.baseAddress!
                    if let from = base.baseAddress { start.initialize(from: from, count: base.count) }
                    start[base.count] = UInt8(ascii: "/")
                    if let from = relative.baseAddress { (start + base.count + 1).initialize(from: from, count: relative.count) }
                    return normalized(buffer)
                }
            }
        }
    }

    /// ``normalize(_:)``'s work on the `count` bytes at `bytes`, written over them (the result is
    /// never longer); its length. Kept components are copied down as they are met; a `..` cuts the
    /// last one kept, unless none is (then it is kept, or dropped after a leading `/`).
    static func normalizeInPlace(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        let absolute = count > 0 && bytes[0] == slash
        let floor = absolute ? 1 : 0  // the leading `/` stays
        var written = floor
        var kept = 0  // components written that are not `..` (they always follow the `..`s)
        var index = floor
        while index <= count {
            var end = index
            while end < count, bytes[end] != slash { end += 1 }
            let length = end - index
            if length == 0 || (length == 1 && bytes[index] == dot) {
                // An empty or `.` component: nothing.
            } else if length == 2, bytes[index] == dot, bytes[index + 1] == dot {
                if kept > 0 {
                    // Back to just past the `/` before the last kept component (or to the floor).
                    written -= 1
                    while written > floor, bytes[written - 1] != slash { written -= 1 }
                    if written > floor { written -= 1 }
                    kept -= 1
                } else if !absolute {
                    if written > floor { bytes[written] = slash; written += 1 }
                    bytes[written] = dot
                    bytes[written + 1] = dot
                    written += 2
                }
            } else {
                if written > floor { bytes[written] = slash; written += 1 }
                if written != index { for offset in 0..<length { bytes[written + offset] = bytes[index + offset] } }  // down: never overlaps ahead
                written += length
                kept += 1
            }
            index = end + 1
        }
        return written
    }

    /// Removes `.`, empty components and resolvable `..` components.
    package static func normalize(_ path: String) -> String {
        if isNormal(path) { return path }
        var bytes = Array(path.utf8)
        return bytes.withUnsafeMutableBufferPointer { normalized($0) }
    }

    /// The normalised path of `bytes` (which it overwrites), `.` when nothing is left.
    private static func normalized(_ bytes: UnsafeMutableBufferPointer<UInt8>) -> String {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return "." }
        let count = normalizeInPlace(start, count: bytes.count)
        return count == 0 ? "." : String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// Whether `path` has no empty, `.` or `..` component and no trailing `/` (most paths: one
    /// scan of the bytes instead of splitting).
    private static func isNormal(_ path: String) -> Bool {
        var previous: UInt8 = UInt8(ascii: "/")  // as if a slash came before the first byte
        var dots = 0  // dots since the last slash, while the component is only dots
        var count = 0
        for byte in path.utf8 {
            count += 1
            if byte == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") && count > 1 { return false }  // empty component
                if dots > 0 { return false }  // `.` or `..` component
                dots = 0
            } else if byte == UInt8(ascii: ".") {
                if previous == UInt8(ascii: "/") || dots > 0 { dots += 1 }
            } else {
                dots = 0
            }
            previous = byte
            if byte != UInt8(ascii: ".") && byte != UInt8(ascii: "/") { dots = 0 }
        }
        if count == 0 { return false }
        if previous == UInt8(ascii: "/") { return count == 1 }  // trailing slash (but "/" itself is normal)
        return dots == 0
    }

    /// The folder holding `path`.
    package static func directory(of path: String) -> String {
        // Bytes, not characters: a path's separator is the byte `/`, and byte searches skip the
        // grapheme breaking that `String.lastIndex(of:)` does.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(decoding: path.utf8[..<slash], as: UTF8.self)
    }

    /// The last component of `path`.
    package static func fileName(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(decoding: path.utf8[path.utf8.index(after: slash)...], as: UTF8.self)
    }

    /// Whether `path` is `folder` or lies inside it (both absolute and normalised), byte for byte.
    package static func isInside(_ path: String, _ folder: String) -> Bool {
        if folder == "/" { return true }
        return insideLength(path, folder) != nil
    }

    /// `path` relative to `folder` when inside it, else `path` unchanged.
    package static func relative(_ path: String, to folder: String) -> String {
        if folder == "/" { return path == "/" ? "." : String(decoding: path.utf8.dropFirst(), as: UTF8.self) }
        guard let length = insideLength(path, folder) else { return path }
        return length == path.utf8.count ? "." : String(decoding: path.utf8.dropFirst(length + 1), as: UTF8.self)
    }

    /// The byte length of `folder` when `path` is `folder` or lies inside it, else nil.
    private static func insideLength(_ path: String, _ folder: String) -> Int? {
        let inner = path.utf8, outer = folder.utf8
        let length = outer.count
        guard inner.count >= length, inner.starts(with: outer) else { return nil }
        guard inner.count > length else { return length }
        return inner[inner.index(inner.startIndex, offsetBy: length)] == UInt8(ascii: "/") ? length : nil
    }
}
