/// A path pattern as Backstage's `file` Location targets use them: `*`, `?`, `[abc]`,
/// `**` for any number of folders, and `{a,b}` alternatives.
package struct Glob: Sendable {
    private let alternatives: [[Substring]]

    /// Whether `text` contains any pattern syntax.
    static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" || $0 == "{" }
    }

    /// Compiles an absolute, normalised pattern.
    package init(_ pattern: String) {
        alternatives = Self.expandBraces(pattern).map { $0.split(separator: "/", omittingEmptySubsequences: true) }
    }

    /// The longest folder prefix with no pattern syntax in any alternative, where a walk starts.
    var staticPrefixes: [String] {
        alternatives.map { segments in
            let fixed = segments.prefix { !Glob.isPattern(String($0)) }
            return "/" + fixed.joined(separator: "/")
        }
    }

    /// Whether the absolute path `path` matches.
    package func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return alternatives.contains { Self.match(ArraySlice($0), ArraySlice(parts)) }
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ parts: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var remaining = parts
            while true {
                if match(rest, remaining) { return true }
                guard let next = remaining.first, !next.hasPrefix(".") else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let part = parts.first, matchSegment(Array(first.utf8)[...], Array(part.utf8)[...]) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// Matches one path segment; `*` and `?` never match a leading dot, as in shell globs.
    private static func matchSegment(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, t = text.startIndex
        var starP = -1, starT = -1
        let leadingDot = text.first == UInt8(ascii: ".")
        while t < text.endIndex {
            if p < pattern.endIndex {
                let c = pattern[p]
                if c == UInt8(ascii: "*") {
                    if t == text.startIndex && leadingDot { return false }
                    starP = p; starT = t; p += 1; continue
                }
                if c == UInt8(ascii: "?") && !(t == text.startIndex && leadingDot) { p += 1; t += 1; continue }
                if c == UInt8(ascii: "["), let (matched, next) = matchClass(pattern, p, text[t]) {
                    if matched { p = next; t += 1; continue }
                } else if c == text[t] && c != UInt8(ascii: "?") {
                    p += 1; t += 1; continue
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1; starT += 1; t = starT
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }

    /// Matches `[abc]`, `[a-z]` or `[!abc]` at `start`; nil when the bracket is not closed.
    private static func matchClass(_ pattern: ArraySlice<UInt8>, _ start: Int, _ byte: UInt8) -> (Bool, Int)? {
        var index = start + 1
        var negate = false
        if index < pattern.endIndex, pattern[index] == UInt8(ascii: "!") || pattern[index] == UInt8(ascii: "^") {
            negate = true; index += 1
        }
        var matched = false
        var first = true
        while index < pattern.endIndex {
            let c = pattern[index]
            if c == UInt8(ascii: "]") && !first { return (matched != negate, index + 1) }
            first = false
            if index + 2 < pattern.endIndex, pattern[index + 1] == UInt8(ascii: "-"), pattern[index + 2] != UInt8(ascii: "]") {
                if byte >= c && byte <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if byte == c { matched = true }
                index += 1
            }
        }
        return nil
    }

    /// Expands `{a,b}` groups (nested allowed) into separate patterns.
    static func expandBraces(_ pattern: String) -> [String] {
        let chars = Array(pattern)
        guard let open = chars.firstIndex(of: "{") else { return [pattern] }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for index in open..<chars.count {
            switch chars[index] {
            case "{": depth += 1
            case "}":
                depth -= 1
                if depth == 0 { close = index }
            case "," where depth == 1: commas.append(index)
            default: break
            }
            if close != nil { break }
        }
        guard let close, !commas.isEmpty else { return [pattern] }
        let prefix = String(chars[..<open])
        let suffix = String(chars[(close + 1)...])
        var bounds = [open] + commas + [close]
        var results: [String] = []
        for index in 0..<(bounds.count - 1) {
            let option = String(chars[(bounds[index] + 1)..<bounds[index + 1]])
            results += expandBraces(prefix + option + suffix)
        }
        bounds.removeAll()
        return results
    }
}
