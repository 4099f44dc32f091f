public import ArgumentParser
import Foundation
import PortalKit
import PortalSite
import PortalMarkdown
import PortalSearch

/// `portal-bench`: measures portal-build on generated organisations and prints the figures.
public struct PortalBenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "portal-bench",
        abstract: "Benchmarks for portal-build (run with swift run -c release portal-bench …).",
        subcommands: [CheckBenchmark.self, PagesBenchmark.self, DocsBenchmark.self, SearchBenchmark.self],
        defaultSubcommand: CheckBenchmark.self
    )

    public init() {}
}

/// Which generated organisation to measure, shared by the benchmarks.
struct CorpusOptions: ParsableArguments {
    @Option(help: "Repositories in the generated organisation (default 5000; docs: 200).")
    var repos: Int?

    @Option(help: "Markdown pages in the generated organisation (default 5000; docs: 10000).")
    var pages: Int?

    @Option(help: "Generator seed.")
    var seed = 1

    @Option(help: "Timed runs (the median is reported).")
    var runs = 5

    @Option(help: "The generator script.")
    var generator = "../shared/bench/gen_corpus.py"

    @Option(help: "Where generated corpora are kept between runs.")
    var cache = ".build/bench-corpora"

    /// Generates the corpus if needed and prints which one is measured; `repos` and `pages`
    /// default to the benchmark's own organisation.
    func corpus(repos defaultRepos: Int = 5000, pages defaultPages: Int = 5000) throws -> String {
        let repos = repos ?? defaultRepos, pages = pages ?? defaultPages
        let corpus = try CorpusGenerator(script: generator, cache: cache).corpus(repos: repos, pages: pages, seed: seed)
        print("corpus: \(corpus) (--repos \(repos) --pages \(pages) --seed \(seed))")
        return corpus
    }
}

/// Times `check` (discover, load, validate, link) on a corpus from `gen_corpus.py`.
struct CheckBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Time `check` on ../shared/bench/gen_corpus.py OUT --repos R --pages P (default: the catalog-heavy 5000/5000)."
    )

    @OptionGroup var options: CorpusOptions

    func run() throws {
        let corpus = try options.corpus()
        let runs = options.runs
        _ = BuildPipeline(roots: [corpus]).runCatalog()  // warm the file cache
        var samples: [(wall: Double, cpu: Double, build: CatalogBuild)] = []
        for _ in 0..<max(1, runs) {
            let cpuStart = CPUTime.now
            let start = ContinuousClock.now
            let build = BuildPipeline(roots: [corpus]).runCatalog()
            let wall = (ContinuousClock.now - start).seconds
            samples.append((wall, CPUTime.now - cpuStart, build))
        }
        let median = samples.sorted { $0.wall < $1.wall }[samples.count / 2]
        let build = median.build
        let bytes = build.graph.files.reduce(0) { $0 + (FileManager.default.sizeOfFile(atPath: $1.path) ?? 0) }
        let entities = build.graph.entities.count
        print("files: \(build.graph.files.count)  entities: \(entities)  YAML: \(String(format: "%.1f", Double(bytes) / 1e6)) MB  "
              + "errors: \(build.count(.error))  warnings: \(build.count(.warning))")
        print(String(format: "check (median of %d): wall %.3f s, cpu %.3f s, %.0f files/s, %.0f entities/s, %.1f MB/s, peak RSS %.0f MB",
                     samples.count, median.wall, median.cpu, Double(build.graph.files.count) / median.wall,
                     Double(entities) / median.wall, Double(bytes) / 1e6 / median.wall, PeakMemory.megabytes))
        for stage in build.timings {
            print(String(format: "  %-26@ %8.1f ms", stage.name as NSString, stage.seconds * 1000))
        }
        print("target: ≤ 1 s on 2 cores (release) — \(median.wall <= 1 ? "met" : "NOT met")")
    }
}

