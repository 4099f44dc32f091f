#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import ArgumentParser
import PortalKit

/// `portal-build`: turns repositories with Backstage descriptors into a static portal.
/// Async because `serve` is.
public struct PortalBuildCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "portal-build",
        abstract: "Build a static developer portal from Backstage catalog descriptors and TechDocs folders.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, BuildCommand.self, DiffCommand.self, ServeCommand.self, ScaffoldCommand.self]
    )

    public init() {}

    /// Parses the command line and runs the command: `main.swift`'s entry point. (Top-level code
    /// calling `main()` would get `ParsableCommand`'s synchronous one, which refuses async commands.)
    public static func start() async {
        // A write past the file size limit (`ulimit -f`) then fails with EFBIG, reported as an
        // error with the previous site left whole, instead of killing the process.
        signal(SIGXFSZ, SIG_IGN)
        await main()
    }
}

/// Options shared by every command that reads the catalog.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Folders of repositories, single repositories, or descriptor files to read.",
        valueName: "root"))
    var roots: [String] = ["content"]

    @Option(name: .customLong("max-file-size"), help: "The largest descriptor or placeholder file read, in bytes.")
    var maxFileSize: Int = 16 << 20

    @Option(name: .customLong("overlay"), help: ArgumentHelp(
        "A published catalog.json to preview the roots inside (repeatable; overrides the config's overlay).",
        valueName: "file"))
    var overlays: [String] = []

    @Option(name: .customLong("overlay-base-url"), help: ArgumentHelp(
        "The URL the overlay's portal is published at: pages link its entities there (check ignores it).",
        valueName: "url"))
    var overlayBaseURL: String?

    func validate() throws {
        if let overlayBaseURL, !PortalConfig.isURL(overlayBaseURL) {
            throw ValidationError("--overlay-base-url must be an http:// or https:// URL")
        }
    }
}

/// Where the site goes and what shapes it, shared by `build` and `serve`.
struct SiteOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The folder to write the site to (default: the config's output, else site).")
    var output: String?

    @Option(help: "The config file (default: portal.yaml in the first ROOT, if there is one).")
    var config: String?

    @Option(help: "A theme folder whose files override the default theme's.")
    var theme: String?

    @Flag(name: .customLong("no-plugins"), help: "Run none of the config's plugins (portal.yaml can run programs: use this on changes you do not trust).")
    var noPlugins = false
}

/// How problems are reported and when they fail the command, shared by `check` and `build`.
struct ReportOptions: ParsableArguments {
    @Flag(help: "Exit 1 on warnings as well as errors.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Leave out informational notes.")
    var quiet = false
}
