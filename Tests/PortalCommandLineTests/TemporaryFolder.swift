import Foundation

/// A new temporary folder holding `files` (path → text); the caller removes it.
func folder(_ files: [String: String]) throws -> String {
    let base = FileManager.default.temporaryDirectory.path + "/portal-build-cli-" + UUID().uuidString
    for (path, text) in files {
        let url = URL(fileURLWithPath: base + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return base
}

/// `../shared/<path>` beside the repository, found from this file.
private func sharedPath(_ path: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/" + path).standardized.path
}

/// ../shared/bench/gen_corpus.py; tests that need it are skipped without it (as in GitHub's CI).
let corpusGenerator = sharedPath("bench/gen_corpus.py")
let corpusGeneratorPresent = FileManager.default.fileExists(atPath: corpusGenerator)

/// ../shared/corpus; tests that need it are skipped without it.
let sharedCorpus = sharedPath("corpus")
let sharedCorpusPresent = FileManager.default.fileExists(atPath: sharedCorpus)

/// Runs ../shared/bench/gen_corpus.py into `folder`; what went wrong, or nil when it worked.
func generateOrganisation(at folder: String, repos: Int, pages: Int, seed: Int) throws -> String? {
    let generator = corpusGenerator
    guard FileManager.default.fileExists(atPath: generator) else { return "\(generator) is missing" }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", generator, folder, "--repos", String(repos), "--pages", String(pages), "--seed", String(seed)]
    // A fixed working folder: other tests may briefly change the process's own.
    process.currentDirectoryURL = FileManager.default.temporaryDirectory
    let errors = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 ? nil : "gen_corpus.py exited with \(process.terminationStatus): \(message)"
}

/// The paths whose bytes differ between two sites (or that only one has), the build cache aside.
func siteDifferences(_ left: String, _ right: String) throws -> [String] {
    func files(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder) where path != ".portal-build-cache" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
            }
        }
        return result
    }
    let a = try files(left), b = try files(right)
    return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
}
