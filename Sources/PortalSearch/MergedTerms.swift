import Dispatch

/// The terms of every range's table, numbered once and put in JavaScript's string order on all
/// cores: each core takes the terms of one hash partition (numbering them in range order, then
/// sorting them), and the partitions' sorted terms are merged. The order depends only on the
/// terms, never on how they were partitioned.
struct MergedTerms {
    /// Every distinct term, sorted.
    let sorted: [ArraySlice<UInt8>]
    /// For each range's table, each of its terms' place in ``sorted``.
    let ranks: [[Int32]]
    private let partitions: [TermTable]
    /// The place in ``sorted`` of term `n` of partition `p`: `partitionRanks[p][n]`.
    private let partitionRanks: [[Int32]]

    var count: Int { sorted.count }

    /// Merges `tables` in `partitionCount` partitions (the result is the same for any count).
    init(_ tables: [TermTable], partitionCount: Int = min(System.cores, 16)) {
        let partitionCount = max(1, partitionCount)
        // Each range's terms by their number in their partition: each partition's worker writes
        // only its own terms' slots.
        let numbers = tables.map { NumberSlots(count: $0.count) }
        defer { numbers.forEach { $0.deallocate() } }
        // A common word is in every range: the tables' sizes add up to more than the distinct terms.
        let capacity = tables.reduce(0) { $0 + $1.count } / (2 * partitionCount) + 1024
        let built = ResultSlots<(table: TermTable, order: [SortKey])>(count: partitionCount)
        DispatchQueue.concurrentPerform(iterations: partitionCount) { partition in
            var table = TermTable(capacity: capacity)
            for (range, local) in tables.enumerated() {
                for term in 0..<local.count where Self.partition(of: local.hash(of: term), count: partitionCount) == partition {
                    numbers[range].slots[term] = Int32(table.id(ofTerm: term, in: local))
                }
            }
            built[partition] = (table, table.sortKeys())
        }
        let results = built.values
        partitions = results.map(\.table)

        // The partitions' sorted terms merged: the smallest head next, over and over.
        var partitionRanks = results.map { [Int32](repeating: 0, count: $0.table.count) }
        var sorted: [ArraySlice<UInt8>] = []
        sorted.reserveCapacity(results.reduce(0) { $0 + $1.table.count })
        var heads = [Int](repeating: 0, count: results.count)
        while true {
            var best = -1
            for partition in results.indices where heads[partition] < results[partition].order.count {
                if best < 0 || SortKey.less(results[partition].order[heads[partition]], in: results[partition].table,
                                            than: results[best].order[heads[best]], in: results[best].table) {
                    best = partition
                }
            }
            guard best >= 0 else { break }
            let term = Int(results[best].order[heads[best]].term)
            partitionRanks[best][term] = Int32(sorted.count)
            sorted.append(results[best].table.bytes(of: term))
            heads[best] += 1
        }
        self.sorted = sorted
        self.partitionRanks = partitionRanks

        // Each range's terms' places, on all cores.
        let rankSlots = ResultSlots<[Int32]>(count: tables.count)
        let finalRanks = partitionRanks
        DispatchQueue.concurrentPerform(iterations: tables.count) { range in
            let local = tables[range], slots = numbers[range].slots
            rankSlots[range] = (0..<local.count).map { term in
                finalRanks[Self.partition(of: local.hash(of: term), count: partitionCount)][Int(slots[term])]
            }
        }
        ranks = rankSlots.values
    }

    /// The place in ``sorted`` of `bytes`, if it is a term.
    func place(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let partition = Self.partition(of: TermTable.hash(bytes), count: partitions.count)
        return partitions[partition].number(of: bytes).map { Int(partitionRanks[partition][$0]) }
    }

    /// The partition of a term with this hash: from bits the table's slots do not start from.
    @inline(__always)
    private static func partition(of hash: UInt64, count: Int) -> Int {
        Int(truncatingIfNeeded: ((hash >> 40) & 0xFFFF) &* UInt64(count) >> 16)
    }

    /// Number slots one partition's worker writes (disjoint from the other workers').
    private struct NumberSlots: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<Int32>
        init(count: Int) { slots = .allocate(capacity: count) }
        func deallocate() { slots.deallocate() }
    }
}
