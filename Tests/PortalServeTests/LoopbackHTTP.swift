#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation

/// A minimal HTTP/1.1 client on POSIX sockets for the server tests: it sends the request line
/// exactly as written (no client-side path normalisation) and reads with deadlines.
///
/// Its reads block, so async tests call them through ``offThread(_:)``: blocking the few
/// threads of Swift's cooperative pool would starve the in-process server under test.
final class LoopbackHTTP: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    private let socket: Int32
    private(set) var received: [UInt8] = []
    /// Whether the peer closed the connection (or reset it).
    private(set) var closed = false

    /// Connects to `address`:`port` (127.0.0.1 unless told), with a receive buffer of
    /// `receiveBuffer` bytes if given (a small one makes a slow reader).
    init(port: Int, address host: String = "127.0.0.1", receiveBuffer: Int32? = nil) throws {
        // A local until connected: once the property is set, a throw runs `deinit`, which would
        // close the descriptor a second time, and by then its number may be a server socket's.
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        if var size = receiveBuffer {
            setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let error = errno
            close(socket)
            throw Failure(description: "connect to port \(port): errno \(error)")
        }
        self.socket = socket
    }

    deinit {
        close(socket)
    }

    /// Sends `method path` with a loopback Host header (or `host`) and `Connection: close`.
    func send(_ method: String, _ path: String, host: String = "127.0.0.1") throws {
        let request = Array("\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
        let sent = request.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { throw Failure(description: "send failed: \(sent) of \(request.count) bytes, errno \(errno)") }
    }

    /// Sends `bytes` as they are (a malformed or partial request).
    func sendRaw(_ bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw Failure(description: "send failed: \(sent) of \(bytes.count) bytes, errno \(errno)") }
    }

    /// Reads until `done` holds for what was received, the peer closes, or `timeout` passes.
    /// Returns whether `done` held.
    @discardableResult
    func read(timeout: Duration, until done: ([UInt8]) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(received) {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return false }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000) + 1
            guard poll(&descriptor, 1, milliseconds) > 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 {
                closed = true
                return done(received)
            }
            received.append(contentsOf: buffer[0..<count])
        }
        return true
    }

    /// Whether the text received so far contains `text`, reading up to `timeout` for it.
    func waitFor(_ text: String, timeout: Duration = .seconds(8)) async -> Bool {
        await offThread { self.read(timeout: timeout) { String(decoding: $0, as: UTF8.self).contains(text) } }
    }

    /// Reads (off the cooperative pool) until `done` holds or `timeout` passes.
    func waitUntil(timeout: Duration = .seconds(8), _ done: @escaping @Sendable ([UInt8]) -> Bool) async -> Bool {
        await offThread { self.read(timeout: timeout, until: done) }
    }

    /// One whole request: connects, sends, reads to the end, parses status, headers and body.
    static func request(_ method: String = "GET", _ path: String, port: Int, host: String = "127.0.0.1") throws -> Response {
        let connection = try LoopbackHTTP(port: port)
        try connection.send(method, path, host: host)
        connection.read(timeout: .seconds(5)) { _ in false }
        let text = String(decoding: connection.received, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { throw Failure(description: "\(method) \(path): no response head in \(text.debugDescription)") }
        let lines = text[..<end.lowerBound].split(separator: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ")[1]) else {
            throw Failure(description: "bad status line")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: " ")
        }
        return Response(status: status, headers: headers, body: String(text[end.upperBound...]))
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}

/// Runs blocking work on a thread of its own and waits for it without holding a cooperative thread.
func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// ``offThread(_:)`` for work that cannot fail.
func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}
