import Dispatch

/// One file of the search index, relative to the site root (`search/terms/3.json`).
public struct SearchFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
}

/// The prebuilt search index: the files under `site/search/` (README "Search" documents them).
public struct SearchIndex: Sendable {
    /// Sizes that trade files against bytes per query.
    public struct Options: Sendable {
        /// A shard is closed once it holds about this many bytes of terms.
        public var shardBytes = 8_000
        /// Terms in more documents than this list only their best ones (the rest are in a set file).
        public var top = 160
        /// Documents per metadata chunk.
        public var chunk = 8
        /// Numbered files per `.js` twin: `search/<folder>/group-<g>.js` holds those of
        /// `docs/`, `terms/` and `sets/` files `g·G … g·G+G-1` (a script per file would be about
        /// 8,400 more files on 60,000 documents).
        public var filesPerTwin = 8
        /// Characters of text kept for a result's snippet.
        public var snippetCharacters = 160

        public init() {}
    }

    /// Figures for the benchmark.
    public struct Figures: Sendable {
        public var documents = 0
        public var terms = 0
        public var postings = 0
        public var shards = 0
        public var sets = 0
        /// Bytes of the JSON files (the `.js` twins add about as much again), by folder.
        public var jsonBytes = 0
        public var jsonBytesByFolder: [String: Int] = [:]
        /// Seconds per step.
        public var phases: [(name: String, seconds: Double)] = []
    }

    /// The files (sorted by path), unless they were handed to `emit` as they were made.
    public private(set) var files: [SearchFile] = []
    /// The paths of the files handed to `emit` (sorted).
    public private(set) var emittedPaths: [String] = []
    public private(set) var figures = Figures()
    /// Where each file goes as soon as it is made (nil: into ``files``).
    private var emit: (@Sendable (SearchFile) -> Void)?

    /// Builds the index of `catalog`; with `emit`, each file is handed to it as soon as it is made
    /// and not kept (only its path, in ``emittedPaths``). Files are made on all cores: `emit` is
    /// called from several threads at once, in no set order.
    public init(_ catalog: SearchCatalog, options: Options = Options(), emit: (@Sendable (SearchFile) -> Void)? = nil) {
        self.emit = emit
        let clock = ContinuousClock()
        var last = clock.now
        func lap(_ name: String) {
            let now = clock.now
            let elapsed = (now - last).components
            figures.phases.append((name, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18))
            last = now
        }
        let documents = CatalogDocuments(catalog)
        // The metadata chunks need no scores: they are made and written on another thread while
        // the index is built, filling the cores that its serial steps (the merge) leave idle.
        let documentFiles = DocumentFiles(documents, options: options, emit: emit)
        let index = SearchIndexBuilder.build(documents)
        figures.documents = documents.count
        figures.terms = index.terms.count
        figures.postings = index.postings.count
        lap("words and scores")

        let shards = writeShards(index, options: options)
        lap("terms and sets")
        documentFiles.wait().forEach { register($0) }
        lap("documents")  // the wait for them, once the terms are written
        writeFacets(catalog)
        let spell = writeSpelling(index)
        lap("facets and spelling")

        var manifest = JSONBytes()
        manifest.raw("{\"version\":1,\"documents\":")
        manifest.int(documents.count)
        manifest.raw(",\"entities\":")
        manifest.int(catalog.entities.count)
        manifest.raw(",\"chunk\":")
        manifest.int(options.chunk)
        manifest.raw(",\"filesPerTwin\":")
        manifest.int(max(1, options.filesPerTwin))
        manifest.raw(",\"top\":")
        manifest.int(options.top)
        manifest.raw(",\"shards\":")
        manifest.list(shards) { $0.string($1) }
        manifest.raw(",\"spell\":")
        manifest.list(spell) { $0.string($1) }
        manifest.raw(",\"stopWords\":")
        manifest.list(SearchWords.stopWords) { $0.string($1) }
        manifest.raw("}\n")
        add("manifest", manifest)
        files.sort { $0.path < $1.path }
        emittedPaths.sort()
        self.emit = nil
    }

