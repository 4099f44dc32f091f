import Foundation
import PortalAPIReference
import Testing

/// This test target's folder (`Tests/PortalAPIReferenceTests`).
let testsFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<2 { url.deleteLastPathComponent() }
    return url.path
}()

/// `../shared/corpus` beside the package, when it is there.
let corpusFolder: String? = {
    let package = URL(fileURLWithPath: testsFolder).deletingLastPathComponent().deletingLastPathComponent()
    let corpus = package.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    return FileManager.default.fileExists(atPath: corpus) ? corpus : nil
}()

/// The text of `Fixtures/<name>`.
func fixture(_ name: String) throws -> String {
    try String(contentsOfFile: testsFolder + "/Fixtures/" + name, encoding: .utf8)
}

/// Compares `html` with `Golden/<name>`; with `PORTAL_UPDATE_GOLDEN=1` set, rewrites the file instead.
func expectGolden(_ html: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = testsFolder + "/Golden/" + name
    if ProcessInfo.processInfo.environment["PORTAL_UPDATE_GOLDEN"] == "1" {
        try html.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
        Issue.record("missing golden file \(name); run with PORTAL_UPDATE_GOLDEN=1 to record it", sourceLocation: sourceLocation)
        return
    }
    guard html != expected else { return }
    let actualLines = html.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    let actualLine = line < actualLines.count ? String(actualLines[line]) : "<end>"
    let expectedLine = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
    Issue.record("""
        \(name) differs at line \(line + 1) (PORTAL_UPDATE_GOLDEN=1 re-records it)
        expected: \(expectedLine)
        actual:   \(actualLine)
        """, sourceLocation: sourceLocation)
}

/// The values of every `href` attribute in `html`.
func hrefs(in html: String) -> [String] {
    html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

/// The values of every `id` attribute in `html`.
func ids(in html: String) -> [String] {
    html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

/// An OpenAPI 3.1 document whose one operation (`GET /a`) takes `parameters` (flow-style YAML, one
/// a line) and responds with `schema` (block YAML), with `components` (schemas, block YAML)
/// and `extra` top-level YAML appended.
func openAPIDocument(schema: String, parameters: [String] = [], components: String = "", extra: String = "") -> String {
    let parameterLines = parameters.isEmpty ? "" : "      parameters:\n" + parameters.map { "        - \($0)\n" }.joined()
    return """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /a:
            get:
        \(parameterLines)      responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
        \(schema.split(separator: "\n").map { "                " + $0 }.joined(separator: "\n"))
        components:
          schemas:
            Placeholder: {type: string}
        \(components.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        \(extra)
        """
}

let renderer = APIReferenceRenderer()
