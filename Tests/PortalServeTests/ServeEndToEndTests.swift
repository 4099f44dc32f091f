import Foundation
import Testing
import PortalCommandLine
import PortalServe

@Suite("serve: end to end, in process, on a free port")
struct ServeEndToEndTests {
    /// content/ beside Tests/.
    private static let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("content").path

    private static let payments = "/catalog/default/component/payments-service/"
    private static let paymentsDocs = "/docs/default/component/payments-service/"

    @Test("editing a doc page and a descriptor reloads open pages with the new content; a broken descriptor shows problems over the last good site",
          .timeLimit(.minutes(1)))
    func editsReload() async throws {
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.copyItem(atPath: Self.content, toPath: base + "/org")
        let build = BuildAction(roots: [base + "/org"], output: base + "/site", quiet: true)
        let serve = try await RunningServe(ServeAction(build: build))
        let events = try LoopbackHTTP(port: serve.port)
        try events.send("GET", LiveReload.eventsPath)
        #expect(await events.waitFor("event: build\ndata: "), "a page hears which build it shows")

        let before = try await serve.request(Self.paymentsDocs)
        #expect(before.status == 200)
        #expect(before.body.contains(LiveReload.tag))
        #expect(!before.body.contains("ZX81"))

        let page = base + "/org/payments-service/docs/index.md"
        try (String(contentsOfFile: page, encoding: .utf8) + "\nLive edit marker ZX81.\n").write(toFile: page, atomically: false, encoding: .utf8)
        #expect(await events.waitFor("event: reload"), "\(serve.output)")
        #expect(try await serve.request(Self.paymentsDocs).body.contains("Live edit marker ZX81."))

        let descriptor = base + "/org/payments-service/catalog-info.yaml"
        let original = try String(contentsOfFile: descriptor, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "Authorises, captures and refunds ride payments",
                                                   with: "Takes the Kessel run payments")
        #expect(edited != original)
        try edited.write(toFile: descriptor, atomically: false, encoding: .utf8)
        #expect(await events.waitUntil { Self.count("event: reload", in: $0) == 2 }, "\(serve.output)")
        #expect(try await serve.request(Self.payments).body.contains("Takes the Kessel run payments"))

        try "apiVersion: backstage.io/v1alpha1\nkind: [\n".write(toFile: descriptor, atomically: false, encoding: .utf8)
        #expect(await events.waitFor("event: problems"), "\(serve.output)")
        let text = String(decoding: events.received, as: UTF8.self)
        #expect(text.contains("org/payments-service/catalog-info.yaml:3:1: error: "), "\(text)")
        #expect(text.contains("[yaml.syntax]"))
        let kept = try await serve.request(Self.payments)
        #expect(kept.status == 200, "the last good page is still served")
        #expect(kept.body.contains("Takes the Kessel run payments"))
        #expect(serve.output.contains("kept the previous site in "))
        #expect(serve.output.contains("rebuilt in "))

        let late = try LoopbackHTTP(port: serve.port)
        try late.send("GET", LiveReload.eventsPath)
        #expect(await late.waitFor("event: problems"), "a page opened later sees the standing problems")

        try original.write(toFile: descriptor, atomically: false, encoding: .utf8)
        #expect(await events.waitUntil { Self.count("event: reload", in: $0) == 3 }, "a fixed build reloads (clearing the overlay)")
        #if os(Linux)
        #expect(!serve.output.contains("watching by polling"), "changes came from inotify: \(serve.output)")
        #endif
        await serve.stop()
    }