    /// Adds `search/<name>.json` and its script twin `search/<name>.js`.
    private mutating func add(_ name: String, _ json: JSONBytes) {
        register(Self.make(name, json, emit: emit))
    }

    /// `search/<name>.json` and its script twin `search/<name>.js`, handed to `emit` (from
    /// whichever thread makes them) or returned to be kept.
    private static func make(_ name: String, _ json: consuming JSONBytes, emit: (@Sendable (SearchFile) -> Void)?) -> MadeFiles {
        var script: [UInt8] = []
        var made = make(name, json, twinCallInto: &script, emit: emit)
        let twin = SearchFile(path: "search/\(name).js", bytes: script)
        made.paths.append(twin.path)
        if let emit { emit(twin) } else { made.kept.append(twin) }
        return made
    }

    /// `search/<name>.json` alone, its twin's call appended to `script` (a twin several files share).
    private static func make(_ name: String, _ json: consuming JSONBytes, twinCallInto script: inout [UInt8],
                             emit: (@Sendable (SearchFile) -> Void)?) -> MadeFiles {
        var bytes = json.bytes
        json.bytes = []  // `bytes` the only reference: the newline goes on without a copy
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        appendScriptCall(name, bytes, to: &script)
        let file = SearchFile(path: "search/\(name).json", bytes: bytes)
        if let emit { emit(file) }
        return MadeFiles(folder: String(name.prefix { $0 != "/" }), jsonBytes: bytes.count, paths: [file.path], kept: emit == nil ? [file] : [])
    }

