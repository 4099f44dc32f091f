import Foundation
import PortalHighlight
import Testing

/// The fenced code blocks of the Markdown files in the shared corpus of real repositories
/// (`../shared/corpus`, read-only), each highlighted in its fence's language.
@Suite("Real-world code blocks", .enabled(if: CorpusFences.folder != nil, "../shared/corpus is not present"))
struct CorpusFenceTests {
    @Test("every fenced block highlights to well-formed HTML that gives back its source")
    func fences() {
        var highlighted = 0
        for fence in CorpusFences.all {
            let html = CodeHighlighter.highlight(fence.code, language: fence.info)
            if CodeHighlighter.canonicalLanguage(fence.info) != nil { highlighted += 1 }
            #expect(markupProblem(html) == nil, "\(fence.origin) (\(fence.info)): \(markupProblem(html) ?? "")")
            #expect(unhighlighted(html) == fence.code, "\(fence.origin) (\(fence.info))")
        }
        #expect(highlighted > 0)
    }
}

/// A fenced code block found in the corpus.
struct CorpusFence {
    var origin: String
    var info: String
    var code: String
}

enum CorpusFences {
    static let folder: String? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let corpus = package.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        return FileManager.default.fileExists(atPath: corpus) ? corpus : nil
    }()

    /// Every fenced block with an info word, in path order.
    static let all: [CorpusFence] = {
        guard let folder, let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths: [String] = []
        for case let relative as String in walker where relative.lowercased().hasSuffix(".md") { paths.append(relative) }
        return paths.sorted().flatMap { relative -> [CorpusFence] in
            guard let text = try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8) else { return [] }
            return fences(in: text, origin: relative)
        }
    }()

    /// Blocks opened by three or more backticks or tildes and an info word, closed by the same fence.
    static func fences(in text: String, origin: String) -> [CorpusFence] {
        var found: [CorpusFence] = []
        var open: (marker: Substring, info: String, lines: [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if var block = open {
                if trimmed.hasPrefix(block.marker), trimmed.allSatisfy({ $0 == block.marker.first || $0 == " " || $0 == "\r" }) {
                    found.append(CorpusFence(origin: origin, info: block.info, code: block.lines.joined(separator: "\n") + "\n"))
                    open = nil
                } else {
                    block.lines.append(line)
                    open = block
                }
            } else if line.count - trimmed.count <= 3, let first = trimmed.first, first == "`" || first == "~" {
                let marker = trimmed.prefix { $0 == first }
                let info = trimmed.dropFirst(marker.count).split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "," }).first
                if marker.count >= 3, let info { open = (marker, String(info), []) }
            }
        }
        return found
    }
}
