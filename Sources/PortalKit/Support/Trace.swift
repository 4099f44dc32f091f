#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sub-stage timings for performance work: with `PORTAL_BUILD_TRACE=1` in the environment, each
/// traced phase prints `trace: NAME … WALL ms (CPU ms)` to standard error when it ends. Off, a
/// phase costs one branch.
package enum Trace {
    package static let isOn: Bool = getenv("PORTAL_BUILD_TRACE").map { String(cString: $0) == "1" } ?? false

    /// Runs `work`, printing how long it took when tracing is on.
    package static func phase<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
        guard isOn else { return try work() }
        let start = ContinuousClock.now, cpuStart = BuildPipeline.cpuSeconds()
        let value = try work()
        let wall = (ContinuousClock.now - start).seconds, cpu = BuildPipeline.cpuSeconds() - cpuStart
        let line = "trace: \(name) … \(Int((wall * 1000).rounded())) ms (CPU \(Int((cpu * 1000).rounded())) ms)\n"
        printToStandardError(line)
        return value
    }

    /// Prints a phase timed elsewhere (wall seconds only) when tracing is on.
    package static func note(_ name: String, seconds: Double) {
        guard isOn else { return }
        printToStandardError("trace: \(name) … \(Int((seconds * 1000).rounded())) ms\n")
    }

    private static func printToStandardError(_ line: String) {
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
