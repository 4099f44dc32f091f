import Testing
@testable import PortalKit

/// The overlay preview on real repositories: the whole corpus is "published" (its catalog.json),
/// then single repositories are built inside it.
@Suite("Overlay: corpus repositories inside the published corpus", .enabled(if: sharedFolder != nil, "../shared/corpus is not present"))
struct OverlayCorpusTests {
    private var corpus: String { sharedFolder! + "/corpus" }

    /// Every relation whose target the graph cannot resolve, as `source type target`.
    private func dangling(_ graph: CatalogGraph) -> Set<String> {
        var found: Set<String> = []
        for (entity, relations) in zip(graph.entities, graph.relations) {
            for relation in relations where !graph.resolves(relation.target) { found.insert("\(entity.ref) \(relation)") }
        }
        return found
    }

    @Test("references that dangle when a repository is built alone resolve inside the published corpus")
    func danglingReferencesResolve() throws {
        let published = BuildPipeline(roots: [corpus]).runCatalog().graph
        let workspace = try Workspace()
        try workspace.write("catalog.json", bytes: CatalogJSONRenderer().render(published))
        for name in ["3horizons__todo-app", "VitruvianSoftware__vitruvian-core", "danisg96__multi-component-backstage"] {
            let repository = corpus + "/" + name
            let alone = BuildPipeline(roots: [repository]).runCatalog()
            let previewed = BuildPipeline(roots: [repository], overlays: [workspace.path + "/catalog.json"]).runCatalog()
            let danglingAlone = dangling(alone.graph)
            let publishedTargets = danglingAlone.filter { line in published.index.keys.contains { line.hasSuffix(" \($0)") } }
            #expect(!publishedTargets.isEmpty, "\(name)")
            #expect(dangling(previewed.graph) == danglingAlone.subtracting(publishedTargets), "\(name)")
            let unresolved = { (build: CatalogBuild) in build.diagnostics.filter { $0.id == .unresolvedRef }.count }
            #expect(unresolved(previewed) < unresolved(alone), "\(name)")
            // Unchanged, the repository breaks nothing, and its published entities give way to its own.
            #expect(previewed.diagnostics.filter { $0.id.rawValue.hasPrefix("overlay.") }.isEmpty, "\(name)")
            #expect(!previewed.graph.overlay.entities.contains { $0.managedByLocations.contains { $0.hasPrefix("file:\(name)/") } }, "\(name)")
            #expect(previewed.graph.entities.map(\.ref) == alone.graph.entities.map(\.ref), "\(name)")
        }
    }
}
