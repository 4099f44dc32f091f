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

/// Takes the files of a site as they are made, from any thread.
public protocol SiteSink: Sendable {
    func add(_ file: SiteFile)
}

/// Keeps the files handed to it in memory, by path (the renderer puts them in order).
public final class SiteCollector: SiteSink, @unchecked Sendable {
    private var files: [String: [UInt8]] = [:]
    private let lock = NSLock()

    public init() {}

    public func add(_ file: SiteFile) {
        lock.lock()
        defer { lock.unlock() }
        files[file.path] = file.bytes
    }

    /// The files at `paths`, in that order (each path once, as its last bytes).
    public func files(at paths: [String]) -> [SiteFile] {
        lock.lock()
        defer { lock.unlock() }
        var seen: Set<String> = []
        return paths.compactMap { path in seen.insert(path).inserted ? files[path].map { SiteFile(path: path, bytes: $0) } : nil }
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
        let staging = try stage(output, roots: roots, previous: previous)
        for file in files { staging.add(file) }
        return try staging.finish()
    }

    /// A staging folder for the site in `output` that takes the files as they are made (from
    /// any thread) and writes each at once; ``SiteStaging/finish()`` swaps it in as
    /// ``write(_:to:roots:previous:)`` does. Checks first that `output` may be replaced.
    public func stage(_ output: String, roots: [String], previous: [String: BuildCache.Record]? = nil) throws(SiteWriteError) -> SiteStaging {
        let target = Path.join(FileSystem.currentDirectory, output)
        let resolved = FileSystem.realPath(target) ?? target
        try checkSafe(resolved, argument: output, roots: roots)
        // A folder holding links or special files is not trusted: everything is written anew.
        var onDisk: [String: FileStamp]?
        if previous != nil, FileSystem.resolvedType(of: resolved) == .directory {
            onDisk = Self.regularFiles(under: resolved)
        }
        let parent = Path.directory(of: resolved)
        let name = Path.fileName(of: resolved)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw SiteWriteError(description: "cannot create '\(parent)': \(error.localizedDescription)")
        }
        Self.removeStale(in: parent, name: name)
        let folder = parent + "/" + Self.stagingPrefix(name) + "\(getpid())"
        Self.removeOwnFolder(folder)
        guard mkdir(folder, 0o755) == 0 else {
            throw SiteWriteError(description: "cannot create '\(folder)' beside \(output)/: \(String(cString: strerror(errno)))")
        }
        let staging = SiteStaging(folder: folder, resolved: resolved, output: output, previous: onDisk == nil ? nil : previous,
                                  onDisk: onDisk ?? [:], wasPrevious: previous != nil)
        // The marker first, so a staging folder left by a killed build is recognisably this writer's.
        staging.add(Self.marker)
        try staging.checkFailure()
        return staging
    }

    /// Swaps the staged site in `staging` into `resolved` (`output` as given).
    fileprivate static func swap(_ staging: String, into resolved: String, argument output: String) throws(SiteWriteError) {
        // Where the system can, the new site and the old one trade places in one step, so a
        // server reading the folder never finds it missing; the old site is then removed.
        if FileSystem.type(of: resolved) == .directory, let exchange = Self.exchange,
           exchange(AT_FDCWD, staging, AT_FDCWD, resolved, Self.renameExchange) == 0 {
            removeOwnFolder(staging)
            return
        }
        let parent = Path.directory(of: resolved)
        let name = Path.fileName(of: resolved)
        let retired = parent + "/" + Self.retiredPrefix(name) + "\(getpid())"
        if FileSystem.type(of: resolved) != nil {
            guard rename(resolved, retired) == 0 else {
                removeOwnFolder(staging)
                throw SiteWriteError(description: "cannot replace '\(output)': \(String(cString: strerror(errno)))")
            }
        }
        guard rename(staging, resolved) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(retired, resolved)
            removeOwnFolder(staging)
            throw SiteWriteError(description: "cannot move the new site into '\(output)': \(reason)")
        }
        removeOwnFolder(retired)
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
    fileprivate static func removeStale(in parent: String, name: String) {
        for entry in FileSystem.entries(of: parent) where entry.type == .directory {
            guard let prefix = [stagingPrefix(name), retiredPrefix(name)].first(where: entry.name.hasPrefix),
                  let pid = Int32(entry.name.dropFirst(prefix.count)), pid > 0, pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            let folder = parent + "/" + entry.name
            let inside = FileSystem.entries(of: folder)
            guard inside.isEmpty || inside.contains(where: { $0.name == markerName && $0.type == .file }) else { continue }
            removeOwnFolder(folder)
        }
    }

    /// Removes a staging or retired folder, its marker last: a kill halfway leaves the folder
    /// recognisably this writer's, for the next build to remove.
    fileprivate static func removeOwnFolder(_ folder: String) {
        FileSystem.removeTree(folder, removingLast: markerName)
    }

    fileprivate static var marker: SiteFile {
        SiteFile(path: markerName, bytes: Array("This folder is written by portal-build and replaced on every build.\n".utf8))
    }

    /// `a/b.html` for `./a/b.html`; refuses paths that leave the site.
    fileprivate static func checkedRelative(_ path: String) throws(SiteWriteError) -> String {
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
}

