import PortalYAML

/// A Tech Radar file (README "Tech Radar"): four quadrants, rings from adopt outwards, and
/// the entries placed on them.
///
/// ```yaml
/// title: Tech Radar
/// quadrants: [Languages & Frameworks, Tools, Platforms, Techniques]
/// rings: [Adopt, Trial, Assess, Hold]
/// entries:
///   - name: Kotlin
///     quadrant: Languages & Frameworks
///     ring: Adopt
///     moved: up            # up, down or none (default)
///     new: false
///     description: Our default for JVM services.
///     entity: component:default/pricing-engine   # optional; else matched by name
/// ```
public struct Radar: Sendable, Equatable {
    public var title: String
    public var quadrants: [String]
    public var rings: [String]
    public var entries: [Entry]

    public enum Movement: String, Sendable { case up, down, none }

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var quadrant: Int
        public var ring: Int
        public var moved: Movement
        public var isNew: Bool
        public var description: String
        /// The `entity:` reference as written, if any.
        public var entity: String?
        /// 1-based line of the entry in the radar file.
        public var line: Int
    }

    /// A problem in the radar file, at its line and column.
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Reads a radar file; problems are returned with positions, and an entry with a problem is
    /// left out. Nil when the file cannot be read as a radar at all.
    public static func parse(_ text: String) -> (Radar?, [Problem]) {
        var problems: [Problem] = []
        func problem(_ node: YAMLNode, _ message: String) {
            problems.append(Problem(line: node.mark.line, column: node.mark.column, message: message))
        }
        let documents = YAMLParser.parse(text)
        guard let document = documents.first else { return (nil, [Problem(line: 1, column: 1, message: "the radar file is empty")]) }
        if let error = document.error { return (nil, [Problem(line: error.mark.line, column: error.mark.column, message: error.message)]) }
        guard let root = document.root, root.pairs != nil else {
            return (nil, [Problem(line: 1, column: 1, message: "the radar file must be a mapping with quadrants, rings and entries")])
        }
        func names(_ key: String, _ count: ClosedRange<Int>) -> [String]? {
            guard let node = root[key] else {
                problems.append(Problem(line: root.mark.line, column: root.mark.column, message: "'\(key)' is missing"))
                return nil
            }
            guard let items = node.items, count.contains(items.count) else {
                problem(node, count.lowerBound == count.upperBound ? "'\(key)' must be a list of \(count.lowerBound) names"
                                                                    : "'\(key)' must be a list of \(count.lowerBound) to \(count.upperBound) names")
                return nil
            }
            var names: [String] = []
            for item in items {
                guard let name = item.scalarText, !name.isEmpty else { problem(item, "each of '\(key)' must be a name"); return nil }
                guard !names.contains(where: { $0.lowercased() == name.lowercased() }) else { problem(item, "'\(name)' is listed twice in '\(key)'"); return nil }
                names.append(name)
            }
            return names
        }
        let title = root["title"]?.scalarText ?? "Tech Radar"
        let quadrants = names("quadrants", 4...4)
        let rings = names("rings", 1...6)
        guard let quadrants, let rings else { return (nil, problems) }
        var entries: [Entry] = []
        var seen: Set<String> = []
        guard let items = root["entries"]?.items else {
            problem(root["entries"] ?? root, "'entries' must be a list")
            return (nil, problems)
        }
        func index(_ node: YAMLNode?, in names: [String], _ key: String, of entry: YAMLNode) -> Int? {
            guard let node else { problem(entry, "the entry has no '\(key)'"); return nil }
            guard let text = node.scalarText, let found = names.firstIndex(where: { $0.lowercased() == text.lowercased() }) else {
                problem(node, "'\(node.scalarText ?? "")' is not one of the \(key == "ring" ? "rings" : "quadrants"): \(names.joined(separator: ", "))")
                return nil
            }
            return found
        }
        for item in items {
            guard item.pairs != nil else { problem(item, "each entry must be a mapping with name, quadrant and ring"); continue }
            guard let nameNode = item["name"], let name = nameNode.scalarText, !name.isEmpty else { problem(item, "the entry has no 'name'"); continue }
            guard seen.insert(name.lowercased()).inserted else { problem(nameNode, "'\(name)' is on the radar twice"); continue }
            let quadrant = index(item["quadrant"], in: quadrants, "quadrant", of: item)
            let ring = index(item["ring"], in: rings, "ring", of: item)
            var moved = Movement.none
            if let node = item["moved"] {
                if let value = node.scalarText.flatMap(Movement.init(rawValue:)) { moved = value } else { problem(node, "'moved' must be up, down or none") }
            }
            var isNew = false
            if let node = item["new"] {
                if case .bool(let flag) = node.scalarValue { isNew = flag } else { problem(node, "'new' must be true or false") }
            }
            for pair in item.pairs ?? [] {
                let key = pair.key.scalarText ?? ""
                if !["name", "quadrant", "ring", "moved", "new", "description", "entity"].contains(key) { problem(pair.key, "unknown key '\(key)' in entry '\(name)'") }
            }
            guard let quadrant, let ring else { continue }
            entries.append(Entry(name: name, quadrant: quadrant, ring: ring, moved: moved, isNew: isNew,
                                 description: item["description"]?.scalarText ?? "", entity: item["entity"]?.scalarText, line: item.mark.line))
        }
        return (Radar(title: title, quadrants: quadrants, rings: rings, entries: entries), problems)
    }

    /// Entries in the order they are numbered: by quadrant, ring, then name.
    public var numbered: [Entry] {
        entries.sorted { ($0.quadrant, $0.ring, $0.name.lowercased()) < ($1.quadrant, $1.ring, $1.name.lowercased()) }
    }
}
