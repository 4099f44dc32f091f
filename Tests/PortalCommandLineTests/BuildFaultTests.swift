#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing

/// The real `portal-build build` binary killed midway, racing another build, and failing to
/// write: the output folder always holds one whole site.
@Suite("build: killed, concurrent and failing writes leave one whole site", .serialized)
struct BuildFaultTests {
    /// The portal-build binary beside the test bundle, when the build made one.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("portal-build").path
    static let binaryPresent = FileManager.default.isExecutableFile(atPath: binary)

    @Test("SIGKILL at any point of a build leaves the previous site or the new one, never a mix; the next build removes what it left",
          .enabled(if: binaryPresent), .timeLimit(.minutes(4)))
    func killedMidway() async throws {
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Self.organisation(at: base + "/org", components: 12, pages: 40, marker: "first")
        let site = base + "/site"
        let first = try await Self.run(["build", base + "/org", "-o", site, "-q"])
        #expect(first.status == 0, "\(first.output)")
        let previous = try Self.fingerprint(site)
        try Self.organisation(at: base + "/org", components: 12, pages: 40, marker: "second")
        // A leftover of a writer whose process is gone: removed. A look-alike that is not the
        // writer's (no marker, other files): kept.
        try Self.write("x", to: base + "/.site.tmp-999999999/.portal-build")
        try Self.write("mine", to: base + "/.site.tmp-999999998/notes.txt")

        var seen: [[String: Int]] = []
        var leftStaging = false
        var killedWhileStaging = false
        for point in [KillPoint.after(.milliseconds(50)), .staging(after: .zero), .staging(after: .milliseconds(40))] {
            let process = try Self.start(["build", base + "/org", "-o", site, "-q"])
            switch point {
            case .after(let delay):
                try await Task.sleep(for: delay)
                kill(process.processIdentifier, SIGKILL)
            case .staging(let delay):
                // A thread of its own watches for the staging folder, so the kill lands while it is written.
                let staging = base + "/.site.tmp-\(process.processIdentifier)"
                // On a loaded machine the build may take long to get there: wait as long as the time limit allows.
                let sawStaging = await offThread {
                    let deadline = ContinuousClock.now + .seconds(50)
                    while process.isRunning, ContinuousClock.now < deadline, access(staging, F_OK) != 0 { usleep(100) }
                    let found = access(staging, F_OK) == 0
                    if delay > .zero { usleep(UInt32(delay.components.attoseconds / 1_000_000_000_000)) }
                    kill(process.processIdentifier, SIGKILL)
                    return found
                }
                killedWhileStaging = killedWhileStaging || (sawStaging && delay == .zero)
            }
            await offThread { process.waitUntilExit() }
            seen.append(try Self.fingerprint(site))
            leftStaging = leftStaging || Self.staging(in: base).contains { !$0.hasPrefix(".site.tmp-99999999") }
        }
        // A kill the moment the staging folder appears leaves it (the build was still running).
        #expect(leftStaging || !killedWhileStaging, "a kill left a staging folder for the next build to remove")
        let last = try await Self.run(["build", base + "/org", "-o", site, "-q"])
        #expect(last.status == 0, "\(last.output)")
        let next = try Self.fingerprint(site)
        #expect(next != previous && next["docs/default/component/service-0/page-1/index.html"] != nil)
        for (index, state) in seen.enumerated() {
            #expect(state == previous || state == next, "kill \(index): the site is a mix of \(state.count) files")
        }
        #expect(Self.staging(in: base) == [".site.tmp-999999998"], "leftovers removed, the look-alike kept")
        #expect(FileManager.default.fileExists(atPath: base + "/.site.tmp-999999998/notes.txt"))
        let again = try await Self.run(["build", base + "/org", "-o", site])
        #expect(again.output.contains("site/ is up to date"), "the cache describes the site: \(again.output)")
    }

    @Test("two builds into one folder at once: the second waits for the first, and the folder ends as one whole site with its cache",
          .enabled(if: binaryPresent), .timeLimit(.minutes(1)))
    func concurrentBuilds() async throws {
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Self.organisation(at: base + "/a", components: 5, pages: 20, marker: "alpha")
        try Self.organisation(at: base + "/b", components: 6, pages: 15, marker: "beta")
        async let referenceA = Self.run(["build", base + "/a", "-o", base + "/ref-a", "-q"])
        async let referenceB = Self.run(["build", base + "/b", "-o", base + "/ref-b", "-q"])
        let references = try await [referenceA, referenceB]
        #expect(references.allSatisfy { $0.status == 0 && !$0.output.contains("Blocking") }, "different folders do not wait for each other")
        let siteA = try Self.fingerprint(base + "/ref-a")
        let siteB = try Self.fingerprint(base + "/ref-b")

        async let buildA = Self.run(["build", base + "/a", "-o", base + "/site", "-q"])
        async let buildB = Self.run(["build", base + "/b", "-o", base + "/site", "-q"])
        let (a, b) = try await (buildA, buildB)
        #expect(a.status == 0 && b.status == 0, "\(a.output)\n\(b.output)")
        #expect((a.output + b.output).contains("Blocking: waiting for another build into \(base)/site/ to finish"), "\(a.output)\n\(b.output)")
        let final = try Self.fingerprint(base + "/site")
        #expect(final == siteA || final == siteB)
        let winner = final == siteA ? "/a" : "/b"
        let check = try await Self.run(["build", base + winner, "-o", base + "/site"])
        #expect(check.output.contains("/site/ is up to date"), "the cache matches the site: \(check.output)")
        #expect(Self.staging(in: base).isEmpty)
    }

