/// Draws a ``Radar`` as a static, accessible SVG: rings and quadrants, one numbered blip per
/// entry placed by a fixed rule (the same radar gives the same bytes), ring and quadrant labels,
/// `<title>`s on blips and a text alternative pointing at the tables.
public enum RadarSVG {
    static let size = 760.0
    static let radius = 340.0
    static let colors = ["#1a7f37", "#0969da", "#8250df", "#bc4c00"]

    /// The outer bound of each ring: the innermost is widest, so its blips have room.
    static func bounds(_ count: Int) -> [Double] {
        (0..<count).map { radius * (0.34 + 0.66 * Double($0 + 1) / Double(count)) }
    }

    /// Where each entry's blip goes (by position in `numbered`).
    static func positions(_ radar: Radar, numbered: [Radar.Entry]) -> [(x: Double, y: Double)] {
        let bounds = bounds(radar.rings.count)
        var cells: [[Int]: [Int]] = [:]
        for (index, entry) in numbered.enumerated() { cells[[entry.quadrant, entry.ring], default: []].append(index) }
        var result = Array(repeating: (x: 0.0, y: 0.0), count: numbered.count)
        for (cell, members) in cells {
            let quadrant = cell[0], ring = cell[1]
            let inner = ring == 0 ? bounds[0] * 0.22 : bounds[ring - 1]
            let outer = bounds[ring]
            let rows = members.count <= 3 ? 1 : members.count <= 8 ? 2 : 3
            let perRow = (members.count + rows - 1) / rows
            for (k, member) in members.enumerated() {
                let row = k / perRow, column = k % perRow
                let inRow = row == rows - 1 ? members.count - row * perRow : perRow
                let distance = inner + (outer - inner) * (Double(row) + 0.5) / Double(rows)
                // Stagger rows so blips of neighbouring rows do not line up on one ray.
                let fraction = (Double(column) + (row % 2 == 0 ? 0.5 : 0.75)) / Double(inRow + (row % 2 == 0 ? 0 : 1))
                let angle = (Double(quadrant) * 90 + 8 + 74 * fraction) * Double.pi / 180
                result[member] = (size / 2 + distance * cos(angle), size / 2 - distance * sin(angle))
            }
        }
        return result
    }

    public static func render(_ radar: Radar) -> String {
        let numbered = radar.numbered
        let positions = positions(radar, numbered: numbered)
        let center = size / 2
        let bounds = bounds(radar.rings.count)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\" viewBox=\"0 0 \(n(size)) \(n(size))\" width=\"\(n(size))\" height=\"\(n(size))\""
            + " role=\"img\" aria-labelledby=\"radar-title radar-desc\">\n"
        svg += "<title id=\"radar-title\">\(escape(radar.title))</title>\n"
        let counts = radar.quadrants.indices.map { q in numbered.filter { $0.quadrant == q }.count }
        let summary = radar.quadrants.indices.map { "\(radar.quadrants[$0]) (\(counts[$0]))" }.joined(separator: ", ")
        svg += "<desc id=\"radar-desc\">\(numbered.count) entries in four quadrants: \(escape(summary)); rings from the centre: "
            + "\(escape(radar.rings.joined(separator: ", "))). Every entry is listed, with its number, in the tables below.</desc>\n"
        for ring in bounds.indices.reversed() {
            svg += "<circle class=\"radar-ring radar-ring-\(ring % 2)\" cx=\"\(n(center))\" cy=\"\(n(center))\" r=\"\(n(bounds[ring]))\""
                + " fill=\"\(ring % 2 == 0 ? "#eef1f4" : "#f8f9fa")\" stroke=\"#c7ced6\" stroke-width=\"1\"/>\n"
        }
        svg += "<line class=\"radar-axis\" x1=\"\(n(center - radius))\" y1=\"\(n(center))\" x2=\"\(n(center + radius))\" y2=\"\(n(center))\" stroke=\"#8c959f\" stroke-width=\"1.5\"/>\n"
        svg += "<line class=\"radar-axis\" x1=\"\(n(center))\" y1=\"\(n(center - radius))\" x2=\"\(n(center))\" y2=\"\(n(center + radius))\" stroke=\"#8c959f\" stroke-width=\"1.5\"/>\n"
        for (ring, name) in radar.rings.enumerated() {
            let x = center + (ring == 0 ? 0 : bounds[ring - 1]) + (bounds[ring] - (ring == 0 ? 0 : bounds[ring - 1])) / 2
            svg += "<text class=\"radar-ring-label\" x=\"\(n(x))\" y=\"\(n(center - 6))\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"#57606a\">\(escape(name.uppercased()))</text>\n"
        }
        let corners = [(size - 8, 22.0, "end"), (8.0, 22.0, "start"), (8.0, size - 10, "start"), (size - 8, size - 10, "end")]
        for (quadrant, name) in radar.quadrants.enumerated() {
            let (x, y, anchor) = corners[quadrant]
            svg += "<text class=\"radar-quadrant-label radar-quadrant-\(quadrant + 1)\" x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"16\" font-weight=\"700\" fill=\"\(colors[quadrant])\">\(escape(name))</text>\n"
        }
        for (index, entry) in numbered.enumerated() {
            let (x, y) = positions[index]
            let color = colors[entry.quadrant]
            let change = entry.isNew ? ", new" : entry.moved == .up ? ", moved in" : entry.moved == .down ? ", moved out" : ""
            svg += "<g class=\"radar-blip\"><title>\(index + 1). \(escape(entry.name)): \(escape(radar.rings[entry.ring]))\(change)</title>"
            switch entry.moved {
            case .up where !entry.isNew:
                svg += "<path d=\"M\(n(x)) \(n(y - 13))L\(n(x + 12)) \(n(y + 9))L\(n(x - 12)) \(n(y + 9))Z\" fill=\"\(color)\"/>"
            case .down where !entry.isNew:
                svg += "<path d=\"M\(n(x)) \(n(y + 13))L\(n(x + 12)) \(n(y - 9))L\(n(x - 12)) \(n(y - 9))Z\" fill=\"\(color)\"/>"
            default:
                svg += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"11\" fill=\"\(color)\"/>"
            }
            if entry.isNew {
                svg += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"14.5\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            }
            let textY = entry.moved == .up && !entry.isNew ? y + 5 : entry.moved == .down && !entry.isNew ? y + 1 : y + 4
            svg += "<text x=\"\(n(x))\" y=\"\(n(textY))\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"#ffffff\">\(index + 1)</text></g>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// A coordinate with one decimal, the same on every machine.
    static func n(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? sign + String(magnitude / 10) : sign + "\(magnitude / 10).\(magnitude % 10)"
    }

    /// Text for XML and HTML: `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
