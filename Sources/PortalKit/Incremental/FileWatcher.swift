/// Reports changes to the watched inputs as they happen, with Linux's inotify: a watch on every
/// folder that ``WatchedInputs/snapshot()`` walks, and one on the nearest existing folder of each
/// single file (which may not exist yet) and of each git state file the walk lists. A batch is
/// checked against the files' stamps, so a temporary file created and removed, or a file
/// rewritten as it was, is not a change; the snapshot is brought up to date from the paths the
/// events name, without walking again.
///
/// ``next(settle:cap:)`` blocks and must not run on two threads at once; ``stop()`` may be
/// called from any thread.
public final class FileWatcher: @unchecked Sendable {
    /// What ``next(settle:cap:)`` found.
    public enum Batch: Sendable, Equatable {
        /// The paths added, removed or changed since the last batch, sorted; never empty.
        case changed([String])
        /// Events were lost (the queue overflowed, or a new folder could not be watched): compare
        /// a full snapshot with ``snapshot`` instead, with a new watcher.
        case rescan(reason: String)
        /// ``stop()`` was called.
        case stopped
    }

    /// Why inotify cannot watch the inputs: not Linux, no instance left, or the watch limit.
    public struct Unavailable: Error, CustomStringConvertible, Sendable, Equatable {
        public var description: String
    }

    /// The watched files as of the last batch reported (as of the start, at first).
    public private(set) var snapshot = InputSnapshot()

    /// How many inotify watches are held.
    public var watchCount: Int {
        Set(folders.descriptors).union(anchored.keys).count
    }

    private let inotify: Inotify
    private let inputs: WatchedInputs
    /// Fails watches beyond this many, as the system's limit would (for tests).
    private let watchLimit: Int?
    private let singleFiles: Set<String>
    private let roots: Set<String>
    private var folders = WatchedFolders()
    /// Single files, and ROOTs that are not folders, watched through their nearest existing folder.
    private var anchors: [String: Anchor] = [:]
    private var anchored: [Int32: Set<String>] = [:]
    /// Files the walk lists inside a `.git` folder it does not enter (HEAD and its reflog, see
    /// ``WatchedInputs/gitStateFiles(in:)``), by the folder holding the `.git`; watched as single files.
    private var gitStates: [String: String] = [:]

    /// The batch being collected: paths named by events (or found in new folders), folders
    /// that went away, and why events were lost.
    private var touched: Set<String> = []
    private var gone: Set<String> = []
    private var lost: String?

    private struct Anchor {
        /// The watch on the nearest existing folder.
        var watch: Int32
        /// The entry of that folder on the way to the file (the file's own name when `isFinal`).
        var next: String
        var isFinal: Bool
    }

    /// Watches `inputs` and takes the snapshot (each folder is watched before it is listed, so
    /// nothing is missed between the two).
    public convenience init(inputs: WatchedInputs) throws(Unavailable) {
        try self.init(inputs: inputs, watchLimit: nil)
    }

    init(inputs: WatchedInputs, watchLimit: Int?) throws(Unavailable) {
        do {
            inotify = try Inotify()
        } catch {
            throw Unavailable(description: error.reason)
        }
        self.inputs = inputs
        self.watchLimit = watchLimit
        singleFiles = Set(inputs.files)
        roots = Set(inputs.folders)
        snapshot = inputs.snapshot(entering: watchFolder)
        trackGitStates(among: snapshot.stamps.keys)
        for path in inputs.files + inputs.folders.filter({ FileSystem.resolvedType(of: $0) != .directory }) {
            anchor(path)
        }
        touched = []
        if let lost { throw Unavailable(description: lost) }
    }

    /// Waits for events, collects them until `settle` passes without one (or `cap` after the
    /// first, so a steady stream still ends a batch), and returns what changed. Returns only
    /// for a change, a rescan or ``stop()``.
    public func next(settle: Duration = .milliseconds(25), cap: Duration = .seconds(1)) -> Batch {
        while true {
            let pending = lost != nil || !touched.isEmpty || !gone.isEmpty
            guard inotify.wait(pending ? .zero : nil) != .stopped else { return .stopped }
            let first = ContinuousClock.now
            collecting: while true {
                receive(inotify.read())
                let left = cap - (ContinuousClock.now - first)
                guard left > .zero else { break }
                switch inotify.wait(min(settle, left)) {
                case .stopped: return .stopped
                case .timedOut: break collecting
                case .events: continue
                }
            }
            if let reason = lost {
                lost = nil
                touched = []
                gone = []
                return .rescan(reason: reason)
            }
            let changes = settleBatch()
            if !changes.isEmpty { return .changed(changes) }
        }
    }

