import Dispatch

/// Finds repositories and their `catalog-info.yaml` files under the given ROOTs.
///
/// It never follows a link out of a repository, and skips VCS, dependency, build and
/// output folders.
public struct RepositoryScanner: Sendable {
    /// Folder names never searched.
    public static let skippedFolders: Set<String> = [
        "node_modules", "vendor", "third_party", "bower_components", "Pods", "Carthage",
        "venv", "__pycache__", "site", "dist", "target",
    ]
    /// Hidden folders that are searched (all other hidden folders are skipped).
    public static let searchedHiddenFolders: Set<String> = [".backstage"]
    /// File names discovered as descriptors.
    public static let descriptorNames: Set<String> = ["catalog-info.yaml", "catalog-info.yml"]
    /// Names whose presence marks a folder as one repository rather than a folder of repositories.
    static let repositoryMarkers = [".git", "catalog-info.yaml", "catalog-info.yml", "mkdocs.yml", "mkdocs.yaml", ".backstage"]

    /// Absolute folders never searched (the output folder).
    public var excludedPaths: [String]

    public init(excludedPaths: [String] = []) {
        self.excludedPaths = excludedPaths.map { FileSystem.realPath($0) ?? Path.join(FileSystem.currentDirectory, $0) }
    }

    /// Classifies each ROOT and lists repositories and descriptor files, in stable order.
    public func scan(_ arguments: [String], into diagnostics: inout Diagnostics) -> ScanResult {
        var result = ScanResult()
        for argument in arguments {
            guard let path = FileSystem.realPath(argument), let type = FileSystem.resolvedType(of: path) else {
                diagnostics.add(.error, .inputMissing, at: SourceLocation(file: argument), "ROOT '\(argument)' does not exist")
                continue
            }
            let rootIndex = result.roots.count
            switch type {
            case .file:
                result.roots.append(InputRoot(argument: argument, path: path, kind: .descriptorFile))
                let folder = Path.directory(of: path)
                let display = Path.directory(of: argument)
                result.repositories.append(Repository(name: Path.fileName(of: folder), path: folder,
                                                      displayPath: display == "." && !argument.hasPrefix("./") ? "" : display,
                                                      rootRelativePath: "", root: rootIndex))
                result.descriptors.append(DescriptorFile(path: path, repository: result.repositories.count - 1))
                continue
            case .directory:
                break
            default:
                diagnostics.add(.error, .inputUnreadable, at: SourceLocation(file: argument), "ROOT '\(argument)' is not a file or folder")
                continue
            }
            let isRepository = Self.repositoryMarkers.contains { FileSystem.type(of: path + "/" + $0) != nil }
            if isRepository {
                result.roots.append(InputRoot(argument: argument, path: path, kind: .repository))
                result.repositories.append(Repository(name: Path.fileName(of: path), path: path,
                                                      displayPath: Self.trimmedArgument(argument), rootRelativePath: "",
                                                      root: rootIndex))
            } else {
                result.roots.append(InputRoot(argument: argument, path: path, kind: .repositories))
                for entry in FileSystem.entries(of: path) where !entry.name.hasPrefix(".") {
                    let child = path + "/" + entry.name
                    var folder = child
                    if entry.type == .symlink {
                        guard let target = FileSystem.realPath(child), FileSystem.resolvedType(of: target) == .directory else { continue }
                        guard Path.isInside(target, path) else {
                            diagnostics.add(.warning, .inputSymlinkOutside,
                                            at: SourceLocation(file: ScanResult.joinDisplay(Self.trimmedArgument(argument), entry.name)),
                                            "'\(entry.name)' links outside the ROOT; it is not read")
                            continue
                        }
                        folder = target
                    } else if entry.type != .directory {
                        continue
                    }
                    if excludedPaths.contains(folder) || Self.skippedFolders.contains(entry.name) { continue }
                    result.repositories.append(Repository(
                        name: entry.name, path: folder,
                        displayPath: ScanResult.joinDisplay(Self.trimmedArgument(argument), entry.name),
                        rootRelativePath: entry.name, root: rootIndex))
                }
            }
        }
        result.indexRepositories()
        result.descriptors += findDescriptors(in: result, into: &diagnostics)
        return result
    }

    private static func trimmedArgument(_ argument: String) -> String {
        var text = argument
        while text.count > 1, text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// Walks every folder-based repository in parallel.
    private func findDescriptors(in result: ScanResult, into diagnostics: inout Diagnostics) -> [DescriptorFile] {
        let walked = result.repositories.indices.filter { index in
            result.roots[result.repositories[index].root].kind != .descriptorFile
        }
        let perRepository = parallelMap(walked) { index -> ([DescriptorFile], [Diagnostic]) in
            var found: [DescriptorFile] = []
            var problems = Diagnostics()
            walk(result.repositories[index].path, repository: index, in: result, found: &found, diagnostics: &problems)
            return (found, problems.items)
        }
        var descriptors: [DescriptorFile] = []
        for (found, problems) in perRepository {
            descriptors += found
            diagnostics.add(contentsOf: problems)
        }
        return descriptors
    }

    private func walk(_ folder: String, repository: Int, in result: ScanResult,
                      found: inout [DescriptorFile], diagnostics: inout Diagnostics) {
        let repositoryPath = result.repositories[repository].path
        var subfolders: [String] = []
        for entry in FileSystem.entries(of: folder) {
            let path = folder + "/" + entry.name
            switch entry.type {
            case .directory:
                if entry.name.hasPrefix("."), !Self.searchedHiddenFolders.contains(entry.name) { continue }
                if Self.skippedFolders.contains(entry.name) || excludedPaths.contains(path) { continue }
                subfolders.append(path)
            case .file:
                if Self.descriptorNames.contains(entry.name) {
                    found.append(DescriptorFile(path: path, repository: repository))
                }
            case .symlink:
                // Links are followed only to descriptor files that stay inside the repository.
                guard Self.descriptorNames.contains(entry.name) else { continue }
                if let target = FileSystem.realPath(path), Path.isInside(target, repositoryPath),
                   FileSystem.resolvedType(of: target) == .file {
                    found.append(DescriptorFile(path: target, repository: repository))
                } else {
                    diagnostics.add(.warning, .inputSymlinkOutside,
                                    at: SourceLocation(file: result.displayPath(path, in: repository)),
                                    "'\(entry.name)' is a link that leaves the repository or leads nowhere; it is not read")
                }
            case .other:
                continue
            }
        }
        for subfolder in subfolders {
            walk(subfolder, repository: repository, in: result, found: &found, diagnostics: &diagnostics)
        }
    }
}
