import Foundation
import Testing
@testable import PortalCommandLine
import PortalServe

@Suite("serve: arguments and what is watched")
struct ServeCommandTests {
    @Test("serve takes build's input options plus --host (loopback by default) and --port (8000)")
    func parsing() throws {
        let defaults = try ServeCommand.parse([])
        #expect(defaults.input.roots == ["content"])
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.port == 8000)
        #expect(defaults.site.output == nil && !defaults.quiet)
        let command = try ServeCommand.parse(["a", "b", "-o", "out", "--config", "c.yaml", "--theme", "t", "-q",
                                              "--max-file-size", "10", "--host", "0.0.0.0", "--port", "9000"])
        #expect(command.input.roots == ["a", "b"])
        #expect(command.site.output == "out" && command.site.config == "c.yaml" && command.site.theme == "t")
        #expect(command.quiet && command.input.maxFileSize == 10)
        #expect(command.host == "0.0.0.0" && command.port == 9000)
        #expect(throws: (any Error).self) { try ServeCommand.parse(["--port", "eighty"]) }
    }

    @Test("the ROOTs (a descriptor file's folder), the config file and the theme are watched; the output is not")
    func watched() throws {
        let base = try folder(["repos/r/catalog-info.yaml": "x", "single/catalog-info.yaml": "x",
                               "repos/portal.yaml": "theme: ../theme\noutput: ../out\n", "theme/assets/portal.css": "x"])
        defer { try? FileManager.default.removeItem(atPath: base) }
        let inputs = ServeAction.watchedInputs(of: BuildAction(roots: [base + "/repos", base + "/single/catalog-info.yaml"]))
        #expect(inputs.folders == [base + "/repos", base + "/single", base + "/theme"])
        #expect(inputs.files == [base + "/repos/portal.yaml"])
        #expect(inputs.excluded == [base + "/out"])
    }
}
