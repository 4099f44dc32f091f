import Testing
@testable import PortalKit

/// Real descriptors from public repositories (`../shared/corpus`, read-only): messy, some
/// invalid on purpose. Skipped when the corpus is not beside the repository.
@Suite("Real-world corpus", .enabled(if: sharedFolder != nil, "../shared/corpus is not present"))
struct CorpusTests {
    private var corpus: String { sharedFolder! + "/corpus" }

    /// Diagnostics of a build as `relative/path:line:col [id]`, paths relative to the corpus.
    private func positions(_ build: CatalogBuild) -> Set<String> {
        Set(build.diagnostics.map { diagnostic in
            let file = diagnostic.location.file.hasPrefix(corpus + "/")
                ? String(diagnostic.location.file.dropFirst(corpus.count + 1)) : diagnostic.location.file
            return "\(file):\(diagnostic.location.line):\(diagnostic.location.column) [\(diagnostic.id.rawValue)]"
        })
    }

    @Test("Backstage's all.yaml: the entities its Locations reach, by kind")
    func backstageExamples() {
        let build = BuildPipeline(roots: [corpus + "/backstage__backstage/packages/catalog-model/examples/all.yaml"]).runCatalog()
        let counts = Dictionary(uniqueKeysWithValues: build.graph.countsByKind.map { ($0.kind, $0.count) })
        #expect(counts == ["Location": 7, "Component": 13, "API": 7, "System": 3, "Domain": 3, "AiResource": 2, "Resource": 1])
        #expect(build.graph.files.count == 36)
        #expect(build.count(.error) == 0)
        // The APIs' definitions are remote URLs: each is reported, none fetched.
        #expect(build.diagnostics.filter { $0.id == .placeholderRemote }.count == 7)
    }

    @Test("the whole corpus loads without a crash, with stable counts")
    func wholeCorpus() {
        let build = BuildPipeline(roots: [corpus]).runCatalog()
        #expect(build.graph.files.count == 161)
        #expect(build.graph.scan.repositories.count == 83)
        let counts = Dictionary(uniqueKeysWithValues: build.graph.countsByKind.map { ($0.kind, $0.count) })
        #expect(counts["Component"] == 116)
        #expect(counts["System"] == 27)
        #expect(counts["Location"] == 20)
        #expect(build.diagnostics.filter { $0.id == .yamlSyntax }.count == 4)
    }

    @Test("each known-invalid descriptor that discovery reaches is reported at the right place")
    func knownInvalid() {
        let found = positions(BuildPipeline(roots: [corpus]).runCatalog())
        let expected = [
            "GSVlabs__philu-credentials-themes/catalog-info.yml:12:3 [yaml.syntax]",
            "Mhodtood__axum-service-template/.backstage/catalog-info.yaml:5:4 [yaml.syntax]",
            "Mhodtood__axum-service-template/.backstage/catalog-info.yaml:4:9 [entity.unrendered-template]",
            "NarendraJatti__Backstage_IDP_Platform-engineering/catalog/catalog-info.yaml:8:16 [yaml.syntax]",
            "47hxl-53r__testingg/catalog-info.yml:2:7 [yaml.syntax]",
            "2440656__backend-lms-self_register/catalog-info.yaml:57:7 [entity.missing-field]",
            "2440656__backend-lms-self_register/catalog-info.yaml:80:7 [entity.unknown-kind]",
            "2440656__backend-lms-self_register/catalog-info.yaml:90:7 [entity.unknown-kind]",
            "2440656__backend-lms-self_register/catalog-info.yaml:99:7 [entity.unknown-kind]",
            "2440656__backend-lms-self_register/catalog-info.yaml:109:7 [entity.unknown-kind]",
            "2440656__backend-lms-self_register/catalog-info.yaml:119:7 [entity.unknown-kind]",
            "Kristopherlb__shinobi/backstage/catalog-info.yaml:2:7 [entity.unknown-kind]",
            "EffortlessMetrics__Rust-Template/backstage/catalog-info.yaml:7:1 [entity.missing-field]",
            "EffortlessMetrics__Rust-Template/backstage/catalog-info.yaml:15:1 [entity.missing-field]",
            "jaruizes__platform-argo-crossplane/backstage/catalog-info.yaml:7:15 [entity.invalid-annotation]",
            "JamesStewy__go-mysqldump/catalog-info.yml:7:3 [entity.invalid-label]",
            "JamesStewy__go-mysqldump/catalog-info.yml:9:9 [entity.invalid-link]",
            "JamesStewy__go-mysqldump/catalog-info.yml:10:9 [entity.invalid-link]",
            "RafaelTechio__catalog-info-backstage-motor/catalog-info.yml:2:1 [entity.missing-field]",
            "RafaelTechio__catalog-info-backstage-motor/catalog-info.yml:30:12 [placeholder.unresolved]",
            "hasura__ndc-bigquery/.backstage/catalog-info.yaml:4:9 [entity.invalid-name]",
            "5eanmcd__AuthComponent/catalog-info.yaml:9:7 [entity.invalid-tag]",
            "5eanmcd__AuthComponent/catalog-info.yaml:10:7 [entity.invalid-tag]",
            "5eanmcd__AuthComponent/catalog-info.yaml:11:7 [entity.invalid-tag]",
            "AlanStefanov__catalog_backstage/catalog-info.yml:13:3 [entity.unexpected-field]",
            "7K-Group__backstage-catalog/catalog/systems/backstage-portal.yaml:9:10 [ref.unexpected-kind]",
            "MrGeTestOrga__thisIsARealRepository/catalog-info.yml:1:1 [entity.not-an-entity]",
            "0019-KDU__express-service/catalog-info.yaml:4:9 [entity.invalid-name]",
            "0019-KDU__express-service/catalog-info.yaml:4:9 [entity.unrendered-template]",
            "C-Nell__devhub-catalog/examples/template/content/catalog-info.yaml:4:9 [entity.invalid-name]",
            // JohnMonteir0's `../requests/…` targets leave the catalog/ folder, not the repository: missing files.
            "JohnMonteir0__idp-with-backstage/catalog/catalog-info.yaml:11:5 [location.not-found]",
            "JohnMonteir0__idp-with-backstage/catalog/catalog-info.yaml:12:5 [location.not-found]",
        ]
        for position in expected {
            #expect(found.contains(position), "missing: \(position)")
        }
    }

