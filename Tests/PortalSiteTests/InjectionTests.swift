import Foundation
import PortalKit
import Testing
@testable import PortalSite

/// The hostile organisation in `Fixtures/hostile-org`: every field an author controls carries a
/// payload calling `__pwned('ID')` or `alert('ID')`. Whatever the site shows of them must be text:
/// no script but the theme's, no event handler, no script URL, no marker inside markup.
@Suite("Script injection: the hostile organisation")
struct InjectionTests {
    static let fixture = packageFolder + "/Tests/PortalSiteTests/Fixtures/hostile-org"
    static let pages: RenderedPages = {
        var diagnostics = Diagnostics()
        let config = PortalConfig.load(path: fixture + "/portal.yaml", explicit: true, into: &diagnostics)
        return RenderedPages(roots: [fixture], config: config)
    }()

    @Test("the fixture carries at least 30 distinct cases, and the site shows or reports them")
    func fixtureCases() throws {
        let sources = try FileManager.default.subpathsOfDirectory(atPath: Self.fixture)
            .filter { !$0.hasSuffix("README.md") }
            .compactMap { try? String(contentsOfFile: Self.fixture + "/" + $0, encoding: .utf8) }
            .joined(separator: "\n")
        let cases = Set(InjectionScanner.markers(in: sources))
        #expect(cases.count >= 30, "only \(cases.count) cases")
        #expect(Self.pages.files.count > 20)
    }

    @Test("no output file runs script, adds an event handler or links a script URL")
    func noActiveContent() {
        var findings: [String] = []
        for (path, bytes) in Self.pages.files.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: bytes, as: UTF8.self)
            if path.hasSuffix(".html") || path.hasSuffix(".svg") {
                let scanner = InjectionScanner(isSVG: path.hasSuffix(".svg"), allowsNoscript: path == "search/index.html")
                findings += scanner.findings(in: text).map { "\(path): \($0)" }
            } else if path.hasPrefix("search/"), path.hasSuffix(".js") {
                // Search data for file:// pages: one `portalSearchData("name",JSON);` call, nothing else.
                findings += InjectionScanner.searchDataFindings(in: text).map { "\(path): \($0)" }
            } else if path.hasSuffix(".js") || path.hasSuffix(".css") {
                // Script and style files are the theme's; no author text belongs in them.
                findings += InjectionScanner.markers(in: text).map { "\(path): marker \($0) in a script or style file" }
            } else if path.hasSuffix(".json") {
                if (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) == nil {
                    findings.append("\(path): does not parse as JSON")
                }
            }
        }
        #expect(findings.isEmpty, "\(findings.count) findings:\n\(findings.prefix(60).joined(separator: "\n"))")
    }

    @Test("the scanner catches each kind of payload it is there for")
    func scannerCatches() {
        let scanner = InjectionScanner(isSVG: false)
        let leaks = [
            "<p><script>__pwned('t1')</script></p>",
            "<img src=x onerror=\"__pwned('t2')\">",
            "<a href=\"jav&#x61;script:__pwned('t3')\">x</a>",
            "<a href=\"java\tscript:x\">x</a>",
            "<svg><a xlink:href=\"javascript:x\"></a></svg>",
            "<object data=\"data:text/html,x\"></object>",
            "<p title=\"x\" \"><img src=x onerror=__pwned('t4')>\">",
            "<iframe srcdoc=\"x\"></iframe>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:x\">",
            "<div style=\"background:url(javascript:x)\">",
            "<base href=\"/\">",
            "<form action=\"javascript:x\"></form>",
        ]
        for leak in leaks { #expect(!scanner.findings(in: leak).isEmpty, "missed \(leak)") }
        let safe = "<p title=\"&lt;img src=x onerror=__pwned('t5')&gt;\">&lt;script&gt;__pwned('t6')&lt;/script&gt;</p>"
            + "<script src=\"../assets/portal.js\"></script><a href=\"https://example.com/a\">a</a>"
        #expect(scanner.findings(in: safe).isEmpty)

        // Search twins: data calls only, one per line.
        for script in ["portalSearchData(\"x\",1);alert(1)\n", "portalSearchData(\"x\",1);alert(1);\n", "portalSearchData(\"x\",[1]);\nalert(1);\n",
                       "portalSearchData(\"x\",\"</script>\");\n", "portalSearchData(\"x\",[1]);"] {
            #expect(!InjectionScanner.searchDataFindings(in: script).isEmpty, "missed \(script)")
        }
        #expect(InjectionScanner.searchDataFindings(in: "portalSearchData(\"docs/0\",[[1]]);\nportalSearchData(\"docs/1\",[]);\n").isEmpty)
    }
}

