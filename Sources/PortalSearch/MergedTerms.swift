import Dispatch

/// The terms of every range's table, numbered once and put in JavaScript's string order on all
/// cores. The terms are cut into one partition per core by their first eight bytes (at quantiles
/// of the first table's terms), so each core numbers and sorts its own partition, and the sorted
/// partitions, one after the other, are every term in order. The order depends only on the terms,
/// never on how they were partitioned.
struct MergedTerms {
    /// Every distinct term, sorted.
    let sorted: [ArraySlice<UInt8>]
    /// For each range's table, each of its terms' place in ``sorted``.
    let ranks: [[Int32]]
    private let partitions: [TermTable]
    /// The prefix keys (``UTF16Order/prefixKey(_:)``) at which partitions 1, 2, … start.
    private let boundaries: [UInt64]
    /// The place in ``sorted`` of term `n` of partition `p`: `partitionRanks[p][n]`.
    private let partitionRanks: [[Int32]]

    var count: Int { sorted.count }

    /// Merges `tables` in `partitionCount` partitions (the result is the same for any count).
    init(_ tables: [TermTable], partitionCount: Int = min(System.cores, 16)) {
        let boundaries = Self.boundaries(sample: tables.first, count: max(1, partitionCount))
        self.boundaries = boundaries
        // Each range's terms' partitions and, written by each partition's worker for its own
        // terms, their numbers there.
        let partitionOf = concurrentMap(tables.count) { tables[$0].prefixKeys().map { UInt8(Self.partition(of: $0, boundaries: boundaries)) } }
        let numbers = tables.map { NumberSlots(count: $0.count) }
        defer { numbers.forEach { $0.deallocate() } }
        // A common word is in every range: the tables' sizes add up to more than the distinct terms.
        let capacity = tables.reduce(0) { $0 + $1.count } / (2 * (boundaries.count + 1)) + 1024
        let built = concurrentMap(boundaries.count + 1) { partition -> (table: TermTable, order: [SortKey]) in
            var table = TermTable(capacity: capacity)
            for (range, local) in tables.enumerated() {
                for term in 0..<local.count where partitionOf[range][term] == partition {
                    numbers[range].slots[term] = Int32(table.id(ofTerm: term, in: local))
                }
            }
            return (table, table.sortKeys())
        }
        partitions = built.map(\.table)

        // The partitions in order, each sorted: every term in order.
        var partitionRanks: [[Int32]] = []
        var sorted: [ArraySlice<UInt8>] = []
        sorted.reserveCapacity(built.reduce(0) { $0 + $1.table.count })
        for (table, order) in built {
            var ranks = [Int32](repeating: 0, count: table.count)
            for key in order {
                ranks[Int(key.term)] = Int32(sorted.count)
                sorted.append(table.bytes(of: Int(key.term)))
            }
            partitionRanks.append(ranks)
        }
        self.sorted = sorted
        self.partitionRanks = partitionRanks

        // Each range's terms' places.
        let placesInPartitions = partitionRanks
        ranks = concurrentMap(tables.count) { range in
            let slots = numbers[range].slots
            return partitionOf[range].enumerated().map { term, partition in placesInPartitions[Int(partition)][Int(slots[term])] }
        }
    }

    /// The place in ``sorted`` of `bytes`, if it is a term.
    func place(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let partition = Self.partition(of: UTF16Order.prefixKey(bytes[...]), boundaries: boundaries)
        return partitions[partition].number(of: bytes).map { Int(partitionRanks[partition][$0]) }
    }

    /// The prefix keys where partitions 1 ..< `count` start: quantiles of `sample`'s terms' keys
    /// (fewer when keys repeat, or when there is no sample).
    static func boundaries(sample: TermTable?, count: Int) -> [UInt64] {
        guard let sample, count > 1, sample.count > 0 else { return [] }
        let keys = sample.prefixKeys().sorted()
        var boundaries: [UInt64] = []
        for quantile in 1..<count {
            let key = keys[quantile * keys.count / count]
            if key > (boundaries.last ?? 0) { boundaries.append(key) }
        }
        return boundaries
    }

    /// The partition of a term with prefix key `key`: terms with equal keys share one, and a
    /// smaller key never goes to a later partition.
    @inline(__always)
    static func partition(of key: UInt64, boundaries: [UInt64]) -> Int {
        var partition = 0
        while partition < boundaries.count, key >= boundaries[partition] { partition += 1 }
        return partition
    }

    /// Number slots one partition's worker writes (disjoint from the other workers').
    private struct NumberSlots: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<Int32>
        init(count: Int) { slots = .allocate(capacity: count) }
        func deallocate() { slots.deallocate() }
    }
}
