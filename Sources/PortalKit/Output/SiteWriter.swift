import Foundation

/// One file of the generated site: a path relative to the output folder, and its bytes.
public struct SiteFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What writing the site did.
public struct SiteWriteReport: Sendable {
    /// The files written (paths inside the output folder, sorted): all of them when the site was replaced whole.
    public var written: [String]
    /// The files removed because the build no longer produces them.
    public var removed: [String]
    /// Whether every file was written anew (there was no earlier site to reuse files from).
    public var replacedWhole: Bool
    /// Every file of the site with its stamp and hash, for the next build's cache.
    public var outputs: [String: BuildCache.Record]
}

/// Why the site was not written.
public struct SiteWriteError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Writes the site into a fresh temporary folder beside the output, then swaps it in whole,
/// so readers never see half a site and a failed build leaves the previous site intact.
///
/// It refuses to replace folders it did not create: `/`, the home folder, a ROOT or a folder
/// holding one, and any non-empty folder without its marker file.
public struct SiteWriter: Sendable {
    /// The file that marks a folder as portal-build's output.
    public static let markerName = ".portal-build"

    public init() {}

    /// Writes `files` as the whole site in `output`: into a temporary folder beside it, then
    /// swapped in at once, so a build that fails or is killed leaves the previous site whole.
    /// With `previous` (the outputs recorded by the last build, from ``BuildCache``), a file
    /// whose bytes are what the folder already holds is not written again but linked (a hard
    /// link keeps its inode and modification time), so only changed files are written.
    @discardableResult
    public func write(_ files: [SiteFile], to output: String, roots: [String],
                      previous: [String: BuildCache.Record]? = nil) throws(SiteWriteError) -> SiteWriteReport {
        let target = Path.join(FileSystem.currentDirectory, output)
        let resolved = FileSystem.realPath(target) ?? target
        try checkSafe(resolved, argument: output, roots: roots)
        let all = [Self.marker] + files
        let hashes = parallelMap(all) { XXHash64.hash($0.bytes) }
        let paths = try all.map { file throws(SiteWriteError) in try Self.checkedRelative(file.path) }
        var links = [String?](repeating: nil, count: all.count)
        var removed: [String] = []
        // A folder holding links or special files is not trusted: everything is written anew.
        if let previous, FileSystem.resolvedType(of: resolved) == .directory, let onDisk = Self.regularFiles(under: resolved) {
            for (index, path) in paths.enumerated() {
                if let recorded = previous[path], recorded.hash == hashes[index], onDisk[path] == recorded.stamp {
                    links[index] = resolved + "/" + path
                }
            }
            let produced = Set(paths)
            removed = onDisk.keys.filter { !produced.contains($0) && !$0.hasPrefix(BuildCache.fileName) }.sorted()
        }
        try replace(resolved, argument: output, with: all, at: paths, links: links)
        let stamps = parallelMap(paths) { FileStamp(path: resolved + "/" + $0) }
        var outputs: [String: BuildCache.Record] = [:]
        outputs.reserveCapacity(all.count)
        for (index, path) in paths.enumerated() {
            outputs[path] = BuildCache.Record(stamp: stamps[index], hash: hashes[index])
        }
        let written = zip(paths, links).filter { $0.1 == nil }.map(\.0).sorted()
        return SiteWriteReport(written: written, removed: removed, replacedWhole: previous == nil || written.count == all.count,
                               outputs: outputs)
    }

