import Foundation
import PortalAPIReference
import PortalYAML
import Testing

/// Every API definition in the shared corpus of real descriptors (`../shared/corpus`, read-only)
/// renders without a crash, with an outline, unique sanitised ids and safe links.
@Suite("Real-world API definitions", .enabled(if: corpusFolder != nil, "../shared/corpus is not present"))
struct CorpusTests {
    /// A definition found in the corpus: where, its text and its spec.type.
    struct Definition: CustomStringConvertible {
        var origin: String
        var text: String
        var type: String
        var description: String { "\(origin) (\(type))" }
    }

    /// `spec.definition` of `kind: API` entities (inline or a `$text` file beside them), and
    /// stand-alone OpenAPI, AsyncAPI, GraphQL and protobuf files.
    static let definitions: [Definition] = {
        guard let corpus = corpusFolder, let walker = FileManager.default.enumerator(atPath: corpus) else { return [] }
        var found: [Definition] = []
        for case let relative as String in walker {
            let path = corpus + "/" + relative
            let ext = (relative as NSString).pathExtension.lowercased()
            guard ["yaml", "yml", "json", "graphql", "proto"].contains(ext),
                  let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            switch ext {
            case "graphql": found.append(Definition(origin: relative, text: text, type: "graphql"))
            case "proto": found.append(Definition(origin: relative, text: text, type: "grpc"))
            default: found += definitions(in: text, at: relative, folder: (path as NSString).deletingLastPathComponent)
            }
        }
        return found.sorted { $0.origin < $1.origin }
    }()

    private static func definitions(in text: String, at relative: String, folder: String) -> [Definition] {
        var found: [Definition] = []
        for (index, document) in YAMLParser.parse(text).enumerated() {
            guard let root = document.root else { continue }
            if root["openapi"] != nil || root["swagger"] != nil {
                found.append(Definition(origin: relative, text: text, type: "openapi"))
            } else if root["asyncapi"] != nil {
                found.append(Definition(origin: relative, text: text, type: "asyncapi"))
            } else if root["kind"]?.scalarText == "API", let spec = root["spec"], let definition = spec["definition"] {
                let type = spec["type"]?.scalarText ?? ""
                let origin = "\(relative)#\(index)"
                if let inline = definition.stringValue ?? definition["$text"]?.stringValue.flatMap({ $0.contains("\n") ? $0 : nil }) {
                    // Inline text (some descriptors put the text itself under `$text`).
                    found.append(Definition(origin: origin, text: inline, type: type))
                } else if let target = definition["$text"]?.scalarText, !target.contains("://"),
                          let linked = try? String(contentsOfFile: folder + "/" + target, encoding: .utf8) {
                    found.append(Definition(origin: origin + " → " + target, text: linked, type: type))
                }
            }
        }
        return found
    }

    @Test("the corpus holds OpenAPI, AsyncAPI, GraphQL and gRPC definitions")
    func found() {
        let types = Set(Self.definitions.map { $0.type.lowercased() })
        #expect(Self.definitions.count >= 20)
        #expect(types.isSuperset(of: ["openapi", "asyncapi", "graphql", "grpc"]))
    }

    @Test("each definition renders with an outline, unique sanitised ids and safe links", arguments: definitions)
    func renders(_ definition: Definition) {
        let reference = renderer.render(definition: definition.text, type: definition.type)
        #expect(!reference.outline.isEmpty)
        #expect(reference.html.hasPrefix("<div class=\"api-reference"))
        let found = ids(in: reference.html)
        #expect(Set(found).count == found.count)
        for link in hrefs(in: reference.html) {
            #expect(link.isEmpty || link.hasPrefix("#api-") || link.hasPrefix("http") || link.hasPrefix("mailto:"), "\(link)")
        }
        for link in hrefs(in: reference.html) where link.hasPrefix("#") {
            #expect(found.contains(String(link.dropFirst())), "dangling \(link)")
        }
    }

    @Test("OpenAPI and AsyncAPI documents that parse become structured references")
    func structured() {
        for definition in Self.definitions where ["openapi", "asyncapi"].contains(definition.type.lowercased()) {
            let reference = renderer.render(definition: definition.text, type: definition.type)
            if case .source = reference.format {
                #expect(!reference.problems.isEmpty, "\(definition) fell back to source without a problem")
            }
        }
    }
}
