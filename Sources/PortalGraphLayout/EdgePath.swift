/// An edge's route: points joined by straight lines, curves that leave and arrive horizontally,
/// or gaps where the pen lifts (behind the edge's label).
struct EdgePath: Sendable {
    enum Segment: Sendable {
        case line, curve, gap
    }

    private(set) var points: [Point]
    /// `segments[i]` joins `points[i]` and `points[i + 1]`.
    private(set) var segments: [Segment] = []

    init(start: Point) {
        points = [start]
    }

    /// Continues to `point`; a repeated point is skipped and a curve that climbs less than a
    /// pixel becomes a line.
    mutating func add(_ segment: Segment, to point: Point) {
        guard let last = points.last, last != point else { return }
        segments.append(segment == .curve && abs(last.y - point.y) < 1 ? .line : segment)
        points.append(point)
    }

    /// The same route travelled the other way.
    func reversed() -> EdgePath {
        var path = EdgePath(start: points[points.count - 1])
        path.points = points.reversed()
        path.segments = segments.reversed()
        return path
    }
}
