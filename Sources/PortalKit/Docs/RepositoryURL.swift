/// A web URL of a Git repository, or of a folder or file in it, as GitHub, GitLab and
/// Bitbucket write them: `https://github.com/OWNER/REPO/tree/BRANCH/PATH`,
/// `https://gitlab.com/GROUP/SUB/REPO/-/blob/BRANCH/PATH`, `https://bitbucket.org/OWNER/REPO/src/BRANCH/PATH`.
struct RepositoryURL: Sendable, Hashable {
    /// Lowercased host name.
    var host: String
    /// Owner, or GitLab's group path (`group/subgroup`).
    var owner: String
    /// Repository name without `.git`.
    var name: String
    /// The segments after `tree` / `blob` / `src` / `edit`: the branch (possibly several
    /// segments, since branch names may hold `/`) followed by the path. Empty for a bare
    /// repository URL.
    var remainder: [String]
    /// Whether the URL names a place inside the repository (`/tree/…`, `/blob/…`).
    var hasPath: Bool
    /// Whether the URL ends with `/` (Backstage treats the last segment of a base URL
    /// without one as a file).
    var endsWithSlash: Bool
    /// The URL up to the repository name: `https://github.com/OWNER/REPO`.
    var repositoryRoot: String
    /// The segment naming the view (`tree`, `blob`, `src`), and whether GitLab's `/-/` precedes it.
    var view: String
    var gitLabStyle: Bool

    private static let views: Set<String> = ["tree", "blob", "src", "edit", "raw", "browse"]

    /// Parses an `http(s)` URL; nil when it does not name a repository.
    init?(_ text: String) {
        var rest = Substring(text.trimmingWhitespace)
        let scheme: Substring
        if rest.hasPrefix("https://") { scheme = "https://" } else if rest.hasPrefix("http://") { scheme = "http://" } else { return nil }
        rest = rest.dropFirst(scheme.count)
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        var host = rest[..<slash].lowercased()
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        guard !host.isEmpty else { return nil }
        let pathText = rest[rest.index(after: slash)...]
        endsWithSlash = pathText.hasSuffix("/")
        var segments = pathText.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // GitLab: everything before `/-/` is the project path.
        var ownerSegments: [String]
        var repositoryName: String
        if let dash = segments.firstIndex(of: "-"), dash >= 2 {
            ownerSegments = Array(segments[..<(dash - 1)])
            repositoryName = segments[dash - 1]
            segments = Array(segments[(dash + 1)...])
            gitLabStyle = true
        } else {
            guard segments.count >= 2 else { return nil }
            ownerSegments = [segments[0]]
            repositoryName = segments[1]
            segments = Array(segments.dropFirst(2))
            gitLabStyle = false
        }
        if repositoryName.hasSuffix(".git") { repositoryName.removeLast(4) }
        guard !repositoryName.isEmpty, !ownerSegments.isEmpty else { return nil }
        self.host = host
        owner = ownerSegments.joined(separator: "/")
        name = repositoryName
        repositoryRoot = String(scheme) + host + "/" + owner + "/" + repositoryName
        if let first = segments.first, Self.views.contains(first), segments.count >= 2 {
            view = first
            remainder = Array(segments.dropFirst())
            hasPath = true
        } else if segments.isEmpty {
            view = ""
            remainder = []
            hasPath = false
        } else {
            return nil
        }
    }

    /// `owner/name`, lowercased, for comparing repositories.
    var identity: String { (owner + "/" + name).lowercased() }

    /// The ways to split ``remainder`` into a branch and a path, shortest branch first.
    var branchAndPathCandidates: [(branch: String, path: String)] {
        guard hasPath else { return [] }
        return (1...remainder.count).map { count in
            (remainder.prefix(count).joined(separator: "/"), remainder.dropFirst(count).joined(separator: "/"))
        }
    }

    /// The edit URL of `path` (a folder inside the repository) on `branch`, for the hosts
    /// whose edit links Backstage fills in (GitHub, GitLab).
    func editURL(branch: String, path: String) -> String? {
        let edit: String
        if host.contains("github") {
            edit = "/edit/"
        } else if gitLabStyle || host.contains("gitlab") {
            edit = "/-/edit/"
        } else {
            return nil
        }
        let folder = path.isEmpty ? "" : path + "/"
        return repositoryRoot + edit + branch + "/" + folder
    }
}
