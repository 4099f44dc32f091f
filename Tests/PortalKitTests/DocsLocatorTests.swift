import Testing
@testable import PortalKit

extension Workspace {
    /// Runs the catalog stages, then ``DocsLocator``; the docs stage's diagnostics, formatted.
    func docs(_ roots: [String] = ["."], limits: InputLimits = InputLimits()) -> (DocsCatalog, [String]) {
        let build = check(roots)
        var diagnostics = Diagnostics()
        let docs = DocsLocator(limits: limits).locate(build.graph, into: &diagnostics)
        return (docs, diagnostics.sorted.map(\.formatted))
    }
}

/// A Component descriptor with the given annotations (`key: value` lines).
private func documented(_ name: String, _ annotations: [String]) -> String {
    """
    apiVersion: backstage.io/v1alpha1
    kind: Component
    metadata:
      name: \(name)
      annotations:
    \(annotations.map { "    " + $0 }.joined(separator: "\n"))
    spec:
      type: service
      lifecycle: production
      owner: team-a
    """
}

private func ref(_ text: String) -> EntityRef {
    try! EntityRef.parse(text, defaultKind: "component", defaultNamespace: "default")
}

@Suite("TechDocs: where the docs are (techdocs-ref)")
struct DocsReferenceTests {
    @Test("dir:. reads mkdocs.yml beside the descriptor; pages get MkDocs directory URLs")
    func dirDot() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": "site_name: Service docs\nsite_description: How it works\n",
            "repo/docs/index.md": "# Home\n",
            "repo/docs/guides/setup.md": "# Setup\n",
            "repo/docs/guides/index.md": "# Guides\n",
            "repo/docs/faq.markdown": "# FAQ\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(diagnostics == [])
        let site = try #require(docs.site(for: ref("svc")))
        #expect(site.siteName == "Service docs")
        #expect(site.siteDescription == "How it works")
        #expect(site.configFile == "repo/mkdocs.yml")
        #expect(site.docsFolderDisplay == "repo/docs")
        #expect(site.docsFolder == workspace.path + "/repo/docs")
        #expect(site.pages.map(\.relativePath) == ["faq.markdown", "guides/index.md", "guides/setup.md", "index.md"])
        #expect(site.pages.map(\.urlPath) == ["faq/", "guides/", "guides/setup/", ""])
        #expect(site.pages[2].displayPath == "repo/docs/guides/setup.md")
        #expect(site.pages[2].absolutePath == workspace.path + "/repo/docs/guides/setup.md")
        #expect(site.pages[2].size == 8)
        #expect(site.homePage?.relativePath == "index.md")
        #expect(site.page(at: "guides/setup.md")?.urlPath == "guides/setup/")
        #expect(site.nav == [
            .page(title: nil, path: "index.md"),
            .page(title: nil, path: "faq.markdown"),
            .section(title: "Guides", children: [.page(title: nil, path: "guides/index.md"), .page(title: nil, path: "guides/setup.md")]),
        ])
    }

    @Test("dir:./docs, dir:../ from .backstage/, and a bare path (with a warning) all resolve")
    func relativeForms() throws {
        let workspace = try Workspace([
            "a/catalog-info.yaml": documented("a", ["backstage.io/techdocs-ref: dir:./site"]),
            "a/site/mkdocs.yml": "site_name: A\n",
            "a/site/docs/index.md": "# A\n",
            "b/.backstage/catalog-info.yaml": documented("b", ["backstage.io/techdocs-ref: dir:../"]),
            "b/mkdocs.yml": "site_name: B\n",
            "b/docs/index.md": "# B\n",
            "c/catalog-info.yaml": documented("c", ["backstage.io/techdocs-ref: ' dir:. '"]),
            "c/mkdocs.yml": "site_name: C\n",
            "c/docs/index.md": "# C\n",
            "d/catalog-info.yaml": documented("d", ["backstage.io/techdocs-ref: site"]),
            "d/site/mkdocs.yml": "site_name: D\n",
            "d/site/docs/index.md": "# D\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.sites.map(\.siteName) == ["A", "B", "C", "D"])
        #expect(docs.site(for: ref("b"))?.docsFolderDisplay == "b/docs")
        #expect(diagnostics == [
            "d/catalog-info.yaml:6:32: warning: backstage.io/techdocs-ref 'site' has no type; Backstage cannot parse it. It is read as 'dir:site' [docs.invalid-ref]",
        ])
    }

    @Test("dir:/docs is read from the repository root, with an info")
    func absoluteDir() throws {
        let workspace = try Workspace([
            "repo/.backstage/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:/"]),
            "repo/mkdocs.yml": "site_name: Root\n",
            "repo/docs/index.md": "# Home\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.site(for: ref("svc"))?.siteName == "Root")
        #expect(diagnostics == [
            "repo/.backstage/catalog-info.yaml:6:32: info: backstage.io/techdocs-ref 'dir:/' starts with '/': it is read from the repository root, as Backstage does for entities registered by URL (registered from a file, Backstage refuses it); write a relative path [docs.invalid-ref]",
        ])
    }

    @Test("malformed refs are reported at the annotation's value")
    func malformed() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("a", ["backstage.io/techdocs-ref: value"]) + "\n---\n"
                + documented("b", ["backstage.io/techdocs-ref: ''"]) + "\n---\n"
                + documented("c", ["backstage.io/techdocs-ref: github:https://github.com/org/repo/blob/main/mkdocs.yml"]) + "\n---\n"
                + documented("d", ["backstage.io/techdocs-ref: url:./docs"]) + "\n---\n"
                + documented("e", ["backstage.io/techdocs-ref: 'dir:'"]),
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.sites.isEmpty)
        #expect(diagnostics == [
            "repo/catalog-info.yaml:6:32: warning: backstage.io/techdocs-ref 'value' is not a location reference; write dir:PATH (relative to this descriptor) or url:URL [docs.invalid-ref]",
            "repo/catalog-info.yaml:17:32: warning: backstage.io/techdocs-ref is empty; write dir:. for docs beside this descriptor [docs.invalid-ref]",
            "repo/catalog-info.yaml:28:32: warning: backstage.io/techdocs-ref type 'github:' is a legacy form TechDocs no longer reads; write dir:PATH or url:URL [docs.invalid-ref]",
            "repo/catalog-info.yaml:39:32: warning: backstage.io/techdocs-ref 'url:./docs' is not a repository URL; write url:https://HOST/OWNER/REPO/tree/BRANCH/PATH, or dir:PATH for local docs [docs.invalid-ref]",
            "repo/catalog-info.yaml:50:32: warning: backstage.io/techdocs-ref 'dir:' names no folder; write dir:. [docs.invalid-ref]",
        ])
    }

    @Test("refs that leave the repository, lexically or through a link, are errors and give no site")
    func escapes() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("a", ["backstage.io/techdocs-ref: dir:../../.."]) + "\n---\n"
                + documented("b", ["backstage.io/techdocs-ref: dir:./linked"]) + "\n---\n"
                + documented("c", ["backstage.io/techdocs-ref: dir:./missing"]) + "\n---\n"
                + documented("d", ["backstage.io/techdocs-ref: dir:./mkdocs.yml"]),
            "repo/mkdocs.yml": "site_name: Repo\n",
            "outside/mkdocs.yml": "site_name: Secret\n",
            "outside/docs/index.md": "# Secret\n",
        ])
        try workspace.link("repo/linked", to: workspace.path + "/outside")
        let (docs, diagnostics) = workspace.docs(["repo"])
        #expect(docs.sites.isEmpty)
        #expect(diagnostics == [
            "repo/catalog-info.yaml:6:32: error: backstage.io/techdocs-ref 'dir:../../..' leaves the repository; its docs are not read [docs.outside-repository]",
            "repo/catalog-info.yaml:17:32: error: backstage.io/techdocs-ref 'dir:./linked' names 'repo/linked', a link that leaves the repository; its docs are not read [docs.outside-repository]",
            "repo/catalog-info.yaml:28:32: warning: backstage.io/techdocs-ref 'dir:./missing' names 'repo/missing', which does not exist [docs.not-found]",
            "repo/catalog-info.yaml:39:32: warning: backstage.io/techdocs-ref 'dir:./mkdocs.yml' names 'repo/mkdocs.yml', which is a file; name the folder holding mkdocs.yml [docs.not-found]",
        ])
    }

    @Test("url: refs to this repository are read locally (by folder name or project slug); others are reported")
    func urlRefs() throws {
        let workspace = try Workspace([
            "acme__portal/catalog-info.yaml": documented("by-folder", [
                "backstage.io/techdocs-ref: url:https://github.com/acme/portal/tree/main/services/api",
            ]) + "\n---\n" + documented("remote", [
                "backstage.io/techdocs-ref: url:https://github.com/other/thing/tree/main/docs",
            ]),
            "acme__portal/services/api/mkdocs.yml": "site_name: API\n",
            "acme__portal/services/api/docs/index.md": "# API\n",
            "checkout/catalog-info.yaml": documented("by-slug", [
                "github.com/project-slug: Acme/shop",
                "backstage.io/techdocs-ref: url:https://github.com/acme/shop/blob/release/v2/",
            ]),
            "checkout/mkdocs.yml": "site_name: Shop\nrepo_url: https://github.com/acme/shop\n",
            "checkout/docs/index.md": "# Shop\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        let api = try #require(docs.site(for: ref("by-folder")))
        #expect(api.docsFolderDisplay == "acme__portal/services/api/docs")
        // Backstage fills repo_url and an edit URL from a url: ref when mkdocs.yml has neither.
        #expect(api.repoURL == "https://github.com/acme/portal/tree/main/services/api")
        #expect(api.editURI == "https://github.com/acme/portal/edit/main/services/api/docs/")
        let shop = try #require(docs.site(for: ref("by-slug")))
        #expect(shop.docsFolderDisplay == "checkout/docs")
        // repo_url written: kept, with MkDocs' default edit_uri for github.com.
        #expect(shop.repoURL == "https://github.com/acme/shop")
        #expect(shop.editURI == "edit/master/docs/")
        #expect(docs.site(for: ref("remote")) == nil)
        #expect(diagnostics == [
            "acme__portal/catalog-info.yaml:17:32: warning: backstage.io/techdocs-ref points at another repository (other/thing on github.com); portal-build reads local files only, so these docs are not fetched [docs.remote-ref]",
        ])
    }

    @Test("dir: is relative to a written backstage.io/source-location, as in Backstage")
    func sourceLocation() throws {
        let workspace = try Workspace([
            "acme__mono/.backstage/catalog-info.yaml": documented("folder", [
                "backstage.io/source-location: url:https://github.com/acme/mono/tree/main/services/api/",
                "backstage.io/techdocs-ref: dir:.",
            ]) + "\n---\n" + documented("file", [
                "backstage.io/source-location: url:https://github.com/acme/mono/tree/main/services/api",
                "backstage.io/techdocs-ref: dir:.",
            ]) + "\n---\n" + documented("local", [
                "backstage.io/source-location: dir:../services/api",
                "backstage.io/techdocs-ref: dir:.",
            ]) + "\n---\n" + documented("elsewhere", [
                "backstage.io/source-location: url:https://gitlab.com/other/repo/-/tree/main/",
                "backstage.io/techdocs-ref: dir:.",
            ]),
            "acme__mono/services/api/mkdocs.yml": "site_name: API\n",
            "acme__mono/services/api/docs/index.md": "# API\n",
            "acme__mono/services/mkdocs.yml": "site_name: Services\n",
            "acme__mono/services/docs/index.md": "# Services\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.site(for: ref("folder"))?.siteName == "API")
        #expect(docs.site(for: ref("local"))?.siteName == "API")
        // Without a final '/', Backstage's URL resolution treats `api` as a file.
        #expect(docs.site(for: ref("file"))?.siteName == "Services")
        #expect(docs.site(for: ref("elsewhere")) == nil)
        #expect(diagnostics == [
            "acme__mono/.backstage/catalog-info.yaml:18:35: info: backstage.io/source-location does not end with '/', so Backstage resolves dir: refs against its parent folder 'acme__mono/services'; add the '/' if the docs are relative to 'services/api' [docs.invalid-ref]",
            "acme__mono/.backstage/catalog-info.yaml:43:32: warning: backstage.io/techdocs-ref is relative to backstage.io/source-location, which is another repository (other/repo on gitlab.com); portal-build reads local files only, so these docs are not fetched [docs.remote-ref]",
        ])
    }

    @Test("entities naming the same folder each get a site; the folder's problems are reported once")
    func sharedFolder() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]) + "\n---\n"
                + "apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: sys\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  owner: team-a\n",
            "repo/mkdocs.yml": "site_name: Shared\nnav:\n  - gone.md\n",
            "repo/docs/index.md": "# Home\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.sites.map(\.entity.description) == ["component:default/svc", "system:default/sys"])
        #expect(docs.sites.map(\.docsFolder) == [workspace.path + "/repo/docs", workspace.path + "/repo/docs"])
        #expect(docs.docsFolders == [workspace.path + "/repo/docs"])
        #expect(diagnostics == [
            "repo/mkdocs.yml:2:1: info: 1 page is not in the nav ('index.md'); it is published, reachable by links only [docs.not-in-nav]",
            "repo/mkdocs.yml:3:5: warning: nav entry 'gone.md' names no page in docs_dir 'docs'; it is left out [docs.nav-missing]",
        ])
    }

    @Test("techdocs-entity borrows another entity's site; it wins over techdocs-ref; dangling ones are reported")
    func techdocsEntity() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("owner", ["backstage.io/techdocs-ref: dir:."]) + "\n---\n"
                + documented("borrower", ["backstage.io/techdocs-entity: component:default/owner"]) + "\n---\n"
                + documented("both", ["backstage.io/techdocs-ref: dir:.", "backstage.io/techdocs-entity: component:default/owner"]) + "\n---\n"
                + documented("dangling", ["backstage.io/techdocs-entity: component:default/nobody"]) + "\n---\n"
                + documented("no-kind", ["backstage.io/techdocs-entity: owner"]) + "\n---\n"
                + documented("no-site", ["backstage.io/techdocs-entity: component:default/dangling"]),
            "repo/mkdocs.yml": "site_name: Owner docs\n",
            "repo/docs/index.md": "# Home\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.sites.map(\.entity) == [ref("owner")])
        #expect(docs.sharedDocs == [ref("borrower"): ref("owner"), ref("both"): ref("owner")])
        #expect(docs.site(for: ref("borrower"))?.siteName == "Owner docs")
        #expect(docs.site(for: ref("dangling")) == nil)
        #expect(diagnostics == [
            "repo/catalog-info.yaml:28:32: info: backstage.io/techdocs-ref is ignored: backstage.io/techdocs-entity on the same entity wins, as in Backstage; remove one of them [docs.invalid-ref]",
            "repo/catalog-info.yaml:40:35: warning: backstage.io/techdocs-entity names component:default/nobody, which is not in the catalog [docs.shared-missing]",
            "repo/catalog-info.yaml:51:35: warning: backstage.io/techdocs-entity 'owner': the reference has no kind, and this field has no default kind (write it as kind:name, e.g. component:my-service); write the full kind:namespace/name [docs.invalid-ref]",
            "repo/catalog-info.yaml:62:35: warning: backstage.io/techdocs-entity names component:default/dangling, which itself borrows another entity's docs; name that entity directly [docs.shared-missing]",
        ])
    }
}

