import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The inverted index: every term, sorted in JavaScript's string order, with the documents
/// that hold it and a BM25F score per document (×100, rounded).
struct InvertedIndex {
    var terms: [ArraySlice<UInt8>]
    /// The postings of term `t` are `documents[starts[t] ..< starts[t + 1]]`, sorted, with `scores`.
    var starts: [Int]
    var documents: [Int32]
    var scores: [Int32]

    var documentCount: Int

    func postings(of term: Int) -> Range<Int> { starts[term]..<starts[term + 1] }
}

/// Builds the ``InvertedIndex`` on all cores: documents are cut into ranges, each range
/// tokenised into its own term table, and the tables merged.
enum SearchIndexBuilder {
    static let k1: Float = 1.2
    static let b: Float = 0.75
    /// Added to the score of the term that is an entity's whole name.
    static let exactNameBonus: Int32 = 10_000

    static func build(_ documents: [SearchDocument]) -> InvertedIndex {
        let averages = averageFieldBytes(documents)
        let ranges = workRanges(documents)
        let partials = ResultSlots<PartialIndex>(count: ranges.count)
        DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
            partials[index] = PartialIndex(documents: documents, range: ranges[index], averages: averages)
        }
        return merge(partials.values, documentCount: documents.count, names: documents.map(\.exactName))
    }

    /// Average UTF-8 length of each field over the documents that have it: field lengths are
    /// measured in bytes, which tracks word counts without counting words twice.
    private static func averageFieldBytes(_ documents: [SearchDocument]) -> [Float] {
        var totals = [Double](repeating: 0, count: SearchField.allCases.count)
        var counts = [Double](repeating: 0, count: SearchField.allCases.count)
        for document in documents {
            var seen = [Bool](repeating: false, count: totals.count)
            for (field, text) in document.fields {
                totals[field.rawValue] += Double(text.utf8.count)
                seen[field.rawValue] = true
            }
            for (index, present) in seen.enumerated() where present { counts[index] += 1 }
        }
        return zip(totals, counts).map { $1 > 0 ? Float(max($0 / $1, 1)) : 1 }
    }

    /// About four ranges per core of equal text size, in document order.
    private static func workRanges(_ documents: [SearchDocument]) -> [Range<Int>] {
        let total = documents.reduce(0) { sum, document in sum + document.fields.reduce(0) { $0 + $1.text.utf8.count } }
        let pieces = max(1, min(documents.count, System.cores * 4))
        let target = max(1, total / pieces)
        var ranges: [Range<Int>] = []
        var start = 0, size = 0
        for (index, document) in documents.enumerated() {
            size += document.fields.reduce(0) { $0 + $1.text.utf8.count } + 1
            if size >= target {
                ranges.append(start..<(index + 1))
                start = index + 1
                size = 0
            }
        }
        if start < documents.count || ranges.isEmpty { ranges.append(start..<documents.count) }
        return ranges
    }

    private static func merge(_ partials: [PartialIndex], documentCount: Int, names: [String?]) -> InvertedIndex {
        // One global number per term, then the terms sorted.
        var table = TermTable(capacity: partials.reduce(0) { $0 + $1.table.count })
        let globalIDs = partials.map { partial in
            (0..<partial.table.count).map { table.id(of: partial.table.bytes(of: $0)) }
        }
        let sorted = (0..<table.count).sorted { UTF16Order.less(table.bytes(of: $0), table.bytes(of: $1)) }
        var rank = [Int](repeating: 0, count: table.count)
        for (position, term) in sorted.enumerated() { rank[term] = position }

        var frequencies = [Int](repeating: 0, count: table.count + 1)
        for (partial, ids) in zip(partials, globalIDs) {
            for local in partial.termIDs { frequencies[rank[ids[Int(local)]]] += 1 }
        }
        var starts = [Int](repeating: 0, count: table.count + 1)
        for term in 0..<table.count { starts[term + 1] = starts[term] + frequencies[term] }
        var cursor = starts
        var postingDocuments = [Int32](repeating: 0, count: starts[table.count])
        var weights = [Float](repeating: 0, count: starts[table.count])
        for (partial, ids) in zip(partials, globalIDs) {
            for (offset, document) in partial.range.enumerated() {
                let entries = partial.documentStarts[offset]..<partial.documentStarts[offset + 1]
                for entry in entries {
                    let term = rank[ids[Int(partial.termIDs[entry])]]
                    postingDocuments[cursor[term]] = Int32(document)
                    weights[cursor[term]] = partial.weights[entry]
                    cursor[term] += 1
                }
            }
        }

        let count = Float(documentCount)
        var scores = [Int32](repeating: 0, count: weights.count)
        for term in 0..<table.count {
            let frequency = Float(frequencies[term])
            let idf = logf(1 + (count - frequency + 0.5) / (frequency + 0.5))
            for posting in starts[term]..<starts[term + 1] {
                let tf = weights[posting]
                scores[posting] = max(1, Int32((idf * tf * (k1 + 1) / (k1 + tf) * 100).rounded()))
            }
        }
        let terms = sorted.map { table.bytes(of: $0) }
        var index = InvertedIndex(terms: terms, starts: starts, documents: postingDocuments, scores: scores, documentCount: documentCount)
        addExactNameBonus(names, to: &index, table: table, rank: rank)
        return index
    }

    private static func addExactNameBonus(_ names: [String?], to index: inout InvertedIndex, table: TermTable, rank: [Int]) {
        var lookup = table
        for (document, name) in names.enumerated() {
            guard let name, let term = SearchWords.terms(name).first else { continue }
            let before = lookup.count
            let id = lookup.id(of: Array(term.utf8)[...])
            guard id < before else { continue }
            let postings = index.postings(of: rank[id])
            if let posting = postings.first(where: { index.documents[$0] == Int32(document) }) {
                index.scores[posting] += exactNameBonus
            }
        }
    }
}

/// One range of documents tokenised: a local term table and, per document, its terms with
/// their length-normalised, field-weighted term frequency (BM25F's tf~).
private struct PartialIndex {
    let range: Range<Int>
    var table = TermTable()
    var documentStarts: [Int] = [0]
    var termIDs: [Int32] = []
    var weights: [Float] = []

    init(documents: [SearchDocument], range: Range<Int>, averages: [Float]) {
        self.range = range
        var scanner = WordScanner()
        var accumulated: [Float] = []
        var touched: [Int] = []
        for document in documents[range] {
            for (field, text) in document.fields {
                let norm = 1 - SearchIndexBuilder.b + SearchIndexBuilder.b * Float(fieldBytes(document, field)) / averages[field.rawValue]
                let weight = field.weight / norm
                scanner.scan(text) { bytes in
                    let term = table.id(of: bytes)
                    if term >= accumulated.count { accumulated.append(contentsOf: repeatElement(0, count: max(1024, term + 1 - accumulated.count))) }
                    if accumulated[term] == 0 { touched.append(term) }
                    accumulated[term] += weight
                }
            }
            for term in touched {
                termIDs.append(Int32(term))
                weights.append(accumulated[term])
                accumulated[term] = 0
            }
            touched.removeAll(keepingCapacity: true)
            documentStarts.append(termIDs.count)
        }
    }

    private func fieldBytes(_ document: SearchDocument, _ field: SearchField) -> Int {
        document.fields.reduce(0) { $0 + ($1.field == field ? $1.text.utf8.count : 0) }
    }
}

/// Slots each written by exactly one worker of `concurrentPerform`, so no lock is needed.
final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { slots[index] }
        set { slots[index] = newValue }
    }

    var values: [Value] { slots.map { $0! } }
}

enum System {
    static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
