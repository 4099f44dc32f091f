import Foundation
import Testing

/// The real `portal-build build` binary run twice on the shared corpus under different thread
/// schedules (`PORTAL_BUILD_THREADS`, `PORTAL_BUILD_SCHEDULE`): the two sites must be the same
/// byte for byte.
@Suite("build: the same site whatever the thread schedule", .serialized)
struct DeterminismTests {
    @Test("two clean builds of the shared corpus, on all cores and on one thread taking the work last first, are byte-identical",
          .enabled(if: BuildFaultTests.binaryPresent && sharedCorpusPresent, "needs the portal-build binary and ../shared/corpus"),
          .timeLimit(.minutes(10)))
    func sameSiteOnAnySchedule() throws {
        let base = try folder([:])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let parallel = try Self.build(sharedCorpus, into: base + "/parallel", environment: [:])
        #expect(parallel.status == 0, "\(parallel.output)")
        let serial = try Self.build(sharedCorpus, into: base + "/serial",
                                    environment: ["PORTAL_BUILD_THREADS": "1", "PORTAL_BUILD_SCHEDULE": "reversed"])
        #expect(serial.status == 0, "\(serial.output)")
        #expect(parallel.output == serial.output, "the same diagnostics and summary")

        let differing = try siteDifferences(base + "/parallel", base + "/serial")
        #expect(differing.isEmpty, "files that differ: \(differing.prefix(10))")
        let count = try FileManager.default.subpathsOfDirectory(atPath: base + "/parallel").count
        #expect(count > 100, "the corpus makes a real site (\(count) entries)")
        // The cache differs only in the outputs' modification times (each build wrote its files
        // anew) and the settings hash (which covers the output folder's name).
        let caches = try ["parallel", "serial"].map { try Self.cacheWithoutOutputTimes(base + "/" + $0) }
        #expect(caches[0] == caches[1], "the caches record the same inputs, outputs, hashes and report")
    }

    /// Runs `portal-build build ROOT -o OUTPUT --clean -q` with `environment` added; its status and output.
    static func build(_ root: String, into output: String, environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuildFaultTests.binary)
        process.arguments = ["build", root, "-o", output, "--clean", "-q"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // The same working folder for both builds: diagnostics name paths as given.
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: output, with: "OUTPUT")
        return (process.terminationStatus, text)
    }

    /// The lines of the site's `.portal-build-cache` with each output's modification time and the settings hash blanked.
    static func cacheWithoutOutputTimes(_ site: String) throws -> [String] {
        let text = try String(contentsOfFile: site + "/.portal-build-cache", encoding: .utf8)
        return text.split(separator: "\n").map { line in
            if line.hasPrefix("settings ") { return "settings -" }
            guard line.hasPrefix("output ") else { return String(line) }
            var fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count == 4 { fields[2] = "-" }
            return fields.joined(separator: "\t")
        }
    }
}