    /// The files `0..<count` of a folder cut into the groups that share a twin.
    private static func twinGroups(of count: Int, options: Options) -> [Range<Int>] {
        let size = max(1, options.filesPerTwin)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// `search/<folder>/group-<group>.js`, the twin `script` of several numbered files.
    private static func twin(_ folder: String, group: Int, _ script: [UInt8], emit: (@Sendable (SearchFile) -> Void)?) -> MadeFiles {
        let file = SearchFile(path: "search/\(folder)/group-\(group).js", bytes: script)
        if let emit { emit(file) }
        return MadeFiles(folder: folder, jsonBytes: 0, paths: [file.path], kept: emit == nil ? [file] : [])
    }

    /// `portalSearchData("<name>",<json>);` and a newline: what a twin script holds for one file.
    private static func appendScriptCall(_ name: String, _ json: [UInt8], to script: inout [UInt8]) {
        let prefix = "portalSearchData(\"\(name)\",".utf8, suffix = ");\n".utf8
        script.reserveCapacity(script.count + prefix.count + json.count + suffix.count)
        script.append(contentsOf: prefix)
        script.append(contentsOf: json.dropLast())
        script.append(contentsOf: suffix)
    }

    /// Counts files made by ``make(_:_:emit:)`` and keeps them or their paths (on the calling thread).
    private mutating func register(_ made: MadeFiles) {
        figures.jsonBytes += made.jsonBytes
        figures.jsonBytesByFolder[made.folder, default: 0] += made.jsonBytes
        if emit != nil { emittedPaths += made.paths } else { files += made.kept }
    }

    /// The term shards and set files; returns each shard's first key. Each term's record (and
    /// set file) is written on all cores, the records cut into shards in order, and the shards
    /// written on all cores.
    private mutating func writeShards(_ index: InvertedIndex, options: Options) -> [String] {
        var setNumbers = [Int](repeating: -1, count: index.terms.count)
        var sets = 0
        for term in 0..<index.terms.count where index.postings(of: term).count > options.top {
            setNumbers[term] = sets
            sets += 1
        }
        let records = writeRecordsAndSets(index, setNumbers: setNumbers, options: options)
        let shards = Self.cutShards(index, recordEnds: records.ends, shardBytes: options.shardBytes)
        let groups = Self.twinGroups(of: shards.count, options: options)
        let emit = emit
        let made = concurrentMap(groups.count) { group in
            var script: [UInt8] = []
            var files = MadeFiles(folder: "terms", jsonBytes: 0, paths: [], kept: [])
            for shard in groups[group] {
                let terms = shards[shard].terms
                var json = JSONBytes(capacity: records.bytes(of: terms).count + terms.count + 2)
                json.list(terms) { json, term in json.bytes += records.bytes[records.bytes(of: term..<(term + 1))] }
                files.add(Self.make("terms/\(shard)", json, twinCallInto: &script, emit: emit))
            }
            files.add(Self.twin("terms", group: group, script, emit: emit))
            return files
        }
        made.forEach { register($0) }
        figures.shards = shards.count
        figures.sets = sets
        return shards.map(\.key)
    }

    /// Every term's record, in term order, written on all cores; the set files are made (and
    /// emitted) as their terms' records are written.
    private mutating func writeRecordsAndSets(_ index: InvertedIndex, setNumbers: [Int], options: Options) -> TermRecords {
        let top = options.top
        let termCount = index.terms.count
        let pieces = max(1, min(termCount, System.cores * 16))
        let emit = emit
        let written = concurrentMap(pieces) { piece -> (records: TermRecords, sets: [MadeFiles], calls: [[UInt8]]) in
            var record = JSONBytes(capacity: 1 << 16)
            var ends: [Int] = []
            var setFiles: [MadeFiles] = []
            var calls: [[UInt8]] = []  // each set's twin call, in set order (terms come in order)
            for term in (termCount * piece / pieces)..<(termCount * (piece + 1) / pieces) {
                Self.writeTerm(term, of: index, top: top, set: setNumbers[term], into: &record)
                ends.append(record.bytes.count)
                if setNumbers[term] >= 0 {
                    let json = Self.setJSON(index.postings[index.postings(of: term)], count: index.documentCount)
                    var call: [UInt8] = []
                    setFiles.append(Self.make("sets/\(setNumbers[term])", json, twinCallInto: &call, emit: emit))
                    calls.append(call)
                }
            }
            return (TermRecords(bytes: record.bytes, ends: ends), setFiles, calls)
        }
        // The sets' twins, `filesPerTwin` sets to a script.
        let calls = written.flatMap(\.calls)
        for (group, sets) in Self.twinGroups(of: calls.count, options: options).enumerated() {
            register(Self.twin("sets", group: group, Array(calls[sets].joined()), emit: emit))
        }
        var records = TermRecords(bytes: [], ends: [])
        records.bytes.reserveCapacity(written.reduce(0) { $0 + $1.records.bytes.count })
        records.ends.reserveCapacity(termCount)
        for piece in written {
            records.ends += piece.records.ends.lazy.map { $0 + records.bytes.count }
            records.bytes += piece.records.bytes
            piece.sets.forEach { register($0) }
        }
        return records
    }

    /// Cuts the terms' records (in order, ending at `recordEnds`) into shards: a shard is closed
    /// before a record that would take it past `shardBytes` (if it holds one already). Each
    /// shard's key is the shortest prefix of its first term that sorts after the term before.
    private static func cutShards(_ index: InvertedIndex, recordEnds: [Int], shardBytes: Int) -> [(key: String, terms: Range<Int>)] {
        var shards: [(key: String, terms: Range<Int>)] = []
        var first = 0, size = 0
        for term in recordEnds.indices {
            let length = recordEnds[term] - (term == 0 ? 0 : recordEnds[term - 1])
            if term == 0 || size + length > shardBytes && size > 1 {
                if term > 0 {
                    shards[shards.count - 1].terms = first..<term
                    first = term
                }
                shards.append((term == 0 ? "" : shortestKey(index.terms[term], after: index.terms[term - 1]), term..<term))
                size = 1 + length  // `[` and the record
            } else {
                size += 1 + length  // `,` and the record
            }
        }
        if shards.isEmpty { return [("", 0..<0)] }
        shards[shards.count - 1].terms = first..<recordEnds.count
        return shards
    }

    /// `["term",df,[docDelta,score,…]]`, plus the set file's number for a term in more than
    /// `top` documents (which then lists only its `top` best: ties go to the earlier document).
    private static func writeTerm(_ term: Int, of index: InvertedIndex, top: Int, set: Int, into record: inout JSONBytes) {
        let postings = index.postings(of: term)
        record.raw("[")
        record.string(index.terms[term])
        record.raw(",")
        record.int(postings.count)
        record.raw(",[")
        var threshold: Int32 = 0, tiesAllowed = Int.max
        if postings.count > top {
            // The `top`-th best score, and how many postings with exactly that score fit.
            threshold = index.postings.withUnsafeBufferPointer { TopScores.threshold(UnsafeBufferPointer(rebasing: $0[postings]), top: top) }
            tiesAllowed = top - index.postings[postings].reduce(0) { $0 + ($1.score > threshold ? 1 : 0) }
        }
        var previous: Int32 = 0, first = true
        for posting in postings {
            let score = index.postings[posting].score
            guard score >= threshold else { continue }
            if score == threshold {
                guard tiesAllowed > 0 else { continue }
                tiesAllowed -= 1
            }
            if !first { record.raw(",") }
            first = false
            let document = index.postings[posting].document
            record.int(document - previous)
            record.raw(",")
            record.int(score)
            previous = document
        }
        record.raw("]")
        if set >= 0 {
            record.raw(",")
            record.int(set)
        }
        record.raw("]")
    }

    /// Every document of a common term: a bitmap or a list of gaps, whichever is shorter.
    private static func setJSON(_ postings: ArraySlice<Posting>, count: Int) -> JSONBytes {
        let documents = postings.lazy.map(\.document)
        let bitmapLength = (count + 7) / 8
        if (bitmapLength + 2) / 3 * 4 + 12 < documents.count * 3 {
            var bitmap = [UInt8](repeating: 0, count: bitmapLength)
            for document in documents { bitmap[Int(document) >> 3] |= 1 << UInt8(truncatingIfNeeded: document & 7) }
            var json = JSONBytes(capacity: bitmapLength * 4 / 3 + 16)
            json.raw("{\"bits\":\"")
            Base64.encode(bitmap, into: &json.bytes)
            json.raw("\"}")
            return json
        }
        var json = JSONBytes(capacity: documents.count * 4 + 16)
        json.raw("{\"ids\":[")
        var previous: Int32 = 0
        for (position, document) in documents.enumerated() {
            if position > 0 { json.raw(",") }
            json.int(document - previous)
            previous = document
        }
        json.raw("]}")
        return json
    }

    /// The shortest prefix of `first` (whole code points) that sorts after `previous`.
    static func shortestKey(_ first: ArraySlice<UInt8>, after previous: ArraySlice<UInt8>) -> String {
        var end = first.startIndex
        while end < first.endIndex {
            end += 1
            while end < first.endIndex, first[end] & 0xC0 == 0x80 { end += 1 }
            if UTF16Order.less(previous, first[first.startIndex..<end]) { break }
        }
        return String(decoding: first[first.startIndex..<end], as: UTF8.self)
    }

    /// `docs/<c>.json`: `[label, title, url, entity, context, snippet]` per document, made on all
    /// cores from a thread of their own (``wait()`` gives them).
    private final class DocumentFiles: @unchecked Sendable {  // `made` is written once, before `done` is signalled
        private var made: [MadeFiles] = []
        private let done = DispatchSemaphore(value: 0)

        init(_ documents: CatalogDocuments, options: Options, emit: (@Sendable (SearchFile) -> Void)?) {
            DispatchQueue.global().async {
                self.made = SearchIndex.documentFiles(documents, options: options, emit: emit)
                self.done.signal()
            }
        }

        func wait() -> [MadeFiles] {
            done.wait()
            return made
        }
    }

    private static func documentFiles(_ documents: CatalogDocuments, options: Options, emit: (@Sendable (SearchFile) -> Void)?) -> [MadeFiles] {
        let chunks = (documents.count + options.chunk - 1) / options.chunk
        let groups = twinGroups(of: chunks, options: options)
        return concurrentMap(groups.count) { group in
            var script: [UInt8] = []
            var made = MadeFiles(folder: "docs", jsonBytes: 0, paths: [], kept: [])
            for chunk in groups[group] {
                made.add(make("docs/\(chunk)", documentChunk(chunk, documents, options: options), twinCallInto: &script, emit: emit))
            }
            made.add(twin("docs", group: group, script, emit: emit))
            return made
        }
    }

    /// Metadata chunk `chunk`: `[label, title, url, entity, context, snippet]` per document.
    private static func documentChunk(_ chunk: Int, _ documents: CatalogDocuments, options: Options) -> JSONBytes {
        let start = chunk * options.chunk
        var json = JSONBytes(capacity: options.chunk * 400)
        // Each field is read in place: a copy of a whole document would retain and release
        // every string of it, on cache lines both cores share.
        json.list(start..<min(start + options.chunk, documents.count)) { json, position in
            let (array, index) = documents.place(of: position)
            json.raw("[")
            json.string(array[index].label)
            json.raw(",")
            json.string(array[index].title)
            json.raw(",")
            json.string(array[index].url)
            json.raw(",")
            json.int(array[index].entity)
            json.raw(",")
            json.string(array[index].context)
            json.raw(",")
            json.snippet(array[index].snippet, characters: options.snippetCharacters)
            json.raw("]")
        }
        return json
    }

    /// The first `characters` code points of `text`, cut after a word when one ends near the limit.
    static func snippet(_ text: String, characters: Int) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            guard let end = Snippet.end(utf8, characters: characters) else { return String(decoding: utf8, as: UTF8.self) }
            return String(decoding: utf8[..<end], as: UTF8.self) + "…"
        }
    }

    /// `facets.json`: the value tables, each entity's values, and where each entity's sections start.
    private mutating func writeFacets(_ catalog: SearchCatalog) {
        let fields: [(name: StaticString, values: (SearchFacets) -> [SearchFacets.Value])] = [
            ("kind", { [$0.kind] }), ("type", { $0.type.map { [$0] } ?? [] }), ("owner", { $0.owner.map { [$0] } ?? [] }),
            ("lifecycle", { $0.lifecycle.map { [$0] } ?? [] }), ("tag", \.tags),
        ]
        var json = JSONBytes(capacity: catalog.entities.count * 40 + 4096)
        json.raw("{\"fields\":[\"kind\",\"type\",\"owner\",\"lifecycle\",\"tag\"],\"values\":{")
        var numbers: [[SearchFacets.Value: Int]] = []
        for (position, field) in fields.enumerated() {
            let values = Set(catalog.facets.flatMap(field.values)).sorted {
                ($0.label.lowercased(), $0.label, $0.key) < ($1.label.lowercased(), $1.label, $1.key)
            }
            numbers.append(Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) }))
            if position > 0 { json.raw(",") }
            json.raw("\"")
            json.raw(field.name)
            json.raw("\":")
            json.list(values) { json, value in
                json.raw("[")
                json.string(value.key)
                json.raw(",")
                json.string(value.label)
                json.raw("]")
            }
        }
        json.raw("},\"entities\":")
        json.list(catalog.facets) { json, facets in
            json.raw("[")
            for position in 0..<4 {
                json.int(fields[position].values(facets).first.map { numbers[position][$0]! } ?? -1)
                json.raw(",")
            }
            json.list(facets.tags) { $0.int(numbers[4][$1]!) }
            json.raw("]")
        }
        var starts = [Int](repeating: 0, count: catalog.entities.count + 1)
        // Sections of no entity (-1) come after all others and are in no entity's range.
        for section in catalog.sections where section.entity >= 0 { starts[section.entity + 1] += 1 }
        starts[0] = catalog.entities.count
        for entity in 0..<catalog.entities.count { starts[entity + 1] += starts[entity] }
        json.raw(",\"sections\":")
        json.list(starts) { $0.int($1) }
        json.raw("}")
        add("facets", json)
    }

    /// `spell/<i>.json`: `[[term, df], …]` for the terms of 4–24 letters `a`–`z` in 2+ documents,
    /// by first letter, for typo matching (a word seen once is not worth correcting to).
    private mutating func writeSpelling(_ index: InvertedIndex) -> [String] {
        var byLetter: [UInt8: [Int]] = [:]
        for (term, bytes) in index.terms.enumerated()
        where (4...24).contains(bytes.count) && index.postings(of: term).count >= 2 && bytes.allSatisfy({ $0 &- UInt8(ascii: "a") < 26 }) {
            byLetter[bytes.first!, default: []].append(term)
        }
        let letters = byLetter.keys.sorted()
        for (position, letter) in letters.enumerated() {
            var json = JSONBytes()
            json.list(byLetter[letter]!) { json, term in
                json.raw("[")
                json.string(index.terms[term])
                json.raw(",")
                json.int(index.postings(of: term).count)
                json.raw("]")
            }
            add("spell/\(position)", json)
        }
        return letters.map { String(UnicodeScalar($0)) }
    }
}

