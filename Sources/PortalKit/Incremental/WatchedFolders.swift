/// The folders a ``FileWatcher`` watches: by watch descriptor (to name an event's path), by
/// path, and by parent (so a folder removed with everything under it is dropped at once).
struct WatchedFolders {
    private var paths: [Int32: String] = [:]
    private var watches: [String: Int32] = [:]
    private var children: [String: Set<String>] = [:]

    /// The watch descriptors in use.
    var descriptors: Dictionary<Int32, String>.Keys {
        paths.keys
    }

    /// The path a watch stands for.
    func path(of watch: Int32) -> String? {
        paths[watch]
    }

    func contains(_ path: String) -> Bool {
        watches[path] != nil
    }

    func contains(watch: Int32) -> Bool {
        paths[watch] != nil
    }

    mutating func insert(_ path: String, watch: Int32) {
        paths[watch] = path
        watches[path] = watch
        children[Path.directory(of: path), default: []].insert(path)
    }

    /// Removes `folder` and every watched folder under it, returning their watches.
    mutating func removeTree(_ folder: String) -> [Int32] {
        var removed: [Int32] = []
        var stack = [folder]
        while let path = stack.popLast() {
            stack += children.removeValue(forKey: path) ?? []
            if let watch = watches.removeValue(forKey: path) {
                paths[watch] = nil
                removed.append(watch)
            }
        }
        children[Path.directory(of: folder)]?.remove(folder)
        return removed
    }

    /// Forgets a watch the system dropped.
    mutating func remove(watch: Int32) {
        guard let path = paths.removeValue(forKey: watch), watches[path] == watch else { return }
        watches[path] = nil
        children[Path.directory(of: path)]?.remove(path)
    }
}
