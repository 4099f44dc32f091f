import PortalMarkdown
import Testing

@Suite("Sanitising raw HTML from Markdown")
struct HTMLSanitizerTests {
    /// Hostile fragments, mostly from the classic XSS cheat sheets: each would run script or load
    /// something if it reached a page as written.
    static let attacks: [String] = [
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x ONERROR=alert(1)>",
        "<img/src=\"x\"/onerror=alert(1)>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#0000106&#0000097vascript:alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\" \u{1}javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=vbscript:msgbox(1)>x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=\"https://evil.example\">",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=javascript:alert(1)><button>go</button></form>",
        "<button formaction=javascript:alert(1)>go</button>",
        "<input form=portal-search formaction=https://evil.example type=submit>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"https://evil.example/\">",
        "<link rel=import href=\"https://evil.example/x.html\">",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<details open ontoggle=alert(1)>",
        "<video poster=javascript:alert(1)>",
        "<img srcset=\"x, javascript:alert(1) 2x\">",
        "<img srcset=\"a.png 1x,javascript:alert(1)\">",
        "<source srcset=\"\u{1}javascript:alert(1)\">",
        "<script",
        "<script src=//evil.example/x.js",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<ScRiPt>alert(1)</sCrIpT>",
        "<scr<script>ipt>alert(1)</script>",
        "<script>alert(1)</script >",
        "<script/xss src=//evil.example/x.js></script>",
        "<!--><script>alert(1)</script>-->",
        "<!-- --!><script>alert(1)</script> -->",
        "<!--->alert(1)<script>alert(1)</script>",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<?xml-stylesheet href=x?><script>alert(1)</script>",
        "<a title=\"x\">\"<img src=x onerror=alert(1)>",
        "<a title=x><img src=x onerror=alert(1)>>",
        "<img src=`x` onerror=alert(1)>",
        "<img \"\"\"><script>alert(1)</script>\">",
        "<textarea><img src=x onerror=alert(1)></textarea>",
        "<title></title><img src=x onerror=alert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<xmp></xmp><img src=x onerror=alert(1)>",
        "<plaintext><img src=x onerror=alert(1)>",
        "<template><img src=x onerror=alert(1)></template>",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">",
        "<a href=\"https://ok.example\" onmouseover=\"alert(1)\" onmouseover=\"x\">",
        "<a href=x href=javascript:alert(1)>",
        "<a href=javascript:alert(1) href=x>",
        "<area href=javascript:alert(1)>",
        "<table background=javascript:alert(1)>",
        "<blockquote cite=javascript:alert(1)>",
        "<a ping=\"https://ok.example javascript:alert(1)\">",
        "<isindex action=javascript:alert(1) type=image>",
        "<frameset onload=alert(1)>",
        "<applet code=x.class></applet>",
        "<keygen autofocus onfocus=alert(1)>",
        "<portal src=https://evil.example></portal>",
        "<image src=x onerror=alert(1)>",
        "<img src=x:alert(1) onerror=eval(src)>",
        "<img src=\"x\" onerror&#x3d;alert(1)>",
        "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">",
    ]

    /// Fragments harmless to a browser that trip sanitisers reading them differently.
    static let confusions: [String] = [
        "<img/src=x/onerror=alert(1)>",
        "<img src=\"x\" title='\"><script>alert(1)</script>'>",
        "<scr\u{0}ipt>alert(1)</scr\u{0}ipt>",
        "<img src=x o\u{0}nerror=alert(1)>",
        "<a title=\"<script>alert(1)</script>\">",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    ]

    @Test("hostile fragments come out with nothing that could run script", arguments: attacks + confusions)
    func hostileFragment(_ html: String) {
        let sanitized = HTMLSanitizer.sanitize(html)
        #expect(ActiveContentScanner.html.findings(in: sanitized) == [], "\(html) → \(sanitized)")
    }

    @Test("the independent scanner would catch each hostile fragment unsanitised")
    func scannerSeesTheAttacks() {
        // Keeps the assertion above honest: a scanner that finds nothing proves nothing.
        let missed = Self.attacks.filter { ActiveContentScanner.html.findings(in: $0).isEmpty }
        #expect(missed == [])
    }

