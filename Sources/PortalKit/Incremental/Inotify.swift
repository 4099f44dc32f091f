#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An inotify descriptor and a pipe that wakes its waiter: the only place that calls inotify.
/// Events come out as ``InotifyEvent`` values; no C pointer leaves this type.
final class Inotify: @unchecked Sendable {  // the descriptors never change; `stop()` only writes to the pipe
    /// Why inotify cannot be used.
    struct Failure: Error, Sendable {
        var reason: String
    }

    enum Wait {
        case events, timedOut, stopped
    }

    private let descriptor: Int32
    private let wake: (read: Int32, write: Int32)
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init() throws(Failure) {
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            let error = errno
            throw Failure(reason: error == EMFILE
                ? "no inotify instance is left (fs.inotify.max_user_instances = \(Self.setting("max_user_instances")))"
                : "inotify_init1: \(String(cString: strerror(error)))")
        }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            let error = errno
            close(descriptor)
            throw Failure(reason: "pipe: \(String(cString: strerror(error)))")
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        wake = (ends[0], ends[1])
        #else
        throw Failure(reason: "inotify is only on Linux")
        #endif
    }

    deinit {
        close(descriptor)
        close(wake.read)
        close(wake.write)
    }

    enum Added {
        case watch(Int32)
        /// The folder cannot be read or is gone: it is not watched, and not walked either.
        case unreadable
        case failed(Failure)
    }

    /// Watches the folder at `path` (following a link); a folder already watched (by this or
    /// another path) keeps its watch descriptor.
    func add(_ path: String) -> Added {
        #if os(Linux)
        let watch = inotify_add_watch(descriptor, path, (InotifyEvent.Mask.watched.union(.onlyFolder)).rawValue)
        if watch >= 0 { return .watch(watch) }
        let error = errno
        switch error {
        case EACCES, ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG: return .unreadable
        case ENOSPC: return .failed(Self.limitReached)
        default: return .failed(Failure(reason: "cannot watch \(path): \(String(cString: strerror(error)))"))
        }
        #else
        return .failed(Failure(reason: "inotify is only on Linux"))
        #endif
    }

    /// What `add` reports when the watches allowed per user are taken.
    static var limitReached: Failure {
        Failure(reason: "the inotify watch limit is reached (fs.inotify.max_user_watches = \(setting("max_user_watches")))")
    }

    func remove(_ watch: Int32) {
        #if os(Linux)
        _ = inotify_rm_watch(descriptor, watch)
        #endif
    }

    /// Waits up to `timeout` (nil: for ever) for events, or until `stop()`.
    func wait(_ timeout: Duration?) -> Wait {
        let milliseconds = timeout.map { Int32((Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15).rounded(.up)) } ?? -1
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 && errno == EINTR { continue }
            if descriptors[1].revents != 0 { return .stopped }
            return ready > 0 ? .events : .timedOut
        }
    }

    /// Makes the current and every later `wait` return `.stopped`. Safe from any thread.
    func stop() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// Every event queued now, without waiting.
    func read() -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { readBytes(descriptor, into: $0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return events }
            events += buffer.withUnsafeBytes { InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    /// A value from /proc/sys/fs/inotify, for messages (its files have no size to read by).
    private static func setting(_ name: String) -> String {
        let file = open("/proc/sys/fs/inotify/" + name, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return "?" }
        defer { close(file) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { readBytes(file, into: $0) }
        return String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self).filter(\.isNumber)
    }
}

/// `read(2)` into `buffer` (outside the class, whose own `read` would hide it).
private func readBytes(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}
