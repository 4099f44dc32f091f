#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard output at once (unbuffered), for a long-running command whose output
/// is read as it comes, such as `serve` under a test or a script.
enum StandardOutput {
    @Sendable static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if count <= 0 { return }
                offset += count
            }
        }
    }
}
