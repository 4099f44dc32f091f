import Foundation
@testable import PortalCommandLine
import PortalKit
import Testing

/// A small organisation before a change, as repository folder → descriptor text.
private let before: [String: String] = [
    "org/catalog-info.yaml": """
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: {name: team-a}
        spec: {type: team, children: []}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: {name: team-b}
        spec: {type: team, children: []}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: System
        metadata: {name: shop}
        spec: {owner: team-a}
        """,
    "web/catalog-info.yaml": """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: web}
        spec: {type: website, owner: team-a, lifecycle: production, system: shop, consumesApis: [orders-api, billing-api], dependsOn: [component:legacy]}
        """,
    "legacy/catalog-info.yaml": """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: legacy}
        spec: {type: library, owner: team-a, lifecycle: deprecated}
        """,
    "orders/catalog-info.yaml": """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: orders-service}
        spec: {type: service, owner: team-a, lifecycle: production, providesApis: [orders-api]}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: {name: orders-api}
        spec: {type: openapi, owner: team-a, lifecycle: production, definition: "openapi: 3.0.0"}
        """,
    "billing/catalog-info.yaml": """
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: {name: billing-api}
        spec: {type: openapi, owner: team-b, lifecycle: production, definition: "openapi: 3.0.0"}
        """,
    "ledger/catalog-info.yaml": """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: ledger}
        spec: {type: service, owner: team-b, lifecycle: production, providesApis: [ledger-api]}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: API
        metadata: {name: ledger-api}
        spec: {type: openapi, owner: team-b, lifecycle: production, definition: "openapi: 3.0.0"}
        """,
]

