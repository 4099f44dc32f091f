import Foundation
import PortalCommandLine
import PortalServe

/// `portal-build serve` running in this process on a free port, for end-to-end tests.
final class RunningServe: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    private let task: Task<Void, any Error>
    private let log: Printed

    /// Starts `action` (its port is replaced by 0, its poll interval shortened) and waits until it listens.
    init(_ action: ServeAction) async throws {
        var action = action
        action.port = 0
        action.pollInterval = .milliseconds(100)
        let log = Printed()
        let (urls, listening) = AsyncStream.makeStream(of: String.self)
        task = Task { [action] in
            defer { listening.finish() }
            try await action.run(print: { log.append($0) }, onListening: { listening.yield($0) })
        }
        self.log = log
        guard let url = await urls.first(where: { _ in true }),
              let port = url.split(separator: ":").last.flatMap({ Int($0.filter(\.isNumber)) }) else {
            task.cancel()
            throw Failure(description: "serve did not start: \(log.text)")
        }
        self.port = port
    }

    /// Everything printed so far.
    var output: String { log.text }

    /// Cancels the server and waits for it to stop.
    func stop() async {
        task.cancel()
        _ = await task.result
    }

    /// GET (or another method) on the running server.
    func request(_ path: String, method: String = "GET", host: String = "127.0.0.1") async throws -> LoopbackHTTP.Response {
        let port = port
        return try await offThread { try LoopbackHTTP.request(method, path, port: port, host: host) }
    }
}

/// What a server or a watcher printed, collected for a test.
final class Printed: @unchecked Sendable {
    private let lock = NSLock()
    private var lines = ""

    func append(_ text: String) {
        lock.withLock { lines += text }
    }

    var text: String {
        lock.withLock { lines }
    }
}
