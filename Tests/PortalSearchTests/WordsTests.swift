import Foundation
import Testing
@testable import PortalSearch

/// The word rules, against the vectors the browser's tokeniser is tested with too.
@Suite struct WordsTests {
    struct Vector: Decodable {
        var text: String
        var terms: [String]
    }

    static let vectors: [Vector] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/words.json")
        return (try? JSONDecoder().decode([Vector].self, from: Data(contentsOf: url))) ?? []
    }()

    @Test func sharedVectorsAreRead() {
        #expect(Self.vectors.count >= 20)
    }

    @Test(arguments: vectors.indices)
    func sharedVector(_ index: Int) {
        let vector = Self.vectors[index]
        #expect(SearchWords.terms(vector.text) == vector.terms, "\(vector.text.debugDescription)")
    }

    @Test func wholeWordsAndPartsAreBothFound() {
        #expect(SearchWords.terms("payment-service").contains("payment-service"))
        #expect(SearchWords.terms("payment-service").contains("payment"))
        #expect(SearchWords.terms("my_payment.ServiceClient").prefix(4) == ["my_payment.serviceclient", "my", "payment", "servic"])
    }

    @Test(arguments: [
        ("services", "servic"), ("service", "servic"), ("policies", "policy"), ("classes", "class"),
        ("status", "status"), ("analysis", "analysis"), ("deploying", "deploy"), ("stopped", "stop"),
        ("added", "add"), ("string", "string"), ("cats", "cat"), ("bus", "bus"), ("queues", "queu"),
        ("configured", "configur"), ("configuration", "configuration"), ("Services", "Services"), ("k8s", "k8s"),
    ])
    func stems(_ word: String, _ stem: String) {
        #expect(SearchWords.stem(word) == stem)
    }

    @Test func stopWordsAreDroppedButNotFromWholeWords() {
        #expect(SearchWords.terms("the state of the art") == ["stat", "art"])
        #expect(SearchWords.terms("this-is-it") == ["this-is-it"])
    }

    /// Plain words (an optional capital, then `a`–`z` and digits) take a shortcut past the code
    /// point by code point path; both must give the same terms, at every edge of a plain word.
    @Test func plainWordShortcutMatchesTheGeneralPath() throws {
        var texts = ["abc", "The", "the end.", "Services.", "end.", "a.b", "x-é", "é-x", "abc-", "abc.\n", "abc..def", "a--b",
                     "abcdefghijklmnop qrs", "abcdefg", "abcdefgh", "abcdefghi", "Abcdefgh.", "xy_Z", "xyZ", "Xy9 9x",
                     "HTTPServer", "Ab", "AB", "v1.2.3", "caf\u{E9} naïve", "日本語 abc", "abc日本", String(repeating: "word ", count: 40),
                     String(repeating: "x", count: 64) + " " + String(repeating: "y", count: 65), "It is, (really) caching.", "k8s_pods-Deploying"]
        // Every prefix of a mixed text: words cut at each place the text can end.
        let mixed = "Deploying payment-service v2.1 to k8s; see HTTPServer docs. Caching the Services' naïve café_bar ends."
        for end in mixed.indices { texts.append(String(mixed[..<end])) }
        if let corpus = Self.sharedCorpusMarkdown() { texts += corpus }
        for text in texts {
            var shortcut = WordScanner(), general = WordScanner(takesPlainWords: false)
            var fast: [String] = [], slow: [String] = []
            shortcut.scan(text) { fast.append(String(decoding: $0, as: UTF8.self)) }
            general.scan(text) { slow.append(String(decoding: $0, as: UTF8.self)) }
            #expect(fast == slow, "\(text.prefix(80).debugDescription)")
        }
    }

    /// The Markdown files of `../shared/corpus`, when it is there.
    static func sharedCorpusMarkdown() -> [String]? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let corpus = url.appendingPathComponent("shared/corpus")
        guard let files = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil) else { return nil }
        let texts = files.compactMap { $0 as? URL }.filter { $0.pathExtension == "md" }
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        return texts.isEmpty ? nil : texts
    }

    @Test func hostileTextNeverCrashes() {
        let inputs = [String(repeating: "-", count: 10_000), String(repeating: "a-", count: 5000), "\u{0}\u{1}\u{FFFF}",
                      String(repeating: "\u{301}", count: 100), String(repeating: "x", count: 100_000), "\u{1F600}-\u{1F600}"]
        for input in inputs {
            let terms = SearchWords.terms(input)
            #expect(terms.allSatisfy { $0.unicodeScalars.count <= 64 && $0.unicodeScalars.count >= 2 })
        }
    }
}
