import Foundation
import Testing
@testable import PortalKit

/// The plugin runner's process handling, with `/bin/sh` programs.
@Suite("plugins: running a program")
struct PluginProcessTests {
    static func process(_ script: String, timeout: Double = 10, outputLimit: Int = 1 << 20) -> PluginProcess {
        PluginProcess(executable: "/bin/sh", arguments: ["-c", script], folder: "/", environment: ["PATH=/usr/bin:/bin"],
                      timeoutSeconds: timeout, outputLimit: outputLimit)
    }

    @Test("a program that never reads a large input neither blocks the run nor kills portal-build with SIGPIPE")
    func unreadInput() {
        let input = [UInt8](repeating: UInt8(ascii: "x"), count: 8 << 20)
        #expect(Self.process("echo ready").run(input: input) == .finished(status: 0, signal: nil, stdout: Array("ready\n".utf8), stderr: []))
        // Reads a little, then exits: the rest of the input meets a closed pipe (EPIPE).
        #expect(Self.process("head -c 3").run(input: input) == .finished(status: 0, signal: nil, stdout: Array("xxx".utf8), stderr: []))
    }

    @Test("the input arrives whole and the output comes back whole, in the given folder")
    func echoesInput() {
        let input = Array((0..<200_000).map { "line \($0)\n" }.joined().utf8)
        #expect(Self.process("cat", outputLimit: 16 << 20).run(input: input) == .finished(status: 0, signal: nil, stdout: input, stderr: []))
        #expect(Self.process("pwd").run(input: []) == .finished(status: 0, signal: nil, stdout: Array("/\n".utf8), stderr: []))
    }

    @Test("exit status, signal, stderr, output cap and deadline are told apart")
    func endings() {
        #expect(Self.process("echo oops >&2; exit 4").run(input: []) == .finished(status: 4, signal: nil, stdout: [], stderr: Array("oops\n".utf8)))
        #expect(Self.process("kill -TERM $$").run(input: []) == .finished(status: -1, signal: SIGTERM, stdout: [], stderr: []))
        #expect(Self.process("head -c 5000 /dev/zero", outputLimit: 1000).run(input: []) == .outputTooLarge(limit: 1000, stderr: []))
        let start = ContinuousClock.now
        #expect(Self.process("sleep 20", timeout: 0.5).run(input: []) == .timedOut(stderr: []))
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(PluginProcess(executable: "/nonexistent/program", arguments: [], folder: "/", environment: [], timeoutSeconds: 1, outputLimit: 10)
            .run(input: []) == .notStarted("No such file or directory"))
    }

    @Test("plugins started together do not hold each other's pipes: a quick one is not kept waiting for a slow one")
    func noInheritedPipes() {
        let durations = parallelMap(["sleep 8", "echo quick", "echo quick", "echo quick"]) { script -> Duration in
            let start = ContinuousClock.now
            _ = Self.process(script, timeout: 20).run(input: Array(repeating: 0x20, count: 1 << 20))
            return ContinuousClock.now - start
        }
        for quick in durations.dropFirst() { #expect(quick < .seconds(5), "\(durations)") }
    }
}
