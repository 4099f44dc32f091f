/// Writes a laid-out graph as one inline `<svg>` element for an HTML page.
///
/// Colours come only from `currentColor` and the theme's CSS classes; every text and attribute
/// value is escaped; numbers have at most one decimal, so the same layout gives the same bytes.
struct SVGWriter: Sendable {
    var metrics: LayoutMetrics = .standard

    func write(_ layout: GraphLayout, title: String, description: String, idPrefix: String) -> String {
        let prefix = Self.sanitizedID(idPrefix)
        var svg = ""
        svg.reserveCapacity(1024 + 400 * layout.nodes.count + 300 * layout.edges.count)
        let width = Self.number(layout.canvas.width), height = Self.number(layout.canvas.height)
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" width=\"\(width)\" height=\"\(height)\""
        svg += " viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(prefix)-title \(prefix)-desc\""
        svg += " font-family=\"system-ui, sans-serif\" fill=\"currentColor\">\n"
        svg += "<title id=\"\(prefix)-title\">\(title.xmlEscaped)</title>\n"
        svg += "<desc id=\"\(prefix)-desc\">\(description.xmlEscaped)</desc>\n"
        svg += "<defs><marker id=\"\(prefix)-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\""
        svg += " markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path class=\"graph-arrow\" d=\"M0,1L10,5L0,9z\"/></marker></defs>\n"
        svg += "<g class=\"graph-edges\" fill=\"none\" stroke=\"currentColor\">\n"
        for edge in layout.edges {
            svg += "<path class=\"graph-edge\" d=\"\(Self.pathData(edge.path))\" marker-end=\"url(#\(prefix)-arrow)\"/>\n"
        }
        svg += "</g>\n<g class=\"graph-edge-labels\" font-size=\"\(Self.number(metrics.labelFontSize))\" text-anchor=\"middle\">\n"
        for label in layout.edges.compactMap(\.label) {
            writeLabel(label, to: &svg)
        }
        svg += "</g>\n<g class=\"graph-nodes\" text-anchor=\"middle\">\n"
        for node in layout.nodes {
            writeNode(node, to: &svg)
        }
        svg += "</g>\n</svg>"
        return svg
    }

    private func writeLabel(_ label: GraphLayout.Label, to svg: inout String) {
        svg += "<g class=\"graph-edge-label\">"
        if label.text.isTruncated {
            svg += "<title>\(label.fullText.xmlEscaped)</title>"
        }
        let left = label.center.x - label.size.width / 2, top = label.center.y - label.size.height / 2
        svg += "<rect x=\"\(Self.number(left))\" y=\"\(Self.number(top))\" width=\"\(Self.number(label.size.width))\""
        svg += " height=\"\(Self.number(label.size.height))\" rx=\"3\" fill=\"none\"/>"
        let baseline = label.center.y + metrics.labelFontSize * 0.35
        svg += "<text x=\"\(Self.number(label.center.x))\" y=\"\(Self.number(baseline))\">\(label.text.text.xmlEscaped)</text></g>\n"
    }

    private func writeNode(_ node: GraphLayout.Node, to svg: inout String) {
        let source = node.source
        var classes = node.isSummary ? "graph-node graph-more" : "graph-node"
        if source.isFocus {
            classes += " graph-node-focus"
        }
        if source.href == nil, !node.isSummary {
            classes += " graph-node-missing"
        }
        let kindClass = Self.classSuffix(source.kind)
        if !kindClass.isEmpty {
            classes += " graph-kind-" + kindClass
        }
        let isLink = !source.isFocus && !node.isSummary && source.href != nil
        if isLink, let href = source.href {
            svg += "<a class=\"\(classes)\" href=\"\(href.xmlEscaped)\">"
        } else {
            svg += "<g class=\"\(classes)\">"
        }
        if node.title.isTruncated || node.kind.isTruncated {
            let full = source.kind.isEmpty ? source.title : source.kind + " " + source.title
            svg += "<title>\(full.xmlEscaped)</title>"
        }
        let left = node.center.x - node.size.width / 2, top = node.center.y - node.size.height / 2
        svg += "<rect x=\"\(Self.number(left))\" y=\"\(Self.number(top))\" width=\"\(Self.number(node.size.width))\""
        svg += " height=\"\(Self.number(node.size.height))\" rx=\"6\" fill=\"none\" stroke=\"currentColor\""
        if source.isFocus {
            svg += " stroke-width=\"2\""
        }
        if source.href == nil, !node.isSummary {
            svg += " stroke-dasharray=\"4 3\""
        }
        svg += "/>"
        let x = Self.number(node.center.x)
        if node.kind.text.isEmpty {
            let baseline = node.center.y + metrics.titleFontSize * 0.35
            svg += "<text class=\"graph-node-title\" x=\"\(x)\" y=\"\(Self.number(baseline))\" font-size=\"\(Self.number(metrics.titleFontSize))\">"
        } else {
            let kindBaseline = top + node.size.height * 0.4
            svg += "<text class=\"graph-node-kind\" x=\"\(x)\" y=\"\(Self.number(kindBaseline))\" font-size=\"\(Self.number(metrics.kindFontSize))\">"
            svg += "\(node.kind.text.xmlEscaped)</text>"
            let titleBaseline = top + node.size.height * 0.78
            svg += "<text class=\"graph-node-title\" x=\"\(x)\" y=\"\(Self.number(titleBaseline))\" font-size=\"\(Self.number(metrics.titleFontSize))\">"
        }
        svg += "\(node.title.text.xmlEscaped)</text>"
        svg += isLink ? "</a>\n" : "</g>\n"
    }

    /// SVG path data: `M`, `L`, and cubic `C` segments whose control points keep the ends horizontal.
    static func pathData(_ path: EdgePath) -> String {
        var data = "M" + point(path.points[0])
        for (index, segment) in path.segments.enumerated() {
            let from = path.points[index], to = path.points[index + 1]
            switch segment {
            case .line:
                data += "L" + point(to)
            case .gap:
                data += "M" + point(to)
            case .curve:
                let middle = (from.x + to.x) / 2
                data += "C" + point(Point(x: middle, y: from.y)) + " " + point(Point(x: middle, y: to.y)) + " " + point(to)
            }
        }
        return data
    }

    private static func point(_ point: Point) -> String {
        number(point.x) + "," + number(point.y)
    }

    /// A number rounded to one decimal, without a trailing ".0".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        let whole = String(abs(tenths) / 10), fraction = abs(tenths) % 10
        let sign = tenths < 0 ? "-" : ""
        return fraction == 0 ? sign + whole : sign + whole + "." + String(fraction)
    }

    /// `kind` as a class name part: ASCII letters lower-cased, digits, `-` and `_` kept, anything else a hyphen.
    static func classSuffix(_ kind: String) -> String {
        identifier(kind, lowercase: true)
    }

    /// `prefix` usable in an id and in `url(#…)`: letters, digits, `-` and `_`; "graph" if empty.
    static func sanitizedID(_ prefix: String) -> String {
        let kept = identifier(prefix, lowercase: false)
        return kept.isEmpty ? "graph" : kept
    }

    private static func identifier(_ text: String, lowercase: Bool) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_": scalar
            case "A"..."Z": lowercase ? Unicode.Scalar(scalar.value + 32) ?? "-" : scalar
            default: "-"
            }
        }))
    }
}