/// Times rendering the portal's pages (every entity page, the catalog, home and health
/// pages, the data files) from an already linked catalog, and writing them.
struct PagesBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages",
        abstract: "Time rendering and writing the catalog pages of a generated organisation (default 5000/5000 ≈ 18,000 entities)."
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: "Where the site is written (replaced on every run).")
    var output = ".build/bench-site"

    @Flag(help: "Only render; do not write the site.")
    var noWrite = false

    func run() throws {
        let corpus = try options.corpus()
        let build = BuildPipeline(roots: [corpus]).runCatalog()
        let renderer = SiteRenderer(config: PortalConfig())
        _ = renderer.render(build)  // warm up
        var samples: [(wall: Double, cpu: Double, site: RenderedSite)] = []
        for _ in 0..<max(1, options.runs) {
            let cpuStart = CPUTime.now
            let start = ContinuousClock.now
            let site = renderer.render(build)
            samples.append(((ContinuousClock.now - start).seconds, CPUTime.now - cpuStart, site))
        }
        let median = samples.sorted { $0.wall < $1.wall }[samples.count / 2]
        let pages = median.site.files.count { $0.path.hasSuffix(".html") }
        let bytes = median.site.files.reduce(0) { $0 + $1.bytes.count }
        var write = 0.0
        if !noWrite {
            let writeStart = ContinuousClock.now
            try SiteWriter().write(median.site.files, to: output, roots: [corpus])
            write = (ContinuousClock.now - writeStart).seconds
        }
        print("entities: \(build.graph.entities.count)  pages: \(pages)  files: \(median.site.files.count)  "
              + String(format: "size: %.1f MB", Double(bytes) / 1e6))
        print(String(format: "render (median of %d): wall %.3f s, cpu %.3f s, %.0f pages/s, peak RSS %.0f MB",
                     samples.count, median.wall, median.cpu, Double(pages) / median.wall, PeakMemory.megabytes))
        if !noWrite { print(String(format: "write: %.3f s", write)) }
        print("target: rendering ≤ 1.5 s on 2 cores (release) — \(median.wall <= 1.5 ? "met" : "NOT met")")
    }
}

/// Times the docs: every TechDocs page of a generated organisation read, converted (TechDocs
/// idioms, cmark-gfm, links resolved and checked, code highlighted), placed in the theme and
/// written; beside it the floor: cmark-gfm alone converting the same files on all cores.
struct DocsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Time converting and writing the TechDocs of a generated organisation (default --repos 200 --pages 10000)."
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: "Where the docs are written (replaced on every run).")
    var output = ".build/bench-docs"

    func run() throws {
        let corpus = try options.corpus(repos: 200, pages: 10000)
        let runs = options.runs
        let build = BuildPipeline(roots: [corpus]).runCatalog()
        let sources = build.docs.sites.flatMap { $0.pages.map(\.absolutePath) }
        let markdownBytes = sources.reduce(0) { $0 + (FileManager.default.sizeOfFile(atPath: $1) ?? 0) }
        let renderer = SiteRenderer(config: PortalConfig())
        var samples: [(wall: Double, cpu: Double, render: Double, pages: Int, bytes: Int, problems: Int)] = []
        for _ in 0..<max(1, runs) {
            let cpuStart = CPUTime.now
            let start = ContinuousClock.now
            let site = renderer.render(build, scope: .docsOnly)
            let rendered = (ContinuousClock.now - start).seconds
            try SiteWriter().write(site.files, to: output, roots: [corpus])
            let wall = (ContinuousClock.now - start).seconds
            samples.append((wall, CPUTime.now - cpuStart, rendered, site.files.count { $0.path.hasSuffix(".html") },
                            site.files.reduce(0) { $0 + $1.bytes.count }, site.diagnostics.count))
        }
        let peak = PeakMemory.megabytes
        let median = samples.sorted { $0.wall < $1.wall }[samples.count / 2]
        let megabytes = Double(markdownBytes) / 1e6
        print("sites: \(build.docs.sites.count)  Markdown pages: \(sources.count)  Markdown: \(String(format: "%.1f", megabytes)) MB  "
              + "pages written: \(median.pages)  output: \(String(format: "%.1f", Double(median.bytes) / 1e6)) MB  diagnostics: \(median.problems)")
        print(String(format: "docs (median of %d): wall %.3f s (render %.3f s, write %.3f s), cpu %.3f s, %.0f pages/s, %.1f MB/s, peak RSS %.0f MB",
                     samples.count, median.wall, median.render, median.wall - median.render, median.cpu,
                     Double(sources.count) / median.wall, megabytes / median.wall, peak))

        // The floor: cmark-gfm alone (with the GitHub extensions) on the same files, already in memory.
        let texts = sources.map { (try? String(contentsOfFile: $0, encoding: .utf8)) ?? "" }
        let floorRenderer = MarkdownRenderer(allowRawHTML: true)
        var floors: [Double] = []
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            let sizes = parallelMap(texts) { floorRenderer.render($0).utf8.count }
            floors.append((ContinuousClock.now - start).seconds)
            precondition(sizes.count == texts.count)
        }
        let floor = floors.sorted()[floors.count / 2]
        print(String(format: "cmark-gfm floor (convert only, in memory, %d threads): %.3f s, %.0f pages/s, %.1f MB/s — docs take %.1f× the floor",
                     ProcessInfo.processInfo.activeProcessorCount, floor, Double(texts.count) / floor, megabytes / floor, median.wall / floor))
        print("target: ≤ 2.5 s on 2 cores (release), peak ≤ 400 MB — \(median.wall <= 2.5 && peak <= 400 ? "met" : "NOT met")")
    }
}

