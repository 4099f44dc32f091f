#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
public import PortalKit
import ServiceLifecycle

/// Why the preview server could not run.
public enum PreviewServerError: Error, CustomStringConvertible, Sendable, Equatable {
    case portInUse(Int)
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .portInUse(let port): "port \(port) is in use; pass --port"
        case .cannotListen(let host, let port, let reason): "cannot listen on \(host):\(port): \(reason)"
        }
    }
}

/// `portal-build serve` once the first build is done: serves the output folder, watches the
/// inputs (with inotify on Linux, else by polling), rebuilds on a change and tells open pages to
/// reload (or shows them the errors). Stops cleanly on SIGINT or SIGTERM, or when its task is
/// cancelled.
public struct PreviewServer: Sendable {
    public var host: String
    /// 0 picks a free port (for tests); the one bound is passed to `onListening`.
    public var port: Int
    /// The output folder being served.
    public var site: String
    /// How often the inputs are polled where inotify cannot watch them.
    public var pollInterval: Duration = .milliseconds(300)
    /// How long polled inputs must stay unchanged before a rebuild, so a save that writes twice
    /// builds once. (With inotify, a batch ends after 25 ms without an event.)
    public var settleDelay: Duration = .milliseconds(100)
    /// Rebuilds the site after the given paths changed, writing it only if `accept` agrees
    /// with the build's diagnostics.
    public typealias Rebuild = @Sendable (_ changes: [String], _ accept: @Sendable ([Diagnostic]) -> Bool) -> PreviewBuild

    public var rebuild: Rebuild
    /// Prints a line (or several) to the terminal.
    public var print: @Sendable (String) -> Void

    public init(host: String, port: Int, site: String, rebuild: @escaping Rebuild,
                print: @escaping @Sendable (String) -> Void) {
        self.host = host
        self.port = port
        self.site = site
        self.rebuild = rebuild
        self.print = print
    }

    /// Serves until stopped. `inputs` and `baseline` are what the first build saw (take the
    /// snapshot before building, so an edit during the build is not missed); `served` are the
    /// diagnostics of the site it wrote.
    public func run(inputs: WatchedInputs, baseline: InputSnapshot, served: [Diagnostic],
                    onListening: @escaping @Sendable (Int) -> Void) async throws(PreviewServerError) {
        let builds = BuildIDs()
        let hub = EventHub(buildID: builds.id(0))
        var logger = Logger(label: "portal-build.serve")
        logger.logLevel = .critical
        let responder = PreviewResponder(site: StaticSite(folder: site), hub: hub, loopbackOnly: Self.isLoopback(host))
        let port = self.port
        // An idle connection (one that sent half a request and stalled, say) is closed after
        // a minute; a response in progress, such as a page's event stream, is not idle. Request
        // heads are capped well below the decoder's default: a preview needs no large headers.
        let http = HTTP1Channel.Configuration(idleTimeout: .seconds(60),
                                              httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 << 10, maxHeaderListSize: 64 << 10,
                                                                              maxHeaderFieldCount: 100))
        let app = Application(responder: responder, server: .http1(configuration: http),
                              configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "portal-build"),
                              onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) },
                              logger: logger)
        let watcher = RebuildService(hub: hub, builds: builds, inputs: inputs, baseline: baseline, served: served, pollInterval: pollInterval,
                                     settleDelay: settleDelay, rebuild: rebuild, print: print)
        // Services stop in reverse order: the watcher first, ending every event stream, so the
        // server's graceful shutdown does not wait for pages that never finish loading.
        let group = ServiceGroup(services: [app, watcher], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch is CancellationError {
            return
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw .portInUse(port)
        } catch {
            throw .cannotListen(host: host, port: port, reason: "\(error)")
        }
    }

    /// Whether `host` is a loopback name or address; then requests must name one too.
    static func isLoopback(_ host: String) -> Bool {
        PreviewResponder.isLoopback(authority: host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)
    }
}

/// Ids of the sites served: unique to this run of the server, then the build's number, so a
/// page that reconnects after missing a rebuild (or a restart) knows to reload.
struct BuildIDs: Sendable {
    let run = String(UInt64.random(in: 0...UInt64.max), radix: 36)

    func id(_ build: Int) -> String {
        "\(run)-\(build)"
    }
}
