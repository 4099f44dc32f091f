import PortalAPIReference
import PortalKit
import PortalYAML

/// The rendered `spec.definition` of every API entity, made before the pages so that a
/// definition that does not parse is reported (and shown on the health page).
struct APIDefinitions: Sendable {
    struct Rendered: Sendable {
        /// UTF-8 HTML.
        var html: [UInt8]
        var outline: [TemplateValue]
    }

    /// By position in the catalog.
    let references: [Int: Rendered]
    let diagnostics: [Diagnostic]

    init(catalog: SiteCatalog, renderer: APIReferenceRenderer = APIReferenceRenderer()) {
        let positions = catalog.graph.entities.indices.filter { catalog.graph.entities[$0].ref.kind == "api" }
        let results = parallelMap(positions) { position -> (Int, Rendered, [Diagnostic])? in
            let entity = catalog.graph.entities[position]
            guard let node = entity.spec?["definition"], let definition = node.scalarText else { return nil }
            let reference = renderer.render(definition: definition, type: entity.specString("type") ?? "")
            let outline: [TemplateValue] = reference.outline.map {
                ["id": .text($0.id), "label": .text($0.label), "level": .number($0.level)]
            }
            let diagnostics = reference.problems.map { Self.diagnostic($0, definition: node, entity: entity) }
            return (position, Rendered(html: reference.utf8, outline: outline), diagnostics)
        }
        var references: [Int: Rendered] = [:]
        var diagnostics: [Diagnostic] = []
        for case let (position, rendered, problems)? in results {
            references[position] = rendered
            diagnostics += problems
        }
        self.references = references
        self.diagnostics = diagnostics
    }

    /// A problem inside the definition, placed in the descriptor: exactly for a literal block
    /// (`definition: |`), else at the definition with its position inside it in the message.
    static func diagnostic(_ problem: APIReferenceProblem, definition node: YAMLNode, entity: Entity) -> Diagnostic {
        var location = SourceLocation(file: entity.source.file, line: node.mark.line, column: node.mark.column)
        var message = "spec.definition does not read cleanly: \(problem.message)"
        if case .scalar(_, .literal) = node.content, let key = entity.spec?.pair("definition")?.key {
            // Block content starts on the next line, indented past its key (two spaces by convention).
            location.line = node.mark.line + problem.line
            location.column = key.mark.column + 2 + problem.column - 1
        } else {
            message += " (line \(problem.line), column \(problem.column) of the definition)"
        }
        return Diagnostic(.warning, .apiDefinition, at: location, message)
    }
}