/// Times building the search index from the entities and docs sections of a generated
/// organisation (the docs already converted), prints its size, and writes the whole site so
/// `Scripts/search-benchmark.sh` can measure queries in a browser.
struct SearchBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Time building the search index of a generated organisation (default --repos 200 --pages 10000)."
    )

    @OptionGroup var options: CorpusOptions

    @Option(help: "Where the site is written for browser measurements (nothing is written without it).")
    var output: String?

    func run() throws {
        let corpus = try options.corpus(repos: 200, pages: 10000)
        let build = BuildPipeline(roots: [corpus]).runCatalog()
        let conversionStart = ContinuousClock.now
        let catalog = SiteRenderer.searchCatalog(for: build)
        let conversion = (ContinuousClock.now - conversionStart).seconds
        let textBytes = (catalog.entities + catalog.sections).reduce(0) { $0 + $1.fields.reduce(0) { $0 + $1.text.utf8.count } }
        _ = SearchIndex(catalog)  // warm up
        var samples: [(wall: Double, cpu: Double, index: SearchIndex)] = []
        for _ in 0..<max(1, options.runs) {
            let cpuStart = CPUTime.now
            let start = ContinuousClock.now
            let index = SearchIndex(catalog)
            samples.append(((ContinuousClock.now - start).seconds, CPUTime.now - cpuStart, index))
        }
        let median = samples.sorted { $0.wall < $1.wall }[samples.count / 2]
        let figures = median.index.figures
        let allBytes = median.index.files.reduce(0) { $0 + $1.bytes.count }
        let largest = median.index.files.filter { $0.path.hasPrefix("search/terms/") && $0.path.hasSuffix(".json") }.map(\.bytes.count).max() ?? 0
        print("documents: \(figures.documents) (entities \(catalog.entities.count), docs sections \(catalog.sections.count))  "
              + String(format: "indexed text: %.1f MB (docs converted and cut into sections in %.3f s; `portal-bench docs` converts without cutting)",
                       Double(textBytes) / 1e6, conversion))
        print("terms: \(figures.terms)  postings: \(figures.postings)  shards: \(figures.shards) (largest \(largest / 1024) KB)  sets: \(figures.sets)  "
              + String(format: "index: %.1f MB JSON (%.1f MB with the .js twins) in %d files", Double(figures.jsonBytes) / 1e6, Double(allBytes) / 1e6, median.index.files.count))
        print(String(format: "index build (median of %d): wall %.3f s, cpu %.3f s, %.1f MB/s of text, peak RSS %.0f MB",
                     samples.count, median.wall, median.cpu, Double(textBytes) / 1e6 / median.wall, PeakMemory.megabytes))
        for phase in figures.phases {
            print(String(format: "  %-26@ %8.1f ms", phase.name as NSString, phase.seconds * 1000))
        }
        print("  JSON by folder: " + figures.jsonBytesByFolder.sorted { $0.value > $1.value }
            .map { "\($0.key) \(String(format: "%.1f", Double($0.value) / 1e6)) MB" }.joined(separator: ", "))
        print("target: index build ≤ 0.5 s on 2 cores (release) — \(median.wall <= 0.5 ? "met" : "NOT met")")
        if let output {
            let site = SiteRenderer(config: PortalConfig()).render(build)
            try SiteWriter().write(site.files, to: output, roots: [corpus])
            print("site written to \(output) (\(site.files.count) files) for Scripts/search-benchmark.sh")
        }
    }
}

/// Runs `gen_corpus.py` once per parameter set and keeps the output.
struct CorpusGenerator {
    var script: String
    var cache: String

    func corpus(repos: Int, pages: Int, seed: Int) throws -> String {
        let folder = "\(cache)/repos\(repos)-pages\(pages)-seed\(seed)"
        if FileManager.default.fileExists(atPath: folder + "/org/catalog-info.yaml") { return folder }
        guard FileManager.default.fileExists(atPath: script) else {
            throw ValidationError("generator not found at \(script); pass --generator")
        }
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder, "--repos", "\(repos)", "--pages", "\(pages)", "--seed", "\(seed)", "--force"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("gen_corpus.py failed (\(process.terminationStatus))") }
        return folder
    }
}

/// CPU time (user + system) of this process.
enum CPUTime {
    static var now: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

/// Peak resident memory of this process.
enum PeakMemory {
    static var megabytes: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

extension FileManager {
    func sizeOfFile(atPath path: String) -> Int? {
        (try? attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }
}