/// Terms' records written one after another: record `t` ends at `ends[t]`.
private struct TermRecords: Sendable {
    var bytes: [UInt8]
    var ends: [Int]

    /// Where the records of `terms` are in `bytes`.
    func bytes(of terms: Range<Int>) -> Range<Int> {
        (terms.lowerBound == 0 ? 0 : ends[terms.lowerBound - 1])..<(terms.isEmpty ? 0 : ends[terms.upperBound - 1])
    }
}

/// Files made on a worker: their paths and JSON size, and the files if they are kept.
private struct MadeFiles {
    var folder: String
    var jsonBytes: Int
    var paths: [String]
    var kept: [SearchFile]

    /// Adds `other`'s files (of the same folder).
    mutating func add(_ other: MadeFiles) {
        jsonBytes += other.jsonBytes
        paths += other.paths
        kept += other.kept
    }
}

/// Where a result's snippet is cut.
enum Snippet {
    /// The byte where the first `characters` code points of `utf8` end, moved back to the last
    /// space when that is within the last quarter; nil when the text is no longer.
    static func end(_ utf8: UnsafeBufferPointer<UInt8>, characters: Int) -> Int? {
        var count = 0
        var lastSpace: (index: Int, count: Int)?
        for (index, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 {
            if count == characters {
                return lastSpace.flatMap { $0.count > characters * 3 / 4 ? $0.index : nil } ?? index
            }
            if byte == UInt8(ascii: " ") { lastSpace = (index, count) }
            count += 1
        }
        return nil
    }
}

extension JSONBytes {
    /// A result's snippet as a JSON string: see ``SearchIndex/snippet(_:characters:)``.
    mutating func snippet(_ text: String, characters: Int) {
        text.withUTF8InPlace { utf8 in
            guard let end = Snippet.end(utf8, characters: characters) else { return string(utf8[...]) }
            raw("\"")
            escaped(utf8[..<end])
            raw("…\"")
        }
    }
}

/// The `top`-th best score of many postings without sorting them all: a min-heap of the best seen so far.
enum TopScores {
    static func threshold(_ postings: UnsafeBufferPointer<Posting>, top: Int) -> Int32 {
        precondition(top > 0 && postings.count >= top)
        let heap = UnsafeMutablePointer<Int32>.allocate(capacity: top)
        defer { heap.deallocate() }
        for index in 0..<top { (heap + index).initialize(to: postings[index].score) }
        for start in stride(from: top / 2 - 1, through: 0, by: -1) { siftDown(heap, from: start, count: top) }
        for posting in postings[top...] where posting.score > heap[0] {
            heap[0] = posting.score
            siftDown(heap, from: 0, count: top)
        }
        return heap[0]
    }

    /// Restores the heap order below `start` (every parent at most its children).
    private static func siftDown(_ heap: UnsafeMutablePointer<Int32>, from start: Int, count: Int) {
        var parent = start
        while true {
            var smallest = parent
            let left = 2 * parent + 1, right = left + 1
            if left < count, heap[left] < heap[smallest] { smallest = left }
            if right < count, heap[right] < heap[smallest] { smallest = right }
            if smallest == parent { return }
            (heap[parent], heap[smallest]) = (heap[smallest], heap[parent])
            parent = smallest
        }
    }
}

extension JSONBytes {
    /// `[a,b,…]` with `write` writing each element.
    mutating func list<Items: Sequence>(_ items: Items, _ write: (inout JSONBytes, Items.Element) -> Void) {
        raw("[")
        var first = true
        for item in items {
            if !first { raw(",") }
            first = false
            write(&self, item)
        }
        raw("]")
    }
}
