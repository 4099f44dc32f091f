/// Reports the references a change would break: each published entity that stays in the
/// overlay and refers (in its spec or its listed relations) to one the change removes gets a
/// warning at its item in the overlay file, once per removed entity.
public struct OverlayBreakageCheck: Sendable {
    public init() {}

    public func diagnostics(_ replacement: OverlayReplacement) -> [Diagnostic] {
        let removed = Set(replacement.removed.map(\.ref))
        guard !removed.isEmpty else { return [] }
        var found: [Diagnostic] = []
        for entity in replacement.kept.entities {
            var reported: Set<EntityRef> = []
            // What its spec declares first: that is the reference its owners wrote.
            for relation in entity.declared + entity.relations where removed.contains(relation.target) {
                guard reported.insert(relation.target).inserted else { continue }
                found.append(Diagnostic(.warning, .overlayBreaksReference, at: entity.location,
                                        "\(entity.ref) (published) \(Self.phrase(relation.type)) \(relation.target), which this change removes"))
            }
        }
        return found
    }

    /// "depends on", "is owned by", … for a relation type.
    static func phrase(_ type: String) -> String {
        phrases[type] ?? "has the relation '\(type)' to"
    }

    private static let phrases = [
        "ownedBy": "is owned by", "ownerOf": "owns",
        "partOf": "is part of", "hasPart": "has as a part",
        "providesApi": "provides", "apiProvidedBy": "is provided by",
        "consumesApi": "consumes", "apiConsumedBy": "is consumed by",
        "dependsOn": "depends on", "dependencyOf": "is a dependency of",
        "childOf": "is a child of", "parentOf": "is the parent of",
        "memberOf": "is a member of", "hasMember": "has the member",
    ]
}
