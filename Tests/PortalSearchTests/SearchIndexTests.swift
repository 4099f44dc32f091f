import Foundation
import Testing
@testable import PortalSearch

/// The index files, read back the way the browser reads them.
struct IndexReader {
    let files: [String: Any]
    let manifest: [String: Any]

    init(_ index: SearchIndex) {
        var files: [String: Any] = [:]
        for file in index.files where file.path.hasSuffix(".json") {
            files[String(file.path.dropFirst("search/".count).dropLast(".json".count))] = try! JSONSerialization.jsonObject(with: Data(file.bytes))
        }
        self.files = files
        manifest = files["manifest"] as! [String: Any]
    }

    var shardKeys: [String] { manifest["shards"] as! [String] }

    /// The shard that must hold `term`: the last whose key is ≤ the term (JavaScript order).
    func shard(for term: String) -> Int {
        shardKeys.lastIndex { Array($0.utf16).lexicographicallyPrecedes(Array(term.utf16)) || $0 == term }!
    }

    /// `[term, df, postings, set?]` of a term, from its shard.
    func record(_ term: String) -> [Any]? {
        (files["terms/\(shard(for: term))"] as! [[Any]]).first { $0[0] as! String == term }
    }

    /// Document → score for a term (the listed ones), and every document holding it.
    func postings(_ term: String) -> (scores: [Int: Int], all: Set<Int>) {
        guard let record = record(term) else { return ([:], []) }
        let flat = record[2] as! [Int]
        var scores: [Int: Int] = [:]
        var document = 0
        for pair in stride(from: 0, to: flat.count, by: 2) {
            document += flat[pair]
            scores[document] = flat[pair + 1]
        }
        guard record.count > 3 else { return (scores, Set(scores.keys)) }
        return (scores, members(ofSet: record[3] as! Int))
    }

    func members(ofSet number: Int) -> Set<Int> {
        let set = files["sets/\(number)"] as! [String: Any]
        if let ids = set["ids"] as? [Int] {
            var document = 0
            return Set(ids.map { document += $0; return document })
        }
        let bitmap = [UInt8](Data(base64Encoded: set["bits"] as! String)!)
        return Set((0..<(bitmap.count * 8)).filter { bitmap[$0 >> 3] & (1 << ($0 & 7)) != 0 })
    }

    /// The browser's exact-term ranking: documents holding every term, by summed score (a
    /// document outside a common term's listed best gets its lowest listed score).
    func search(_ query: String) -> [Int] {
        let terms = SearchWords.terms(query)
        guard !terms.isEmpty else { return [] }
        let lists = terms.map(postings)
        var matches = lists[0].all
        for list in lists.dropFirst() { matches.formIntersection(list.all) }
        func score(_ document: Int) -> Int {
            lists.reduce(0) { $0 + ($1.scores[document] ?? $1.scores.values.min() ?? 0) }
        }
        return matches.sorted { (score($0), -$0) > (score($1), -$1) }
    }

    func document(_ id: Int) -> [Any] {
        let chunk = manifest["chunk"] as! Int
        return (files["docs/\(id / chunk)"] as! [[Any]])[id % chunk]
    }

    func title(_ id: Int) -> String { document(id)[1] as! String }
}

/// A small organisation: entities with facets, and docs sections.
enum Fixture {
    static func entity(_ name: String, title: String? = nil, kind: String = "Component", type: String? = "service", owner: String? = "team-a",
                       tags: [String] = [], description: String = "", position: Int) -> (SearchDocument, SearchFacets) {
        var fields: [(field: SearchField, text: String)] = [(.name, name), (.tags, tags.joined(separator: " ")),
                                                           (.attributes, [kind, type, owner].compactMap { $0 }.joined(separator: " "))]
        if let title { fields.append((.title, title)) }
        fields.append((.description, description))
        let document = SearchDocument(label: kind, title: title ?? name, url: "catalog/default/\(kind.lowercased())/\(name)/", entity: position,
                                      context: owner ?? "", snippet: description, fields: fields, exactName: name)
        let facets = SearchFacets(kind: .init(key: kind.lowercased(), label: kind), type: type.map { .init(key: $0, label: $0) },
                                  owner: owner.map { .init(key: "group:default/\($0)", label: $0) }, lifecycle: .init(key: "production", label: "production"),
                                  tags: tags.map { .init(key: $0, label: $0) })
        return (document, facets)
    }

