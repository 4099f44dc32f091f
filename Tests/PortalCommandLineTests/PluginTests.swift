import Foundation
import Testing
@testable import PortalCommandLine
import PortalKit

/// Plugins end to end: small `/bin/sh` scripts in the test's folder stand in for real plugins.
@Suite("plugins: external programs contributing to the site")
struct PluginTests {
    static let group = IncrementalBuildTests.group

    static func component(_ name: String, description: String = "A service.") -> String {
        IncrementalBuildTests.component(name, description: description)
    }

    /// A plugin-v1 answer with one of each contribution.
    static let answer = """
        {"protocol": "portal-build/plugin-v1",
         "entityContent": [{"entity": "component:default/alpha", "title": "On-call", "placement": "card", "markdown": "## Relations\\n\\nPaged by **team-a**. See [beta](portal:component:default/beta) and [above](#relations)."}],
         "pages": [{"path": "report", "title": "Cost report", "nav": true, "markdown": "## Costs\\n\\nAlpha costs little."}],
         "search": [{"title": "Cost report", "text": "monthly cloud spend per service", "url": "report"}],
         "diagnostics": [{"severity": "warning", "id": "stale-owner", "message": "alpha's owner has not confirmed in 90 days", "entity": "component:default/alpha"}]}
        """

    /// A folder with two components (one with docs), `portal.yaml` listing `plugins` and the scripts.
    static func project(plugins: String, scripts: [String: String] = [:], files: [String: String] = [:]) throws -> String {
        var all = [
            "repos/team/catalog-info.yaml": group,
            "repos/alpha/catalog-info.yaml": component("alpha"),
            "repos/alpha/docs/index.md": "# Alpha\n\nThe alpha service.\n",
            "repos/beta/catalog-info.yaml": component("beta"),
            "repos/beta/docs/index.md": "# Beta\n",
            "repos/portal.yaml": "title: Test Portal\nplugins:\n" + plugins,
            "repos/answer.json": answer,
        ]
        for (name, body) in scripts { all["repos/" + name] = "#!/bin/sh\n" + body + "\n" }
        all.merge(files) { $1 }
        let base = try folder(all)
        for name in scripts.keys { chmod(base + "/repos/" + name, 0o755) }
        return base
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    @Test("round trip: the plugin reads the catalog on stdin and its card, page, nav entry, search document and diagnostic reach the site")
    func roundTrip() throws {
        let base = try Self.project(plugins: "  - name: costs\n    command: [./costs.sh]\n    options: {currency: EUR}\n",
                                    scripts: ["costs.sh": "cat > input.json\ncat answer.json"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let outcome = BuildAction(roots: [base + "/repos"], output: base + "/site").perform()
        let site = base + "/site/"

        let input = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + "/repos/input.json"))) as! [String: Any]
        #expect(input["protocol"] as? String == "portal-build/plugin-v1")
        #expect((input["portal"] as? [String: Any])?["title"] as? String == "Test Portal")
        let plugin = input["plugin"] as? [String: Any]
        #expect(plugin?["name"] as? String == "costs")
        #expect((plugin?["options"] as? [String: Any])?["currency"] as? String == "EUR")
        let items = (input["catalog"] as? [String: Any])?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 3)
        #expect(items.contains { ($0["relations"] as? [[String: Any]])?.contains { $0["type"] as? String == "ownedBy" } == true }, "relations are included")
        let sites = (input["docs"] as? [String: Any])?["sites"] as? [[String: Any]] ?? []
        #expect(sites.map { $0["entity"] as? String } == ["component:default/alpha", "component:default/beta"])

