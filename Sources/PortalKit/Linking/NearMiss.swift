/// Suggests the entity a mistyped reference probably meant ("did you mean …").
package struct NearMiss {
    private let byKind: [String: [EntityRef]]

    init(_ refs: some Sequence<EntityRef>) {
        byKind = Dictionary(grouping: refs, by: \.kind)
    }

    /// The closest existing reference of one of `kinds` (the reference's own kind first), if close enough.
    func suggestion(for ref: EntityRef, kinds: [String]) -> EntityRef? {
        var best: (score: Int, ref: EntityRef)?
        let searched = [ref.kind] + kinds.filter { $0 != ref.kind }
        let name = Array(ref.name.utf8)
        let threshold = max(1, min(3, name.count / 3))
        for (kindRank, kind) in searched.enumerated() {
            for candidate in byKind[kind] ?? [] {
                let candidateName = Array(candidate.name.utf8)
                guard abs(candidateName.count - name.count) <= max(threshold, 8) else { continue }
                var distance = Self.distance(name, candidateName, limit: threshold)
                if distance > threshold {
                    // A missing prefix or suffix: "payments" for "payments-team".
                    let short = min(name.count, candidateName.count)
                    guard short >= 4, candidate.name.hasPrefix(ref.name) || ref.name.hasPrefix(candidate.name) else { continue }
                    distance = threshold + 1
                }
                let score = distance * 4 + kindRank * 2 + (candidate.namespace == ref.namespace ? 0 : 1)
                if best.map({ score < $0.score || (score == $0.score && candidate < $0.ref) }) ?? true {
                    best = (score, candidate)
                }
            }
        }
        return best?.ref
    }

    /// Optimal string alignment distance (edits and adjacent swaps), stopping early past `limit`.
    /// The candidate within two edits of `word` (case-insensitive), nearest first.
    package static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased().utf8)
        return candidates
            .map { ($0, distance(target, Array($0.lowercased().utf8), limit: 2)) }
            .filter { $0.1 <= 2 }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if a == b { return 0 }
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return a.isEmpty ? b.count : (b.isEmpty ? a.count : previous[b.count])
    }
}
