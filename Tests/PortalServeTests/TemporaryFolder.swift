import Foundation

/// A new temporary folder holding `files` (path → text); the caller removes it.
func folder(_ files: [String: String]) throws -> String {
    let base = FileManager.default.temporaryDirectory.path + "/portal-serve-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    for (path, text) in files {
        let url = URL(fileURLWithPath: base + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return base
}