@Suite("TechDocs: mkdocs config")
struct MkDocsConfigTests {
    @Test("mkdocs.yaml wins over mkdocs.yml, as in MkDocs and Backstage")
    func yamlPrecedence() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yaml": "site_name: From yaml\n",
            "repo/mkdocs.yml": "site_name: From yml\n",
            "repo/docs/index.md": "# Home\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.site(for: ref("svc"))?.siteName == "From yaml")
        #expect(docs.site(for: ref("svc"))?.configFile == "repo/mkdocs.yaml")
        #expect(diagnostics == [
            "repo/mkdocs.yml:1:1: info: mkdocs.yml is not read: mkdocs.yaml beside it takes precedence, as in MkDocs and Backstage [docs.ignored-setting]",
        ])
    }

    @Test("Python tags parse; theme.custom_dir, hooks and INHERIT are never followed; !ENV is not read")
    func ignoredSettings() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": """
                site_name: !ENV [SITE_NAME, Fallback]
                INHERIT: ../base.yml
                theme:
                  name: material
                  custom_dir: overrides
                hooks:
                  - hooks/run.py
                plugins:
                  - techdocs-core
                extra_css: [extra.css]
                markdown_extensions:
                  - pymdownx.emoji:
                      emoji_index: !!python/name:material.extensions.emoji.twemoji
                      emoji_generator: !!python/name:material.extensions.emoji.to_svg
                  - pymdownx.tabbed:
                      slugify: !!python/object/apply:pymdownx.slugs.slugify
                        kwds:
                          case: lower

                """,
            "repo/overrides/main.html": "<script>alert(1)</script>",
            "repo/docs/index.md": "# Home\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        let site = try #require(docs.site(for: ref("svc")))
        #expect(site.siteName == "svc")
        #expect(diagnostics == [
            "repo/mkdocs.yml:1:12: warning: site_name uses !ENV; environment variables are never read, so the setting is ignored [docs.config]",
            "repo/mkdocs.yml:2:1: info: INHERIT is not followed: settings are read from this file only [docs.ignored-setting]",
            "repo/mkdocs.yml:5:3: info: theme.custom_dir is never read: theme overrides are templates that would run in the portal's pages [docs.ignored-setting]",
            "repo/mkdocs.yml:6:1: info: hooks are never run: they are Python code [docs.ignored-setting]",
        ])
    }

    @Test("a config that does not parse is an error and gives no site")
    func syntaxError() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": "site_name: [unclosed\n",
            "repo/docs/index.md": "# Home\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.sites.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].hasPrefix("repo/mkdocs.yml:2:1: error: mkdocs config does not parse:"))
        #expect(diagnostics[0].hasSuffix("[docs.config]"))
    }

    @Test("docs_dir is relative to the mkdocs file and stays in the repository")
    func docsDir() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("custom", ["backstage.io/techdocs-ref: dir:./custom"]) + "\n---\n"
                + documented("sibling", ["backstage.io/techdocs-ref: dir:./sibling"]) + "\n---\n"
                + documented("escape", ["backstage.io/techdocs-ref: dir:./escape"]) + "\n---\n"
                + documented("itself", ["backstage.io/techdocs-ref: dir:./itself"]) + "\n---\n"
                + documented("absent", ["backstage.io/techdocs-ref: dir:./absent"]) + "\n---\n"
                + documented("empty", ["backstage.io/techdocs-ref: dir:./empty"]),
            "repo/custom/mkdocs.yml": "site_name: Custom\ndocs_dir: pages\n",
            "repo/custom/pages/index.md": "# Custom\n",
            "repo/sibling/mkdocs.yml": "site_name: Sibling\ndocs_dir: ../shared\n",
            "repo/shared/index.md": "# Shared\n",
            "repo/escape/mkdocs.yml": "site_name: Escape\ndocs_dir: ../../outside\n",
            "repo/itself/mkdocs.yml": "site_name: Itself\ndocs_dir: .\n",
            "repo/itself/index.md": "# Itself\n",
            "repo/absent/mkdocs.yml": "site_name: Absent\n",
            "repo/empty/mkdocs.yml": "site_name: Empty\n",
            "repo/empty/docs/logo.png": "png",
            "outside/index.md": "# Outside\n",
        ])
        let (docs, diagnostics) = workspace.docs(["repo"])
        #expect(docs.sites.map(\.siteName) == ["Custom", "Sibling"])
        #expect(docs.site(for: ref("custom"))?.docsFolderDisplay == "repo/custom/pages")
        #expect(docs.site(for: ref("sibling"))?.docsFolderDisplay == "repo/shared")
        #expect(diagnostics == [
            "repo/absent/mkdocs.yml:1:1: warning: docs_dir 'repo/absent/docs' does not exist or is not a folder [docs.not-found]",
            "repo/empty/docs:1:1: warning: docs folder 'repo/empty/docs' holds no Markdown page; there is no site to show [docs.not-found]",
            "repo/escape/mkdocs.yml:2:11: error: docs_dir '../../outside' leaves the repository; the docs are not read [docs.outside-repository]",
            "repo/itself/mkdocs.yml:2:11: error: docs_dir '.' holds the mkdocs file itself, which MkDocs refuses; move the pages into a subfolder such as docs/ [docs.config]",
            "repo/sibling/mkdocs.yml:2:11: warning: docs_dir '../shared' is outside the mkdocs file's folder, which Backstage refuses; it is read because it stays inside the repository [docs.config]",
        ])
    }

    @Test("repo_url and edit_uri follow MkDocs: defaults per host, a trailing slash, '' turns editing off")
    func repositorySettings() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("a", ["backstage.io/techdocs-ref: dir:./a"]) + "\n---\n"
                + documented("b", ["backstage.io/techdocs-ref: dir:./b"]) + "\n---\n"
                + documented("c", ["backstage.io/techdocs-ref: dir:./c"]) + "\n---\n"
                + documented("d", ["backstage.io/techdocs-ref: dir:./d"]),
            "repo/a/mkdocs.yml": "site_name: A\nrepo_url: https://bitbucket.org/acme/a\n",
            "repo/b/mkdocs.yml": "site_name: B\nrepo_url: https://github.com/acme/b\nedit_uri: edit/main/docs\n",
            "repo/c/mkdocs.yml": "site_name: C\nrepo_url: https://github.com/acme/c\nedit_uri: ''\n",
            "repo/d/mkdocs.yml": "site_name: D\nrepo_url: https://git.example.com/acme/d\n",
        ])
        for name in ["a", "b", "c", "d"] { try workspace.write("repo/\(name)/docs/index.md", "# \(name)\n") }
        let (docs, _) = workspace.docs()
        #expect(docs.sites.map(\.editURI) == ["src/default/docs/", "edit/main/docs/", nil, nil])
    }
}

@Suite("TechDocs: nav")
struct DocsNavTests {
    @Test("explicit nav: nested sections, titles, links; a missing page is reported at its line and left out")
    func explicitNav() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": """
                site_name: Service
                nav:
                  - index.md
                  - Guides:
                      - Setup: guides/setup.md
                      - ./guides/../guides/usage.md
                      - Gone: guides/gone.md
                  - Source: https://github.com/acme/svc
                  - Logo: img/logo.png
                  - Outside: ../README.md
                  - Home again: docs/index.md
                  - Page: page.html
                  - Empty: []

                """,
            "repo/docs/index.md": "# Home\n",
            "repo/docs/guides/setup.md": "# Setup\n",
            "repo/docs/guides/usage.md": "# Usage\n",
            "repo/docs/notes.md": "# Notes\n",
            "repo/docs/img/logo.png": "png",
            "repo/docs/page.html": "<p>",
            "repo/README.md": "# Readme\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        let site = try #require(docs.site(for: ref("svc")))
        #expect(site.nav == [
            .page(title: nil, path: "index.md"),
            .section(title: "Guides", children: [.page(title: "Setup", path: "guides/setup.md"), .page(title: nil, path: "guides/usage.md")]),
            .link(title: "Source", url: "https://github.com/acme/svc"),
            .link(title: "Logo", url: "img/logo.png"),
        ])
        #expect(diagnostics == [
            "repo/mkdocs.yml:2:1: info: 1 page is not in the nav ('notes.md'); it is published, reachable by links only [docs.not-in-nav]",
            "repo/mkdocs.yml:7:15: warning: nav entry 'guides/gone.md' names no page in docs_dir 'docs'; it is left out [docs.nav-missing]",
            "repo/mkdocs.yml:10:14: warning: nav entry '../README.md' points outside docs_dir 'docs'; only pages inside it are published, so it is left out [docs.nav-missing]",
            "repo/mkdocs.yml:11:17: warning: nav entry 'docs/index.md' names no page in docs_dir 'docs'; it is left out (nav paths are relative to docs_dir: did you mean 'index.md'?) [docs.nav-missing]",
            "repo/mkdocs.yml:12:11: warning: nav entry 'page.html' names a file that is not published (HTML, JavaScript, CSS and XML files are never copied); it is left out [docs.nav-missing]",
        ])
    }

    @Test("generated nav: index first, then files, then folders as sections titled like MkDocs")
    func generatedNav() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/docs/zeta.md": "# Z\n",
            "repo/docs/README.md": "# Readme home\n",
            "repo/docs/alpha.md": "# A\n",
            "repo/docs/getting-started/index.md": "# GS\n",
            "repo/docs/getting-started/b.md": "# B\n",
            "repo/docs/API_Reference/a.md": "# A\n",
            "repo/docs/empty/logo.png": "png",
        ])
        let (docs, diagnostics) = workspace.docs()
        let site = try #require(docs.site(for: ref("svc")))
        #expect(site.siteName == "svc")
        #expect(site.configFile == nil)
        #expect(site.homePage?.relativePath == "README.md")
        #expect(site.nav == [
            .page(title: nil, path: "README.md"),
            .page(title: nil, path: "alpha.md"),
            .page(title: nil, path: "zeta.md"),
            .section(title: "API Reference", children: [.page(title: nil, path: "API_Reference/a.md")]),
            .section(title: "Getting started", children: [.page(title: nil, path: "getting-started/index.md"), .page(title: nil, path: "getting-started/b.md")]),
        ])
        #expect(diagnostics == [
            "repo/catalog-info.yaml:6:32: info: no mkdocs.yaml or mkdocs.yml in 'repo': its docs/ folder is read with default settings, as newer Backstage versions do (older ones fail) [docs.config]",
        ])
    }

    @Test("README.md beside index.md and pages sharing a URL are reported, the first kept")
    func duplicateURLs() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": "site_name: S\n",
            "repo/docs/index.md": "# Home\n",
            "repo/docs/README.md": "# Readme\n",
            "repo/docs/guide.md": "# Guide\n",
            "repo/docs/guide/index.md": "# Guide index\n",
            "repo/docs/sub/README.md": "# Sub readme\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        let site = try #require(docs.site(for: ref("svc")))
        #expect(site.pages.map(\.relativePath) == ["guide.md", "index.md", "sub/README.md"])
        #expect(site.pages.map(\.urlPath) == ["guide/", "", "sub/"])
        #expect(site.skipped == [
            SkippedDocFile(relativePath: "README.md", reason: .duplicateURL),
            SkippedDocFile(relativePath: "guide/index.md", reason: .duplicateURL),
        ])
        #expect(diagnostics == [
            "repo/docs/README.md:1:1: warning: README.md is not published: index.md beside it is this folder's page (MkDocs leaves it out too) [docs.duplicate-url]",
            "repo/docs/guide/index.md:1:1: warning: 'guide/index.md' maps to the same URL 'guide/' as 'guide.md'; it is not published [docs.duplicate-url]",
        ])
    }

    @Test("no home page is a warning")
    func missingIndex() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": "site_name: S\n",
            "repo/docs/guide.md": "# Guide\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        #expect(docs.site(for: ref("svc"))?.homePage == nil)
        #expect(diagnostics == [
            "repo/docs:1:1: warning: docs folder 'repo/docs' has no index.md or README.md, so the site has no home page [docs.missing-index]",
        ])
    }

    @Test("awesome-pages .pages: title, nav with '...', retitled entries, links, sections, hide, arrange")
    func awesomePages() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": "site_name: S\nplugins:\n  - awesome-pages\n",
            "repo/docs/.pages": """
                nav:
                  - index.md
                  - guides
                  - ...
                  - Website: https://example.com
                  - Old name: zz.md
                  - gone.md

                """,
            "repo/docs/index.md": "# Home\n",
            "repo/docs/a.md": "# A\n",
            "repo/docs/zz.md": "# ZZ\n",
            "repo/docs/guides/.pages": "title: All the guides\narrange:\n  - second.md\n  - first.md\n",
            "repo/docs/guides/first.md": "# 1\n",
            "repo/docs/guides/second.md": "# 2\n",
            "repo/docs/guides/third.md": "# 3\n",
            "repo/docs/hidden/.pages": "hide: true\n",
            "repo/docs/hidden/secret.md": "# Secret\n",
            "repo/docs/more/.pages": "title: More\nnav:\n  - Group:\n      - x.md\n      - Y: y.md\n",
            "repo/docs/more/x.md": "# X\n",
            "repo/docs/more/y.md": "# Y\n",
        ])
        let (docs, diagnostics) = workspace.docs()
        let site = try #require(docs.site(for: ref("svc")))
        #expect(site.nav == [
            .page(title: nil, path: "index.md"),
            .section(title: "All the guides", children: [.page(title: nil, path: "guides/second.md"), .page(title: nil, path: "guides/first.md")]),
            .page(title: nil, path: "a.md"),
            .section(title: "More", children: [.section(title: "Group", children: [.page(title: nil, path: "more/x.md"), .page(title: "Y", path: "more/y.md")])]),
            .link(title: "Website", url: "https://example.com"),
            .page(title: "Old name", path: "zz.md"),
        ])
        // Every page is still published, in or out of the nav; .pages files are not copied.
        #expect(site.pages.count == 9)
        #expect(site.assets.isEmpty)
        #expect(diagnostics == [
            "repo/docs/.pages:7:5: warning: .pages entry 'gone.md' names no page in '.'; it is left out [docs.nav-missing]",
        ])
    }
}

@Suite("TechDocs: files")
struct DocsFilesTests {
    @Test("assets: safe types are copied; HTML, JS, CSS, XML and unknown types are skipped with a reason; hidden files ignored")
    func assetFiltering() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": "site_name: S\n",
            "repo/docs/index.md": "# Home\n",
            "repo/docs/img/Flow.PNG": "png",
            "repo/docs/img/diagram.svg": "<svg/>",
            "repo/docs/files/spec.pdf": "pdf",
            "repo/docs/files/data.json": "{}",
            "repo/docs/page.html": "<p>",
            "repo/docs/js/app.js": "alert(1)",
            "repo/docs/css/extra.css": "body{}",
            "repo/docs/feed.xml": "<rss/>",
            "repo/docs/tool.exe": "MZ",
            "repo/docs/.secret.md": "# hidden\n",
            "repo/docs/.git/config": "[core]",
        ])
        let (docs, diagnostics) = workspace.docs()
        let site = try #require(docs.site(for: ref("svc")))
        #expect(diagnostics == [])
        #expect(site.pages.map(\.relativePath) == ["index.md"])
        #expect(site.assets.map(\.relativePath) == ["files/data.json", "files/spec.pdf", "img/Flow.PNG", "img/diagram.svg"])
        #expect(site.asset(at: "img/Flow.PNG")?.size == 3)
        #expect(site.skipped == [
            SkippedDocFile(relativePath: "css/extra.css", reason: .unsafeType),
            SkippedDocFile(relativePath: "feed.xml", reason: .unsafeType),
            SkippedDocFile(relativePath: "js/app.js", reason: .unsafeType),
            SkippedDocFile(relativePath: "page.html", reason: .unsafeType),
            SkippedDocFile(relativePath: "tool.exe", reason: .unknownType),
        ])
    }

    @Test("links inside the repository are followed; links leaving it are reported and skipped")
    func symlinks() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": "site_name: S\n",
            "repo/docs/index.md": "# Home\n",
            "repo/shared/common.md": "# Common\n",
            "secret/passwords.md": "# Secret\n",
        ])
        try workspace.link("repo/docs/common.md", to: "../shared/common.md")
        try workspace.link("repo/docs/shared", to: "../shared")
        try workspace.link("repo/docs/loop", to: ".")
        try workspace.link("repo/docs/passwords.md", to: workspace.path + "/secret/passwords.md")
        let (docs, diagnostics) = workspace.docs(["repo"])
        let site = try #require(docs.site(for: ref("svc")))
        #expect(site.pages.map(\.relativePath) == ["common.md", "index.md", "shared/common.md"])
        #expect(site.skipped == [SkippedDocFile(relativePath: "passwords.md", reason: .linkOutside)])
        #expect(diagnostics == [
            "repo/docs/passwords.md:1:1: warning: 'passwords.md' is a link that leaves the repository or leads nowhere; it is not published [input.symlink-outside]",
        ])
    }

    @Test("oversized pages and folders with too many files are reported")
    func limits() throws {
        let workspace = try Workspace([
            "repo/catalog-info.yaml": documented("svc", ["backstage.io/techdocs-ref: dir:."]),
            "repo/mkdocs.yml": "site_name: S\n",
            "repo/docs/index.md": "# Home\n",
            "repo/docs/big.md": String(repeating: "x", count: 300),
            "repo/docs/c.md": "# C\n",
            "repo/docs/d.md": "# D\n",
        ])
        let (docs, diagnostics) = workspace.docs(limits: InputLimits(maxFileBytes: 256, maxDocsFiles: 3))
        let site = try #require(docs.site(for: ref("svc")))
        #expect(site.pages.map(\.relativePath) == ["c.md", "d.md"])
        #expect(site.skipped == [SkippedDocFile(relativePath: "big.md", reason: .tooLarge)])
        #expect(diagnostics == [
            "repo/docs:1:1: warning: docs folder 'repo/docs' has no index.md or README.md, so the site has no home page [docs.missing-index]",
            "repo/docs:1:1: warning: the docs folder holds more than 3 files; the rest (from 'index.md' on) are left out [docs.too-many-files]",
            "repo/docs/big.md:1:1: warning: page is 300 bytes, over the limit of 256 bytes; it is not published [input.too-large]",
        ])
    }
}
