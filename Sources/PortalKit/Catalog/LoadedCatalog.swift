/// A descriptor file that was read, and how it was reached.
public struct LoadedFile: Sendable {
    public var path: String
    public var displayPath: String
    public var repository: Int
    /// Entities the file contributed (before duplicates are removed).
    public var entityCount: Int
    /// The absolute, link-free paths of the files its placeholders read.
    public var placeholderFiles: [String] = []
}

/// The catalog as written: every valid entity once, in stable order, with what was read.
public struct LoadedCatalog: Sendable {
    public var scan: ScanResult
    /// Entities in stable order (ROOT, file path, document); duplicates removed, first kept.
    public var entities: [Entity]
    /// Every descriptor file read, in the same order.
    public var files: [LoadedFile]
}
