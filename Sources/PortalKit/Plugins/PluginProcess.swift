#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one plugin program: argv without a shell, in its own process group, with the input
/// written to its stdin while stdout and stderr are read (one `poll` loop, so a program that
/// never reads its input cannot block it), and the whole group killed at the deadline.
struct PluginProcess {
    /// What running the program gave.
    enum Result: Equatable {
        /// It exited (`status` 0 is success) or was killed by `signal`.
        case finished(status: Int32, signal: Int32?, stdout: [UInt8], stderr: [UInt8])
        /// It wrote more than the limit to stdout; it was stopped.
        case outputTooLarge(limit: Int, stderr: [UInt8])
        /// It ran past its time limit; it was stopped.
        case timedOut(stderr: [UInt8])
        /// It could not be started.
        case notStarted(String)
    }

    var executable: String
    var arguments: [String]
    var folder: String
    var environment: [String]
    var timeoutSeconds: Double
    var outputLimit: Int
    /// The most of stderr kept (for the failure diagnostic).
    var errorLimit = 64 << 10

    /// Writing to a pipe whose reader has exited must fail with EPIPE, not kill portal-build.
    private static let ignoresBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    func run(input: [UInt8]) -> Result {
        _ = Self.ignoresBrokenPipes
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard Self.makePipe(&stdinPipe) else { return .notStarted(Self.errorText()) }
        guard Self.makePipe(&stdoutPipe) else { close(stdinPipe[0]); close(stdinPipe[1]); return .notStarted(Self.errorText()) }
        guard Self.makePipe(&stderrPipe) else {
            (stdinPipe + stdoutPipe).forEach { close($0) }
            return .notStarted(Self.errorText())
        }

        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        // Every pipe end is close-on-exec: the child keeps only the copies dup2 makes as 0, 1 and 2,
        // and no other plugin started meanwhile inherits an end (which would hold a pipe open).
        #if canImport(Glibc)
        // glibc has had it since 2.29, but its header declares it only for _GNU_SOURCE.
        guard let addChdir = Self.addChdir else {
            (stdinPipe + stdoutPipe + stderrPipe).forEach { close($0) }
            return .notStarted("this C library cannot start a program in another folder (posix_spawn_file_actions_addchdir_np)")
        }
        _ = addChdir(&actions, folder)
        #else
        posix_spawn_file_actions_addchdir_np(&actions, folder)
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The program starts with default signal handling and nothing blocked, whatever
        // portal-build (or the thread it runs on) ignores or blocks: SIGPIPE above all.
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        for descriptor in [stdinPipe[0], stdoutPipe[1], stderrPipe[1]] { close(descriptor) }
        guard spawned == 0 else {
            for descriptor in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] { close(descriptor) }
            return .notStarted(String(cString: strerror(spawned)))
        }

        var exchange = Exchange(stdin: stdinPipe[1], stdout: stdoutPipe[0], stderr: stderrPipe[0], input: input,
                                outputLimit: outputLimit, errorLimit: errorLimit)
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        var ending = exchange.run(until: deadline)
        exchange.closeAll()
        var status: Int32 = 0
        // A program may close its output and keep running: the deadline holds for its exit too.
        while ending == .finished {
            let waited = waitpid(child, &status, WNOHANG)
            if waited == child || (waited < 0 && errno != EINTR) { break }
            if ContinuousClock.now >= deadline { ending = .timedOut; break }
            usleep(5_000)
        }
        if ending != .finished {
            kill(-child, SIGKILL)  // the whole group: a shell script's children too
            while waitpid(child, &status, 0) < 0, errno == EINTR {}
        }
        switch ending {
        case .timedOut: return .timedOut(stderr: exchange.stderrBytes)
        case .tooLarge: return .outputTooLarge(limit: outputLimit, stderr: exchange.stderrBytes)
        case .finished:
            let signalled = status & 0x7F
            if signalled != 0 { return .finished(status: -1, signal: signalled, stdout: exchange.stdoutBytes, stderr: exchange.stderrBytes) }
            return .finished(status: (status >> 8) & 0xFF, signal: nil, stdout: exchange.stdoutBytes, stderr: exchange.stderrBytes)
        }
    }

    #if canImport(Glibc)
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()
    #endif

    /// A pipe whose two ends are close-on-exec from the start (`pipe2(O_CLOEXEC)`), so another
    /// thread's spawn cannot inherit them; `pipe` and `fcntl` where `pipe2` is missing.
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        if let pipe2 = Self.pipe2 {
            return ends.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) } == 0
        }
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private static let pipe2: Pipe2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { return nil }
        return unsafeBitCast(symbol, to: Pipe2.self)
    }()

    static func errorText() -> String { String(cString: strerror(errno)) }

    /// The three pipes, served by one `poll` loop until stdout and stderr are closed.
    private struct Exchange {
        enum Ending { case finished, timedOut, tooLarge }

        var stdin: Int32
        var stdout: Int32
        var stderr: Int32
        let input: [UInt8]
        let outputLimit: Int
        let errorLimit: Int
        var written = 0
        var stdoutBytes: [UInt8] = []
        var stderrBytes: [UInt8] = []

        init(stdin: Int32, stdout: Int32, stderr: Int32, input: [UInt8], outputLimit: Int, errorLimit: Int) {
            self.stdin = stdin
            self.stdout = stdout
            self.stderr = stderr
            self.input = input
            self.outputLimit = outputLimit
            self.errorLimit = errorLimit
            _ = fcntl(stdin, F_SETFL, fcntl(stdin, F_GETFL) | O_NONBLOCK)
            if input.isEmpty { closeInput() }
        }

        mutating func run(until deadline: ContinuousClock.Instant) -> Ending {
            var buffer = [UInt8](repeating: 0, count: 64 << 10)
            while stdout >= 0 || stderr >= 0 {
                let remaining = deadline - ContinuousClock.now
                guard remaining > .zero else { return .timedOut }
                var descriptors: [pollfd] = []
                if stdin >= 0 { descriptors.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
                if stdout >= 0 { descriptors.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
                if stderr >= 0 { descriptors.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
                let milliseconds = Int32(clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
                let ready = poll(&descriptors, nfds_t(descriptors.count), min(milliseconds, 1000))
                if ready < 0 {
                    if errno == EINTR { continue }
                    return .finished
                }
                for entry in descriptors where entry.revents != 0 {
                    if entry.fd == stdin {
                        writeInput()
                    } else {
                        let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress!, $0.count) }
                        if count < 0, errno == EINTR || errno == EAGAIN { continue }
                        if count <= 0 {
                            close(entry.fd)
                            if entry.fd == stdout { stdout = -1 } else { stderr = -1 }
                            continue
                        }
                        if entry.fd == stdout {
                            stdoutBytes += buffer[..<count]
                            if stdoutBytes.count > outputLimit { return .tooLarge }
                        } else if stderrBytes.count < errorLimit {
                            stderrBytes += buffer[..<min(count, errorLimit - stderrBytes.count)]
                        }
                    }
                }
            }
            return .finished
        }

        private mutating func writeInput() {
            let count = input.withUnsafeBytes { write(stdin, $0.baseAddress! + written, min(input.count - written, 64 << 10)) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { return }
                closeInput()  // EPIPE: the program does not read its input; that is its business
                return
            }
            written += count
            if written >= input.count { closeInput() }
        }

        private mutating func closeInput() {
            if stdin >= 0 { close(stdin) }
            stdin = -1
        }

        mutating func closeAll() {
            closeInput()
            if stdout >= 0 { close(stdout) }
            if stderr >= 0 { close(stderr) }
            stdout = -1
            stderr = -1
        }
    }
}