    @Test("the server answers GET and HEAD only, redirects folders, serves the 404 page, and names loopback hosts only",
          .timeLimit(.minutes(1)))
    func serving() async throws {
        let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"
        let base = try folder(["repos/repo/catalog-info.yaml": group, "outside.txt": "secret"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let serve = try await RunningServe(ServeAction(build: BuildAction(roots: [base + "/repos"], output: base + "/site", quiet: true)))

        let home = try await serve.request("/")
        #expect(home.status == 200)
        #expect(home.header("content-type") == "text/html; charset=utf-8")
        #expect(home.header("cache-control") == "no-cache")
        #expect(home.header("x-content-type-options") == "nosniff")
        #expect(home.body.hasSuffix(LiveReload.tag + "</body>\n</html>\n") || home.body.contains(LiveReload.tag + "</body>"))
        #expect(home.header("content-length") == String(home.body.utf8.count))

        let head = try await serve.request("/", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("content-length") == home.header("content-length"))

        let eventsHead = try await serve.request(LiveReload.eventsPath, method: "HEAD")
        #expect(eventsHead.status == 200 && eventsHead.header("content-type") == "text/event-stream; charset=utf-8")

        let post = try await serve.request("/", method: "POST")
        #expect(post.status == 405)
        #expect(post.header("allow") == "GET, HEAD")

        let folder = try await serve.request("/catalog?kind=group")
        #expect(folder.status == 301)
        #expect(folder.header("location") == "/catalog/?kind=group")

        let missing = try await serve.request("/no/such/page")
        #expect(missing.status == 404)
        #expect(missing.body.contains("<title>") && missing.body.contains(LiveReload.tag), "the site's 404 page, with the reload tag")
        for path in ["/../outside.txt", "/%2e%2e/outside.txt", "/assets/%2e%2e/%2e%2e/outside.txt", "/x%2f..%2f..%2foutside.txt", "/..%5coutside.txt",
                     "/%00", "//example.com", "/.portal-build"] {
            let refused = try await serve.request(path)
            #expect(refused.status == 404, "\(path)")
            #expect(!refused.body.contains("secret"))
        }

        let css = try await serve.request("/assets/portal.css")
        #expect(css.header("content-type") == "text/css; charset=utf-8")
        #expect(!css.body.contains(LiveReload.tag))
        let script = try await serve.request(LiveReload.scriptPath)
        #expect(script.status == 200)
        #expect(script.header("content-type") == "text/javascript; charset=utf-8")
        #expect(script.body == LiveReload.script)

        #expect(try await serve.request("/", host: "localhost:1234").status == 200)
        #expect(try await serve.request("/", host: "[::1]").status == 200)
        #expect(try await serve.request("/", host: "attacker.example").status == 403, "DNS rebinding: a foreign Host is refused")
        await serve.stop()
    }

    @Test("a port in use is one clear error")
    func portInUse() async throws {
        let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"
        let base = try folder(["repos/repo/catalog-info.yaml": group])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let first = try await RunningServe(ServeAction(build: BuildAction(roots: [base + "/repos"], output: base + "/site", quiet: true)))
        let second = ServeAction(build: BuildAction(roots: [base + "/repos"], output: base + "/site2", quiet: true), port: first.port)
        await #expect(throws: ServeError.server(.portInUse(first.port))) {
            try await second.run(print: { _ in }, onListening: { _ in })
        }
        #expect(!FileManager.default.fileExists(atPath: base + "/site2"), "reported before building")
        #expect(!PortProbe.isFree(host: "127.0.0.1", port: first.port))
        #expect(!PortProbe.isFree(host: "localhost", port: first.port))
        #expect(ServeError.server(.portInUse(8000)).description == "port 8000 is in use; pass --port")
        await first.stop()
        #expect(PortProbe.isFree(host: "127.0.0.1", port: first.port), "free again once the server stops")
    }

    /// The portal-build binary beside the test bundle, when the build made one.
    private static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("portal-build").path

    @Test("Ctrl-C (SIGINT) stops the portal-build binary cleanly, with exit status 0, while a page listens",
          .enabled(if: FileManager.default.isExecutableFile(atPath: binary)), .timeLimit(.minutes(1)))
    func interrupt() async throws {
        let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"
        let base = try folder(["repos/repo/catalog-info.yaml": group])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = ["serve", base + "/repos", "-o", base + "/site", "--port", "0", "-q"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        let printed = await offThread {
            var printed = ""
            while !printed.contains("(Ctrl-C to stop)") {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                printed += String(decoding: chunk, as: UTF8.self)
            }
            return printed
        }
        let port = try #require(printed.firstRange(of: /127\.0\.0\.1:(\d+)\//).flatMap { Int(printed[$0].dropFirst(10).dropLast()) },
                                "\(printed)")
        let events = try LoopbackHTTP(port: port)
        try events.send("GET", LiveReload.eventsPath)
        #expect(await events.waitFor("event: build"))
        let start = ContinuousClock.now
        process.interrupt()
        await offThread { process.waitUntilExit() }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(ContinuousClock.now - start < .seconds(3), "the open event stream does not hold up shutdown")
    }

    private static func count(_ text: String, in bytes: [UInt8]) -> Int {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: text).count - 1
    }
}
