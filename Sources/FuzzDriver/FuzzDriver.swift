// The main of the fuzz targets (Sources/fuzz-*). Built with -D FUZZING and -sanitize=fuzzer
// (Scripts/fuzz.sh), it hands over to libFuzzer; a plain build runs each file argument once, to
// replay an input without the fuzzer.
#if FUZZING
internal import Glibc

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzer(_ argc: UnsafeMutablePointer<CInt>,
                       _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                       _ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
#else
internal import Foundation
#endif

public enum FuzzDriver {
    /// Runs `test` (the target's LLVMFuzzerTestOneInput) as the command line asks.
    public static func main(_ test: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzer(&argc, &argv, test))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
            // One byte more, so an empty file still has a base address.
            _ = ([UInt8](data) + [0]).withUnsafeBufferPointer { test($0.baseAddress!, data.count) }
            print("ok \(path)")
        }
        exit(0)
        #endif
    }
}