    static func section(_ heading: String, page: String, text: String, entity: Int, anchor: String) -> SearchDocument {
        SearchDocument(label: "Docs", title: heading, url: "docs/default/component/x/\(anchor)", entity: entity, context: page, snippet: text,
                       fields: [(.heading, heading), (.pageTitle, page), (.text, text)])
    }

    static let catalog: SearchCatalog = {
        let entities = [
            entity("payments", title: "Payments", tags: ["billing"], description: "Takes card payments and refunds.", position: 0),
            entity("payment-gateway", description: "Routes payment requests to card processors.", position: 1),
            entity("ledger", owner: "team-b", tags: ["billing", "finance"], description: "Double-entry accounting of every payment.", position: 2),
            entity("payments-api", kind: "API", type: "openapi", description: "The payments HTTP interface.", position: 3),
            entity("team-a", kind: "Group", type: "team", owner: nil, description: "Owns payments.", position: 4),
        ]
        let sections = [
            section("Retries", page: "Operations", text: "Failed payment captures are retried with exponential backoff until the timeout.", entity: 0, anchor: "ops/#retries"),
            section("Timeouts", page: "Operations", text: "Every call to the card processor has a timeout of two seconds.", entity: 0, anchor: "ops/#timeouts"),
            section("Refunds", page: "Guides", text: "Refunds reverse a payment; partial refunds are allowed.", entity: 0, anchor: "guides/#refunds"),
            section("Reconciliation", page: "Ledger", text: "The ledger reconciles settlements nightly.", entity: 2, anchor: "ledger/#reconciliation"),
        ]
        return SearchCatalog(entities: entities.map(\.0), facets: entities.map(\.1), sections: sections)
    }()
}

@Suite struct SearchIndexTests {
    let index = SearchIndex(Fixture.catalog)
    var reader: IndexReader { IndexReader(index) }

