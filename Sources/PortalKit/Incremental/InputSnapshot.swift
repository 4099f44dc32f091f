#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


/// What `serve` watches: folders walked in full (the ROOTs, the theme) and single files (the
/// config), which may not exist yet.
public struct WatchedInputs: Sendable, Equatable {
    public var folders: [String]
    public var files: [String]
    /// Folders never entered, such as the output folder.
    public var excluded: [String]

    public init(folders: [String], files: [String] = [], excluded: [String] = []) {
        self.folders = folders
        self.files = files
        self.excluded = excluded
    }

    /// Whether a folder of this name is left out of the walk: `.git`, `.build*`, `node_modules`
    /// and other hidden folders, but not `.backstage`. Hidden files (such as `.pages`) are kept.
    public static func skipsFolder(named name: String) -> Bool {
        guard name != ".backstage" else { return false }
        return name.hasPrefix(".") || name == "node_modules"
    }

    /// The files of a `.git` folder that change when the checked-out commit does (on commit,
    /// checkout, pull or reset): `HEAD` and its reflog. Docs pages show dates from git history.
    public static func gitStateFiles(in gitFolder: String) -> [String] {
        [gitFolder + "/HEAD", gitFolder + "/logs/HEAD"]
    }

    /// Every watched file's size and modification time, from `stat` calls only (no reads).
    /// The folders' subfolders are walked on all cores; when two walks reach one folder (through
    /// links), the walk is made again in order on one thread, so the result never depends on timing.
    public func snapshot() -> InputSnapshot {
        parallelSnapshot() ?? snapshot(entering: { _ in true })
    }

    /// ``snapshot()`` with each watched folder's subfolders walked as tasks on all cores; nil
    /// when a folder was reached twice, where the one-thread walk's order decides what is found.
    func parallelSnapshot() -> InputSnapshot? {
        var top = Walk(excluding: excluded, inside: folders)
        top.defersSubfolders = true
        for folder in folders {
            top.visit(folder, entering: { _ in true })
        }
        let start = top
        let walks = parallelMap(top.deferred) { folder in
            var walk = start
            walk.defersSubfolders = false
            walk.deferred = []
            walk.stamps = [:]
            walk.attempted = []
            walk.visit(folder, entering: { _ in true })
            return walk
        }
        var attempted: Set<Walk.FolderID> = []
        var stamps: [String: FileStamp] = [:]
        for walk in [top] + walks {
            for folder in walk.attempted {
                guard attempted.insert(folder).inserted else { return nil }
            }
            stamps.merge(walk.stamps) { first, _ in first }
        }
        for file in files {
            stamps[file] = FileStamp(path: file)
        }
        return InputSnapshot(stamps: stamps)
    }

    /// The walk of ``snapshot()``, calling `entering` with each folder before its entries are
    /// listed (a watcher watches it there, so nothing created after the listing is missed); a
    /// folder it refuses is left out.
    func snapshot(entering: (String) -> Bool) -> InputSnapshot {
        var walk = Walk(excluding: excluded, inside: folders)
        for folder in folders {
            walk.visit(folder, entering: entering)
        }
        for file in files {
            walk.stamps[file] = FileStamp(path: file)
        }
        return InputSnapshot(stamps: walk.stamps)
    }

    /// The files under `folder`, one that appeared after the snapshot, found by the same rules.
    func files(under folder: String, entering: (String) -> Bool) -> [String: FileStamp] {
        var walk = Walk(excluding: excluded, inside: folders)
        walk.visit(folder, entering: entering)
        return walk.stamps
    }

    private struct Walk: Sendable {
        var stamps: [String: FileStamp] = [:]
        /// Folders already walked, by device and inode, so links cannot make a cycle.
        var seen: Set<FolderID> = []
        /// Folders never walked (the output folder).
        private var excluded: Set<FolderID> = []
        /// Every folder this walk tried to enter, excluded ones aside (the parallel snapshot
        /// checks that no folder is tried twice: then order cannot change what is found).
        var attempted: [FolderID] = []
        /// Whether subfolders of the walked folders are listed in `deferred` instead of walked.
        var defersSubfolders = false
        var deferred: [String] = []
        private var depth = 0

