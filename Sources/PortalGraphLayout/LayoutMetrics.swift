/// Sizes and spacings of the drawing, in SVG user units (pixels at scale 1).
struct LayoutMetrics: Sendable {
    var nodeHeight = 44.0
    var nodePadding = 12.0
    var minNodeWidth = 72.0
    var maxTitleWidth = 200.0
    var titleFontSize = 13.0
    var kindFontSize = 10.0
    var labelFontSize = 11.0
    var labelHeight = 16.0
    var labelPadding = 6.0
    var maxLabelWidth = 220.0
    /// Vertical space between two boxes in a column.
    var boxGap = 18.0
    /// Vertical space next to an edge passing through a column or a label.
    var edgeGap = 10.0
    /// Horizontal space between columns; more where edges climb steeply.
    var minRankGap = 24.0
    var maxRankGap = 96.0
    /// Room around the drawing.
    var margin = 8.0
    /// Most vertical distance between two edges attached to the same side of a box.
    var portSpacing = 8.0

    static let standard = LayoutMetrics()
}