/// A rough, separate reading of the output: every tag a browser would start, its attributes,
/// and where the payload markers sit. It shares no code with the sanitisers.
struct InjectionScanner {
    var isSVG: Bool
    /// The search page's own `<noscript>` note.
    var allowsNoscript = false

    /// Attributes whose value is a URL a browser may navigate to, load or run.
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "ping",
        "cite", "codebase", "to", "values", "from", "by",
    ]
    /// Elements that must not be in any output file (a theme `<script src>` and the search form are
    /// checked apart).
    static let forbiddenElements: Set<String> = [
        "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "foreignobject", "handler",
        "listener", "template", "noscript", "portal", "math", "set", "animate",
    ]

    /// The case ids of `__pwned('ID')` / `alert('ID')` / `parent.__pwned("ID")` calls in `text`.
    static func markers(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:__pwned|alert)\(['"]([a-z][0-9]+[a-z]?)['"]\)"#)
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// One line per problem; empty when the file is clean.
    func findings(in text: String) -> [String] {
        var findings: [String] = []
        let tag = try! NSRegularExpression(pattern: #"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>"#)
        let attribute = try! NSRegularExpression(
            pattern: #"([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"#)
        let whole = text as NSString
        var textRanges: [NSRange] = []
        var last = 0
        for match in tag.matches(in: text, range: NSRange(location: 0, length: whole.length)) {
            textRanges.append(NSRange(location: last, length: match.range.location - last))
            last = match.range.location + match.range.length
            let closing = whole.substring(with: match.range(at: 1)) == "/"
            let name = whole.substring(with: match.range(at: 2)).lowercased()
            let local = name.split(separator: ":").last.map(String.init) ?? name
            let tagText = whole.substring(with: match.range)
            if closing { continue }
            let rest = whole.substring(with: match.range(at: 3)) as NSString
            var attributes: [(String, String)] = []
            for found in attribute.matches(in: rest as String, range: NSRange(location: 0, length: rest.length)) {
                let attributeName = rest.substring(with: found.range(at: 1)).lowercased()
                let value = (2...4).lazy.map { found.range(at: $0) }.first { $0.location != NSNotFound }
                    .map { rest.substring(with: $0) } ?? ""
                attributes.append((attributeName, value))
            }
            if Self.forbiddenElements.contains(local), !(allowsNoscript && tagText == "<noscript>") { findings.append("element <\(name)>: \(tagText.prefix(120))") }
            if local == "script" {
                let source = (attributes.first { $0.0 == "src" }?.1 ?? "").split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
                let themeScript = try! NSRegularExpression(pattern: #"^(\./|/|(\.\./)+)assets/[a-z-]+\.js$"#)
                if isSVG || attributes.count > 2 || attributes.contains(where: { !["src", "defer"].contains($0.0) })
                    || themeScript.firstMatch(in: source, range: NSRange(source.startIndex..., in: source)) == nil {
                    findings.append("script that is not the theme's: \(tagText.prefix(120))")
                }
            }
            if local == "meta", attributes.contains(where: { $0.0 == "http-equiv" && $0.1.lowercased() != "content-security-policy" }) {
                findings.append("meta http-equiv: \(tagText.prefix(120))")
            }
            if local == "form", !attributes.contains(where: { ["data-search-form", "data-search-page-form", "data-catalog-filters"].contains($0.0) }) {
                findings.append("form that is not the theme's search: \(tagText.prefix(120))")
            }
            for (attributeName, value) in attributes {
                let attributeLocal = attributeName.split(separator: ":").last.map(String.init) ?? attributeName
                if attributeLocal.hasPrefix("on") { findings.append("event handler \(attributeName): \(tagText.prefix(120))") }
                if ["srcdoc", "style", "formaction"].contains(attributeLocal) {
                    findings.append("attribute \(attributeName): \(tagText.prefix(120))")
                }
                if attributeLocal == "attributename" { findings.append("animation of \(value): \(tagText.prefix(120))") }
                let flat = Self.flatten(value)
                if Self.urlAttributes.contains(attributeName) || Self.urlAttributes.contains(attributeLocal) || flat.contains("url(") {
                    for scheme in ["javascript:", "vbscript:", "livescript:", "data:text/html", "data:image/svg", "data:application"]
                    where flat.hasPrefix(scheme) || flat.contains("url(" + scheme) || flat.contains("url('" + scheme) || flat.contains("url(\"" + scheme) {
                        findings.append("\(scheme) in \(attributeName): \(tagText.prefix(120))")
                    }
                }
            }
            // A marker inside the tag but outside every quoted value means the markup was broken out of.
            var outside = rest as String
            for quoted in [#""[^"]*""#, #"'[^']*'"#] {
                outside = outside.replacingOccurrences(of: quoted, with: "\"\"", options: .regularExpression)
            }
            if !Self.markers(in: outside).isEmpty || outside.contains("__pwned") {
                findings.append("marker in markup: \(tagText.prefix(160))")
            }
        }
        textRanges.append(NSRange(location: last, length: whole.length - last))
        // Text between tags must not hold a raw `<` that starts markup the regex above could not read.
        for range in textRanges {
            let between = whole.substring(with: range)
                .replacingOccurrences(of: #"<!--(?:(?!-->)[\s\S])*-->|<!DOCTYPE html>|<\?xml [^>]*\?>"#, with: "", options: .regularExpression)
            if between.range(of: #"<[a-zA-Z!/?]"#, options: .regularExpression) != nil {
                findings.append("unread markup in text: \(between.prefix(120))")
            }
        }
        return findings
    }

    /// Problems of a search data file: it must be exactly `portalSearchData("name",JSON);`.
    /// A twin script must be `portalSearchData("name",JSON);` lines and nothing else (a
    /// metadata chunks' twin has one line per chunk).
    static func searchDataFindings(in text: String) -> [String] {
        let call = try! NSRegularExpression(pattern: #"^portalSearchData\("[a-z0-9/]+",(.*)\);$"#)
        guard text.hasSuffix("\n") else { return ["does not end with a newline"] }
        var findings: [String] = []
        for line in text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard let match = call.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
                  let range = Range(match.range(at: 1), in: line) else { return findings + ["not a portalSearchData call"] }
            let json = String(line[range])
            if (try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])) == nil { findings.append("data does not parse as JSON") }
            // JSON that parses may still close a script element if inlined: `<` must be escaped.
            if json.contains("<") { findings.append("raw < in search data") }
        }
        return findings
    }

    /// `value` with character references decoded, ASCII controls and spaces removed, lowercased.
    static func flatten(_ value: String) -> String {
        var decoded = value
        let named = ["&colon;": ":", "&tab;": "", "&newline;": "", "&amp;": "&", "&lpar;": "(", "&quot;": "\"", "&apos;": "'"]
        for (name, replacement) in named { decoded = decoded.replacingOccurrences(of: name, with: replacement, options: .caseInsensitive) }
        let numeric = try! NSRegularExpression(pattern: #"&#(x[0-9a-fA-F]+|[0-9]+);?"#)
        var result = ""
        var index = decoded.startIndex
        for match in numeric.matches(in: decoded, range: NSRange(decoded.startIndex..., in: decoded)) {
            guard let range = Range(match.range, in: decoded), let digits = Range(match.range(at: 1), in: decoded) else { continue }
            result += decoded[index..<range.lowerBound]
            let number = decoded[digits]
            let scalar = number.hasPrefix("x") || number.hasPrefix("X") ? UInt32(number.dropFirst(), radix: 16) : UInt32(number)
            if let scalar, let character = Unicode.Scalar(scalar) { result.unicodeScalars.append(character) }
            index = range.upperBound
        }
        result += decoded[index...]
        return String(result.unicodeScalars.filter { $0.value > 0x20 }).lowercased()
    }
}
