import ArgumentParser
import PortalKit
public import PortalServe

/// `portal-build serve`: builds the portal, serves it on localhost, and rebuilds it (with live
/// reload in open pages) whenever an input changes.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the portal, serve it on localhost and rebuild it when an input changes.",
        discussion: """
            Watches the ROOTs (but not the output folder, .git, .build*, node_modules or other hidden \
            folders except .backstage), the config file and the theme folder. Open pages reload after \
            each rebuild; a change that adds an error keeps the last good site served and shows the \
            error over the page. Ctrl-C stops the server.
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var site: SiteOptions

    @Flag(name: .shortAndLong, help: "Print only warnings, errors and summaries.")
    var quiet = false

    @Option(help: "The address to listen on (default: loopback only).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8000

    func run() async throws {
        let build = BuildAction(roots: input.roots, output: site.output, configPath: site.config, theme: site.theme,
                                overlays: input.overlays, overlayBaseURL: input.overlayBaseURL, quiet: quiet,
                                limits: InputLimits(maxFileBytes: input.maxFileSize), runsPlugins: !site.noPlugins)
        let action = ServeAction(build: build, host: host, port: port)
        do {
            try await action.run(print: StandardOutput.write, progress: { StandardError.write($0 + "\n") }) { url in
                StandardOutput.write("Serving \(url) (Ctrl-C to stop)\n")
            }
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
    }
}

/// Why `serve` stopped with an error.
public enum ServeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The first build could not write the site (its diagnostic was printed).
    case siteNotWritten
    case server(PreviewServerError)

    public var description: String {
        switch self {
        case .siteNotWritten: "the site could not be written, so there is nothing to serve"
        case .server(let error): error.description
        }
    }
}

/// The work of `serve`, testable without parsing arguments: the first build, then the preview
/// server with a rebuild that reuses ``BuildAction``.
public struct ServeAction: Sendable {
    public var build: BuildAction
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// How often the inputs are polled.
    public var pollInterval: Duration = .milliseconds(300)

    public init(build: BuildAction, host: String = "127.0.0.1", port: Int = 8000) {
        self.build = build
        self.host = host
        self.port = port
    }

    /// Builds, then serves until SIGINT, SIGTERM or cancellation. `print` gets the build
    /// reports, `progress` the first build's stage lines, `onListening` the URL once the server
    /// is up.
    public func run(print: @escaping @Sendable (String) -> Void, progress: (@Sendable (String) -> Void)? = nil,
                    onListening: @escaping @Sendable (String) -> Void) async throws(ServeError) {
        // A port in use is reported before the first build, which can take seconds.
        guard PortProbe.isFree(host: host, port: port) else { throw .server(.portInUse(port)) }
        var build = self.build
        // The folder being served stays put, even if portal.yaml's output changes meanwhile.
        let site = build.resolvedConfig().0.output ?? "site"
        build.output = site
        let inputs = Self.watchedInputs(of: build)
        let start = ContinuousClock.now
        let baseline = inputs.snapshot()
        let poll = ContinuousClock.now - start
        let first = build.perform(progress: progress, keepsSession: true)
        print(first.output)
        guard first.written else { throw .siteNotWritten }
        print("watching \(CheckSummary.plural(baseline.stamps.count, "file")) (walked in \(poll.milliseconds) ms)\n")
        let rebuilds = PreviewRebuilds(build: build, output: site, first: first, print: print)
        rebuilds.warmUp()
        var server = PreviewServer(host: host, port: port, site: site, rebuild: { changes, accept in
            rebuilds.rebuild(changes: changes, accept: accept)
        }, print: print)
        server.pollInterval = pollInterval
        let host = self.host
        do throws(PreviewServerError) {
            try await server.run(inputs: inputs, baseline: baseline, served: first.diagnostics) { port in
                onListening("http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
            }
        } catch {
            throw .server(error)
        }
    }

    /// What a build reads, read again after each build: the config may name another theme.
    static func watchedInputs(of build: BuildAction) -> WatchedInputs {
        build.inputs(config: build.resolvedConfig().0)
    }
}
