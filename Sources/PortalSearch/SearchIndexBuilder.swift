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
    /// The postings of term `t` are `postings[starts[t] ..< starts[t + 1]]`, sorted by document.
    var starts: [Int]
    var postings: [Posting]

    var documentCount: Int

    func postings(of term: Int) -> Range<Int> { starts[term]..<starts[term + 1] }
}

/// A document holding a term, with the term's score there: side by side, so the merge writes
/// each posting into one cache line, not two.
struct Posting {
    var document: Int32
    var score: Int32
}

/// Builds the ``InvertedIndex`` on all cores: documents are cut into ranges, each range
/// tokenised into its own term table, and the tables merged.
enum SearchIndexBuilder {
    static let k1: Float = 1.2
    static let b: Float = 0.75
    /// Added to the score of the term that is an entity's whole name.
    static let exactNameBonus: Int32 = 10_000

    static func build(_ documents: CatalogDocuments) -> InvertedIndex {
        let averages = averageFieldBytes(documents)
        let ranges = workRanges(documents)
        let partials = concurrentMap(ranges.count) { index in
            PartialIndex(documents: documents, range: ranges[index].documents, averages: averages, textBytes: ranges[index].textBytes)
        }
        return merge(partials, documentCount: documents.count, names: documents.indices.map(documents.exactName(of:)))
    }

    /// Average UTF-8 length of each field over the documents that have it: field lengths are
    /// measured in bytes, which tracks word counts without counting words twice.
    private static func averageFieldBytes(_ documents: CatalogDocuments) -> [Float] {
        var totals = [Double](repeating: 0, count: SearchField.allCases.count)
        var counts = [Double](repeating: 0, count: SearchField.allCases.count)
        var seen = [Bool](repeating: false, count: totals.count)
        for position in documents.indices {
            for index in seen.indices { seen[index] = false }
            for (field, text) in documents.fields(of: position) {
                totals[field.rawValue] += Double(text.utf8.count)
                seen[field.rawValue] = true
            }
            for (index, present) in seen.enumerated() where present { counts[index] += 1 }
        }
        return zip(totals, counts).map { $1 > 0 ? Float(max($0 / $1, 1)) : 1 }
    }

    /// About four ranges per core of equal text size, in document order, with their text size.
    private static func workRanges(_ documents: CatalogDocuments) -> [(documents: Range<Int>, textBytes: Int)] {
        let sizes = documents.indices.map { documents.fields(of: $0).reduce(0) { $0 + $1.text.utf8.count } }
        let total = sizes.reduce(0, +)
        let pieces = max(1, min(documents.count, System.cores * 4))
        let target = max(1, total / pieces)
        var ranges: [(documents: Range<Int>, textBytes: Int)] = []
        var start = 0, size = 0
        for (index, documentSize) in sizes.enumerated() {
            size += documentSize + 1
            if size >= target {
                ranges.append((start..<(index + 1), size))
                start = index + 1
                size = 0
            }
        }
        if start < documents.count || ranges.isEmpty { ranges.append((start..<documents.count, size)) }
        return ranges
    }

    /// Merges the ranges' local indexes: the terms numbered and sorted (``MergedTerms``), then
    /// each range writes its postings (scored) straight into their final places, on all cores.
    private static func merge(_ partials: [PartialIndex], documentCount: Int, names: [String?]) -> InvertedIndex {
        let terms = MergedTerms(partials.map(\.table))
        // Each range's local terms by their place in the sorted terms.
        let ranks = terms.ranks

        var starts = [Int](repeating: 0, count: terms.count + 1)
        for (partial, ranks) in zip(partials, ranks) {
            for (local, position) in ranks.enumerated() { starts[Int(position) + 1] += partial.frequency(of: local) }
        }
        for term in 0..<terms.count { starts[term + 1] += starts[term] }
        let firstSlots = firstSlots(of: partials, ranks: ranks, starts: starts)

        let total = starts[terms.count], termStarts = starts
        var postings = [Posting](unsafeUninitializedCapacity: total) { buffer, written in
            let output = PostingsOutput(postings: buffer)
            DispatchQueue.concurrentPerform(iterations: partials.count) { index in
                partials[index].write(into: output, firstSlots: firstSlots[index], ranks: ranks[index], starts: termStarts,
                                      documentCount: documentCount)
            }
            written = total
        }
        // Before the index holds `postings`: changing them then would copy them all.
        for slot in exactNamePostings(names, terms: terms, starts: starts, postings: postings) {
            postings[slot].score += exactNameBonus
        }
        return InvertedIndex(terms: terms.sorted, starts: starts, postings: postings, documentCount: documentCount)
    }

