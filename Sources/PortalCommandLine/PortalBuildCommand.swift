public import ArgumentParser

/// `portal-build`: turns repositories with Backstage descriptors into a static portal.
public struct PortalBuildCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "portal-build",
        abstract: "Build a static developer portal from Backstage catalog descriptors and TechDocs folders.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, BuildCommand.self]
    )

    public init() {}
}

/// Options shared by every command that reads the catalog.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Folders of repositories, single repositories, or descriptor files to read.",
        valueName: "root"))
    var roots: [String] = ["content"]

    @Option(name: .customLong("max-file-size"), help: "The largest descriptor or placeholder file read, in bytes.")
    var maxFileSize: Int = 16 << 20
}

/// How problems are reported and when they fail the command, shared by `check` and `build`.
struct ReportOptions: ParsableArguments {
    @Flag(help: "Exit 1 on warnings as well as errors.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Leave out informational notes.")
    var quiet = false
}