    @Test func manifestDescribesTheFiles() {
        let manifest = reader.manifest
        #expect(manifest["version"] as? Int == 1)
        #expect(manifest["documents"] as? Int == 9)
        #expect(manifest["entities"] as? Int == 5)
        #expect(manifest["stopWords"] as? [String] == SearchWords.stopWords)
        for shard in reader.shardKeys.indices { #expect(reader.files["terms/\(shard)"] != nil) }
    }

    @Test func anEntityNamedExactlyComesFirst() {
        #expect(reader.search("payments").first.map(reader.title) == "Payments")
        #expect(reader.search("payment-gateway").first.map(reader.title) == "payment-gateway")
        #expect(reader.search("ledger").first.map(reader.title) == "ledger")
    }

    @Test func headingsOutrankBodyText() {
        let results = reader.search("timeout").map(reader.title)
        #expect(results.first == "Timeouts")
        #expect(results.contains("Retries"))
    }

    @Test func everyWordIsRequired() {
        #expect(reader.search("payment retry timeout").map(reader.title) == ["Retries"])
        #expect(reader.search("refund partial").map(reader.title) == ["Refunds"])
        #expect(reader.search("ledger nightly").map(reader.title) == ["Reconciliation"])
    }

    @Test func sectionsCarryTheirAnchorAndEntity() {
        let retries = reader.search("backoff")
        #expect(retries.count == 1)
        let document = reader.document(retries[0])
        #expect(document[0] as? String == "Docs")
        #expect(document[2] as? String == "docs/default/component/x/ops/#retries")
        #expect(document[3] as? Int == 0)
        #expect(document[4] as? String == "Operations")
    }

    @Test func everyTermIsInTheShardItsKeySays() {
        var options = SearchIndex.Options()
        options.shardBytes = 200
        let small = IndexReader(SearchIndex(Fixture.catalog, options: options))
        #expect(small.shardKeys.count > 5)
        #expect(small.shardKeys.first == "")
        for (position, key) in small.shardKeys.enumerated() {
            let terms = (small.files["terms/\(position)"] as! [[Any]]).map { $0[0] as! String }
            #expect(!terms.isEmpty)
            for term in terms {
                #expect(small.shard(for: term) == position, "\(term) in shard \(position) (key \(key.debugDescription))")
            }
            // A key is as short as it can be: one code point less would not sort after the previous shard's last term.
            if position > 0, key.count > 1 {
                let previous = (small.files["terms/\(position - 1)"] as! [[Any]]).last![0] as! String
                #expect(!Array(previous.utf16).lexicographicallyPrecedes(Array(String(key.dropLast()).utf16)))
            }
        }
        #expect(small.search("payment retry timeout").map(small.title) == ["Retries"])
    }

    @Test func commonTermsListTheirBestDocumentsAndASetOfAll() {
        var options = SearchIndex.Options()
        options.top = 2
        let truncated = IndexReader(SearchIndex(Fixture.catalog, options: options))
        let record = truncated.record("payment")!
        let frequency = record[1] as! Int
        #expect(frequency > 2)
        #expect((record[2] as! [Int]).count == 4)
        let (scores, all) = truncated.postings("payment")
        #expect(all.count == frequency)
        #expect(Set(scores.keys).isSubset(of: all))
        let full = reader.postings("payment")
        #expect(all == full.all)
        // The listed ones are the best two.
        let best = full.scores.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(2).map(\.key)
        #expect(Set(scores.keys) == Set(best))
        // Ranking still finds the sections that hold every word.
        #expect(truncated.search("payment retry timeout").map(truncated.title) == ["Retries"])
    }

    @Test func setsAreBitmapsWhenThatIsShorter() {
        let documents = (0..<2000).map { Fixture.section("Page \($0)", page: "Common", text: "shared words", entity: 0, anchor: "p\($0)/") }
        var options = SearchIndex.Options()
        options.top = 10
        let catalog = SearchCatalog(entities: Fixture.catalog.entities, facets: Fixture.catalog.facets, sections: documents)
        let reader = IndexReader(SearchIndex(catalog, options: options))
        let set = reader.record(SearchWords.terms("shared")[0])![3] as! Int
        #expect((reader.files["sets/\(set)"] as! [String: Any])["bits"] != nil)
        #expect(reader.members(ofSet: set) == Set(5..<2005))
    }

    @Test func facetsListValuesAndEachEntitysSections() throws {
        let facets = try #require(reader.files["facets"] as? [String: Any])
        let values = try #require(facets["values"] as? [String: [[String]]])
        #expect(values["kind"]?.map { $0[0] } == ["api", "component", "group"])
        #expect(values["owner"]?.map { $0[0] } == ["group:default/team-a", "group:default/team-b"])
        #expect(values["tag"]?.map { $0[1] } == ["billing", "finance"])
        let entities = try #require(facets["entities"] as? [[Any]])
        #expect(entities.count == 5)
        #expect(entities[2][2] as? Int == 1)  // ledger: team-b
        #expect(entities[2][4] as? [Int] == [0, 1])
        #expect(entities[4][2] as? Int == -1)  // the group has no owner
        #expect(facets["sections"] as? [Int] == [5, 8, 8, 9, 9, 9])
    }

    @Test("sections of no entity (a plugin's page) come last, outside every entity's range, and are found")
    func sectionsOfNoEntity() throws {
        let page = SearchDocument(label: "Tech Radar", title: "Kotlin (Tech Radar)", url: "plugins/tech-radar/radar/#entry-2", entity: -1,
                                  context: "tech-radar", snippet: "Adopt in Languages.", fields: [(.heading, "Kotlin"), (.text, "Adopt in Languages.")])
        let catalog = SearchCatalog(entities: Fixture.catalog.entities, facets: Fixture.catalog.facets, sections: Fixture.catalog.sections + [page])
        let reader = IndexReader(SearchIndex(catalog))
        let facets = try #require(reader.files["facets"] as? [String: Any])
        #expect(facets["sections"] as? [Int] == [5, 8, 8, 9, 9, 9], "the entities' ranges end before it")
        let found = reader.search("kotlin")
        #expect(found == [9])
        #expect(reader.document(9)[3] as? Int == -1)
    }

    @Test func spellingListsLongAlphabeticTerms() throws {
        let letters = try #require(reader.manifest["spell"] as? [String])
        let p = try #require(letters.firstIndex(of: "p"))
        let entries = try #require(reader.files["spell/\(p)"] as? [[Any]])
        let words = entries.compactMap { $0[0] as? String }
        #expect(words.contains("payment"))
        #expect(entries.first { $0[0] as? String == "payment" }?[1] as? Int == reader.record("payment")?[1] as? Int)
        #expect(words.allSatisfy { $0.count >= 4 && $0.hasPrefix("p") && $0.allSatisfy { $0 >= "a" && $0 <= "z" } })
        #expect(!words.contains("payment-gateway"))
        #expect(!words.contains("partial"))  // in one document only
    }

    @Test func theSameInputGivesTheSameBytes() {
        let again = SearchIndex(Fixture.catalog)
        #expect(again.files.map(\.path) == index.files.map(\.path))
        #expect(zip(again.files, index.files).allSatisfy { $0.bytes == $1.bytes })
    }

    /// Each JSON file's data is in a script for `file://`: its own twin, or for the numbered
    /// files of `docs/`, `terms/` and `sets/` the shared `<folder>/group-<n / filesPerTwin>.js`,
    /// one call per file in order.
    @Test(arguments: [(8, 8, 8_000, 160), (1, 3, 200, 1)])
    func everyJSONFileHasAScriptTwin(chunk: Int, filesPerTwin: Int, shardBytes: Int, top: Int) throws {
        var options = SearchIndex.Options()
        options.chunk = chunk
        options.filesPerTwin = filesPerTwin
        options.shardBytes = shardBytes
        options.top = top
        let files = SearchIndex(Fixture.catalog, options: options).files
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.bytes) })
        func call(_ name: String, _ json: [UInt8]) -> String {
            "portalSearchData(\"\(name)\"," + String(decoding: json.dropLast(), as: UTF8.self) + ");\n"
        }
        var numbered: [String: Int] = [:]  // folder → files
        for file in files where file.path.hasSuffix(".json") {
            let name = String(file.path.dropFirst("search/".count).dropLast(".json".count))
            let parts = name.split(separator: "/")
            if parts.count == 2, ["docs", "terms", "sets"].contains(parts[0]), Int(parts[1]) != nil {
                numbered[String(parts[0]), default: 0] += 1
                #expect(byPath["search/\(name).js"] == nil, "\(name) has no twin of its own")
            } else {
                #expect(byPath["search/\(name).js"].map { String(decoding: $0, as: UTF8.self) } == call(name, file.bytes))
            }
        }
        // Sets exist only for terms in more than `top` documents: the small fixture needs top = 1.
        #expect(Set(numbered.keys) == (top == 1 ? ["docs", "terms", "sets"] : ["docs", "terms"]), "the fixture has files of each kind")
        var groups = 0
        for (folder, count) in numbered {
            for group in 0..<((count + filesPerTwin - 1) / filesPerTwin) {
                let script = String(decoding: try #require(byPath["search/\(folder)/group-\(group).js"]), as: UTF8.self)
                let expected = ((group * filesPerTwin)..<min(group * filesPerTwin + filesPerTwin, count)).map { file in
                    call("\(folder)/\(file)", byPath["search/\(folder)/\(file).json"] ?? [])
                }.joined()
                #expect(script == expected, "\(folder)/group-\(group).js")
                groups += 1
            }
        }
        if filesPerTwin < 8 { #expect(groups > numbered.count, "the fixture fills several groups") }
        let jsons = files.filter { $0.path.hasSuffix(".json") }.count
        #expect(files.filter { $0.path.hasSuffix(".js") }.count == jsons - numbered.values.reduce(0, +) + groups)
    }

    @Test func untrustedTextCannotCloseAScript() {
        var catalog = Fixture.catalog
        catalog.sections[0].title = "</script><script>alert(1)</script>\u{2028}"
        let files = SearchIndex(catalog).files.filter { $0.path.hasPrefix("search/docs/") }
        for file in files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains("<") && !text.contains("\u{2028}"))
        }
        #expect(files.contains { String(decoding: $0.bytes, as: UTF8.self).contains("\\u003c/script\\u003e") })
    }

    @Test(arguments: [
        ("short text", "short text"),
        (String(repeating: "word ", count: 100), String(repeating: "word ", count: 39) + "word…"),
        ("naïve " + String(repeating: "ü", count: 250), "naïve " + String(repeating: "ü", count: 194) + "…"),
        (String(repeating: "x", count: 300), String(repeating: "x", count: 200) + "…"),
    ])
    func snippetsAreCutAfterAWord(_ text: String, _ expected: String) {
        #expect(SearchIndex.snippet(text, characters: 200) == expected)
    }

    @Test func scoresRoundAsRoundfDoes() {
        var values: [Float] = [0.5, 1.5, 2.5, 0.49999997, 0.50000006, 1e-30, 8_388_607.5, 16_777_216, 3e9 / 2, .leastNonzeroMagnitude]
        for step in 1...40_000 {
            let value = Float(step) / 8
            values += [value, value.nextUp, value.nextDown, value * 1.37]
        }
        for value in values {
            #expect(SearchIndexBuilder.rounded(value) == Int32(value.rounded()), "\(value)")
        }
    }

    @Test func anEmptyCatalogStillWritesAnIndex() {
        let empty = IndexReader(SearchIndex(SearchCatalog(entities: [], facets: [], sections: [])))
        #expect(empty.manifest["documents"] as? Int == 0)
        #expect(empty.shardKeys == [""])
        #expect(empty.search("anything").isEmpty)
    }
}
