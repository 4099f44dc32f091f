#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive lock on an output folder, so two builds (or a build and `serve`) never write
/// it at once: `flock` on `.NAME.lock` beside the folder (not in it: the folder itself is
/// swapped out by every build). A build holds it from reading the cache to writing it, so the
/// cache always describes the site beside it. The lock goes with the process, even on SIGKILL.
public final class SiteLock {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)  // releases the lock
    }

    /// The lock file of the output folder `output`: `.site.lock` beside `site/`.
    public static func path(for output: String) -> String {
        let target = Path.join(FileSystem.currentDirectory, output)
        let resolved = FileSystem.realPath(target) ?? target
        return Path.directory(of: resolved) + "/." + Path.fileName(of: resolved) + ".lock"
    }

    /// Takes the lock of `output`, calling `waiting` once (`Blocking: waiting for another build
    /// into site/ to finish`) if another process holds it, then waiting for it. Returns nil
    /// when the lock file cannot be made (a read-only parent folder): nothing could be written
    /// there anyway, and the writer reports why.
    public static func acquire(output: String, waiting: (String) -> Void) -> SiteLock? {
        let path = path(for: output)
        try? FileManager.default.createDirectory(atPath: Path.directory(of: path), withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                return nil
            }
            waiting("Blocking: waiting for another build into \(output)/ to finish (lock \(path))")
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    return nil
                }
            }
        }
        return SiteLock(descriptor: descriptor)
    }

    /// Runs `body` holding the lock of `output` (or without it, as ``acquire(output:waiting:)`` explains).
    public static func holding<T, E: Error>(_ output: String, waiting: (String) -> Void = { _ in },
                                            _ body: () throws(E) -> T) throws(E) -> T {
        let lock = acquire(output: output, waiting: waiting)
        defer { withExtendedLifetime(lock) {} }
        return try body()
    }
}