    /// Where each range's postings of each local term start: after those of the earlier ranges,
    /// so every term's documents stay in order.
    private static func firstSlots(of partials: [PartialIndex], ranks: [[Int32]], starts: [Int]) -> [[Int]] {
        var filled = starts
        return zip(partials, ranks).map { partial, ranks in
            ranks.enumerated().map { local, position in
                let slot = filled[Int(position)]
                filled[Int(position)] += partial.frequency(of: local)
                return slot
            }
        }
    }

    /// The BM25F score (×100, rounded, at least 1) of a term with inverse document frequency
    /// `idf` in a document where its weighted, length-normalised frequency is `tf`.
    @inline(__always)
    static func score(idf: Float, tf: Float) -> Int32 {
        max(1, rounded(idf * tf * (k1 + 1) / (k1 + tf) * 100))
    }

    /// `Int32(value.rounded())` for a positive `value`, without calling `roundf` (once per
    /// posting): the truncated value and the fraction it drops are both exact.
    @inline(__always)
    static func rounded(_ value: Float) -> Int32 {
        let whole = Int32(value)
        return value - Float(whole) >= 0.5 ? whole + 1 : whole
    }

    /// BM25's inverse document frequency of a term in `frequency` of `count` documents.
    static func inverseFrequency(_ frequency: Int, of count: Int) -> Float {
        let frequency = Float(frequency), count = Float(count)
        return logf(1 + (count - frequency + 0.5) / (frequency + 0.5))
    }

    /// The posting of each entity's whole name (its first term) in that entity's document.
    private static func exactNamePostings(_ names: [String?], terms: MergedTerms, starts: [Int], postings: [Posting]) -> [Int] {
        var slots: [Int] = []
        for (document, name) in names.enumerated() {
            guard let name, var term = SearchWords.terms(name).first,
                  let place = term.withUTF8({ terms.place(of: $0) }) else { continue }
            // Postings are sorted by document: find this one by bisection.
            let end = starts[place + 1]
            var low = starts[place], high = end
            while low < high {
                let middle = (low + high) / 2
                if postings[middle].document < Int32(document) { low = middle + 1 } else { high = middle }
            }
            if low < end, postings[low].document == Int32(document) { slots.append(low) }
        }
        return slots
    }
}

/// The merged postings' memory, which the ranges write at disjoint places on all cores.
private struct PostingsOutput: @unchecked Sendable {
    let postings: UnsafeMutableBufferPointer<Posting>
}

/// One range of documents tokenised into a local term table: per document, its distinct local
/// terms with their length-normalised, field-weighted term frequency (BM25F's tf~). Its raw
/// buffers are only read once it is made, so the merge's workers may share it.
private struct PartialIndex: @unchecked Sendable {
    let table: TermTable
    private let range: Range<Int>
    /// The entries of document `range.lowerBound + d` end at `documentEnds[d]`.
    private let documentEnds: Buffer<Int32>
    private let entryTerms: Buffer<Int32>
    private let entryWeights: Buffer<Float>
    /// How many of the range's documents hold each local term.
    private let frequencies: Buffer<Int32>

    func frequency(of term: Int) -> Int { Int(frequencies[term]) }

    init(documents all: CatalogDocuments, range: Range<Int>, averages: [Float], textBytes: Int) {
        // About one distinct term for every 180 bytes of text.
        var counter = TermCounter(capacity: max(1 << 12, textBytes / 200))
        var scanner = WordScanner()
        var documentEnds = Buffer<Int32>(capacity: range.count)
        // About one distinct term of a document for every 11 bytes of text: room without regrowing.
        var entryTerms = Buffer<Int32>(capacity: textBytes / 8 + 64)
        var entryWeights = Buffer<Float>(capacity: textBytes / 8 + 64)
        for position in range {
            // Fields are read in place: copying a document's strings would touch their shared counts.
            all.fields(of: position).withUnsafeBufferPointer { counter.add($0, averages: averages, scanner: &scanner) }
            counter.finishDocument { term, weight in
                entryTerms.append(term)
                entryWeights.append(weight)
            }
            documentEnds.append(Int32(entryTerms.count))
        }
        self.range = range
        table = counter.table
        frequencies = counter.frequencies
        self.documentEnds = documentEnds
        self.entryTerms = entryTerms
        self.entryWeights = entryWeights
    }

