import Testing
@testable import PortalKit

@Suite("Locations and discovery")
struct LocationTests {
    private func location(_ targets: [String], presence: String? = nil) -> String {
        var text = "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n"
        if let presence { text += "  presence: \(presence)\n" }
        text += "  targets:\n" + targets.map { "    - \($0)\n" }.joined()
        return text
    }

    @Test("relative targets and globs are followed, and their entities loaded")
    func relativeAndGlob() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": location(["./teams/a.yaml", "./users/**/*.yaml", "./{x,y}.yaml"]),
            "org/teams/a.yaml": group("team-a"),
            "org/users/eu/alice.yaml": "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: alice\nspec:\n  memberOf: [team-a]\n",
            "org/users/bob.yaml": "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: bob\nspec:\n  memberOf: [team-a]\n",
            "org/x.yaml": group("team-x"),
            "org/y.yaml": group("team-y"),
            "org/z.yaml": group("team-z"),
        ])
        let build = workspace.check()
        #expect(build.diagnostics.map(\.formatted) == [])
        #expect(build.graph.entities.map(\.ref.description) == [
            "group:default/team-a", "group:default/team-x", "group:default/team-y",
            "location:default/all", "user:default/alice", "user:default/bob",
        ])
        #expect(build.graph.files.map(\.displayPath) == [
            "org/catalog-info.yaml", "org/teams/a.yaml", "org/users/bob.yaml", "org/users/eu/alice.yaml", "org/x.yaml", "org/y.yaml",
        ])
    }

    @Test("missing targets are errors unless presence is optional")
    func missing() throws {
        let workspace = try Workspace(["repo/catalog-info.yaml": location(["./nope.yaml", "./none/*.yaml"])])
        #expect(workspace.diagnostics() == [
            "repo/catalog-info.yaml:7:7: error: Location target './nope.yaml' does not exist [location.not-found]",
            "repo/catalog-info.yaml:8:7: error: Location target './none/*.yaml' matches no file [location.not-found]",
        ])
        let optional = try Workspace(["repo/catalog-info.yaml": location(["./nope.yaml"], presence: "optional")])
        #expect(optional.diagnostics() == [])
    }

    @Test("targets that leave the repository, absolute paths and URLs are not read")
    func refused() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": location([
                "../../outside.yaml", "/etc/passwd", "https://github.com/org/repo/blob/main/catalog-info.yaml", "../../**/*.yaml",
            ]),
            "outside.yaml": group("outsider"),
        ])
        #expect(workspace.diagnostics(["repo"]) == [
            "repo/catalog-info.yaml:7:7: error: Location target '../../outside.yaml' leaves the repository; it is not read [location.outside-repository]",
            "repo/catalog-info.yaml:8:7: error: Location target '/etc/passwd' is an absolute path; only paths relative to the Location file are read [location.outside-repository]",
            "repo/catalog-info.yaml:9:7: info: Location target 'https://github.com/org/repo/blob/main/catalog-info.yaml' is a URL; portal-build reads local files only, so it is not fetched [location.remote]",
            "repo/catalog-info.yaml:10:7: error: Location target '../../**/*.yaml' leaves the repository; it is not read [location.outside-repository]",
        ])
    }

    @Test("a symlinked target that leaves the repository is refused")
    func symlinkTarget() throws {
        let workspace = try Workspace(["repo/catalog-info.yaml": location(["./linked.yaml"]), "secret.yaml": group("secret")])
        try workspace.link("repo/linked.yaml", to: workspace.path + "/secret.yaml")
        #expect(workspace.diagnostics(["repo"]) == [
            "repo/catalog-info.yaml:7:7: error: Location target './linked.yaml' is a link that leaves the repository; it is not read [location.outside-repository]",
        ])
    }

    @Test("a target in a sibling repository of the same ROOT is read once, as part of that repository")
    func siblingRepository() throws {
        let workspace = try Workspace([
            "org/catalog-info.yaml": location(["../svc/catalog-info.yaml"]),
            "svc/catalog-info.yaml": group("team-svc"),
        ])
        let build = workspace.check()
        #expect(build.diagnostics.isEmpty)
        #expect(build.graph.files.map(\.displayPath) == ["org/catalog-info.yaml", "svc/catalog-info.yaml"])
    }

    @Test("Location cycles are reported once and do not loop")
    func cycle() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": location(["./a.yaml"]),
            "repo/a.yaml": location(["./b.yaml"]).replacingOccurrences(of: "name: all", with: "name: a"),
            "repo/b.yaml": location(["./a.yaml"]).replacingOccurrences(of: "name: all", with: "name: b"),
        ])
        #expect(workspace.diagnostics() == [
            "repo/b.yaml:7:7: warning: Location target './a.yaml' leads back to a file that is already being read (cycle: repo/a.yaml → repo/b.yaml → repo/a.yaml); it is read once [location.cycle]",
        ])
    }

    @Test("duplicate entities across files are errors naming both places; the first wins")
    func duplicates() throws {
        let workspace = try Workspace([
            "a/catalog-info.yaml": component("svc").replacingOccurrences(of: "lifecycle: production", with: "lifecycle: first"),
            "b/catalog-info.yaml": component("SVC"),
            "org/catalog-info.yaml": group("team-a"),
        ])
        let build = workspace.check()
        #expect(build.diagnostics.map(\.formatted) == [
            "b/catalog-info.yaml:1:1: error: duplicate entity component:default/svc: already defined at a/catalog-info.yaml:1:1; this one is ignored [entity.duplicate]",
        ])
        #expect(build.graph.entities.filter { $0.kind == "Component" }.map { $0.specString("lifecycle") } == ["first"])
    }

    @Test("discovery: catalog-info at any depth, .backstage searched, dependency and output folders skipped")
    func discovery() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": group("root"),
            "repo/services/deep/catalog-info.yml": group("deep"),
            "repo/.backstage/catalog-info.yaml": group("hidden"),
            "repo/.github/catalog-info.yaml": group("github-folder"),
            "repo/node_modules/pkg/catalog-info.yaml": group("vendored"),
            "repo/site/catalog-info.yaml": group("output"),
            "repo/other.yaml": group("not-discovered"),
        ])
        let names = workspace.check().graph.entities.map(\.name).sorted()
        #expect(names == ["deep", "hidden", "root"])
    }

    @Test("ROOT kinds: a folder of repositories, one repository, one descriptor file")
    func rootKinds() throws {
        let workspace = try Workspace([
            "repos/a/catalog-info.yaml": group("a"),
            "repos/b/catalog-info.yaml": group("b"),
            "single/.git/HEAD": "ref: refs/heads/main\n",
            "single/nested/catalog-info.yaml": group("single"),
            "files/all.yaml": location(["./one.yaml"]),
            "files/one.yaml": group("one"),
            "files/catalog-info.yaml": group("not-read-with-a-file-root"),
        ])
        let build = workspace.check(["repos", "single", "files/all.yaml"])
        #expect(build.diagnostics.isEmpty)
        #expect(build.graph.scan.roots.map(\.kind) == [.repositories, .repository, .descriptorFile])
        #expect(build.graph.scan.repositories.map(\.displayPath) == ["repos/a", "repos/b", "single", "files"])
        #expect(build.graph.entities.map(\.name).sorted() == ["a", "all", "b", "one", "single"])
    }

    @Test("a missing ROOT is an error")
    func missingRoot() throws {
        let workspace = try Workspace()
        #expect(workspace.diagnostics(["nowhere"]) == ["nowhere:1:1: error: ROOT 'nowhere' does not exist [input.missing]"])
    }

    @Test("descriptor symlinks leading outside the repository are not read")
    func symlinkOutside() throws {
        let workspace = try Workspace(["secret/catalog-info.yaml": group("secret"), "repo/README.md": "x"])
        try workspace.link("repo/catalog-info.yaml", to: workspace.path + "/secret/catalog-info.yaml")
        try workspace.link("repo/loop", to: ".")
        #expect(workspace.diagnostics(["repo"]) == [
            "repo/catalog-info.yaml:1:1: warning: 'catalog-info.yaml' is a link that leaves the repository or leads nowhere; it is not read [input.symlink-outside]",
        ])
    }

    @Test("files in a Template's skeleton are template source, not entities")
    func templateSkeleton() throws {
        let template = """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: new-service
            spec:
              type: service
              steps:
                - id: fetch
                  action: fetch:template
                  input:
                    url: ./skeleton
            """
        let workspace = try Workspace([
            "templates/catalog-info.yaml": template,
            "templates/skeleton/catalog-info.yaml": component("${{ values.name }}"),
        ])
        let build = workspace.check()
        #expect(build.diagnostics.map(\.formatted) == [
            "templates/skeleton/catalog-info.yaml:1:1: info: template source inside the skeleton 'skeleton' of a Template; not read as an entity [input.template-source]",
        ])
        #expect(build.graph.entities.map(\.name) == ["new-service"])
    }
}