    @Test("YAML files that fail to parse, given as ROOTs, report libyaml's position")
    func parseErrorsAsRoots() {
        let files = [
            "C-Nell__devhub-catalog/catalog/guest-user.yaml:9:1",
            "C-Nell__devhub-catalog/catalog/templates/update_json_file/template.yaml:17:17",
            "C-Nell__devhub-catalog/catalog/templates/update_yaml_file/template.yaml:17:17",
            "C-Nell__devhub-catalog/catalog/***AUTO-SYNC***.yaml:75:1",
            "C-Nell__devhub-catalog/catalog/catalog.yaml:24:1",
            "C-Nell__devhub-catalog/catalog/rbac-policy.yaml:26:1",
        ]
        for expected in files {
            let path = String(expected.prefix { $0 != ":" })
            let build = BuildPipeline(roots: [corpus + "/" + path]).runCatalog()
            #expect(positions(build).contains("\(expected) [yaml.syntax]"), "\(positions(build))")
        }
    }

    @Test("duplicates: the same entity in eight repositories is reported seven times, naming the first")
    func crossRepositoryDuplicates() {
        let build = BuildPipeline(roots: [corpus]).runCatalog()
        let duplicates = build.diagnostics.filter { $0.id == .duplicateEntity }
        #expect(duplicates.count == 7)
        #expect(duplicates.allSatisfy {
            $0.message.hasPrefix("duplicate entity component:default/backstage: already defined at \(corpus)/DevScope__backstage-templates/catalog/catalog-info.yaml:1:1")
        })
    }

    @Test("danisg96: a second Location with the same name is a duplicate")
    func duplicateLocationNames() {
        let repository = corpus + "/danisg96__multi-component-backstage"
        let build = BuildPipeline(roots: [repository, repository + "/.backstage/catalog-all.yaml"]).runCatalog()
        let found = positions(build)
        #expect(found.contains("danisg96__multi-component-backstage/.backstage/catalog-all.yaml:2:1 [entity.duplicate]"), "\(found)")
    }

    @Test("kissmikijr: an exact duplicate in another file of the same repository")
    func exactDuplicate() {
        let repository = corpus + "/kissmikijr__aoc"
        let build = BuildPipeline(roots: [repository + "/catalog-info.yaml", repository + "/component-1.yaml"]).runCatalog()
        #expect(build.diagnostics.filter { $0.id == .duplicateEntity }.map(\.location.file) == [repository + "/component-1.yaml"])
    }

    @Test("CRLF files read like LF files")
    func crlf() {
        let build = BuildPipeline(roots: [corpus + "/PureGymGroup__infra-demo-api"]).runCatalog()
        #expect(build.count(.error) == 0)
        #expect(!build.graph.entities.isEmpty)
    }
}

@Suite("The example organisation in content/")
struct ContentTests {
    @Test("builds with zero errors and zero warnings, and shows every feature it promises")
    func clean() {
        let build = BuildPipeline(roots: [repositoryFolder + "/content"]).runCatalog()
        #expect(build.diagnostics.filter { $0.severity >= .warning }.map(\.formatted) == [])
        let counts = Dictionary(uniqueKeysWithValues: build.graph.countsByKind.map { ($0.kind, $0.count) })
        #expect((counts["Group"] ?? 0) >= 3 && (counts["User"] ?? 0) >= 10)
        #expect(counts["Domain"] == 2)
        #expect((counts["System"] ?? 0) >= 3)
        #expect(counts["Template"] == 2)
        let apiTypes = Set(build.graph.entities.filter { $0.kind == "API" }.compactMap { $0.specString("type") })
        #expect(apiTypes.isSuperset(of: ["openapi", "asyncapi", "graphql", "grpc"]))
        // Every definition is resolved text (inline or via $text).
        #expect(build.graph.entities.filter { $0.kind == "API" }.allSatisfy { ($0.specString("definition")?.count ?? 0) > 100 })
        #expect(build.graph.scan.repositories.count >= 8 && build.graph.scan.repositories.count <= 12)
    }
}