    /// Makes a waiting (or the next) ``next(settle:cap:)`` return `.stopped`.
    public func stop() {
        inotify.stop()
    }

    /// Takes events into the batch being collected (tests pass their own).
    func receive(_ events: [InotifyEvent]) {
        for event in events {
            handle(event)
        }
    }

    private func handle(_ event: InotifyEvent) {
        let mask = event.mask
        if mask.contains(.queueOverflow) { lost = lost ?? "the inotify event queue overflowed" }
        guard lost == nil else { return }  // everything is compared again anyway
        if let folder = folders.path(of: event.watch) {
            if let name = event.name {
                entryChanged(folder + "/" + name, name: name, mask: mask)
            } else if !mask.isDisjoint(with: [.deleteSelf, .moveSelf]) {
                folderLeft(folder)
            }
        }
        for file in anchored[event.watch] ?? [] {
            anchorChanged(file, watch: event.watch, name: event.name, mask: mask)
        }
        if mask.contains(.ignored) { forget(event.watch) }
    }

    /// An entry of a watched folder was created, written, removed or moved.
    private func entryChanged(_ path: String, name: String, mask: InotifyEvent.Mask) {
        let isFolder = mask.contains(.isFolder)
        if name == ".git" { trackGitState(path) }
        if !mask.isDisjoint(with: [.create, .movedTo]) {
            if isFolder || FileSystem.resolvedType(of: path) == .directory {
                if !WatchedInputs.skipsFolder(named: name) { walkNew(path) }
            } else {
                touched.insert(path)
            }
        } else if !mask.isDisjoint(with: [.delete, .movedFrom]) {
            if folders.contains(path) || (isFolder && !WatchedInputs.skipsFolder(named: name)) {
                folderLeft(path)
            } else {
                touched.insert(path)
            }
        } else if !isFolder {
            touched.insert(path)
        }
    }

    /// The folder of a single file (or one on the way to it) saw an event.
    private func anchorChanged(_ file: String, watch: Int32, name: String?, mask: InotifyEvent.Mask) {
        guard let anchor = anchors[file], anchor.watch == watch else { return }  // else moved by an earlier event
        guard let name else {
            if !mask.isDisjoint(with: [.deleteSelf, .moveSelf, .ignored]) {
                touched.insert(file)
                reanchor(file)
            }
            return
        }
        guard name == anchor.next else { return }
        touched.insert(file)
        if !anchor.isFinal {
            reanchor(file)  // a folder on the way was created or moved
        } else if roots.contains(file), FileSystem.resolvedType(of: file) == .directory {
            unanchor(file)
            walkNew(file)
        }
    }

    /// A folder that appeared: watch it and everything under it, and report the files already
    /// there (they may have been written before the watch).
    private func walkNew(_ folder: String) {
        let found = inputs.files(under: folder, entering: watchFolder).keys
        touched.formUnion(found)
        trackGitStates(among: found)
    }

    /// Watches the git state files among files a walk listed (those not in a watched folder).
    private func trackGitStates(among paths: some Sequence<String>) {
        for path in paths where gitStates[path] == nil && !folders.contains(Path.directory(of: path)) {
            var folder = Path.directory(of: path)
            while Path.fileName(of: folder) != ".git" {
                let parent = Path.directory(of: folder)
                if parent == folder { break }
                folder = parent
            }
            if Path.fileName(of: folder) == ".git" { trackGitState(folder) }
        }
    }

    /// A `.git` folder in a watched folder: its state files, which may not exist yet, are
    /// watched like single files (a `.git` created, removed or replaced changes them all).
    private func trackGitState(_ gitFolder: String) {
        for file in WatchedInputs.gitStateFiles(in: gitFolder) {
            gitStates[file] = Path.directory(of: gitFolder)
            touched.insert(file)
            reanchor(file)
        }
    }

    /// A watched folder was removed or moved away: its watches go, and its files are compared
    /// again at the end of the batch.
    private func folderLeft(_ folder: String) {
        for watch in folders.removeTree(folder) {
            for file in anchored[watch] ?? [] {
                touched.insert(file)
                reanchor(file)
            }
            release(watch)
        }
        gone.insert(folder)
        for (file, owner) in gitStates where owner == folder || owner.hasPrefix(folder + "/") {
            touched.insert(file)
            reanchor(file)
        }
        if roots.contains(folder) { watchRoot(folder) }
    }