    @Test("what a hostile fragment becomes", arguments: [
        ("<img src=x onerror=alert(1)>", "<img src=\"x\">"),
        ("<IMG SRC=\"a.png\" ONERROR=\"alert(1)\" />", "<img src=\"a.png\" />"),
        ("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"),
        ("<a href=\"javascript&colon;alert(1)\">x</a>", "<a>x</a>"),
        ("<details open ontoggle=alert(1)>", "<details open>"),
        ("<img srcset=\"x, javascript:alert(1) 2x\">", "<img>"),
        ("<script>alert(1)</script>after", "after"),
        ("<SCRIPT>alert(1)</SCRIPT>after", "after"),
        ("<script>never closed", ""),
        ("<script", "&lt;script"),
        ("<a href=\"x\" title=\"unclosed", "&lt;a href=\"x\" title=\"unclosed"),
        ("<scr<script>ipt>alert(1)</script>x", "&lt;scrx"),
        ("<!--><script>alert(1)</script>-->", "-->"),
        ("<![CDATA[<script>alert(1)</script>]]>", "alert(1)]]>"),
        ("<form action=x><input type=text name=q></form>", "<input type=\"text\" name=\"q\">"),
        ("<noscript><a href=\"https://gist.example/1\">View</a></noscript>", "<a href=\"https://gist.example/1\">View</a>"),
        ("<svg/><b>bold</b>", "<b>bold</b>"),
        ("<svg><rect/></svg><b>bold</b>", "<b>bold</b>"),
        ("<plaintext><b>x</b>", ""),
        ("<embed src=x.swf>after", "after"),
        ("<scr\u{0}ipt>", "&lt;scr\u{FFFD}ipt>"),
        ("<a href=x href=javascript:alert(1)>", "<a href=\"x\">"),
        ("<a href=javascript:alert(1) href=x>", "<a>"),
        ("<img src=x title='\"><script>'>", "<img src=\"x\" title=\"&quot;&gt;&lt;script&gt;\">"),
        ("< b>", "&lt; b>"),
        ("</ b>", "&lt;/ b>"),
        ("a < b <3", "a &lt; b &lt;3"),
        ("<body class=x><p>hi</p></body>", "<p>hi</p>"),
    ])
    func hostileResult(_ html: String, _ expected: String) {
        #expect(HTMLSanitizer.sanitize(html) == expected)
    }

