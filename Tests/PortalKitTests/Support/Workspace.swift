import Foundation
import PortalKit

/// A temporary folder holding files declared inline, removed when the value is released.
///
/// Tests describe the few files a scenario needs (`"repo/catalog-info.yaml": "…"`) and run
/// the pipeline on them, so each test shows its whole input.
final class Workspace {
    let path: String

    init(_ files: [String: String] = [:]) throws {
        let base = FileManager.default.temporaryDirectory.path + "/portal-build-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
        for (relative, content) in files { try write(relative, content) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ relative: String, _ content: String) throws {
        try write(relative, bytes: Array(content.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func link(_ relative: String, to destination: String) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    /// Runs discovery, loading and linking on `roots` (relative to the workspace; default: all of it),
    /// with `overlays` (published catalogs, relative too), from inside the workspace so
    /// diagnostics show short relative paths.
    func check(_ roots: [String] = ["."], overlays: [String] = [], limits: InputLimits = InputLimits()) -> CatalogBuild {
        inside { BuildPipeline(roots: roots, limits: limits, overlays: overlays).runCatalog() }
    }

    /// Runs `work` with the workspace as the working directory.
    func inside<T>(_ work: () -> T) -> T {
        let previous = FileManager.default.currentDirectoryPath
        Workspace.lock.lock()
        _ = FileManager.default.changeCurrentDirectoryPath(path)
        defer {
            _ = FileManager.default.changeCurrentDirectoryPath(previous)
            Workspace.lock.unlock()
        }
        return work()
    }

    /// The formatted diagnostics of ``check(_:)``, one string each.
    func diagnostics(_ roots: [String] = ["."], minimum: Severity = .info) -> [String] {
        check(roots).diagnostics.filter { $0.severity >= minimum }.map(\.formatted)
    }

    /// Changing the working directory is process-wide: tests that do it take turns.
    static let lock = NSLock()
}

/// A minimal valid Component descriptor.
func component(_ name: String, owner: String = "team-a", extra: String = "") -> String {
    """
    apiVersion: backstage.io/v1alpha1
    kind: Component
    metadata:
      name: \(name)
    spec:
      type: service
      lifecycle: production
      owner: \(owner)
    \(extra)
    """
}

/// A minimal valid Group descriptor.
func group(_ name: String, extra: String = "") -> String {
    """
    apiVersion: backstage.io/v1alpha1
    kind: Group
    metadata:
      name: \(name)
    spec:
      type: team
      children: []
    \(extra)
    """
}

/// The folder holding `../shared` next to the repository, if present (CI has it).
let sharedFolder: String? = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    let shared = url.deletingLastPathComponent().appendingPathComponent("shared").path
    return FileManager.default.fileExists(atPath: shared + "/corpus") ? URL(fileURLWithPath: shared).resolvingSymlinksInPath().path : nil
}()

/// The repository's own folder (for `content/`).
let repositoryFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()