/// The same organisation after a change that does one of each kind of change.
private var after: [String: String] {
    var files = before
    files["web/catalog-info.yaml"] = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: web}
        spec: {type: website, owner: team-b, lifecycle: experimental, dependsOn: [component:legacy]}
        """
    files["legacy/catalog-info.yaml"] = nil
    files["billing/catalog-info.yaml"] = nil
    files["orders/catalog-info.yaml"] = files["orders/catalog-info.yaml"]!.replacingOccurrences(of: "name: orders-service", with: "name: order-service")
    files["ledger/catalog-info.yaml"] = files["ledger/catalog-info.yaml"]!.replacingOccurrences(of: ", providesApis: [ledger-api]", with: "")
    files["search/catalog-info.yaml"] = """
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: {name: search}
        spec: {type: service, owner: team-b, lifecycle: experimental}
        """
    return files
}

/// A temporary folder with `old` and `new` roots; the caller removes it.
private func roots(old: [String: String], new: [String: String]) throws -> String {
    var files: [String: String] = [:]
    for (path, text) in old { files["old/" + path] = text }
    for (path, text) in new { files["new/" + path] = text }
    return try folder(files)
}

@Suite("diff")
struct DiffActionTests {
    @Test("diff of two built catalog.json files prints the Markdown pull-request comment")
    func markdownFromCatalogJSON() throws {
        let base = try roots(old: before, new: after)
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(BuildAction(roots: [base + "/old"], output: base + "/old-site").perform().written)
        #expect(BuildAction(roots: [base + "/new"], output: base + "/new-site").perform().written)
        let outcome = DiffAction(old: base + "/old-site/catalog.json", new: base + "/new-site/catalog.json", format: .markdown).perform()
        #expect(outcome.status == 0)
        #expect(outcome.errors == "")
        #expect(outcome.output == expectedMarkdown)

        let fromRoots = DiffAction(old: base + "/old", new: base + "/new", format: .markdown).perform()
        #expect(fromRoots.output == expectedMarkdown, "ROOTs and their catalog.json files compare the same")
    }
    @Test("docs pages added, removed and newly broken, from ROOTs and from built sites alike; a renamed entity keeps its pages")
    func docsPages() throws {
        let descriptor = { (name: String) in
            """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata: {name: \(name), annotations: {backstage.io/techdocs-ref: dir:.}}
            spec: {type: service, owner: team-a, lifecycle: production}
            """
        }
        let old = [
            "svc/catalog-info.yaml": descriptor("svc"),
            "svc/mkdocs.yml": "site_name: Service\n",
            "svc/docs/index.md": "# Service\n\nSee [setup](setup.md) and [the old way](old.md#steps).\n",
            "svc/docs/setup.md": "# Setup\n\n## Install\n\nBack [home](index.md). A [broken link](nowhere.md) that was already there.\n",
            "svc/docs/old.md": "# Old\n\n## Steps\n",
            "lib/catalog-info.yaml": descriptor("lib"),
            "lib/mkdocs.yml": "site_name: Library\n",
            "lib/docs/index.md": "# Library\n",
        ]
        var new = old
        new["svc/docs/old.md"] = nil
        new["svc/docs/index.md"] = "# Service\n\nSee [setup](setup.md#configure) and [the old way](old.md#steps).\n"
        new["svc/docs/new.md"] = "# New\n\n![diagram](diagram.png)\n"
        new["svc/docs/setup.md"] = "# Setup\n\nAn edit above moves the line.\n\n## Install\n\nBack [home](index.md). A [broken link](nowhere.md) that was already there.\n"
        new["lib/catalog-info.yaml"] = descriptor("library")
        let base = try roots(old: old, new: new)
        defer { try? FileManager.default.removeItem(atPath: base) }

        let expected = """
            ## Catalog changes

            **6 changes: 1 renamed, 1 docs-added, 1 docs-removed, 3 docs-broken**

            ### Renamed (1)

            | Old | New |
            | --- | --- |
            | `component:default/lib` | `component:default/library` |

            ### Docs pages added (1)

            | Entity | Page |
            | --- | --- |
            | `component:default/svc` | `new.md` |

            ### Docs pages removed (1)

            | Entity | Page |
            | --- | --- |
            | `component:default/svc` | `old.md` |

            ### Docs pages with new broken links (3)

            | Entity | Page | Problem |
            | --- | --- | --- |
            | `component:default/svc` | `index.md` | line 3: '\\#configure' is not a heading on setup\\.md \\[docs\\.missing\\-anchor\\] |
            | `component:default/svc` | `index.md` | line 3: link target 'old\\.md' does not exist \\[docs\\.broken\\-link\\] |
            | `component:default/svc` | `new.md` | line 3: image target 'diagram\\.png' does not exist \\[docs\\.missing\\-image\\] |

            """
        let fromRoots = DiffAction(old: base + "/old", new: base + "/new", format: .markdown, failOn: [.docsBroken]).perform()
        #expect(fromRoots.output == expected)
        #expect(fromRoots.status == 1, "--fail-on docs-broken")
        #expect(fromRoots.errors == "")

        #expect(BuildAction(roots: [base + "/old"], output: base + "/old-site").perform().written)
        #expect(BuildAction(roots: [base + "/new"], output: base + "/new-site").perform().written)
        let fromSites = DiffAction(old: base + "/old-site/catalog.json", new: base + "/new-site/catalog.json", format: .markdown).perform()
        #expect(fromSites.output == expected, "built sites compare like their ROOTs")
        #expect(fromSites.status == 0)

        // Without docs.json beside a catalog.json, only the catalog is compared, and a note says so.
        try FileManager.default.removeItem(atPath: base + "/old-site/docs.json")
        let withoutDocs = DiffAction(old: base + "/old-site/catalog.json", new: base + "/new", failOn: [.docsBroken]).perform()
        #expect(withoutDocs.output == "renamed component:default/lib: component:default/library\n1 change: 1 renamed\n")
        #expect(withoutDocs.errors.contains("note: docs pages are not compared: there is no docs.json beside \(base)/old-site/catalog.json"))
        #expect(withoutDocs.status == 0)
    }

    @Test("text output is a line per change and a summary; no changes says so")
    func text() throws {
        let base = try roots(old: before, new: after)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let outcome = DiffAction(old: base + "/old", new: base + "/new").perform()
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "added component:default/search")
        #expect(lines.contains("renamed component:default/orders-service: component:default/order-service"))
        #expect(lines.contains("owner-changed component:default/web: group:default/team-a → group:default/team-b"))
        #expect(lines.contains("system-changed component:default/web: system:default/shop → (none)"))
        #expect(lines.contains("dangling component:default/web: dependsOn component:default/legacy"))
        #expect(lines.contains("removed-api api:default/billing-api: had 1 consumer"))
        #expect(lines.last == "14 changes: 1 added, 2 removed, 1 renamed, 1 owner-changed, 1 lifecycle-changed, 1 system-changed, "
            + "3 relation-removed, 1 dangling, 1 removed-api, 1 orphaned-api, 1 unprovided-api", "an owner or system change is not repeated as relation changes")
        #expect(DiffAction(old: base + "/old", new: base + "/old").perform().output == "no changes\n")
    }

    @Test("json output lists every change with kind, ref, old and new, and counts per kind")
    func json() throws {
        let base = try roots(old: before, new: after)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let outcome = DiffAction(old: base + "/old", new: base + "/new", format: .json).perform()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["relation-removed"] == 3)
        #expect(summary["renamed"] == 1)
        let changes = try #require(object["changes"] as? [[String: String]])
        #expect(changes.count == 14)
        #expect(changes.contains(["kind": "lifecycle-changed", "ref": "component:default/web", "old": "production", "new": "experimental"]))
    }

    @Test("--fail-on exits 1 only when a change of a listed kind happened")
    func failOn() throws {
        let base = try roots(old: before, new: after)
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(DiffAction(old: base + "/old", new: base + "/new").perform().status == 0, "no --fail-on: exit 0")
        #expect(DiffAction(old: base + "/old", new: base + "/new", failOn: [.dangling]).perform().status == 1)
        #expect(DiffAction(old: base + "/old", new: base + "/new", failOn: [.removedAPI, .added]).perform().status == 1)
        #expect(DiffAction(old: base + "/new", new: base + "/new", failOn: Set(CatalogChangeKind.allCases)).perform().status == 0)
        var onlyAdded = before
        onlyAdded["search/catalog-info.yaml"] = after["search/catalog-info.yaml"]
        let grown = try roots(old: before, new: onlyAdded)
        defer { try? FileManager.default.removeItem(atPath: grown) }
        let outcome = DiffAction(old: grown + "/old", new: grown + "/new", failOn: [.removed, .orphanedAPI, .dangling]).perform()
        #expect(outcome.output == "added component:default/search\n1 change: 1 added\n")
        #expect(outcome.status == 0)
    }

    @Test("a malformed catalog.json or a missing input exits 2 with a path:line:col diagnostic")
    func unreadable() throws {
        let base = try folder(["broken.json": "{\"items\": [\n  {\"kind\": \"Component\",\n", "old/repo/catalog-info.yaml": before["legacy/catalog-info.yaml"]!])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let broken = DiffAction(old: base + "/old", new: base + "/broken.json").perform()
        #expect(broken.status == 2)
        #expect(broken.output == "")
        #expect(broken.errors.hasPrefix(base + "/broken.json:3:1: error: "), "\(broken.errors)")
        #expect(broken.errors.hasSuffix(" [overlay.invalid]\n"), "\(broken.errors)")
        let missing = DiffAction(old: base + "/nothing.json", new: base + "/old", failOn: [.added]).perform()
        #expect(missing.status == 2)
        #expect(missing.errors == "\(base)/nothing.json:1:1: error: '\(base)/nothing.json' does not exist [input.missing]\n")
    }

    @Test("a ROOT's descriptor errors go to standard error and the comparison still runs")
    func rootWithErrors() throws {
        var broken = before
        broken["legacy/catalog-info.yaml"] = "kind: [\n"
        let base = try roots(old: before, new: broken)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let outcome = DiffAction(old: base + "/old", new: base + "/new").perform()
        #expect(outcome.status == 0)
        #expect(outcome.errors.hasPrefix(base + "/new/legacy/catalog-info.yaml:"), "\(outcome.errors)")
        #expect(outcome.errors.hasSuffix(" [yaml.syntax]\n"), "\(outcome.errors)")
        #expect(outcome.changes.contains(CatalogChange(kind: .removed, ref: EntityRef(kind: "component", namespace: "default", name: "legacy"))))
    }

    @Test("hostile names from a catalog.json are escaped in Markdown: no HTML, no broken table")
    func hostileNames() throws {
        func catalog(_ names: [String], owner: String) -> String {
            let items = names.map { name in
                #"{"apiVersion": "backstage.io/v1alpha1", "kind": "Component", "metadata": {"name": "\#(name)", "namespace": "default"}, "#
                    + #""spec": {"owner": "\#(owner)"}, "relations": []}"#
            }
            return #"{"items": ["# + items.joined(separator: ", ") + "]}"
        }
        let base = try folder(["old.json": catalog(["web"], owner: "team-a"),
                                 "new.json": catalog(["web", "<script>alert(1)</script>", "a|b`c"], owner: "<b>x|y</b>")])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let outcome = DiffAction(old: base + "/old.json", new: base + "/new.json", format: .markdown).perform()
        #expect(outcome.status == 0)
        #expect(outcome.output == """
            ## Catalog changes

            **3 changes: 2 added, 1 owner-changed**

            ### Added (2)

            - component:default/&lt;script&gt;alert\\(1\\)&lt;/script&gt;
            - component:default/a\\|b\\`c

            ### Owner changed (1)

            | Entity | Old | New |
            | --- | --- | --- |
            | `component:default/web` | `team-a` | &lt;b&gt;x\\|y&lt;/b&gt; |

            """)
        #expect(!outcome.output.contains("<"))
    }

    @Test("diff takes two inputs, a format and comma-separated --fail-on kinds, and refuses unknown kinds")
    func parsing() throws {
        let command = try DiffCommand.parse(["old.json", "new", "--format", "markdown", "--fail-on", "dangling, removed-api"])
        #expect(command.old == "old.json" && command.new == "new" && command.format == .markdown)
        #expect(try command.failKinds() == [.dangling, .removedAPI])
        #expect(throws: (any Error).self) { try DiffCommand.parse(["a", "b", "--fail-on", "added,bogus"]) }
        #expect(throws: (any Error).self) { try DiffCommand.parse(["a"]) }
    }

    @Test("renames pair a removed and an added entity by descriptor file and type, or by title")
    func renames() {
        func ref(_ name: String, kind: String = "component") -> EntityRef { EntityRef(kind: kind, namespace: "default", name: name) }
        let old = DiffCatalog([
            DiffEntity(ref: ref("a"), kind: "Component", type: "service", location: "file:repo/catalog-info.yaml"),
            DiffEntity(ref: ref("b"), kind: "Component", title: "Billing", type: "service", location: "file:b/catalog-info.yaml"),
            DiffEntity(ref: ref("c"), kind: "Component", type: "service", location: "file:c/catalog-info.yaml"),
        ])
        let new = DiffCatalog([
            DiffEntity(ref: ref("a2"), kind: "Component", type: "service", location: "file:repo/catalog-info.yaml"),
            DiffEntity(ref: ref("b2"), kind: "Component", title: "Billing", type: "library", location: "file:elsewhere.yaml"),
            DiffEntity(ref: ref("c", kind: "api"), kind: "API", type: "service", location: "file:c/catalog-info.yaml"),
        ])
        #expect(CatalogDiff().changes(from: old, to: new) == [
            CatalogChange(kind: .added, ref: ref("c", kind: "api")),
            CatalogChange(kind: .removed, ref: ref("c")),
            CatalogChange(kind: .renamed, ref: ref("a"), old: "component:default/a", new: "component:default/a2"),
            CatalogChange(kind: .renamed, ref: ref("b"), old: "component:default/b", new: "component:default/b2"),
        ])
    }
}

private let expectedMarkdown = """
    ## Catalog changes

    **14 changes: 1 added, 2 removed, 1 renamed, 1 owner-changed, 1 lifecycle-changed, 1 system-changed, 3 relation-removed, 1 dangling, 1 removed-api, 1 orphaned-api, 1 unprovided-api**

    ### Added (1)

    - `component:default/search`

    ### Removed (2)

    - `api:default/billing-api`
    - `component:default/legacy`

    ### Renamed (1)

    | Old | New |
    | --- | --- |
    | `component:default/orders-service` | `component:default/order-service` |

    ### Owner changed (1)

    | Entity | Old | New |
    | --- | --- | --- |
    | `component:default/web` | `group:default/team-a` | `group:default/team-b` |

    ### Lifecycle changed (1)

    | Entity | Old | New |
    | --- | --- | --- |
    | `component:default/web` | `production` | `experimental` |

    ### System changed (1)

    | Entity | Old | New |
    | --- | --- | --- |
    | `component:default/web` | `system:default/shop` | — |

    ### Relations removed (3)

    | Entity | Relation |
    | --- | --- |
    | `component:default/ledger` | `providesApi api:default/ledger-api` |
    | `component:default/web` | `consumesApi api:default/billing-api` |
    | `component:default/web` | `consumesApi api:default/orders-api` |

    ### Dangling references (1)

    | Entity | Relation |
    | --- | --- |
    | `component:default/web` | `dependsOn component:default/legacy` |

    ### APIs removed while in use (1)

    - `api:default/billing-api` (had 1 consumer)

    ### APIs that lost their last consumer (1)

    - `api:default/orders-api`

    ### APIs that lost their last provider (1)

    - `api:default/ledger-api`

    """
