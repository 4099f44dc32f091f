/// Backstage's format rules for names, namespaces, kinds, tags and keys, written out by hand
/// (they run for every field of every entity, so they avoid regular expressions).
enum NameRules {
    /// `metadata.name`: `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`, 1–63 characters.
    static func isValidName(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...63).contains(bytes.count), isAlnum(bytes.first!), isAlnum(bytes.last!) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// A DNS label: `^[a-z0-9]+(-[a-z0-9]+)*$`, 1–63 characters.
    static func isValidDNSLabel(_ text: String) -> Bool {
        isDashSeparated(text, maxLength: 63) { isLowerAlnum($0) }
    }

    /// A DNS subdomain: dot-separated DNS labels, at most 253 characters.
    static func isValidDNSSubdomain(_ text: String) -> Bool {
        guard (1...253).contains(text.utf8.count) else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isValidDNSLabel(String($0)) }
    }

    /// `kind`: `^[a-zA-Z][a-z0-9A-Z]*$`, 1–63 characters.
    static func isValidKind(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...63).contains(bytes.count), isAlpha(bytes.first!) else { return false }
        return bytes.allSatisfy(isAlnum)
    }

    /// `apiVersion`: `[prefix/]version`, prefix a DNS subdomain, version `^[a-zA-Z0-9]+$` of 1–63.
    static func isValidAPIVersion(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let version = parts.last else { return false }
        if parts.count == 2, !isValidDNSSubdomain(String(parts[0])) { return false }
        return (1...63).contains(version.utf8.count) && version.utf8.allSatisfy(isAlnum)
    }

    /// A tag: `^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$`, 1–63 characters.
    static func isValidTag(_ text: String) -> Bool {
        isDashSeparated(text, maxLength: 63) {
            isLowerAlnum($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#")
        }
    }

    /// A label or annotation key: `[prefix/]name`, prefix a DNS subdomain, name as `metadata.name`.
    static func isValidKey(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isValidName(text)
        case 2: return isValidDNSSubdomain(String(parts[0])) && isValidName(String(parts[1]))
        default: return false
        }
    }

    /// A label value: empty, or as `metadata.name`.
    static func isValidLabelValue(_ text: String) -> Bool {
        text.isEmpty || isValidName(text)
    }

    private static func isDashSeparated(_ text: String, maxLength: Int, _ isRunByte: (UInt8) -> Bool) -> Bool {
        let bytes = text.utf8
        guard (1...maxLength).contains(bytes.count) else { return false }
        var previousWasDash = true
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                if previousWasDash { return false }
                previousWasDash = true
            } else if isRunByte(byte) {
                previousWasDash = false
            } else {
                return false
            }
        }
        return !previousWasDash
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        isAlpha(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }
}
