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

    @Test func hostileTextNeverCrashes() {
        let inputs = [String(repeating: "-", count: 10_000), String(repeating: "a-", count: 5000), "\u{0}\u{1}\u{FFFF}",
                      String(repeating: "\u{301}", count: 100), String(repeating: "x", count: 100_000), "\u{1F600}-\u{1F600}"]
        for input in inputs {
            let terms = SearchWords.terms(input)
            #expect(terms.allSatisfy { $0.unicodeScalars.count <= 64 && $0.unicodeScalars.count >= 2 })
        }
    }
}
