/// Makes anchor ids from names: only `[a-z0-9-_]`, prefixed `api-`, unique within one reference.
struct AnchorRegistry {
    private var used: Set<String> = []

    /// A fresh id `api-<kind>-<slug of name>`, with `-2`, `-3`… appended when taken.
    mutating func make(_ kind: String, _ name: String) -> String {
        let slug = Self.slug(name)
        let base = slug.isEmpty ? "api-\(kind)" : "api-\(kind)-\(slug)"
        var id = base
        var counter = 1
        while used.contains(id) {
            counter += 1
            id = "\(base)-\(counter)"
        }
        used.insert(id)
        return id
    }

    /// Lowercased ASCII letters, digits, `-` and `_`; any other run of characters becomes one `-`.
    static func slug(_ name: String) -> String {
        var bytes: [UInt8] = []
        var pendingDash = false
        for byte in name.utf8 {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            let kept = (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
                || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) || lower == UInt8(ascii: "_")
            if kept {
                if pendingDash, !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(lower)
                if bytes.count >= 60 { break }
            } else {
                pendingDash = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