    /// Stages the site (`files` at the checked relative `paths`, the marker first; a file with a
    /// path in `links` as a hard link to that file) in a temporary folder beside `resolved` and swaps it in.
    private func replace(_ resolved: String, argument output: String, with files: [SiteFile], at paths: [String],
                         links: [String?]) throws(SiteWriteError) {
        let fileManager = FileManager.default
        let parent = Path.directory(of: resolved)
        let name = Path.fileName(of: resolved)
        do {
            try fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw SiteWriteError(description: "cannot create '\(parent)': \(error.localizedDescription)")
        }
        Self.removeStale(in: parent, name: name)
        let staging = parent + "/" + Self.stagingPrefix(name) + "\(getpid())"
        try? fileManager.removeItem(atPath: staging)
        do {
            try writeAll(files, at: paths, links: links, into: staging, argument: output)
        } catch {
            try? fileManager.removeItem(atPath: staging)
            throw error
        }
        // Where the system can, the new site and the old one trade places in one step, so a
        // server reading the folder never finds it missing; the old site is then removed.
        if FileSystem.type(of: resolved) == .directory, let exchange = Self.exchange,
           exchange(AT_FDCWD, staging, AT_FDCWD, resolved, Self.renameExchange) == 0 {
            try? fileManager.removeItem(atPath: staging)
            return
        }
        let retired = parent + "/" + Self.retiredPrefix(name) + "\(getpid())"
        if FileSystem.type(of: resolved) != nil {
            guard rename(resolved, retired) == 0 else {
                try? fileManager.removeItem(atPath: staging)
                throw SiteWriteError(description: "cannot replace '\(output)': \(String(cString: strerror(errno)))")
            }
        }
        guard rename(staging, resolved) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(retired, resolved)
            try? fileManager.removeItem(atPath: staging)
            throw SiteWriteError(description: "cannot move the new site into '\(output)': \(reason)")
        }
        try? fileManager.removeItem(atPath: retired)
    }

    /// Writes `files` into the site in `output` where their bytes differ from the records in
    /// `previous` (or from what is on disk) and removes the files in `removing`, leaving every
    /// other file as it is: the preview server's fast path, which knows exactly which files an
    /// edit can change. Returns the records of `files`.
    public func patch(_ files: [SiteFile], removing: [String] = [], in output: String,
                      previous: [String: BuildCache.Record]) throws(SiteWriteError) -> SiteWriteReport {
        let folder = FileSystem.realPath(Path.join(FileSystem.currentDirectory, output)) ?? output
        guard FileSystem.type(of: folder + "/" + Self.markerName) == .file else {
            throw SiteWriteError(description: "refusing to update '\(output)': it was not written by portal-build")
        }
        let hashes = parallelMap(files) { XXHash64.hash($0.bytes) }
        var outputs: [String: BuildCache.Record] = [:]
        var written: [String] = []
        for (file, hash) in zip(files, hashes) {
            let relative = try Self.checkedRelative(file.path)
            if let recorded = previous[relative], recorded.hash == hash, FileStamp(path: folder + "/" + relative) == recorded.stamp {
                outputs[relative] = recorded
                continue
            }
            outputs[relative] = try Self.replaceFile(relative, in: folder, with: file.bytes, hash: hash)
            written.append(relative)
        }
        let removed = try removing.map { path throws(SiteWriteError) in try Self.checkedRelative(path) }.filter { outputs[$0] == nil }
        for path in removed { unlink(folder + "/" + path) }
        Self.removeEmptyFolders(above: removed, in: folder)
        return SiteWriteReport(written: written.sorted(), removed: removed.sorted(), replacedWhole: false, outputs: outputs)
    }

    /// Writes one file of the site through a temporary file beside it, so a reader sees the
    /// old bytes or the new ones, never half; returns its record.
    private static func replaceFile(_ relative: String, in folder: String, with bytes: [UInt8], hash: UInt64) throws(SiteWriteError) -> BuildCache.Record {
        let absolute = folder + "/" + relative
        try createParents(of: relative, in: folder)
        let temporary = Path.directory(of: absolute) + "/.portal-build-write.tmp"
        if let failure = FileSystem.write(bytes, to: temporary) {
            throw SiteWriteError(description: "cannot write '\(absolute)': \(failure)")
        }
        guard rename(temporary, absolute) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SiteWriteError(description: "cannot write '\(absolute)': \(reason)")
        }
        return BuildCache.Record(stamp: FileStamp(path: absolute), hash: hash)
    }

    /// `.site.tmp-`: the new site is staged in `.site.tmp-PID` beside `site/`.
    private static func stagingPrefix(_ name: String) -> String { ".\(name).tmp-" }

    /// `.site.old-`: where the old site waits to be removed when the system cannot exchange folders.
    private static func retiredPrefix(_ name: String) -> String { ".\(name).old-" }

    /// Removes what a killed build left beside the output folder `name` in `parent`: folders
    /// named as this writer names them (`.site.tmp-PID`, `.site.old-PID`) whose process is gone,
    /// and that hold the marker file or nothing (the marker is the first thing staged). Only
    /// safe while holding the ``SiteLock``, which every build does.
    private static func removeStale(in parent: String, name: String) {
        for entry in FileSystem.entries(of: parent) where entry.type == .directory {
            guard let prefix = [stagingPrefix(name), retiredPrefix(name)].first(where: entry.name.hasPrefix),
                  let pid = Int32(entry.name.dropFirst(prefix.count)), pid > 0, pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            let folder = parent + "/" + entry.name
            let inside = FileSystem.entries(of: folder)
            guard inside.isEmpty || inside.contains(where: { $0.name == markerName && $0.type == .file }) else { continue }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    private static var marker: SiteFile {
        SiteFile(path: markerName, bytes: Array("This folder is written by portal-build and replaced on every build.\n".utf8))
    }

    /// `a/b.html` for `./a/b.html`; refuses paths that leave the site.
    private static func checkedRelative(_ path: String) throws(SiteWriteError) -> String {
        let relative = Path.normalize(path)
        guard !relative.hasPrefix("/"), !relative.hasPrefix(".."), relative != "." else {
            throw SiteWriteError(description: "refusing to write '\(path)' outside the site")
        }
        return relative
    }

    /// Every regular file under `folder` (relative path → stamp), or nil if it holds a link
    /// or anything but files and folders.
    private static func regularFiles(under folder: String) -> [String: FileStamp]? {
        var files: [String: FileStamp] = [:]
        var pending = [""]
        while let relative = pending.popLast() {
            for entry in FileSystem.entries(of: relative.isEmpty ? folder : folder + "/" + relative) {
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.type {
                case .file: files[path] = FileStamp(path: folder + "/" + path)
                case .directory: pending.append(path)
                case .symlink, .other: return nil
                }
            }
        }
        return files
    }

    private static func createParents(of relative: String, in folder: String) throws(SiteWriteError) {
        var missing: [String] = []
        var parent = Path.directory(of: relative)
        while parent != ".", FileSystem.type(of: folder + "/" + parent) != .directory {
            missing.append(parent)
            parent = Path.directory(of: parent)
        }
        for path in missing.reversed() {
            guard mkdir(folder + "/" + path, 0o755) == 0 || errno == EEXIST else {
                throw SiteWriteError(description: "cannot create '\(folder)/\(path)': \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Removes the folders that removing `paths` left empty, deepest first.
    private static func removeEmptyFolders(above paths: [String], in folder: String) {
        var folders: Set<String> = []
        for path in paths {
            var parent = Path.directory(of: path)
            while parent != ".", folders.insert(parent).inserted {
                parent = Path.directory(of: parent)
            }
        }
        for path in folders.sorted(by: { $0.count > $1.count }) {
            rmdir(folder + "/" + path)  // fails, harmlessly, while the folder still holds files
        }
    }

    /// Linux's `renameat2`, looked up at run time (Swift's Glibc module does not declare it);
    /// nil elsewhere, where the site is swapped with two renames.
    private static let exchange: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 1 << 1

    private func checkSafe(_ path: String, argument: String, roots: [String]) throws(SiteWriteError) {
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { FileSystem.realPath($0) }
        if path == "/" || path == home {
            throw SiteWriteError(description: "refusing to write the site to '\(argument)': choose a dedicated folder such as site/")
        }
        for root in roots {
            guard let rootPath = FileSystem.realPath(root) else { continue }
            if Path.isInside(rootPath, path) {
                throw SiteWriteError(description: "refusing to write the site to '\(argument)': it holds the input '\(root)'")
            }
        }
        guard FileSystem.type(of: path) != nil else { return }
        guard FileSystem.resolvedType(of: path) == .directory else {
            throw SiteWriteError(description: "refusing to write the site to '\(argument)': it exists and is not a folder")
        }
        let entries = FileSystem.entries(of: path)
        if !entries.isEmpty, !entries.contains(where: { $0.name == Self.markerName }) {
            throw SiteWriteError(description: "refusing to replace '\(argument)': it is not empty and was not written by portal-build (no \(Self.markerName) file); choose another --output or empty it")
        }
    }

    /// Creates every folder first (parents before children), then writes the files (or links
    /// them to the unchanged files of the previous site, writing them where a link fails).
    /// Errors name the file as it will be in the output folder (`site/docs/index.html`), not the staging folder.
    private func writeAll(_ all: [SiteFile], at relativePaths: [String], links: [String?], into folder: String,
                          argument output: String) throws(SiteWriteError) {
        var folders: Set<String> = [folder]
        for relative in relativePaths {
            var parent = Path.directory(of: relative)
            while parent != ".", folders.insert(folder + "/" + parent).inserted {
                parent = Path.directory(of: parent)
            }
        }
        let paths = relativePaths.map { folder + "/" + $0 }
        let shown = { (path: String) in Path.join(output, String(path.dropFirst(folder.count + 1))) }
        guard mkdir(folder, 0o755) == 0 else {
            throw SiteWriteError(description: "cannot create '\(folder)' beside \(output)/: \(String(cString: strerror(errno)))")
        }
        // The marker first, so a staging folder left by a killed build is recognisably this writer's.
        if let failure = FileSystem.write(Self.marker.bytes, to: folder + "/" + Self.markerName) {
            throw SiteWriteError(description: "cannot write \(shown(folder + "/" + Self.markerName)): \(failure)")
        }
        for path in folders.sorted() where path != folder {
            guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
                throw SiteWriteError(description: "cannot create \(shown(path))/: \(String(cString: strerror(errno)))")
            }
        }
        // One thread: parallel writes measured slower here (the file system serialises them).
        for (index, (path, file)) in zip(paths, all).enumerated() where relativePaths[index] != Self.markerName {
            if let source = links[index], link(source, path) == 0 { continue }
            if let failure = FileSystem.write(file.bytes, to: path) {
                throw SiteWriteError(description: "cannot write \(shown(path)): \(failure)")
            }
        }
    }
}
