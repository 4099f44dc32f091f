import Foundation
import PortalHighlight
import Testing

/// Prints the highlighter's throughput per language (per CPU second of the thread); no timing assertion.
/// Run in release mode:
/// `PORTAL_HIGHLIGHT_BENCH=1 swift test -c release --filter ThroughputTests`.
/// Real code where the machine has some (this repository's Swift sources, the Python standard
/// library, the C headers under /usr/include), else the test samples repeated, in blocks of about
/// 4 KB; then the shared corpus's fenced code blocks.
@Suite("Highlighting throughput", .enabled(if: ProcessInfo.processInfo.environment["PORTAL_HIGHLIGHT_BENCH"] != nil))
struct ThroughputTests {
    @Test("prints MB/s per language")
    func throughput() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var corpora: [(String, String)] = [
            ("swift", Self.files(under: repository.appendingPathComponent("Sources"), extension: "swift")),
            ("python", Self.files(under: URL(fileURLWithPath: "/usr/lib/python3.11"), extension: "py", limit: 16_000_000)),
            ("c", Self.files(under: URL(fileURLWithPath: "/usr/include"), extension: "h", limit: 16_000_000)),
            ("yaml", Self.files(under: repository.appendingPathComponent("Tests/PortalAPIReferenceTests/Fixtures"), extension: "yaml")),
        ]
        for (language, sample) in Samples.mixed where !corpora.contains(where: { $0.0 == language && !$0.1.isEmpty }) {
            corpora.append((language, sample))
        }
        var totalBytes = 0
        var totalSeconds = 0.0
        for (language, text) in corpora where !text.isEmpty {
            var code = text
            while code.utf8.count < 8_000_000 { code += code }
            // Code blocks as documentation has them: a few kilobytes each, cut at line breaks.
            let blocks = Self.blocks(code, size: 4_000)
            var best = Double.infinity
            var output: [UInt8] = []
            for _ in 0..<3 {
                output.removeAll(keepingCapacity: true)
                let start = Self.threadTime()
                for block in blocks {
                    CodeHighlighter.highlight(block, language: language, into: &output)
                }
                best = min(best, Self.threadTime() - start)
            }
            let megabytes = Double(code.utf8.count) / 1_000_000
            totalBytes += code.utf8.count
            totalSeconds += best
            print("\(language.padding(toLength: 11, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", megabytes / best)) MB/s  (\(String(format: "%.1f", megabytes)) MB, output ×\(String(format: "%.2f", Double(output.count) / Double(code.utf8.count))))")
        }
        print("overall     \(String(format: "%7.1f", Double(totalBytes) / 1_000_000 / totalSeconds)) MB/s")
        // The corpus's fenced blocks, each in its own language, as a documentation build meets them.
        let fences = CorpusFences.all.filter { CodeHighlighter.canonicalLanguage($0.info) != nil }
        guard !fences.isEmpty else { return }
        var blocks: [CorpusFence] = []
        var size = 0
        while size < 8_000_000 {
            blocks += fences
            size += fences.reduce(0) { $0 + $1.code.utf8.count }
        }
        var best = Double.infinity
        var output: [UInt8] = []
        for _ in 0..<3 {
            output.removeAll(keepingCapacity: true)
            let start = Self.threadTime()
            // Each into a buffer of its own, as a page renderer has.
            for block in blocks {
                output.removeAll(keepingCapacity: true)
                CodeHighlighter.highlight(block.code, language: block.info, into: &output)
            }
            best = min(best, Self.threadTime() - start)
        }
        print("corpus code blocks \(String(format: "%.1f", Double(size) / 1_000_000 / best)) MB/s (\(fences.count) blocks, \(String(format: "%.1f", Double(size) / 1_000_000)) MB)")
    }

    private static func blocks(_ code: String, size: Int) -> [String] {
        var blocks: [String] = []
        var block = ""
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            block += line
            block += "\n"
            if block.utf8.count >= size {
                blocks.append(block)
                block = ""
            }
        }
        if !block.isEmpty { blocks.append(block) }
        return blocks
    }

    /// This thread's CPU time in seconds: steadier than the wall clock on a busy machine.
    private static func threadTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func files(under folder: URL, extension fileExtension: String, limit: Int = 32_000_000) -> String {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return "" }
        var paths = enumerator.compactMap { ($0 as? URL)?.path }.filter { $0.hasSuffix("." + fileExtension) }
        paths.sort()
        var text = ""
        for path in paths where text.utf8.count < limit {
            if let contents = try? String(contentsOfFile: path, encoding: .utf8) { text += contents }
        }
        return text
    }
}
