/// Writes a laid-out graph as one inline `<svg>` element for an HTML page.
///
/// Colours come only from `currentColor` and the theme's CSS classes; every text and attribute
/// value is escaped; numbers have at most one decimal, so the same layout gives the same bytes.
struct SVGWriter: Sendable {
    var metrics: LayoutMetrics = .standard

    /// The `<svg>` element as UTF-8.
    func write(_ layout: GraphLayout, title: String, description: String, idPrefix: String) -> [UInt8] {
        let prefix = Self.sanitizedID(idPrefix)
        var svg = SVGBuffer(capacity: 1024 + 400 * layout.nodes.count + 320 * layout.edges.count)
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\"")
        svg.attribute("width", layout.canvas.width)
        svg.attribute("height", layout.canvas.height)
        svg.raw(" viewBox=\"0 0 ")
        svg.number(layout.canvas.width)
        svg.raw(" ")
        svg.number(layout.canvas.height)
        // No role="img": the nodes inside are links, and an image may hold no interactive
        // content; the SVG's own role (graphics-document) takes the name from aria-labelledby.
        svg.raw("\"")
        svg.attribute("aria-labelledby", "\(prefix)-title \(prefix)-desc")
        svg.raw(" font-family=\"system-ui, sans-serif\" fill=\"currentColor\">\n<title")
        svg.attribute("id", prefix + "-title")
        svg.raw(">")
        svg.escaped(title)
        svg.raw("</title>\n<desc")
        svg.attribute("id", prefix + "-desc")
        svg.raw(">")
        svg.escaped(description)
        svg.raw("</desc>\n<defs><marker")
        svg.attribute("id", prefix + "-arrow")
        svg.raw(" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\"")
        svg.raw(" orient=\"auto\"><path class=\"graph-arrow\" d=\"M0,1L10,5L0,9z\"/></marker></defs>\n")
        svg.raw("<g class=\"graph-edges\" fill=\"none\" stroke=\"currentColor\">\n")
        let markerEnd = "url(#\(prefix)-arrow)"
        for edge in layout.edges {
            svg.raw("<path class=\"graph-edge\" d=\"")
            Self.writePathData(edge.path, to: &svg)
            svg.raw("\"")
            svg.attribute("marker-end", markerEnd)
            svg.raw("/>\n")
        }
        svg.raw("</g>\n<g class=\"graph-edge-labels\"")
        svg.attribute("font-size", metrics.labelFontSize)
        svg.raw(" text-anchor=\"middle\">\n")
        for edge in layout.edges {
            if let label = edge.label {
                writeLabel(label, to: &svg)
            }
        }
        svg.raw("</g>\n<g class=\"graph-nodes\" text-anchor=\"middle\">\n")
        for node in layout.nodes {
            writeNode(node, to: &svg)
        }
        svg.raw("</g>\n</svg>")
        return svg.bytes
    }

    private func writeLabel(_ label: GraphLayout.Label, to svg: inout SVGBuffer) {
        svg.raw("<g class=\"graph-edge-label\">")
        if label.text.isTruncated {
            svg.raw("<title>")
            svg.escaped(label.fullText)
            svg.raw("</title>")
        }
        svg.raw("<rect")
        writeFrame(center: label.center, size: label.size, to: &svg)
        svg.raw(" rx=\"3\" fill=\"none\"/><text")
        svg.attribute("x", label.center.x)
        svg.attribute("y", label.center.y + metrics.labelFontSize * 0.35)
        svg.raw(">")
        svg.escaped(label.text.text)
        svg.raw("</text></g>\n")
    }

    private func writeNode(_ node: GraphLayout.Node, to svg: inout SVGBuffer) {
        let source = node.source
        let isMissing = source.href == nil && !node.isSummary && !source.isPublished
        let link = source.isFocus || node.isSummary ? nil : source.href
        svg.raw(link == nil ? "<g" : "<a")
        // The class names need no escaping: they are literals and a class suffix.
        svg.raw(node.isSummary ? " class=\"graph-node graph-more" : " class=\"graph-node")
        if source.isFocus {
            svg.raw(" graph-node-focus")
        }
        if isMissing {
            svg.raw(" graph-node-missing")
        }
        if source.isPublished {
            svg.raw(" graph-node-published")
        }
        let kindClass = Self.classSuffix(source.kind)
        if !kindClass.isEmpty {
            svg.raw(" graph-kind-")
            svg.escaped(kindClass)
        }
        svg.raw("\"")
        if let link {
            svg.attribute("href", link)
        }
        svg.raw(">")
        if node.title.isTruncated || node.kind.isTruncated {
            svg.raw("<title>")
            svg.escaped(source.kind.isEmpty ? source.title : source.kind + " " + source.title)
            svg.raw("</title>")
        }
        svg.raw("<rect")
        writeFrame(center: node.center, size: node.size, to: &svg)
        svg.raw(" rx=\"6\" fill=\"none\" stroke=\"currentColor\"")
        if source.isFocus {
            svg.raw(" stroke-width=\"2\"")
        }
        if isMissing {
            svg.raw(" stroke-dasharray=\"4 3\"")
        }
        svg.raw("/>")
        let top = node.center.y - node.size.height / 2
        if node.kind.text.isEmpty {
            writeText("graph-node-title", node.title.text, x: node.center.x, baseline: node.center.y + metrics.titleFontSize * 0.35, size: metrics.titleFontSize, to: &svg)
        } else {
            writeText("graph-node-kind", node.kind.text, x: node.center.x, baseline: top + node.size.height * 0.4, size: metrics.kindFontSize, to: &svg)
            writeText("graph-node-title", node.title.text, x: node.center.x, baseline: top + node.size.height * 0.78, size: metrics.titleFontSize, to: &svg)
        }
        svg.raw(link == nil ? "</g>\n" : "</a>\n")
    }

    private func writeFrame(center: Point, size: Size, to svg: inout SVGBuffer) {
        svg.attribute("x", center.x - size.width / 2)
        svg.attribute("y", center.y - size.height / 2)
        svg.attribute("width", size.width)
        svg.attribute("height", size.height)
    }

    private func writeText(_ className: StaticString, _ text: String, x: Double, baseline: Double, size: Double, to svg: inout SVGBuffer) {
        svg.raw("<text class=\"")
        svg.raw(className)
        svg.raw("\"")
        svg.attribute("x", x)
        svg.attribute("y", baseline)
        svg.attribute("font-size", size)
        svg.raw(">")
        svg.escaped(text)
        svg.raw("</text>")
    }

    /// SVG path data: `M`, `L`, and cubic `C` segments whose control points keep the ends horizontal.
    static func writePathData(_ path: EdgePath, to svg: inout SVGBuffer) {
        svg.raw("M")
        svg.point(path.points[0])
        for (index, segment) in path.segments.enumerated() {
            let from = path.points[index], to = path.points[index + 1]
            switch segment {
            case .line:
                svg.raw("L")
            case .gap:
                svg.raw("M")
            case .curve:
                let middle = (from.x + to.x) / 2
                svg.raw("C")
                svg.point(Point(x: middle, y: from.y))
                svg.raw(" ")
                svg.point(Point(x: middle, y: to.y))
                svg.raw(" ")
            }
            svg.point(to)
        }
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
        // Every scalar becomes one ASCII byte.
        String(decoding: text.unicodeScalars.map { scalar -> UInt8 in
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_": UInt8(scalar.value)
            case "A"..."Z": UInt8(scalar.value) + (lowercase ? 32 : 0)
            default: UInt8(ascii: "-")
            }
        }, as: UTF8.self)
    }
}