    @Test("a full disk (a write past ulimit -f) is one clear error; the previous site stays whole and the exit status is 1",
          .enabled(if: binaryPresent && FileManager.default.isExecutableFile(atPath: "/bin/bash")), .timeLimit(.minutes(1)))
    func fullDisk() async throws {
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Self.organisation(at: base + "/org", components: 2, pages: 3, marker: "small")
        let site = base + "/site"
        #expect(try await Self.run(["build", base + "/org", "-o", site, "-q"]).status == 0)
        let previous = try Self.fingerprint(site)
        try Self.write("# Big\n\n" + String(repeating: "A long paragraph of the big page. ", count: 8000) + "\n",
                       to: base + "/org/service-0/docs/big.md")
        let failed = try await Self.run(["-c", "ulimit -f 64; exec \"$0\" \"$@\"", Self.binary, "build", base + "/org", "-o", site, "-q"],
                                        executable: "/bin/bash")
        #expect(failed.status == 1 && failed.reason == .exit, "\(failed.output)")
        #expect(failed.output.contains("cannot write \(site)/") && failed.output.contains(": File too large"), "\(failed.output)")
        #expect(!failed.output.contains("Fatal error") && !failed.output.contains("Backtrace"), "\(failed.output)")
        #expect(try Self.fingerprint(site) == previous)
        #expect(Self.staging(in: base).isEmpty, "the staging folder is removed")
    }

    @Test("an output folder whose parent is read-only is one clear error; the previous site stays whole (skipped as root, where modes do not apply)",
          .enabled(if: binaryPresent && geteuid() != 0), .timeLimit(.minutes(1)))
    func readOnlyParent() async throws {
        let base = try folder([:])
        defer {
            chmod(base + "/out", 0o755)
            try? FileManager.default.removeItem(atPath: base)
        }
        try Self.organisation(at: base + "/org", components: 2, pages: 3, marker: "before")
        let site = base + "/out/site"
        #expect(try await Self.run(["build", base + "/org", "-o", site, "-q"]).status == 0)
        let previous = try Self.fingerprint(site)
        try Self.organisation(at: base + "/org", components: 2, pages: 3, marker: "after")
        chmod(base + "/out", 0o555)
        let failed = try await Self.run(["build", base + "/org", "-o", site, "-q"])
        #expect(failed.status == 1 && failed.reason == .exit)
        #expect(failed.output.contains("error: cannot create") && failed.output.contains("Permission denied"), "\(failed.output)")
        #expect(try Self.fingerprint(site) == previous)
    }

    @Test("an output folder under a file is one clear error, exit status 1 (works as root too)",
          .enabled(if: binaryPresent), .timeLimit(.minutes(1)))
    func outputUnderAFile() async throws {
        let base = try folder(["file": "not a folder"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        try Self.organisation(at: base + "/org", components: 1, pages: 1, marker: "x")
        let failed = try await Self.run(["build", base + "/org", "-o", base + "/file/site", "-q"])
        #expect(failed.status == 1 && failed.reason == .exit)
        #expect(failed.output.contains("error: cannot create '\(base)/file'"), "\(failed.output)")
        #expect(!failed.output.contains("Fatal error"))
    }

    enum KillPoint {
        case after(Duration)
        /// Once the staging folder appears, and `after` later.
        case staging(after: Duration)
    }

    struct Finished: Sendable {
        var status: Int32
        var reason: Process.TerminationReason
        /// Standard output and standard error.
        var output: String
    }

    /// Components `service-0` … each with TechDocs of `pages` small pages mentioning `marker`.
    static func organisation(at root: String, components: Int, pages: Int, marker: String) throws {
        for component in 0..<components {
            let folder = "\(root)/service-\(component)"
            try write("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: service-\(component)
                  annotations:
                    backstage.io/techdocs-ref: dir:.
                spec:
                  type: service
                  lifecycle: production
                  owner: team-a

                """, to: folder + "/catalog-info.yaml")
            try write("site_name: Service \(component)\n", to: folder + "/mkdocs.yml")
            for page in 0..<pages {
                let name = page == 0 ? "index.md" : "page-\(page).md"
                try write("# Page \(page) of service \(component)\n\nThe \(marker) version of this page. See [the next](page-\(page + 1).md).\n",
                          to: folder + "/docs/" + name)
            }
        }
        try write("apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n",
                  to: root + "/teams/catalog-info.yaml")
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Every file of the site but the cache: relative path → hash of its bytes.
    static func fingerprint(_ site: String) throws -> [String: Int] {
        var result: [String: Int] = [:]
        guard let walker = FileManager.default.enumerator(atPath: site) else { return result }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            guard !relative.hasPrefix(".portal-build-cache"),
                  FileManager.default.fileExists(atPath: site + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            var hasher = Hasher()  // Data's own hash reads only its first bytes
            try Data(contentsOf: URL(fileURLWithPath: site + "/" + relative)).withUnsafeBytes { hasher.combine(bytes: $0) }
            result[relative] = hasher.finalize()
        }
        return result
    }

    /// The writer's staging and retired folders in `base`.
    static func staging(in base: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .filter { $0.hasPrefix(".site.tmp-") || $0.hasPrefix(".site.old-") }.sorted()
    }

    static func start(_ arguments: [String], executable: String = binary, output: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs to the end; what it printed on standard output and error, together.
    static func run(_ arguments: [String], executable: String = binary) async throws -> Finished {
        let pipe = Pipe()
        let process = try start(arguments, executable: executable, output: pipe)
        return await offThread {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Finished(status: process.terminationStatus, reason: process.terminationReason, output: String(decoding: data, as: UTF8.self))
        }
    }
}

/// Runs blocking work on a thread of its own and waits for it without holding a cooperative thread.
private func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
