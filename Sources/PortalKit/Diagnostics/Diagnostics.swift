/// Collects the diagnostics one stage produces. Stages return it as a plain value.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) {
        self.items = items
    }

    public mutating func add(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
    }

    public mutating func add(_ severity: Severity, _ id: DiagnosticID, at location: SourceLocation, _ message: String) {
        items.append(Diagnostic(severity, id, at: location, message))
    }

    public mutating func add(contentsOf other: Diagnostics) {
        items += other.items
    }

    public mutating func add(contentsOf other: [Diagnostic]) {
        items += other
    }

    /// Removes the diagnostics `isRemoved` selects.
    public mutating func removeAll(where isRemoved: (Diagnostic) -> Bool) {
        items.removeAll(where: isRemoved)
    }

    public func count(_ severity: Severity) -> Int {
        items.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) }
    }

    /// The diagnostics in stable output order, without exact repeats.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return items.sorted(by: Diagnostic.ordered).filter { seen.insert($0).inserted }
    }
}
