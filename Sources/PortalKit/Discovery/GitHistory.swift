import Foundation

/// When descriptor files last changed, read from git: one `git log` per work tree holding
/// repositories (as many at once as there are cores), over its most recent commits. Folders outside git, or a missing `git`,
/// simply yield no history.
public struct GitHistory: Sendable {
    /// Commits read per work tree.
    public var commitLimit: Int

    public init(commitLimit: Int = 300) {
        self.commitLimit = commitLimit
    }

    /// Seconds since 1970 of the last commit touching each file, by absolute path, for files
    /// changed within the last ``commitLimit`` commits of their work tree.
    public func lastChanges(of scan: ScanResult) -> [String: Int] {
        var workTrees: Set<String> = []
        for repository in scan.repositories {
            if let top = Self.workTree(containing: repository.path) { workTrees.insert(top) }
        }
        let tops = workTrees.sorted()
        let logs = parallelMap(tops) { run(["-C", $0, "log", "-n", String(commitLimit), "--format=%x1e%ct", "--name-only", "--no-renames"]) }
        var changes: [String: Int] = [:]
        for (top, log) in zip(tops, logs) {
            if let log { record(log, top: top, into: &changes) }
        }
        return changes
    }

    /// Seconds since 1970 of the last commit touching each file under `folders` (absolute,
    /// link-free paths), by absolute path: one `git log` per work tree, restricted to the
    /// folders inside it and reading its whole history (no ``commitLimit``).
    public func lastChanges(inFolders folders: [String]) -> [String: Int] {
        var byWorkTree: [String: [String]] = [:]
        for folder in Set(folders) {
            guard let top = Self.workTree(containing: folder) else { continue }
            byWorkTree[top, default: []].append(Path.relative(folder, to: top))
        }
        let trees = byWorkTree.sorted(by: { $0.key < $1.key })
        let logs = parallelMap(trees) { top, relative in
            // Literal pathspecs: folder names may hold `*` or `[`. Unquoted names keep non-ASCII paths matching.
            run(["--literal-pathspecs", "-c", "core.quotePath=false", "-C", top,
                 "log", "--format=%x1e%ct", "--name-only", "--no-renames", "--"] + relative.sorted())
        }
        var changes: [String: Int] = [:]
        for ((top, _), log) in zip(trees, logs) {
            if let log { record(log, top: top, into: &changes) }
        }
        return changes
    }

    /// Adds the newest time of each file named in `git log --format=%x1e%ct --name-only` output.
    private func record(_ log: String, top: String, into changes: inout [String: Int]) {
        for commit in log.split(separator: "\u{1e}") {
            let lines = commit.split(separator: "\n")
            guard let first = lines.first, let time = Int(first) else { continue }
            for file in lines.dropFirst() where !file.isEmpty {
                let path = top + "/" + file
                if changes[path] == nil { changes[path] = time }
            }
        }
    }

    /// The nearest folder at or above `path` holding `.git`.
    package static func workTree(containing path: String) -> String? {
        var candidate = path
        while !candidate.isEmpty {
            if FileSystem.type(of: candidate + "/.git") != nil { return candidate }
            if candidate == "/" { return nil }
            candidate = Path.directory(of: candidate)
        }
        return nil
    }

    /// `git` with these arguments; its output, or nil when it cannot run or fails.
    private func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        // Every call names its work tree with -C; a fixed working folder means a removed or
        // changed current folder (another thread's, in tests) cannot stop git from starting.
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
