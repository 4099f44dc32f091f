#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The plugins stage: runs every configured plugin in parallel on the linked catalog and reads
/// what each returns. A plugin whose input and executable are unchanged since the build that
/// wrote `cacheFolder` is not run: its recorded output is read again (``PluginCache``). A
/// plugin that cannot start, fails, times out or answers badly yields a diagnostic naming it;
/// the others' contributions are kept.
public struct PluginRunner: Sendable {
    public var specs: [PluginSpec]
    /// The output folder holding the last build's cache, if any.
    public var cacheFolder: String?
    public var title: String
    public var baseURL: String?
    /// portal-build's version, told to plugins.
    public var version: String
    /// The most a plugin may write to stdout.
    public var outputLimit = 16 << 20
    /// Folders searched for a command without a `/` before `PATH` (portal-build's own folder).
    public var searchFolders: [String]

    public init(specs: [PluginSpec], cacheFolder: String? = nil, title: String = "Developer Portal", baseURL: String? = nil,
                version: String = PluginRunner.portalVersion, searchFolders: [String] = PluginRunner.executableFolder.map { [$0] } ?? []) {
        self.specs = specs
        self.cacheFolder = cacheFolder
        self.title = title
        self.baseURL = baseURL
        self.version = version
        self.searchFolders = searchFolders
    }

    public static let portalVersion = "0.1.0"

    /// Plugins built from this package (`swift build --product portal-build` does not build them).
    static let packagedPlugins: Set<String> = ["portal-tech-radar"]

    /// The folder of the running executable, so programs built beside portal-build are found.
    public static let executableFolder: String? = {
        (FileSystem.realPath("/proc/self/exe") ?? CommandLine.arguments.first.flatMap(FileSystem.realPath)).map(Path.directory(of:))
    }()

    /// What a run produced: the contributions and the outputs to record for the next build.
    public struct Run: Sendable {
        public var contributions: PluginContributions
        public var diagnostics: [Diagnostic]
        /// Fresh outputs to record in the cache once the site is written.
        public var cacheEntries: [PluginCache.Entry]
        /// How many plugins were reused from the cache instead of run.
        public var reused: Int
    }

    public func run(_ build: CatalogBuild) -> Run {
        guard !specs.isEmpty else { return Run(contributions: PluginContributions(), diagnostics: [], cacheEntries: [], reused: 0) }
        let shared = PluginInput.shared(build, title: title, baseURL: baseURL, version: version)
        let cache = cacheFolder.map(PluginCache.init(folder:))
        let results = parallelMap(specs) { spec in runOne(spec, shared: shared, graph: build.graph, cache: cache) }
        var diagnostics = Diagnostics()
        var entries: [PluginCache.Entry] = []
        var reused = 0
        for outcome in results {
            diagnostics.add(contentsOf: outcome.diagnostics)
            if let entry = outcome.entry { entries.append(entry) }
            if outcome.reused { reused += 1 }
        }
        return Run(contributions: PluginContributions(plugins: results.compactMap(\.result)), diagnostics: diagnostics.items,
                   cacheEntries: entries, reused: reused)
    }

    private struct Outcome {
        var result: PluginResult?
        var diagnostics: Diagnostics
        var entry: PluginCache.Entry?
        var reused = false
    }

