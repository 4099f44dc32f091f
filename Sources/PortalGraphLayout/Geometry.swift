/// A point in SVG user units, y growing downwards.
struct Point: Sendable, Hashable {
    var x: Double
    var y: Double
}

/// A width and height in SVG user units.
struct Size: Sendable, Hashable {
    var width: Double
    var height: Double

    static let zero = Size(width: 0, height: 0)
}