    /// A ROOT that is gone (or back): walked if it is a folder, else watched for its return.
    private func watchRoot(_ root: String) {
        touched.insert(root)
        if FileSystem.resolvedType(of: root) == .directory {
            unanchor(root)
            walkNew(root)
        } else if anchors[root] == nil {
            anchor(root)
        }
    }

    /// The system dropped a watch (its folder was deleted).
    private func forget(_ watch: Int32) {
        folders.remove(watch: watch)
        for file in anchored.removeValue(forKey: watch) ?? [] {
            anchors[file] = nil
            touched.insert(file)
            anchor(file)
        }
    }

    /// Watches a folder the walk is about to list; false to leave it out (unreadable, or
    /// already watched by this or another path).
    private func watchFolder(_ path: String) -> Bool {
        guard case .watch(let watch) = addWatch(path), !folders.contains(watch: watch) else { return false }
        folders.insert(path, watch: watch)
        return true
    }

    /// Watches the nearest existing folder on the way to `file`.
    private func anchor(_ file: String) {
        var child = file
        var folder = Path.directory(of: file)
        while FileSystem.resolvedType(of: folder) != .directory {
            let parent = Path.directory(of: folder)
            guard parent != folder else { return }
            child = folder
            folder = parent
        }
        switch addWatch(folder) {
        case .watch(let watch):
            anchors[file] = Anchor(watch: watch, next: Path.fileName(of: child), isFinal: child == file)
            anchored[watch, default: []].insert(file)
        case .unreadable:
            lost = lost ?? "cannot watch \(folder) for \(file)"
        case .failed:
            break  // addWatch set `lost`
        }
    }

    private func unanchor(_ file: String) {
        guard let anchor = anchors.removeValue(forKey: file) else { return }
        anchored[anchor.watch]?.remove(file)
        if anchored[anchor.watch]?.isEmpty == true { anchored[anchor.watch] = nil }
        release(anchor.watch)
    }

    private func reanchor(_ file: String) {
        unanchor(file)
        anchor(file)
    }

    /// Removes a watch that no folder and no single file uses any more.
    private func release(_ watch: Int32) {
        if !folders.contains(watch: watch), anchored[watch] == nil { inotify.remove(watch) }
    }

    private func addWatch(_ path: String) -> Inotify.Added {
        let added = watchLimit.map { watchCount >= $0 } == true ? .failed(Inotify.limitReached) : inotify.add(path)
        if case .failed(let failure) = added { lost = lost ?? failure.reason }
        return added
    }

    /// Compares the stamps of the paths the batch touched (and of the files under folders that
    /// went away) with the snapshot, updates it, and returns the paths that differ.
    private func settleBatch() -> [String] {
        var candidates = touched
        if !gone.isEmpty {
            for path in snapshot.stamps.keys where isInGoneFolder(path) {
                candidates.insert(path)
            }
        }
        touched = []
        gone = []
        var changes: [String] = []
        for path in candidates {
            let stamp = currentStamp(path)
            if stamp != snapshot.stamps[path] {
                snapshot.stamps[path] = stamp
                changes.append(path)
            }
        }
        return changes.sorted()
    }

    /// The stamp `path` has in a snapshot taken now; nil if a snapshot would not list it.
    private func currentStamp(_ path: String) -> FileStamp? {
        if singleFiles.contains(path) { return FileStamp(path: path) }
        if roots.contains(path), FileSystem.resolvedType(of: path) != .directory { return FileStamp(path: path) }
        if let owner = gitStates[path] {
            return folders.contains(owner) && FileSystem.type(of: owner + "/.git") == .directory ? FileStamp(path: path) : nil
        }
        guard folders.contains(Path.directory(of: path)) else { return nil }
        switch FileSystem.type(of: path) {
        case .file: return FileStamp(path: path)
        case .symlink: return FileSystem.resolvedType(of: path) == .directory ? nil : FileStamp(path: path)
        default: return nil
        }
    }

    private func isInGoneFolder(_ path: String) -> Bool {
        var folder = Path.directory(of: path)
        while !gone.contains(folder) {
            let parent = Path.directory(of: folder)
            if parent == folder { return false }
            folder = parent
        }
        return true
    }
}
