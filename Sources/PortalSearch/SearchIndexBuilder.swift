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

    /// Merges the ranges' local indexes: one number per term, the terms sorted, then each
    /// term's postings gathered from the ranges (in document order) and scored, on all cores.
    private static func merge(_ partials: [PartialIndex], documentCount: Int, names: [String?]) -> InvertedIndex {
        var table = TermTable(capacity: partials.reduce(0) { $0 + $1.table.count })
        let globalIDs = partials.map { partial in
            (0..<partial.table.count).map { table.id(ofTerm: $0, in: partial.table) }
        }
        let sorted = table.sortedTerms()
        var rank = [Int](repeating: 0, count: table.count)
        for (position, term) in sorted.enumerated() { rank[term] = position }

        // For each sorted term, its local number in each range (-1: absent there).
        let locals = partials.indices.map { position -> [Int32] in
            var local = [Int32](repeating: -1, count: table.count)
            for (id, global) in globalIDs[position].enumerated() { local[rank[global]] = Int32(id) }
            return local
        }
        var starts = [Int](repeating: 0, count: table.count + 1)
        for term in 0..<table.count {
            var frequency = 0
            for (partial, local) in zip(partials, locals) where local[term] >= 0 { frequency += partial.postings(of: Int(local[term])).count }
            starts[term + 1] = starts[term] + frequency
        }

        let termCount = table.count, termStarts = starts
        let documents = SharedBuffer<Int32>(count: starts[termCount])
        let scores = SharedBuffer<Int32>(count: starts[termCount])
        let count = Float(documentCount)
        let pieces = System.cores * 8
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let range = (termCount * piece / pieces)..<(termCount * (piece + 1) / pieces)
            let starts = termStarts
            for term in range {
                let frequency = Float(starts[term + 1] - starts[term])
                let idf = logf(1 + (count - frequency + 0.5) / (frequency + 0.5))
                var cursor = starts[term]
                for (partial, local) in zip(partials, locals) where local[term] >= 0 {
                    for posting in partial.postings(of: Int(local[term])) {
                        let tf = partial.weights[posting]
                        documents[cursor] = partial.documents[posting]
                        scores[cursor] = max(1, Int32((idf * tf * (k1 + 1) / (k1 + tf) * 100).rounded()))
                        cursor += 1
                    }
                }
            }
        }
        var index = InvertedIndex(terms: sorted.map { table.bytes(of: $0) }, starts: starts, documents: documents.array(), scores: scores.array(),
                                  documentCount: documentCount)
        addExactNameBonus(names, to: &index, table: table, rank: rank)
        return index
    }

    private static func addExactNameBonus(_ names: [String?], to index: inout InvertedIndex, table: TermTable, rank: [Int]) {
        for (document, name) in names.enumerated() {
            guard let name, var term = SearchWords.terms(name).first,
                  let id = term.withUTF8({ table.number(of: $0) }) else { continue }
            let postings = index.postings(of: rank[id])
            // Postings are sorted by document: find this one by bisection.
            var low = postings.lowerBound, high = postings.upperBound
            while low < high {
                let middle = (low + high) / 2
                if index.documents[middle] < Int32(document) { low = middle + 1 } else { high = middle }
            }
            if low < postings.upperBound, index.documents[low] == Int32(document) {
                index.scores[low] += exactNameBonus
            }
        }
    }
}

/// One range of documents tokenised into a local term table and inverted: per local term, the
/// documents that hold it (in order) with their length-normalised, field-weighted term
/// frequency (BM25F's tf~).
private struct PartialIndex {
    var table = TermTable()
    private var starts: [Int] = []
    private(set) var documents: [Int32] = []
    private(set) var weights: [Float] = []

    func postings(of term: Int) -> Range<Int> { starts[term]..<starts[term + 1] }

    init(documents all: [SearchDocument], range: Range<Int>, averages: [Float]) {
        var scanner = WordScanner()
        var accumulated: [Float] = []
        var touched: [Int] = []
        var termIDs: [Int32] = []
        var termWeights: [Float] = []
        var owners: [Int32] = []
        for position in range {
            let document = all[position]
            var fieldBytes = [Int](repeating: 0, count: SearchField.allCases.count)
            for (field, text) in document.fields { fieldBytes[field.rawValue] += text.utf8.count }
            for (field, text) in document.fields {
                let norm = 1 - SearchIndexBuilder.b + SearchIndexBuilder.b * Float(fieldBytes[field.rawValue]) / averages[field.rawValue]
                let weight = field.weight / norm
                scanner.scan(text) { bytes in
                    let term = table.id(of: bytes)
                    if term >= accumulated.count { accumulated.append(contentsOf: repeatElement(0, count: max(4096, term + 1 - accumulated.count))) }
                    if accumulated[term] == 0 { touched.append(term) }
                    accumulated[term] += weight
                }
            }
            for term in touched {
                termIDs.append(Int32(term))
                termWeights.append(accumulated[term])
                owners.append(Int32(position))
                accumulated[term] = 0
            }
            touched.removeAll(keepingCapacity: true)
        }
        // Invert: a counting sort by term keeps each term's documents in order.
        starts = [Int](repeating: 0, count: table.count + 1)
        for term in termIDs { starts[Int(term) + 1] += 1 }
        for term in 0..<table.count { starts[term + 1] += starts[term] }
        var cursor = starts
        documents = [Int32](repeating: 0, count: termIDs.count)
        weights = [Float](repeating: 0, count: termIDs.count)
        for (entry, term) in termIDs.enumerated() {
            let slot = cursor[Int(term)]
            documents[slot] = owners[entry]
            weights[slot] = termWeights[entry]
            cursor[Int(term)] = slot + 1
        }
    }
}

/// Memory that workers of `concurrentPerform` write at disjoint positions.
final class SharedBuffer<Element>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<Element>

    init(count: Int) { buffer = .allocate(capacity: count) }

    deinit { buffer.deallocate() }

    subscript(index: Int) -> Element {
        get { buffer[index] }
        set { buffer[index] = newValue }
    }

    /// A copy of the contents (every position must have been written).
    func array() -> [Element] { Array(buffer) }
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
    /// The cores, or `PORTAL_BUILD_THREADS` when set (as PortalKit's parallel maps read it): the
    /// work is cut into pieces by this count, and the output must not depend on it.
    static let cores: Int = {
        if let text = getenv("PORTAL_BUILD_THREADS"), let count = Int(String(cString: text)), count > 0 { return count }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()
}