        struct FolderID: Hashable, Sendable {
            var device: UInt64
            var inode: UInt64
        }

        /// The walked folders' real paths: a link leading elsewhere is not followed (the loader
        /// does not read through it either), so a link to `/` cannot make the walk stat, and
        /// the cache read, the whole machine.
        var boundaries: [String]

        init(excluding excluded: [String], inside folders: [String]) {
            boundaries = folders.compactMap(FileSystem.realPath)
            for folder in excluded {
                var info = stat()
                if stat(folder, &info) == 0 { self.excluded.insert(Self.identity(info)) }
            }
        }

        /// Walks a subfolder now, or lists it for later when it is one of a watched folder's own.
        private mutating func visitOrDefer(_ path: String, entering: (String) -> Bool) {
            if defersSubfolders, depth == 1 { deferred.append(path) } else { visit(path, entering: entering) }
        }

        static func identity(_ info: stat) -> FolderID {
            FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }

        mutating func visit(_ folder: String, entering: (String) -> Bool) {
            var info = stat()
            guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                // A ROOT that is a descriptor file, or missing: watch it as a file.
                stamps[folder] = FileStamp(path: folder)
                return
            }
            let identity = Self.identity(info)
            guard !excluded.contains(identity) else { return }
            attempted.append(identity)
            guard seen.insert(identity).inserted, entering(folder) else { return }
            depth += 1
            defer { depth -= 1 }
            for entry in FileSystem.stampedEntries(of: folder) {
                let path = folder + "/" + entry.name
                switch entry.type {
                case .directory:
                    if entry.name == ".git" {
                        for file in WatchedInputs.gitStateFiles(in: path) { stamps[file] = FileStamp(path: file) }
                    } else if !WatchedInputs.skipsFolder(named: entry.name) {
                        visitOrDefer(path, entering: entering)
                    }
                case .file:
                    stamps[path] = entry.stamp ?? FileStamp(path: path)
                case .symlink:
                    guard let real = FileSystem.realPath(path), boundaries.contains(where: { Path.isInside(real, $0) }) else { continue }
                    if FileSystem.resolvedType(of: path) == .directory {
                        if !WatchedInputs.skipsFolder(named: entry.name) { visitOrDefer(path, entering: entering) }
                    } else {
                        stamps[path] = FileStamp(path: path)
                    }
                case .other:
                    continue
                }
            }
        }
    }
}

/// A file's size and modification time; a missing file has neither.
public struct FileStamp: Sendable, Equatable {
    public var size: Int64
    /// Nanoseconds since 1970.
    public var modified: Int64

    public static let missing = FileStamp(size: -1, modified: 0)

    public init(size: Int64, modified: Int64) {
        self.size = size
        self.modified = modified
    }

    /// The stamp of what `path` points at (following links, so editing a link's target counts).
    public init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = .missing
            return
        }
        self.init(info)
    }

    /// The stamp in a `stat` result.
    init(_ info: stat) {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        self.init(size: Int64(info.st_size), modified: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec))
    }
}

/// The watched files at one moment.
public struct InputSnapshot: Sendable, Equatable {
    /// Path → stamp, for every file found and every watched single file.
    public var stamps: [String: FileStamp]

    public init(stamps: [String: FileStamp] = [:]) {
        self.stamps = stamps
    }

    /// The files whose path `isFirst` accepts, and the others.
    package func partitioned(_ isFirst: (String) -> Bool) -> (InputSnapshot, InputSnapshot) {
        var first = InputSnapshot(), second = InputSnapshot()
        for (path, stamp) in stamps {
            if isFirst(path) { first.stamps[path] = stamp } else { second.stamps[path] = stamp }
        }
        return (first, second)
    }

    /// The paths added, removed or changed since `earlier`, sorted.
    public func changes(since earlier: InputSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in stamps where earlier.stamps[path] != stamp {
            changed.append(path)
        }
        for path in earlier.stamps.keys where stamps[path] == nil {
            changed.append(path)
        }
        return changed.sorted()
    }
}
