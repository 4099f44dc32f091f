import Foundation
import Testing

/// Compares text with a file under `Golden/`; with `PORTAL_UPDATE_GOLDEN=1` rewrites the file instead.
enum GoldenFile {
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["PORTAL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual + "\n" == expected, "differs from Golden/\(name); rerun with PORTAL_UPDATE_GOLDEN=1 to record", sourceLocation: sourceLocation)
    }
}
