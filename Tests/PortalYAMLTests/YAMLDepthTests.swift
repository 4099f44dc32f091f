import PortalYAML
import Testing

@Suite("YAML nesting depth limit")
struct YAMLDepthTests {
    static let deep = 10_000

    @Test("10,000 nested flow sequences are refused as too deep, without a crash")
    func deepFlowSequences() {
        let text = String(repeating: "[", count: Self.deep) + String(repeating: "]", count: Self.deep) + "\n"
        let documents = YAMLTestSupport.documents(text)
        #expect(documents.count == 1)
        #expect(documents[0].root == nil)
        #expect(documents[0].error == YAMLProblem(.tooDeep, "collections nest deeper than 512 levels", at: at(1, 513)))
    }

    @Test("10,000 nested flow mappings are refused as too deep")
    func deepFlowMappings() {
        let text = String(repeating: "{a: ", count: Self.deep) + "x" + String(repeating: "}", count: Self.deep) + "\n"
        let documents = YAMLTestSupport.documents(text)
        #expect(documents.count == 1)
        #expect(documents[0].error == YAMLProblem(.tooDeep, "collections nest deeper than 512 levels", at: at(1, 2049)))
    }

    @Test("10,000 nested block sequences on one line are refused as too deep")
    func deepBlockSequences() {
        let text = String(repeating: "- ", count: Self.deep) + "x\n"
        let documents = YAMLTestSupport.documents(text)
        #expect(documents.count == 1)
        #expect(documents[0].error == YAMLProblem(.tooDeep, "collections nest deeper than 512 levels", at: at(1, 1025)))
    }

    @Test("10,000 nested block mappings are refused as too deep")
    func deepBlockMappings() {
        // Line n is "k:" indented by n - 1 spaces: about 50 MB, built as bytes to stay quick.
        let spaces = [UInt8](repeating: UInt8(ascii: " "), count: Self.deep)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.deep * (Self.deep + 5) / 2)
        for depth in 0..<Self.deep {
            bytes += spaces[0..<depth]
            bytes += [UInt8(ascii: "k"), UInt8(ascii: ":"), UInt8(ascii: "\n")]
        }
        let documents = YAMLTestSupport.documents(bytes: bytes)
        #expect(documents.count == 1)
        #expect(documents[0].error == YAMLProblem(.tooDeep, "collections nest deeper than 512 levels", at: at(513, 513)))
    }

    @Test("a small maxDepth allows exactly that many levels and refuses one more")
    func smallDepthLimit() {
        let limits = YAMLLimits(maxDepth: 3)
        let allowed = YAMLTestSupport.documents("a:\n b:\n  c: 1\n", limits: limits)
        #expect(allowed.count == 1)
        #expect(allowed[0].error == nil)
        #expect(allowed[0].root?["a"]?["b"]?["c"]?.scalarValue == .int(1))

        let refused = YAMLTestSupport.documents("a:\n b:\n  c:\n   d: 1\n", limits: limits)
        #expect(refused.count == 1)
        #expect(refused[0].root == nil)
        #expect(refused[0].error == YAMLProblem(.tooDeep, "collections nest deeper than 3 levels", at: at(4, 4)))

        let flow = YAMLTestSupport.documents("[[[[1]]]]\n", limits: limits)
        #expect(flow[0].error == YAMLProblem(.tooDeep, "collections nest deeper than 3 levels", at: at(1, 4)))
    }

    @Test("a too-deep document does not stop the next one")
    func tooDeepThenNextDocument() {
        let documents = YAMLTestSupport.documents("[[[[1]]]]\n---\nok: 1\n", limits: YAMLLimits(maxDepth: 2))
        #expect(documents.count == 2)
        #expect(documents[0].error?.kind == .tooDeep)
        #expect(documents[1].error == nil)
        #expect(documents[1].root?["ok"]?.mark == at(3, 5))
    }
}