/// The staging folder of a site being written: files are written (or linked to the previous
/// site's unchanged ones) as they arrive, from any thread, hashed on the way; ``finish()`` swaps
/// the folder in. A staging folder that is never finished is removed when it is let go.
public final class SiteStaging: SiteSink, @unchecked Sendable {
    private let folder: String
    private let resolved: String
    private let output: String
    /// The last build's records, when the folder holds only regular files (else nil: all is written).
    private let previous: [String: BuildCache.Record]?
    private let onDisk: [String: FileStamp]
    private let wasPrevious: Bool
    private let lock = NSLock()
    /// Folders made in the staging folder (relative paths).
    private var folders: Set<String> = []
    private var records: [String: BuildCache.Record] = [:]
    private var written: [String] = []
    private var failure: SiteWriteError?
    private var done = false

    fileprivate init(folder: String, resolved: String, output: String, previous: [String: BuildCache.Record]?, onDisk: [String: FileStamp], wasPrevious: Bool) {
        self.folder = folder
        self.resolved = resolved
        self.output = output
        self.previous = previous
        self.onDisk = onDisk
        self.wasPrevious = wasPrevious
    }

    deinit {
        if !done { SiteWriter.removeOwnFolder(folder) }
    }

    /// Writes `file` into the staging folder (or links it to the previous site's file with the same bytes).
    public func add(_ file: SiteFile) {
        // After a failure the site will not be swapped in: nothing more is written.
        lock.lock()
        let failed = failure != nil
        lock.unlock()
        guard !failed else { return }
        let relative: String
        do {
            relative = try SiteWriter.checkedRelative(file.path)
        } catch {
            fail(error)
            return
        }
        let hash = XXHash64.hash(file.bytes)
        let path = folder + "/" + relative
        let stamp: FileStamp
        let linked: Bool
        if let recorded = previous?[relative], recorded.hash == hash, onDisk[relative] == recorded.stamp,
           makeParents(of: relative), link(resolved + "/" + relative, path) == 0 {
            stamp = recorded.stamp
            linked = true
        } else {
            guard makeParents(of: relative) else { return }
            switch Self.write(file.bytes, to: path) {
            case .success(let written): stamp = written
            case .failure(let reason):
                fail(SiteWriteError(description: "cannot write \(Path.join(output, relative)): \(reason)"))
                return
            }
            linked = false
        }
        lock.lock()
        if !linked { written.append(relative) }
        records[relative] = BuildCache.Record(stamp: stamp, hash: hash)
        lock.unlock()
    }

    /// Throws the first failure to write, if any.
    func checkFailure() throws(SiteWriteError) {
        lock.lock()
        let failure = failure
        lock.unlock()
        if let failure { throw failure }
    }

    /// Swaps the staged site in (unless a file could not be written: the staging folder is then
    /// removed and the previous site left as it was); what was written.
    public func finish() throws(SiteWriteError) -> SiteWriteReport {
        lock.lock()
        let failure = failure, records = records, written = written
        done = true
        lock.unlock()
        if let failure {
            SiteWriter.removeOwnFolder(folder)
            throw failure
        }
        let removed = wasPrevious ? onDisk.keys.filter { records[$0] == nil && !$0.hasPrefix(BuildCache.fileName) }.sorted() : []
        try SiteWriter.swap(folder, into: resolved, argument: output)
        return SiteWriteReport(written: written.sorted(), removed: removed, replacedWhole: !wasPrevious || written.count == records.count,
                               outputs: records)
    }

    private func fail(_ error: SiteWriteError) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }

    /// Makes the folders above `relative` in the staging folder that are not there yet. The
    /// folders are made outside the lock (other threads go on writing meanwhile): two threads
    /// may both make one, and the second finds it there.
    private func makeParents(of relative: String) -> Bool {
        var missing: [String] = []
        lock.lock()
        var parent = Path.directory(of: relative)
        while parent != ".", !folders.contains(parent) {
            missing.append(parent)
            parent = Path.directory(of: parent)
        }
        lock.unlock()
        guard !missing.isEmpty else { return true }
        for path in missing.reversed() {
            guard mkdir(folder + "/" + path, 0o755) == 0 || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                fail(SiteWriteError(description: "cannot create \(Path.join(output, path))/: \(reason)"))
                return false
            }
        }
        lock.lock()
        folders.formUnion(missing)
        lock.unlock()
        return true
    }

    /// Writes `bytes` to a new file at `path`; its stamp, or why it failed.
    private static func write(_ bytes: [UInt8], to path: String) -> Result<FileStamp, WriteFailure> {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .failure(WriteFailure(errno)) }
        defer { close(descriptor) }
        var offset = 0
        let failed: Int32? = bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                #if canImport(Glibc)
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let count = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
        if let failed { return .failure(WriteFailure(failed)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(WriteFailure(errno)) }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return .success(FileStamp(size: Int64(info.st_size), modified: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)))
    }

    private struct WriteFailure: Error, CustomStringConvertible {
        var code: Int32
        init(_ code: Int32) { self.code = code }
        var description: String { String(cString: strerror(code)) }
    }
}
