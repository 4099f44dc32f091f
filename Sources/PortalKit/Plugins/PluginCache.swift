#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Each plugin's last good output, kept in the output folder
/// (`.portal-build-cache-plugins/<name>`), keyed on everything the output can depend on: the
/// input bytes, the command and the executable's contents. A build whose key matches reads the
/// output again instead of running the plugin.
public struct PluginCache: Sendable {
    public static let folderName = ".portal-build-cache-plugins"
    static let header = "portal-build plugin cache 1 "

    /// One plugin's output to record.
    public struct Entry: Sendable {
        public var plugin: String
        public var key: UInt64
        public var output: [UInt8]
    }

    public var folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// XXH64 of the input, the argv, the timeout and the executable's bytes (or, when it cannot
    /// be read, its size and time stamp).
    static func key(input: [UInt8], command: [String], executable: String, timeout: Int) -> UInt64 {
        var material = input
        for argument in command { material += [0] + Array(argument.utf8) }
        material += Array("\0timeout \(timeout)\0".utf8)
        if case .bytes(let bytes) = FileSystem.read(executable, limit: 512 << 20) {
            material += Array(XXHash64.hex(XXHash64.hash(bytes)).utf8)
        } else {
            let stamp = FileStamp(path: executable)
            material += Array("\(stamp.size) \(stamp.modified)".utf8)
        }
        return XXHash64.hash(material)
    }

    /// The output recorded for `plugin` under `key`, if any.
    func output(plugin: String, key: UInt64) -> [UInt8]? {
        guard case .bytes(let bytes) = FileSystem.read(path(plugin), limit: 64 << 20) else { return nil }
        let expected = Array((Self.header + XXHash64.hex(key) + "\n").utf8)
        guard bytes.starts(with: expected) else { return nil }
        return Array(bytes[expected.count...])
    }

    /// Records `entries` (replacing what each plugin had); false if one could not be written.
    @discardableResult
    public func write(_ entries: [Entry]) -> Bool {
        guard !entries.isEmpty else { return true }
        let directory = Path.join(folder, Self.folderName)
        mkdir(directory, 0o755)
        var allWritten = true
        for entry in entries {
            let bytes = Array((Self.header + XXHash64.hex(entry.key) + "\n").utf8) + entry.output
            let temporary = path(entry.plugin) + ".tmp"
            if FileSystem.write(bytes, to: temporary) != nil || rename(temporary, path(entry.plugin)) != 0 {
                unlink(temporary)
                allWritten = false
            }
        }
        return allWritten
    }

    private func path(_ plugin: String) -> String {
        Path.join(Path.join(folder, Self.folderName), plugin)
    }
}
