import Foundation
import PackagePlugin

/// Compiles `Themes/default` into the target as Swift source, so the `portal-build` binary
/// carries its default theme and needs no files beside it. Every theme file is an input,
/// so editing one rebuilds the embedding.
@main
struct EmbedDefaultTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let themeFolder = context.package.directoryURL.appending(path: "Themes/default")
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultTheme.swift")
        let files = Self.files(under: themeFolder)
        return [
            .buildCommand(
                displayName: "Embedding the default theme",
                executable: try context.tool(named: "theme-embedder").url,
                arguments: [themeFolder.path(), output.path()],
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }

    /// Every regular file under `folder`, sorted.
    static func files(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return []
        }
        var files: [URL] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(url)
        }
        return files.sorted { $0.path() < $1.path() }
    }
}