    /// Writes each posting, scored, at its local term's next slot (`firstSlots` by local term;
    /// `ranks` maps a local term to its place in the merged terms, whose postings are `starts`).
    func write(into output: PostingsOutput, firstSlots: [Int], ranks: [Int32], starts: [Int], documentCount: Int) {
        var cursors = firstSlots
        let idfs = ranks.map { position in
            SearchIndexBuilder.inverseFrequency(starts[Int(position) + 1] - starts[Int(position)], of: documentCount)
        }
        cursors.withUnsafeMutableBufferPointer { cursors in
            idfs.withUnsafeBufferPointer { idfs in
                var entry = 0
                for (offset, end) in documentEnds.contents.enumerated() {
                    let document = Int32(range.lowerBound + offset)
                    while entry < Int(end) {
                        let term = Int(entryTerms[entry])
                        let slot = cursors[term]
                        cursors[term] = slot + 1
                        output.postings[slot] = Posting(document: document, score: SearchIndexBuilder.score(idf: idfs[term], tf: entryWeights[entry]))
                        entry += 1
                    }
                }
            }
        }
    }
}

/// Counts a range's terms document by document: each term's weighted frequency in the
/// current document, and how many documents hold it.
private struct TermCounter {
    private(set) var table: TermTable
    /// How many finished documents hold each term.
    private(set) var frequencies = Buffer<Int32>(capacity: 1 << 12)
    /// Each term's weighted frequency in the current document (0: absent).
    private var accumulated = Buffer<Float>(capacity: 1 << 12)
    /// The current document's terms, in the order first seen.
    private var touched = Buffer<Int32>(capacity: 1 << 10)
    private var fieldBytes = [Int](repeating: 0, count: SearchField.allCases.count)

    init(capacity: Int) { table = TermTable(capacity: capacity) }

    /// Adds a document's fields, each occurrence weighted by its field and normalised by the
    /// field's length against its average (BM25F).
    mutating func add(_ fields: UnsafeBufferPointer<(field: SearchField, text: String)>, averages: [Float], scanner: inout WordScanner) {
        for index in fieldBytes.indices { fieldBytes[index] = 0 }
        for field in fields { fieldBytes[field.field.rawValue] += field.text.utf8.count }
        for field in fields.indices {
            let kind = fields[field].field
            let norm = 1 - SearchIndexBuilder.b + SearchIndexBuilder.b * Float(fieldBytes[kind.rawValue]) / averages[kind.rawValue]
            let weight = kind.weight / norm
            scanner.scan(fields[field].text) { bytes in
                let term = table.id(of: bytes)
                if term >= accumulated.count {
                    accumulated.append(repeating: 0, count: term + 1 - accumulated.count)
                    frequencies.append(repeating: 0, count: term + 1 - frequencies.count)
                }
                if accumulated[term] == 0 { touched.append(Int32(truncatingIfNeeded: term)) }
                accumulated[term] += weight
            }
        }
    }

    /// Hands over the current document's terms (first seen first) with their weighted
    /// frequencies, and starts the next document.
    mutating func finishDocument(_ entry: (_ term: Int32, _ weight: Float) -> Void) {
        for term in touched.contents {
            entry(term, accumulated[Int(term)])
            frequencies[Int(term)] += 1
            accumulated[Int(term)] = 0
        }
        touched.count = 0
    }
}

/// `transform` of each of `0 ..< count`, made on all cores, in order.
func concurrentMap<Value>(_ count: Int, _ transform: @Sendable (Int) -> Value) -> [Value] {
    let results = ResultSlots<Value>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { results[$0] = transform($0) }
    return results.values
}

/// Slots each written by exactly one worker of `concurrentPerform`, so no lock is needed.
private final class ResultSlots<Value>: @unchecked Sendable {
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
