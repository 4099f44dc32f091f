#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import PortalCommandLine
import PortalServe

/// The preview server under load, slow clients and malformed requests, and where it listens.
/// Time limits are generous failure criteria, not performance measurements.
@Suite("serve: many, slow and malformed clients; the address it listens on")
struct ServeRobustnessTests {
    private static let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n"

    @Test("1,000 requests, 100 connections at a time, all answer 200 with the right body", .timeLimit(.minutes(1)))
    func manyRequests() async throws {
        let base = try folder(["repos/repo/catalog-info.yaml": Self.group])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let serve = try await RunningServe(ServeAction(build: BuildAction(roots: [base + "/repos"], output: base + "/site", quiet: true)))
        let expected = try await serve.request("/")
        #expect(expected.status == 200)
        let port = serve.port
        let failures = try await withThrowingTaskGroup(of: [String].self) { tasks in
            for _ in 0..<100 {
                tasks.addTask {
                    await offThread {
                        (0..<10).compactMap { _ -> String? in
                            do {
                                let response = try LoopbackHTTP.request("GET", "/", port: port)
                                return response.status == 200 && response.body == expected.body ? nil : "status \(response.status)"
                            } catch {
                                return "\(error)"
                            }
                        }
                    }
                }
            }
            return try await tasks.reduce(into: []) { $0 += $1 }
        }
        #expect(failures.isEmpty, "\(failures.count) of 1000 failed: \(failures.prefix(3))")
        await serve.stop()
    }

    @Test("50 clients stalled halfway through a request line and 10 that never read a large response do not hold up a normal GET",
          .timeLimit(.minutes(1)))
    func slowClients() async throws {
        let base = try folder(["repos/repo/catalog-info.yaml": Self.group])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let serve = try await RunningServe(ServeAction(build: BuildAction(roots: [base + "/repos"], output: base + "/site", quiet: true)))
        let largest = try #require(Self.largestFile(in: base + "/site"))
        var stalled: [LoopbackHTTP] = []
        for _ in 0..<50 {
            let client = try LoopbackHTTP(port: serve.port)
            try client.sendRaw(Array("GET /ind".utf8))
            stalled.append(client)
        }
        for _ in 0..<10 {
            // Setting up a slow reader is not what is tested: on a loaded CI machine a connection
            // was once reset before its request went out (send failed), so each gets three tries.
            var lastError: (any Error)?
            for _ in 0..<3 {
                do {
                    let client = try LoopbackHTTP(port: serve.port, receiveBuffer: 1024)
                    try client.send("GET", "/" + largest)
                    stalled.append(client)
                    lastError = nil
                    break
                } catch {
                    lastError = error
                }
            }
            if let lastError { throw lastError }
        }
        let start = ContinuousClock.now
        let page = try await serve.request("/")
        #expect(page.status == 200 && page.body.contains("</html>"))
        let file = try await serve.request("/" + largest)
        #expect(file.status == 200)
        #expect(ContinuousClock.now - start < .seconds(10), "answered while the slow clients hang")
        withExtendedLifetime(stalled) {}
        await serve.stop()
    }

    @Test("malformed requests get a 400 or a closed connection, and the server keeps serving", .timeLimit(.minutes(1)))
    func malformedRequests() async throws {
        let base = try folder(["repos/repo/catalog-info.yaml": Self.group])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let serve = try await RunningServe(ServeAction(build: BuildAction(roots: [base + "/repos"], output: base + "/site", quiet: true)))
        let requests: [(String, [UInt8])] = [
            ("garbage", [0x00, 0xff, 0x13, 0x37, 0x80, 0x0d, 0x0a, 0x0d, 0x0a]),
            ("a 100 KB request line", Array("GET /\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)),
            ("an invalid method", Array("G(E)T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)),
            ("a header without a colon", Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColonHere\r\n\r\n".utf8)),
            ("an absurd Content-Length", Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n\r\n".utf8)),
            ("an HTTP/0.9 request line", Array("GET /\r\n\r\n".utf8)),
            ("a 100 KB header", Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "b", count: 100_000))\r\n\r\n".utf8)),
        ]
        let port = serve.port
        for (name, bytes) in requests {
            let (received, closed) = try await offThread { () throws -> ([UInt8], Bool) in
                let client = try LoopbackHTTP(port: port)
                try? client.sendRaw(bytes)  // the server may close before reading it all
                client.read(timeout: .seconds(10)) { _ in false }
                return (client.received, client.closed)
            }
            let text = String(decoding: received, as: UTF8.self)
            #expect(closed, "\(name): the connection is closed")
            #expect(text.isEmpty || text.hasPrefix("HTTP/1.1 400") || text.hasPrefix("HTTP/1.1 431"), "\(name): \(text.prefix(80))")
            #expect(try await serve.request("/").status == 200, "still serving after \(name)")
        }
        await serve.stop()
    }

    @Test("it listens on 127.0.0.1 by default, unreachable on another address of the machine; --host 0.0.0.0 opens it",
          .enabled(if: otherAddress != nil), .timeLimit(.minutes(1)))
    func listeningAddress() async throws {
        let address = try #require(Self.otherAddress)
        let base = try folder(["repos/repo/catalog-info.yaml": Self.group])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let build = BuildAction(roots: [base + "/repos"], output: base + "/site", quiet: true)
        #expect(ServeAction(build: build).host == "127.0.0.1")
        let local = try await RunningServe(ServeAction(build: build))
        #expect(throws: LoopbackHTTP.Failure.self, "not reachable on \(address)") { try LoopbackHTTP(port: local.port, address: address) }
        await local.stop()

        let open = try await RunningServe(ServeAction(build: build, host: "0.0.0.0"))
        let port = open.port
        let response = try await offThread { () throws -> String in
            let client = try LoopbackHTTP(port: port, address: address)
            try client.send("GET", "/", host: "\(address):\(port)")
            client.read(timeout: .seconds(5)) { _ in false }
            return String(decoding: client.received, as: UTF8.self)
        }
        #expect(response.hasPrefix("HTTP/1.1 200"), "\(response.prefix(80))")
        await open.stop()
    }

    /// An IPv4 address of this machine other than loopback, if it has one.
    static let otherAddress: String? = {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return nil }
        defer { freeifaddrs(list) }
        var entry = list
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard let address = current.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                var raw = inet.pointee.sin_addr
                _ = inet_ntop(AF_INET, &raw, &text, socklen_t(INET_ADDRSTRLEN))
            }
            let name = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !name.hasPrefix("127.") { return name }
        }
        return nil
    }()

    /// The path (relative to `site`) of its largest file that the server serves.
    private static func largestFile(in site: String) -> String? {
        guard let walker = FileManager.default.enumerator(atPath: site) else { return nil }
        var best: (String, Int)?
        while let relative = walker.nextObject() as? String {
            guard !relative.hasPrefix("."), !relative.contains("/."),
                  let size = (try? FileManager.default.attributesOfItem(atPath: site + "/" + relative))?[.size] as? Int,
                  (try? FileManager.default.attributesOfItem(atPath: site + "/" + relative))?[.type] as? FileAttributeType == .typeRegular
            else { continue }
            if size > best?.1 ?? 0 { best = (relative, size) }
        }
        return best?.0
    }
}