    @Test("URLs removed for their scheme are reported with the attribute's offset, before any rewrite; other drops are not")
    func removedURLs() {
        var removed: [HTMLSanitizer.RemovedURL] = []
        let html = HTMLSanitizer.sanitize("<p>x <a href=\"java&#x09;script:a\">a</a> <img src=\"b.png\" srcset=\"javascript:c 2x\" style=\"d\" onerror=e>",
                                          removedURLs: &removed) { url, _ in url == "b.png" ? "vbscript:b" : nil }
        #expect(html == "<p>x <a>a</a> <img>")
        #expect(removed == [
            HTMLSanitizer.RemovedURL(url: "java\tscript:a", isImage: false, offset: 8),
            HTMLSanitizer.RemovedURL(url: "b.png", isImage: true, offset: 45),
            HTMLSanitizer.RemovedURL(url: "javascript:c 2x", isImage: true, offset: 57),
        ])
    }

    @Test("inline SVG in raw HTML goes with its styles, so no CSS from it reaches the page (SVG files keep theirs, sanitised)")
    func inlineSVGStyles() {
        #expect(HTMLSanitizer.sanitize("<svg><style>@import url(https://evil.example/x.css);</style><rect style=\"fill:url(https://t.example/p)\"/></svg>ok")
            == "ok")
        #expect(HTMLSanitizer.sanitize("<style>@import url(https://evil.example/x.css);</style><b style=\"background:url(https://t.example/p)\">b</b>")
            == "<b>b</b>")
    }

    @Test("benign fragments survive as written", arguments: [
        "<details><summary>More</summary>",
        "</details>",
        "<details open>\n<summary>Deploying</summary>\n\nText\n</details>",
        "<img src=\"a.png\" width=\"200\" alt=\"x\">",
        "<img src=\"a.png\" alt=\"x\" />",
        "<br>",
        "<br />",
        "<hr />",
        "<div align=\"center\">",
        "<div align=\"center\">\n  <img src=\"logo.png\" height=\"80\">\n</div>",
        "<table>\n<thead><tr><th colspan=\"2\">A</th></tr></thead>\n<tbody><tr><td>1</td><td>2</td></tr></tbody>\n</table>",
        "<kbd>Ctrl</kbd>+<kbd>C</kbd>",
        "<a href=\"https://e.com\" title=\"t\">",
        "<a href=\"#install\">",
        "<a href=\"../guide/setup.md#step-2\">",
        "<a href=\"mailto:team@example.com\">",
        "<a id=\"anchor\" name=\"anchor\"></a>",
        "<img src=\"data:image/png;base64,AA\">",
        "<sup>1</sup><sub>2</sub>",
        "<p>Fish &amp; chips &lt;3 &copy; &#169;</p>",
        "<abbr title=\"Fish &amp; chips &quot;ltd&quot;\">F&amp;C</abbr>",
        "<a href=\"https://e.com/?a=1&amp;b=2\">",
        "<input type=\"checkbox\" checked disabled>",
        "<picture><source srcset=\"a.webp 1x, a@2x.webp 2x\" type=\"image/webp\"><img src=\"a.png\"></picture>",
        "<video src=\"demo.mp4\" poster=\"demo.png\" controls></video>",
        "<p>caf\u{E9} \u{1F600}</p>",
        "plain text with no tags at all",
        "<custom-element data-x=\"1\">",
        "<o:p></o:p>",
        "</div>",
    ])
    func benign(_ html: String) {
        #expect(HTMLSanitizer.sanitize(html) == html)
    }

    @Test("benign fragments are normalised only in spelling", arguments: [
        ("<IMG SRC=a.png WIDTH=200>", "<img src=\"a.png\" width=\"200\">"),
        ("<a href='https://e.com'>", "<a href=\"https://e.com\">"),
        ("<a href=\"https://e.com/?a=1&b=2\">", "<a href=\"https://e.com/?a=1&amp;b=2\">"),
        ("<a href=\"&#x2F;docs\">", "<a href=\"/docs\">"),
        ("<div/>", "<div>"),
        ("<p title=a>b</p >", "<p title=\"a\">b</p>"),
        ("<span title=\"a>b\">", "<span title=\"a&gt;b\">"),
    ])
    func normalised(_ html: String, _ expected: String) {
        #expect(HTMLSanitizer.sanitize(html) == expected)
    }

    @Test("isSafeURL allows relative, fragment, http(s), mailto, tel and ftp URLs", arguments: [
        "", "#top", "page.html", "../a/b.md?x=1#y", "/abs/path", "//cdn.example/a.png", "https://e.com",
        "HTTP://E.COM", "mailto:a@b.c", "tel:+123", "ftp://f.example/x", "a/b:c", "?q=a:b",
    ])
    func safeURLs(_ url: String) {
        #expect(HTMLSanitizer.isSafeURL(url, forImage: false))
    }

    @Test("isSafeURL refuses other schemes, however they are spelled", arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "java\tscript:x", "java\nscript:x",
        "java\u{0}script:x", "jav&#x61;script:x", "jav&#97;script:x", "javascript&colon;x", "jav&Tab;ascript:x",
        "vbscript:x", "livescript:x", "data:text/html,<script>", "file:///etc/passwd", "blob:https://e.com/1",
        "about:blank", ":x", "chrome://settings", "data:image/png;base64,AA",
    ])
    func unsafeURLs(_ url: String) {
        #expect(!HTMLSanitizer.isSafeURL(url, forImage: false))
    }

    @Test("for images, isSafeURL also allows data: raster images but not SVG")
    func imageURLs() {
        #expect(HTMLSanitizer.isSafeURL("data:image/png;base64,AA", forImage: true))
        #expect(HTMLSanitizer.isSafeURL("DATA:IMAGE/JPEG;base64,AA", forImage: true))
        #expect(HTMLSanitizer.isSafeURL("data:image/webp,AA", forImage: true))
        #expect(!HTMLSanitizer.isSafeURL("data:image/svg+xml,<svg onload=alert(1)>", forImage: true))
        #expect(!HTMLSanitizer.isSafeURL("data:image/svg+xml;base64,AA", forImage: true))
        #expect(!HTMLSanitizer.isSafeURL("data:text/html,x", forImage: true))
        #expect(!HTMLSanitizer.isSafeURL("data:imagex/png,AA", forImage: true))
        #expect(!HTMLSanitizer.isSafeURL("javascript:alert(1)", forImage: true))
    }

    @Test("pathological fragments are read in linear time", arguments: [
        "200k nested divs", "tag names full of <", "unclosed quotes", "unclosed scripts", "unfinished end tags",
        "unclosed comments", "100k distinct attributes", "200k duplicate attributes", "control bytes in tag names",
    ])
    func pathological(_ label: String) {
        let html = switch label {
        case "200k nested divs": String(repeating: "<div>", count: 200_000)
        case "tag names full of <": String(repeating: "<a<a<a<a", count: 50_000)
        case "unclosed quotes": String(repeating: "<a x=\"", count: 50_000)
        case "unclosed scripts": String(repeating: "<script>", count: 50_000)
        case "unfinished end tags": String(repeating: "</script", count: 50_000)
        case "unclosed comments": String(repeating: "<!--", count: 50_000)
        case "100k distinct attributes": "<p " + (0..<100_000).map { "a\($0)=1 " }.joined() + ">"
        case "200k duplicate attributes": "<a " + String(repeating: "x=1 ", count: 200_000) + ">"
        default: String(repeating: "<a\u{1}", count: 100_000)
        }
        let sanitized = HTMLSanitizer.sanitize(html)
        #expect(sanitized.utf8.count <= html.utf8.count * 4 + 16)
        #expect(ActiveContentScanner.html.findings(in: sanitized) == [])
    }
}