        let alpha = Self.read(site + "catalog/default/component/alpha/index.html")
        #expect(alpha.contains("<h2 id=\"plugin-costs-1\">On-call</h2>"))
        #expect(alpha.contains("Paged by <strong>team-a</strong>"))
        #expect(alpha.contains("href=\"../beta/\""), "portal: links resolve to the entity page")
        #expect(alpha.contains("<h2 id=\"plugin-costs-relations\""), "a card's heading ids cannot clash with the page's own (#relations)")
        #expect(alpha.contains("href=\"#plugin-costs-relations\""))
        let page = Self.read(site + "plugins/costs/report/index.html")
        #expect(page.contains("<h1>Cost report</h1>"))
        #expect(page.contains("Alpha costs little."))
        #expect(page.contains("<a href=\"../../../plugins/costs/report/\" aria-current=\"page\">Cost report</a>"), "the page's own nav entry is current")
        #expect(Self.read(site + "index.html").contains("<a href=\"./plugins/costs/report/\">Cost report</a>"), "every page links to it")
        let search = try FileManager.default.contentsOfDirectory(atPath: site + "search/docs").map { Self.read(site + "search/docs/" + $0) }.joined()
        #expect(search.contains("\"plugins/costs/report/\""))
        let diagnostic = outcome.diagnostics.first { $0.id.rawValue == "plugin.costs.stale-owner" }
        #expect(diagnostic?.severity == .warning)
        #expect(diagnostic?.location.file.hasSuffix("repos/alpha/catalog-info.yaml") == true, "an entity's diagnostic points at its descriptor")
        #expect(outcome.output.contains("[5/7] Running 1 plugin") == false, "stage lines go to progress, not the report")
    }

    @Test("failure isolation: each broken plugin yields one diagnostic naming it and the good plugin's page is still built")
    func failureIsolation() throws {
        let plugins = ["good: [./good.sh]", "crash: [./crash.sh]", "garbage: [./garbage.sh]", "old: [./old.sh]", "absent: [./absent.sh]", "flood: [./flood.sh]"]
            .map { "  - name: " + $0.replacingOccurrences(of: ": [", with: "\n    command: [") + "\n" }.joined()
        let base = try Self.project(plugins: plugins, scripts: [
            "good.sh": "cat answer.json",
            "crash.sh": "echo 'boom: database unreachable' >&2\nexit 3",
            "garbage.sh": "echo '{\"protocol\": \"portal-build/plugin-v1\", nope'",
            "old.sh": "echo '{\"protocol\": \"portal-build/plugin-v0\", \"pages\": []}'",
            "flood.sh": "head -c 17000000 /dev/zero | tr '\\\\0' x",
        ])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let outcome = BuildAction(roots: [base + "/repos"], output: base + "/site").perform()
        #expect(outcome.written)
        #expect(FileManager.default.fileExists(atPath: base + "/site/plugins/good/report/index.html"))
        func only(_ plugin: String) -> [Diagnostic] { outcome.diagnostics.filter { $0.message.contains("plugin '\(plugin)'") } }
        #expect(only("good").isEmpty)
        let expected: [(String, DiagnosticID, String)] = [
            ("crash", .pluginFailed, "exited with status 3; its contributions are left out; stderr: boom: database unreachable"),
            ("garbage", .pluginInvalidOutput, "does not parse as JSON"),
            ("old", .pluginInvalidOutput, "not \"portal-build/plugin-v1\""),
            ("absent", .pluginNotFound, "'./absent.sh' is not an executable file"),
            ("flood", .pluginInvalidOutput, "wrote more than 16777216 bytes to stdout"),
        ]
        for (plugin, id, text) in expected {
            let found = only(plugin)
            #expect(found.count == 1, "\(plugin): \(found)")
            #expect(found.first?.id == id, "\(plugin)")
            #expect(found.first?.severity == .error)
            #expect(found.first?.message.contains(text) == true, "\(plugin): \(found.first?.message ?? "")")
            #expect(found.first?.location.file.hasSuffix("repos/portal.yaml") == true, "at the plugin's entry in portal.yaml")
        }
    }

    @Test("time limit: a plugin that sleeps past its timeout is stopped within a few seconds and reported")
    func timeLimit() throws {
        let base = try Self.project(plugins: "  - name: slow\n    command: [./slow.sh]\n    timeout: 1\n  - name: quiet\n    command: [./quiet.sh]\n    timeout: 1\n"
                                        + "  - name: good\n    command: [./good.sh]\n",
                                    scripts: ["slow.sh": "sleep 30 &\nsleep 30", "quiet.sh": "exec >&- 2>&-\nsleep 30", "good.sh": "cat answer.json"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let start = ContinuousClock.now
        let outcome = BuildAction(roots: [base + "/repos"], output: base + "/site").perform()
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(15), "took \(elapsed)")
        let timeout = outcome.diagnostics.filter { $0.id == .pluginTimeout }
        #expect(timeout.count == 2)
        #expect(timeout.contains { $0.message.contains("plugin 'slow' did not finish within its time limit of 1 s") })
        #expect(timeout.contains { $0.message.contains("plugin 'quiet' did not finish") }, "closing stdout does not end the time limit")
        #expect(FileManager.default.fileExists(atPath: base + "/site/plugins/good/report/index.html"))
    }

    @Test("untrusted content: script, event handlers and javascript: URLs in plugin HTML, Markdown, SVG and titles never reach a page")
    func sanitising() throws {
        let hostile = """
            {"protocol": "portal-build/plugin-v1",
             "entityContent": [
               {"entity": "component:default/alpha", "title": "<script>alert(1)</script>", "html": "<p>hi</p><script>alert(2)</script><img src=x onerror=alert(3)>"},
               {"entity": "component:default/alpha", "title": "md", "placement": "tab", "markdown": "<script>alert(4)</script>\\n\\n[x](javascript:alert(5)) <img src=y onerror=alert(6)>"}],
             "pages": [{"path": "evil", "title": "</title><script>alert(7)</script>", "nav": true,
                        "html": "<a href=\\"javascript:alert(8)\\">x</a><iframe src=\\"https://evil.example\\"></iframe>",
                        "svg": "<svg xmlns=\\"http://www.w3.org/2000/svg\\"><script>alert(9)</script><circle r=\\"4\\" onclick=\\"alert(10)\\"/></svg>"}]}
            """
        let base = try Self.project(plugins: "  - name: evil\n    command: [./evil.sh]\n", scripts: ["evil.sh": "cat hostile.json"],
                                    files: ["repos/hostile.json": hostile])
        defer { try? FileManager.default.removeItem(atPath: base) }
        _ = BuildAction(roots: [base + "/repos"], output: base + "/site").perform()
        let pages = [base + "/site/catalog/default/component/alpha/index.html", base + "/site/plugins/evil/evil/index.html", base + "/site/index.html"]
        for path in pages {
            let html = Self.read(path)
            #expect(!html.isEmpty, "\(path) was written")
            for needle in ["<script>alert", "onerror=", "onclick=", "href=\"javascript:", "<iframe"] where html.contains(needle) {
                Issue.record("\(path) contains \(needle)")
            }
        }
        #expect(!Self.read(pages[0]).contains("<script>"), "titles are escaped")
        #expect(Self.read(pages[1]).contains("<circle r=\"4\"/>"), "the SVG is kept without its script and handler")
    }

    @Test("incremental: a plugin whose input and program are unchanged is not run again; a changed catalog runs it")
    func cacheReuse() throws {
        let base = try Self.project(plugins: "  - name: counted\n    command: [./counted.sh]\n",
                                    scripts: ["counted.sh": "cat > /dev/null\necho run >> runs.txt\ncat answer.json"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        let runs = { Self.read(base + "/repos/runs.txt").split(separator: "\n").count }
        _ = action.perform()
        #expect(runs() == 1)
        // A docs page is not part of the plugin's input: the site is rebuilt, the plugin is not run.
        try "# Alpha\n\nChanged text.\n".write(toFile: base + "/repos/alpha/docs/index.md", atomically: true, encoding: .utf8)
        let second = action.perform()
        #expect(second.report != nil, "the site was rebuilt")
        #expect(runs() == 1, "the cached output was used")
        #expect(Self.read(base + "/site/catalog/default/component/alpha/index.html").contains("On-call"), "with its contributions")
        try Self.component("alpha", description: "Changed.").write(toFile: base + "/repos/alpha/catalog-info.yaml", atomically: true, encoding: .utf8)
        _ = action.perform()
        #expect(runs() == 2, "a changed catalog is a changed input")
        _ = BuildAction(roots: [base + "/repos"], output: base + "/site", clean: true).perform()
        #expect(runs() == 3, "--clean ignores the cache")
    }

    @Test("--no-plugins: none runs and none of their contributions is on the site; the next build with plugins runs them")
    func noPlugins() throws {
        let base = try Self.project(plugins: "  - name: counted\n    command: [./counted.sh]\n",
                                    scripts: ["counted.sh": "cat > /dev/null\necho run >> runs.txt\ncat answer.json"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let without = BuildAction(roots: [base + "/repos"], output: base + "/site", runsPlugins: false).perform()
        #expect(without.passed, "\(without.output)")
        #expect(!FileManager.default.fileExists(atPath: base + "/repos/runs.txt"))
        #expect(!Self.read(base + "/site/catalog/default/component/alpha/index.html").contains("On-call"))
        #expect(!FileManager.default.fileExists(atPath: base + "/site/plugins"))
        let with = BuildAction(roots: [base + "/repos"], output: base + "/site").perform()
        #expect(with.report != nil, "not up to date: the plugins are part of the settings")
        #expect(Self.read(base + "/repos/runs.txt") == "run\n")
        #expect(Self.read(base + "/site/catalog/default/component/alpha/index.html").contains("On-call"))
    }

    @Test("serve: a docs-only rebuild keeps the plugins' contributions without running them; a descriptor edit runs them again")
    func serveKeepsContributions() throws {
        let base = try Self.project(plugins: "  - name: counted\n    command: [./counted.sh]\n",
                                    scripts: ["counted.sh": "cat > /dev/null\necho run >> runs.txt\ncat answer.json"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let action = BuildAction(roots: [base + "/repos"], output: base + "/site")
        let runs = { Self.read(base + "/repos/runs.txt").split(separator: "\n").count }
        let rebuilds = PreviewRebuilds(build: action, output: base + "/site", first: action.perform(keepsSession: true), print: { _ in })
        #expect(runs() == 1)
        let page = base + "/repos/alpha/docs/index.md"
        try "# Alpha\n\nEdited while serving.\n".write(toFile: page, atomically: true, encoding: .utf8)
        let docs = rebuilds.rebuild(changes: [page]) { _ in true }
        #expect(docs.report.contains("docs pages only"), "\(docs.report)")
        #expect(runs() == 1)
        #expect(docs.diagnostics.contains { $0.id.rawValue == "plugin.counted.stale-owner" }, "the plugin's diagnostics stay")
        #expect(Self.read(base + "/site/catalog/default/component/alpha/index.html").contains("On-call"))
        let descriptor = base + "/repos/beta/catalog-info.yaml"
        try Self.component("beta", description: "Edited.").write(toFile: descriptor, atomically: true, encoding: .utf8)
        _ = rebuilds.rebuild(changes: [descriptor]) { _ in true }
        #expect(runs() == 2, "a full rebuild runs the plugins on the new catalog")
        #expect(FileManager.default.fileExists(atPath: base + "/site/plugins/counted/report/index.html"))
    }

    @Test("content/ builds with the Tech Radar: portal-tech-radar is found beside the running binary, its page, nav entry and cards are on the site")
    func contentTechRadar() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../content").standardized.path
        let output = try folder([:]) + "/site"
        defer { try? FileManager.default.removeItem(atPath: Path.directory(of: output)) }
        let outcome = BuildAction(roots: [content], output: output).perform()
        #expect(outcome.diagnostics.filter { $0.id.rawValue.hasPrefix("plugin.") } == [], "\(outcome.output)")
        let radar = Self.read(output + "/plugins/tech-radar/radar/index.html")
        #expect(radar.contains("<h1>Tech Radar</h1>"))
        #expect(radar.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\""))
        #expect(radar.contains("<a href=\"../../../catalog/default/resource/rides-db/\">PostgreSQL</a>"), "entries link to their entities")
        #expect(Self.read(output + "/catalog/default/component/rides-service/index.html").contains(">Tech Radar</a>"), "the header links to it")
        #expect(Self.read(output + "/catalog/default/component/legacy-dispatch/index.html").contains("Tech Radar: Hold in Platforms"))
    }

    @Test("check runs plugins only with --plugins")
    func checkRunsPluginsOnlyWhenAsked() throws {
        let base = try Self.project(plugins: "  - name: counted\n    command: [./counted.sh]\n",
                                    scripts: ["counted.sh": "echo run >> runs.txt\ncat answer.json"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let without = CheckAction(roots: [base + "/repos"]).perform()
        #expect(!FileManager.default.fileExists(atPath: base + "/repos/runs.txt"))
        #expect(!without.output.contains("plugin.counted"))
        let with = CheckAction(roots: [base + "/repos"], runsPlugins: true).perform()
        #expect(Self.read(base + "/repos/runs.txt") == "run\n")
        #expect(with.output.contains("warning: alpha's owner has not confirmed in 90 days [plugin.counted.stale-owner]"), "\(with.output)")
    }

    @Test("bad plugin entries in portal.yaml are config.invalid at the offending value; the good entry is kept")
    func configErrors() throws {
        let base = try folder(["portal.yaml": """
            plugins:
              - name: Bad_Name
                command: [x]
              - name: ok
                command: tool --flag value
                timeout: 900
                colour: red
              - name: ok
                command: [y]
              - name: nocommand

            """])
        defer { try? FileManager.default.removeItem(atPath: base) }
        var diagnostics = Diagnostics()
        let config = PortalConfig.load(path: base + "/portal.yaml", explicit: true, into: &diagnostics)
        #expect(config.plugins.map(\.name) == ["ok"])
        #expect(config.plugins.first?.command == ["tool", "--flag", "value"])
        #expect(config.plugins.first?.timeout == 30)
        let lines = diagnostics.items.map { "\($0.location.line):\($0.location.column) \($0.id.rawValue) \($0.message)" }
        #expect(lines == [
            "2:11 config.invalid plugin name 'Bad_Name' must be lowercase letters, digits and '-'",
            "6:14 config.invalid 'timeout' of plugin 'ok' must be a whole number of seconds from 1 to 600",
            "7:5 config.unknown-key unknown key 'colour' in plugin 'ok'",
            "8:11 config.invalid plugin 'ok' is listed twice",
            "10:5 config.invalid plugin 'nocommand' needs a 'command' (a list: program, then arguments)",
        ], "\(lines)")
    }
}

/// The protocol's JSON Schemas as README publishes them, checked against what portal-build
/// really sends and accepts.
@Suite("plugins: the README's JSON Schemas")
struct PluginSchemaTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md").standardized.path

    /// The fenced JSON block after `<!-- schema: name -->` in README.
    static func schema(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: readme, encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- schema: \(name) -->\n```json\n"))
        let end = try #require(text.range(of: "\n```", range: marker.upperBound..<text.endIndex))
        return try JSONSerialization.jsonObject(with: Data(text[marker.upperBound..<end.lowerBound].utf8)) as! [String: Any]
    }

    /// The problems of `value` under `schema`: type, const, enum, required, properties, items and pattern.
    static func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        var found: [String] = []
        if let expected = schema["const"] as? String, value as? String != expected { found.append("\(path): not \(expected)") }
        if let choices = schema["enum"] as? [String], !choices.contains(value as? String ?? "") { found.append("\(path): not one of \(choices)") }
        let types = (schema["type"] as? [String]) ?? (schema["type"] as? String).map { [$0] } ?? []
        if !types.isEmpty {
            let matches = types.contains { type in
                switch type {
                case "object": value is [String: Any]
                case "array": value is [Any]
                case "string": value is String
                case "null": value is NSNull
                case "boolean": value is Bool
                case "integer": value is Int
                default: true
                }
            }
            if !matches { found.append("\(path): not \(types)") }
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String, text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path): '\(text)' does not match \(pattern)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path): no \(key)") }
            for (key, sub) in schema["properties"] as? [String: [String: Any]] ?? [:] {
                if let child = object[key] { found += problems(child, sub, at: path + "." + key) }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    @Test("real plugin input matches the input schema; an answer the parser accepts matches the output schema")
    func schemasMatch() throws {
        let input = try Self.schema("plugin-input"), output = try Self.schema("plugin-output")
        let base = try PluginTests.project(plugins: "  - name: costs\n    command: [./costs.sh]\n", scripts: ["costs.sh": "cat > input.json\ncat answer.json"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        _ = BuildAction(roots: [base + "/repos"], output: base + "/site").perform()
        let sent = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + "/repos/input.json")), options: .fragmentsAllowed)
        #expect(Self.problems(sent, input) == [])
        let answer = try JSONSerialization.jsonObject(with: Data(PluginTests.answer.utf8))
        #expect(Self.problems(answer, output) == [])
        #expect(Self.problems(["protocol": "portal-build/plugin-v0", "pages": [["path": "../x"]]], output).count == 3, "the schema refuses what the parser refuses")
    }
}
