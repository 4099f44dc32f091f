/// Comparing a cache with the inputs and outputs as they are now.
extension BuildCache {
    /// A hash of `parts` (options, config, working folder) and of the running program's file, so
    /// a new portal-build never trusts an old one's output.
    public static func settingsHash(_ parts: [String]) -> String {
        let program = FileSystem.realPath("/proc/self/exe") ?? CommandLine.arguments.first ?? ""
        let stamp = FileStamp(path: program)
        let text = ([header, program, "\(stamp.size)", "\(stamp.modified)"] + parts).joined(separator: "\u{1f}")
        return XXHash64.hex(XXHash64.hash(Array(text.utf8)))
    }

    /// A record of every file in `snapshot`: the hash `known` holds for an unchanged stamp,
    /// else the hash of the file read now. A file that changes while it is read gets hash 0,
    /// so the next build reads it again.
    public static func records(of snapshot: InputSnapshot, known: [String: Record]) -> [String: Record] {
        let paths = snapshot.stamps.keys.sorted()
        let records = parallelMap(paths) { path -> Record in
            let stamp = snapshot.stamps[path]!
            if let record = known[path], record.stamp == stamp { return record }
            return Record(stamp: stamp, hash: contentHash(of: path, expecting: stamp))
        }
        return Dictionary(uniqueKeysWithValues: zip(paths, records))
    }

    /// The records of `snapshot`'s files, as ``records(of:known:)`` makes them, except that a file
    /// `read` holds (by absolute path: `build` passes what the docs conversion read) with the
    /// snapshot's stamp takes that record instead of being read again. Relative paths are taken
    /// from `workingFolder`; a path that names its file another way (through a link) is read.
    package static func records(of snapshot: InputSnapshot, known: [String: Record], read: [String: Record],
                                workingFolder: String = FileSystem.currentDirectory) -> [String: Record] {
        guard !read.isEmpty else { return records(of: snapshot, known: known) }
        var remaining = InputSnapshot()
        var taken: [String: Record] = [:]
        for (path, stamp) in snapshot.stamps {
            if let record = read[Path.join(workingFolder, path)], record.stamp == stamp {
                taken[path] = record
            } else {
                remaining.stamps[path] = stamp
            }
        }
        return taken.merging(records(of: remaining, known: known)) { $1 }
    }

    /// Whether the file at `path` may be a docs page (a Markdown file the docs conversion reads).
    package static func mayBeDocsPage(_ path: String) -> Bool {
        DocsFolderListing.isMarkdown(Path.fileName(of: path))
    }

    /// What an up-to-date check found.
    public enum Freshness: Equatable, Sendable {
        /// Nothing changed; `refreshed` holds the input records with new stamps when files were
        /// touched without changing (the cache should be written again), nil when nothing moved.
        case upToDate(refreshed: [String: Record]?)
        /// These inputs changed (or the settings, or the output folder, when the list is empty).
        case stale([String])
    }

    /// Whether a build with `settings` over the inputs in `snapshot` would write exactly what
    /// `folder` holds: the same settings, every input with its recorded content (a file whose
    /// stamp moved is read and hashed), and every recorded output still in place, unchanged.
    public func freshness(settings: String, inputs snapshot: InputSnapshot, outputFolder folder: String) -> Freshness {
        guard settings == self.settings else { return .stale([]) }
        var changed: [String] = []
        var moved: [String] = []
        for (path, stamp) in snapshot.stamps {
            guard let record = inputs[path] else {
                changed.append(path)
                continue
            }
            if record.stamp != stamp { moved.append(path) }
        }
        for path in inputs.keys where snapshot.stamps[path] == nil { changed.append(path) }
        guard changed.isEmpty else { return .stale(changed.sorted()) }
        let rehashed = parallelMap(moved) { path in Self.contentHash(of: path, expecting: snapshot.stamps[path]!) }
        for (path, hash) in zip(moved, rehashed) where hash == 0 || hash != inputs[path]!.hash {
            changed.append(path)
        }
        guard changed.isEmpty else { return .stale(changed.sorted()) }
        guard outputsIntact(in: folder) else { return .stale([]) }
        guard !moved.isEmpty else { return .upToDate(refreshed: nil) }
        var refreshed = inputs
        for (path, hash) in zip(moved, rehashed) { refreshed[path] = Record(stamp: snapshot.stamps[path]!, hash: hash) }
        return .upToDate(refreshed: refreshed)
    }

    /// Whether every recorded output is in `folder` with its recorded stamp (a file edited or
    /// removed by hand is rewritten by the next build).
    func outputsIntact(in folder: String) -> Bool {
        let paths = Array(outputs.keys)
        return !parallelMap(paths) { FileStamp(path: folder + "/" + $0) == outputs[$0]!.stamp }.contains(false)
    }

    /// The XXH64 of the file's content, or 0 when it cannot be read or its stamp is no longer `stamp`.
    static func contentHash(of path: String, expecting stamp: FileStamp) -> UInt64 {
        guard stamp != .missing, case .bytes(let bytes) = FileSystem.read(path, limit: Int(Int32.max)) else { return 0 }
        guard FileStamp(path: path) == stamp else { return 0 }
        return XXHash64.hash(bytes)
    }
}
