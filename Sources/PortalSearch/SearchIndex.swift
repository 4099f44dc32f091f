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
        public var shardBytes = 12_000
        /// Terms in more documents than this list only their best ones (the rest are in a set file).
        public var top = 160
        /// Documents per metadata chunk.
        public var chunk = 16
        /// Characters of text kept for a result's snippet.
        public var snippetCharacters = 200

        public init() {}
    }

    /// Figures for the benchmark.
    public struct Figures: Sendable {
        public var documents = 0
        public var terms = 0
        public var postings = 0
        public var shards = 0
        public var sets = 0
        /// Bytes of the JSON files (the `.js` twins add about as much again).
        public var jsonBytes = 0
    }

    public private(set) var files: [SearchFile] = []
    public private(set) var figures = Figures()

    public init(_ catalog: SearchCatalog, options: Options = Options()) {
        let documents = catalog.entities + catalog.sections
        let index = SearchIndexBuilder.build(documents)
        figures.documents = documents.count
        figures.terms = index.terms.count
        figures.postings = index.documents.count

        let shards = writeShards(index, options: options)
        writeDocuments(documents, options: options)
        writeFacets(catalog)
        let spell = writeSpelling(index)

        var manifest = JSONBytes()
        manifest.raw("{\"version\":1,\"documents\":")
        manifest.int(documents.count)
        manifest.raw(",\"entities\":")
        manifest.int(catalog.entities.count)
        manifest.raw(",\"chunk\":")
        manifest.int(options.chunk)
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
    }

    /// Adds `search/<name>.json` and its script twin `search/<name>.js`.
    private mutating func add(_ name: String, _ json: JSONBytes) {
        var bytes = json.bytes
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        figures.jsonBytes += bytes.count
        files.append(SearchFile(path: "search/\(name).json", bytes: bytes))
        var script = Array("portalSearchData(\"\(name)\",".utf8)
        script.append(contentsOf: bytes.dropLast())
        script.append(contentsOf: ");\n".utf8)
        files.append(SearchFile(path: "search/\(name).js", bytes: script))
    }

    /// The term shards and set files; returns each shard's first key.
    private mutating func writeShards(_ index: InvertedIndex, options: Options) -> [String] {
        var keys: [String] = []
        var shard = JSONBytes(capacity: options.shardBytes * 2)
        var previousLast: ArraySlice<UInt8>?
        var record = JSONBytes(capacity: 4096)
        func closeShard() {
            shard.raw("]")
            add("terms/\(keys.count - 1)", shard)
            shard = JSONBytes(capacity: options.shardBytes * 2)
        }
        for term in index.terms.indices {
            record.bytes.removeAll(keepingCapacity: true)
            writeTerm(term, of: index, top: options.top, into: &record)
            if keys.isEmpty || shard.bytes.count + record.bytes.count > options.shardBytes && shard.bytes.count > 1 {
                if !keys.isEmpty { closeShard() }
                keys.append(keys.isEmpty ? "" : Self.shortestKey(index.terms[term], after: previousLast!))
                shard.raw("[")
            } else {
                shard.raw(",")
            }
            shard.bytes.append(contentsOf: record.bytes)
            previousLast = index.terms[term]
        }
        if keys.isEmpty { keys.append(""); shard.raw("[") }
        closeShard()
        figures.shards = keys.count
        return keys
    }

    /// `["term",df,[docDelta,score,…]]`, plus the set file's number for a term in more than `top` documents.
    private mutating func writeTerm(_ term: Int, of index: InvertedIndex, top: Int, into record: inout JSONBytes) {
        let postings = index.postings(of: term)
        record.raw("[")
        record.string(index.terms[term])
        record.raw(",")
        record.int(postings.count)
        record.raw(",[")
        var listed = Array(postings)
        if postings.count > top {
            listed.sort { index.scores[$0] != index.scores[$1] ? index.scores[$0] > index.scores[$1] : $0 < $1 }
            listed.removeLast(listed.count - top)
            listed.sort()
        }
        var previous: Int32 = 0
        for (position, posting) in listed.enumerated() {
            if position > 0 { record.raw(",") }
            record.int(index.documents[posting] - previous)
            record.raw(",")
            record.int(index.scores[posting])
            previous = index.documents[posting]
        }
        record.raw("]")
        if postings.count > top {
            record.raw(",")
            record.int(figures.sets)
            writeSet(index.documents[postings], count: index.documentCount)
        }
        record.raw("]")
    }

    /// Every document of a common term: a bitmap or a list of gaps, whichever is shorter.
    private mutating func writeSet(_ documents: ArraySlice<Int32>, count: Int) {
        var gaps = JSONBytes(capacity: documents.count * 3)
        gaps.raw("{\"ids\":[")
        var previous: Int32 = 0
        for (position, document) in documents.enumerated() {
            if position > 0 { gaps.raw(",") }
            gaps.int(document - previous)
            previous = document
        }
        gaps.raw("]}")
        var json = gaps
        if (count + 7) / 8 * 4 / 3 + 12 < gaps.bytes.count {
            var bitmap = [UInt8](repeating: 0, count: (count + 7) / 8)
            for document in documents { bitmap[Int(document) >> 3] |= 1 << UInt8(truncatingIfNeeded: document & 7) }
            json = JSONBytes(capacity: bitmap.count * 4 / 3 + 16)
            json.raw("{\"bits\":\"")
            Base64.encode(bitmap, into: &json.bytes)
            json.raw("\"}")
        }
        add("sets/\(figures.sets)", json)
        figures.sets += 1
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

    /// `docs/<c>.json`: `[label, title, url, entity, context, snippet]` per document.
    private mutating func writeDocuments(_ documents: [SearchDocument], options: Options) {
        for (chunk, start) in stride(from: 0, to: documents.count, by: options.chunk).enumerated() {
            var json = JSONBytes(capacity: options.chunk * 400)
            json.list(documents[start..<min(start + options.chunk, documents.count)]) { json, document in
                json.raw("[")
                json.string(document.label)
                json.raw(",")
                json.string(document.title)
                json.raw(",")
                json.string(document.url)
                json.raw(",")
                json.int(document.entity)
                json.raw(",")
                json.string(document.context)
                json.raw(",")
                json.string(Self.snippet(document.snippet, characters: options.snippetCharacters))
                json.raw("]")
            }
            add("docs/\(chunk)", json)
        }
    }

    /// The first `characters` characters of `text`, cut after a word when one ends near the limit.
    static func snippet(_ text: String, characters: Int) -> String {
        guard text.count > characters else { return text }
        let cut = text.prefix(characters)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > characters * 3 / 4 {
            return String(cut[..<space]) + "…"
        }
        return String(cut) + "…"
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
        for section in catalog.sections { starts[section.entity + 1] += 1 }
        starts[0] = catalog.entities.count
        for entity in 0..<catalog.entities.count { starts[entity + 1] += starts[entity] }
        json.raw(",\"sections\":")
        json.list(starts) { $0.int($1) }
        json.raw("}")
        add("facets", json)
    }

    /// `spell/<i>.json`: the terms of 4+ letters `a`–`z`, by first letter, for typo matching.
    private mutating func writeSpelling(_ index: InvertedIndex) -> [String] {
        var byLetter: [UInt8: [ArraySlice<UInt8>]] = [:]
        for term in index.terms where term.count >= 4 && term.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
            byLetter[term.first!, default: []].append(term)
        }
        let letters = byLetter.keys.sorted()
        for (position, letter) in letters.enumerated() {
            var json = JSONBytes()
            json.list(byLetter[letter]!) { $0.string($1) }
            add("spell/\(position)", json)
        }
        return letters.map { String(UnicodeScalar($0)) }
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
