import Testing
@testable import PortalSearch

/// The ranges' term tables merged in partitions: one order for any number of partitions,
/// JavaScript's string order, and every range's term mapped to its own bytes.
@Suite struct MergedTermsTests {
    /// Term tables of `ranges` ranges over a shared vocabulary (common words in every range, rare
    /// ones in one), with non-ASCII terms whose UTF-8 and UTF-16 orders differ.
    static func tables(ranges: Int) -> [TermTable] {
        let common = (0..<300).map { "word\($0)" } + ["a", "ab", "abc", "zz", "é", "éa", "\u{FFFD}", "😀", "😀x", "\u{E000}"]
        return (0..<ranges).map { range in
            var table = TermTable()
            var words = common + (0..<200).map { "rare\(range)-\($0)" } + (0..<50).map { "shared\(($0 * 7 + range * 13) % 80)" }
            // Each range adds its words in another order, so the same term has other numbers.
            let turn = range * 37 % words.count
            words = Array(words[turn...] + words[..<turn])
            if range % 2 == 1 { words.reverse() }
            for word in words {
                var word = word
                _ = word.withUTF8 { table.id(of: $0) }
            }
            return table
        }
    }

    @Test func sameOrderForAnyPartitionCountInJavaScriptOrder() {
        let tables = Self.tables(ranges: 5)
        let one = MergedTerms(tables, partitionCount: 1)
        let words = one.sorted.map { String(decoding: $0, as: UTF8.self) }
        #expect(Set(words).count == words.count)
        #expect(words == words.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) })
        // Surrogate pairs (past U+FFFF) sort before U+E000 in UTF-16, after it in UTF-8.
        #expect(words.firstIndex(of: "😀")! < words.firstIndex(of: "\u{E000}")!)
        for count in [2, 3, 7, 16] {
            let merged = MergedTerms(tables, partitionCount: count)
            #expect(merged.sorted == one.sorted, "partitions: \(count)")
            #expect(merged.ranks == one.ranks, "partitions: \(count)")
        }
    }

    /// Each core gets a fair share: the boundaries cut the sample's terms into near-equal parts
    /// (a partition function that sent every term to one core would still give the right order).
    @Test func partitionsShareTheTermsOut() {
        let sample = Self.tables(ranges: 1)[0]
        let keys = sample.prefixKeys()
        for count in [2, 3, 4] {
            let boundaries = MergedTerms.boundaries(sample: sample, count: count)
            #expect(boundaries.count == count - 1)
            #expect(boundaries == boundaries.sorted())
            var sizes = [Int](repeating: 0, count: count)
            for key in keys { sizes[MergedTerms.partition(of: key, boundaries: boundaries)] += 1 }
            for size in sizes { #expect(size * count * 10 >= keys.count * 7, "partition sizes \(sizes)") }
        }
        #expect(MergedTerms.boundaries(sample: nil, count: 4).isEmpty)
        #expect(MergedTerms.boundaries(sample: sample, count: 1).isEmpty)
    }

    @Test func ranksAndPlacesFindEachTermsOwnBytes() {
        let tables = Self.tables(ranges: 3)
        let merged = MergedTerms(tables, partitionCount: 4)
        let distinct = Set(tables.flatMap { table in (0..<table.count).map { Array(table.bytes(of: $0)) } })
        #expect(merged.count == distinct.count)
        for (table, ranks) in zip(tables, merged.ranks) {
            #expect(ranks.count == table.count)
            for term in 0..<table.count {
                #expect(Array(merged.sorted[Int(ranks[term])]) == Array(table.bytes(of: term)))
            }
        }
        for (place, term) in merged.sorted.enumerated() {
            #expect(Array(term).withUnsafeBufferPointer { merged.place(of: $0) } == place)
        }
        #expect(Array("absent".utf8).withUnsafeBufferPointer { merged.place(of: $0) } == nil)
    }
}

