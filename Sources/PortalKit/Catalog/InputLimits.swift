/// Size limits on what the loader reads, so one hostile file cannot exhaust the build.
public struct InputLimits: Sendable {
    /// The largest descriptor or placeholder file read, in bytes (default 16 MiB).
    public var maxFileBytes: Int
    /// Nodes that YAML aliases may add to one document.
    public var maxAliasExpansion: Int
    /// Nesting depth of YAML collections.
    public var maxDepth: Int

    public init(maxFileBytes: Int = 16 << 20, maxAliasExpansion: Int = 100_000, maxDepth: Int = 512) {
        self.maxFileBytes = maxFileBytes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
    }
}
