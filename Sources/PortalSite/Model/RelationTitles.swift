/// Readable titles for Backstage's relation types, and how the relation graph draws them.
public enum RelationTitles {
    /// "Owned by", "Provides API", … in the order relation groups appear on a page.
    public static let ordered: [(type: String, title: String)] = [
        ("ownedBy", "Owned by"), ("ownerOf", "Owner of"),
        ("partOf", "Part of"), ("hasPart", "Has part"),
        ("providesApi", "Provides API"), ("apiProvidedBy", "API provided by"),
        ("consumesApi", "Consumes API"), ("apiConsumedBy", "API consumed by"),
        ("dependsOn", "Depends on"), ("dependencyOf", "Dependency of"),
        ("childOf", "Child of"), ("parentOf", "Parent of"),
        ("memberOf", "Member of"), ("hasMember", "Has member"),
    ]

    private static let titles = Dictionary(uniqueKeysWithValues: ordered.map { ($0.type, $0.title) })
    private static let rank = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.type, $0) })

    /// The title of a relation type; unknown types are split at capitals (`fooBar` → "Foo bar").
    public static func title(_ type: String) -> String {
        if let title = titles[type] { return title }
        var words = ""
        for character in type {
            if character.isUppercase, !words.isEmpty { words += " " + character.lowercased() } else { words.append(character) }
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// Sort position of a relation type (known types first, in page order).
    public static func order(_ type: String) -> Int { rank[type] ?? ordered.count }

    /// The pairs Backstage's relation graph merges, keeping the first as the drawn direction
    /// (`ownerOf`: owner → entity). Maps each type to (drawn type, whether to flip the edge).
    public static let drawn: [String: (type: String, flipped: Bool)] = {
        let pairs = [("ownerOf", "ownedBy"), ("consumesApi", "apiConsumedBy"), ("apiProvidedBy", "providesApi"),
                     ("hasPart", "partOf"), ("parentOf", "childOf"), ("hasMember", "memberOf"), ("dependsOn", "dependencyOf")]
        var map: [String: (String, Bool)] = [:]
        for (primary, inverse) in pairs {
            map[primary] = (primary, false)
            map[inverse] = (primary, true)
        }
        return map
    }()
}