    private func runOne(_ spec: PluginSpec, shared: PluginInput.Shared, graph: CatalogGraph, cache: PluginCache?) -> Outcome {
        var diagnostics = Diagnostics()
        func fail(_ id: DiagnosticID, _ message: String, stderr: [UInt8] = []) -> Outcome {
            diagnostics.add(.error, id, at: spec.location, "plugin '\(spec.name)' " + message + Self.stderrLines(stderr))
            return Outcome(result: nil, diagnostics: diagnostics)
        }
        guard let executable = resolve(spec) else {
            let program = spec.command[0]
            return fail(.pluginNotFound, "was not run: '\(PluginOutputParser.clean(program, 200))' is not an executable file"
                        + (program.contains("/") ? " (relative to \(spec.folder.isEmpty ? "." : spec.folder))" : " in portal-build's folder or on PATH")
                        + (Self.packagedPlugins.contains(program) ? "; it comes with portal-build: build it beside it with `swift build -c release --product \(program)`" : ""))
        }
        let input = PluginInput.bytes(shared, for: spec)
        let key = PluginCache.key(input: input, command: spec.command, executable: executable, timeout: spec.timeout)
        let parser = PluginOutputParser(spec: spec, graph: graph)
        if let cached = cache?.output(plugin: spec.name, key: key) {
            let result = parser.parse(cached, into: &diagnostics)
            return Outcome(result: result, diagnostics: diagnostics, entry: PluginCache.Entry(plugin: spec.name, key: key, output: cached), reused: true)
        }
        let process = PluginProcess(executable: executable, arguments: Array(spec.command.dropFirst()), folder: spec.folder.isEmpty ? "." : spec.folder,
                                    environment: environment(for: spec), timeoutSeconds: Double(spec.timeout), outputLimit: outputLimit)
        switch process.run(input: input) {
        case .notStarted(let reason):
            return fail(.pluginNotFound, "could not be started: \(reason)")
        case .timedOut(let stderr):
            return fail(.pluginTimeout, "did not finish within its time limit of \(spec.timeout) s and was stopped; its contributions are left out", stderr: stderr)
        case .outputTooLarge(let limit, let stderr):
            return fail(.pluginInvalidOutput, "wrote more than \(limit) bytes to stdout and was stopped; its contributions are left out", stderr: stderr)
        case .finished(let status, let signal, let stdout, let stderr):
            if let signal { return fail(.pluginFailed, "was killed by signal \(signal); its contributions are left out", stderr: stderr) }
            if status != 0 { return fail(.pluginFailed, "exited with status \(status); its contributions are left out", stderr: stderr) }
            let errorsBefore = diagnostics.count(.error)
            let result = parser.parse(stdout, into: &diagnostics)
            // An answer that did not parse at all is not worth keeping: the next build runs the plugin again.
            let usable = diagnostics.count(.error) == errorsBefore || !result.isEmpty
            return Outcome(result: result, diagnostics: diagnostics,
                           entry: usable ? PluginCache.Entry(plugin: spec.name, key: key, output: stdout) : nil)
        }
    }

    /// The program's path: relative to the config's folder when it holds a `/`, else the first
    /// executable file of that name in ``searchFolders`` and then `PATH`.
    public func resolve(_ spec: PluginSpec) -> String? {
        let program = spec.command[0]
        if program.contains("/") {
            let path = program.hasPrefix("/") ? program : Path.join(spec.folder.isEmpty ? "." : spec.folder, program)
            return Self.isExecutable(path) ? path : nil
        }
        for folder in searchPath() where !folder.isEmpty {
            let path = Path.join(folder, program)
            if Self.isExecutable(path) { return FileSystem.realPath(path) ?? path }
        }
        return nil
    }

    private func searchPath() -> [String] {
        searchFolders + (getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
    }

    private static func isExecutable(_ path: String) -> Bool {
        FileSystem.resolvedType(of: path) == .file && access(path, X_OK) == 0
    }

    /// The inherited environment with `PATH` led by ``searchFolders``, and the plugin's name.
    private func environment(for spec: PluginSpec) -> [String] {
        var variables: [String] = []
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if !text.hasPrefix("PATH="), !text.hasPrefix("PORTAL_PLUGIN_NAME=") { variables.append(text) }
            pointer += 1
        }
        variables.append("PATH=" + searchPath().joined(separator: ":"))
        variables.append("PORTAL_PLUGIN_NAME=" + spec.name)
        return variables
    }

    /// `; stderr: …` with the first lines of what the program wrote to stderr.
    static func stderrLines(_ bytes: [UInt8]) -> String {
        let text = PluginOutputParser.clean(String(decoding: bytes.prefix(4096), as: UTF8.self), 4096)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: " \t\r") }.filter { !$0.isEmpty }
        guard !lines.isEmpty else { return "" }
        return "; stderr: " + lines.prefix(5).joined(separator: " | ").prefix(600) + (lines.count > 5 ? " | …" : "")
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return text
    }
}
