/// A ROOT given on the command line, classified.
public struct InputRoot: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A folder whose subfolders are repositories.
        case repositories
        /// One repository.
        case repository
        /// One descriptor file, e.g. a Location such as Backstage's `all.yaml`.
        case descriptorFile
    }

    /// The argument as the user typed it; paths in diagnostics start with it.
    public var argument: String
    /// The absolute, link-free path.
    public var path: String
    public var kind: Kind
}

/// One repository: the unit that placeholders and Location targets may not leave.
public struct Repository: Sendable, Hashable {
    /// The folder name.
    public var name: String
    /// The absolute, link-free path.
    public var path: String
    /// The path as shown to the user (the ROOT argument plus the folder).
    public var displayPath: String
    /// The folder relative to its ROOT ("" when the repository is the ROOT).
    public var rootRelativePath: String
    /// Index into ``ScanResult/roots``.
    public var root: Int
}

/// A descriptor file found by discovery (or given as a ROOT).
public struct DescriptorFile: Sendable, Hashable {
    /// The absolute, link-free path.
    public var path: String
    /// Index into ``ScanResult/repositories``.
    public var repository: Int
    /// The file whose reading led here (`managed-by-origin-location`): the file itself when
    /// discovered, else the discovered file at the start of the Location chain.
    public var origin: String
    /// The repository of ``origin``.
    public var originRepository: Int

    public init(path: String, repository: Int, origin: String? = nil, originRepository: Int? = nil) {
        self.path = path
        self.repository = repository
        self.origin = origin ?? path
        self.originRepository = originRepository ?? repository
    }
}

/// What discovery found: repositories and the descriptor files to load first.
public struct ScanResult: Sendable {
    public var roots: [InputRoot] = []
    public var repositories: [Repository] = []
    /// Every `catalog-info.yaml` / `.yml` found, in stable order (root, repository, path).
    public var descriptors: [DescriptorFile] = []

    /// The repository that contains `path`, preferring the most specific one.
    public func repository(containing path: String) -> Int? {
        var candidate = path
        while true {
            if let index = repositoryIndex[candidate] { return index }
            guard candidate != "/", !candidate.isEmpty else { return nil }
            candidate = Path.directory(of: candidate)
        }
    }

    /// Repositories by absolute path, filled by ``indexRepositories()``.
    private(set) var repositoryIndex: [String: Int] = [:]

    /// Indexes ``repositories`` by path (the first wins when a folder is given twice).
    mutating func indexRepositories() {
        repositoryIndex = [:]
        for (position, repository) in repositories.enumerated() where repositoryIndex[repository.path] == nil {
            repositoryIndex[repository.path] = position
        }
    }

    /// The path of `path` as shown to the user, given it lies in `repository`.
    public func displayPath(_ path: String, in repository: Int) -> String {
        let repo = repositories[repository]
        let inside = Path.relative(path, to: repo.path)
        return inside == "." ? repo.displayPath : Self.joinDisplay(repo.displayPath, inside)
    }

    /// The path of `path` relative to its ROOT, for `managed-by-location`.
    public func rootRelativePath(_ path: String, in repository: Int) -> String {
        let repo = repositories[repository]
        let inside = Path.relative(path, to: repo.path)
        return repo.rootRelativePath.isEmpty ? inside : repo.rootRelativePath + "/" + inside
    }

    static func joinDisplay(_ base: String, _ relative: String) -> String {
        if base.isEmpty || base == "." { return relative }
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }
}
