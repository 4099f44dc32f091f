/// Size limits on what the loader reads, so one hostile file cannot exhaust the build.
public struct InputLimits: Sendable {
    /// The largest descriptor, placeholder, mkdocs or Markdown file read, in bytes (default 16 MiB).
    public var maxFileBytes: Int
    /// Nodes that YAML aliases may add to one document.
    public var maxAliasExpansion: Int
    /// Nesting depth of YAML collections.
    public var maxDepth: Int
    /// Files listed in one TechDocs folder; the rest of a larger folder is left out.
    public var maxDocsFiles: Int

    public init(maxFileBytes: Int = 16 << 20, maxAliasExpansion: Int = 100_000, maxDepth: Int = 512,
                maxDocsFiles: Int = 20_000) {
        self.maxFileBytes = maxFileBytes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
        self.maxDocsFiles = maxDocsFiles
    }
}
