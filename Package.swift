// swift-tools-version: 6.0
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

/// Exports PortalMarkdown's replacement of cmark-gfm's `cmark_manage_extensions_special_characters`
/// from the executables and the test bundle, so that the library calls it and cmark-gfm parses
/// on all cores without a lock (Sources/PortalMarkdown/InlineCharacters.swift). Without it the
/// parsers take turns; nothing else changes.
let sharedInlineCharacters: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=cmark_manage_extensions_special_characters"], .when(platforms: [.linux])),
]

/// On Linux the executables use mimalloc (Debian `libmimalloc-dev`) in place of glibc's malloc:
/// a build allocates millions of small strings and arrays on every core, and takes about 8% less
/// wall time with it (README "Performance"). The libraries and tests keep the system's.
let fastAllocator: [LinkerSetting] = [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]

let package = Package(
    name: "portal-build",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "portal-build", targets: ["portal-build"]),
        .executable(name: "portal-bench", targets: ["portal-bench"]),
        .executable(name: "portal-tech-radar", targets: ["portal-tech-radar"]),
        .library(name: "PortalKit", targets: ["PortalKit"]),
        .library(name: "PortalGraphLayout", targets: ["PortalGraphLayout"]),
        .library(name: "PortalAPIReference", targets: ["PortalAPIReference"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already required by Hummingbird; named for the modules PortalServe imports itself.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // C libraries from Debian packages, linked through pkg-config.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The only importers of the C targets: thin, pointer-free wrappers.
        .target(name: "PortalYAML", dependencies: ["CLibYAML"], swiftSettings: strictSwift),
        .target(name: "PortalMarkdown", dependencies: ["CCmarkGFM", "PortalHighlight"], swiftSettings: strictSwift),
        // Relation graphs as static SVG: layered layout and writer, no dependencies, no Foundation.
        .target(name: "PortalGraphLayout", swiftSettings: strictSwift),
        // Code highlighting as HTML at build time: UTF-8 bytes in, escaped spans out. No dependencies, no Foundation.
        .target(name: "PortalHighlight", swiftSettings: strictSwift),
        // The prebuilt search index: words, BM25F scores, sharded JSON files. No dependencies, no Foundation.
        .target(name: "PortalSearch", swiftSettings: strictSwift),
        // API definitions (OpenAPI, AsyncAPI, GraphQL, protobuf) to static HTML reference fragments.
        .target(name: "PortalAPIReference", dependencies: ["PortalYAML", "PortalMarkdown", "PortalHighlight"], swiftSettings: strictSwift),
        // The pipeline: discovery, catalog, linking, diagnostics, output.
        .target(name: "PortalKit", dependencies: ["PortalYAML", "PortalMarkdown"], swiftSettings: strictSwift),
        // Software Templates run locally: values, JSON Schema checks, Nunjucks expressions, the supported actions.
        .target(name: "PortalScaffold", dependencies: ["PortalKit", "PortalYAML"], swiftSettings: strictSwift),
        // The portal's pages: page models, themes (Themes/default is compiled in), site files.
        .target(
            name: "PortalSite",
            dependencies: ["PortalKit", "PortalYAML", "PortalMarkdown", "PortalGraphLayout", "PortalAPIReference", "PortalSearch", "PortalScaffold"],
            swiftSettings: strictSwift,
            plugins: ["EmbedDefaultTheme"]
        ),
        .executableTarget(name: "theme-embedder"),
        .plugin(name: "EmbedDefaultTheme", capability: .buildTool(), dependencies: ["theme-embedder"]),
        // The preview server: static files, live reload, watching inputs. The only importer of Hummingbird (and NIO).
        .target(
            name: "PortalServe",
            dependencies: [
                "PortalKit",
                "PortalMarkdown",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSwift
        ),
        // Commands and actions; main.swift files stay one line.
        .target(
            name: "PortalCommandLine",
            dependencies: ["PortalKit", "PortalSite", "PortalMarkdown", "PortalServe", "PortalScaffold",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSwift
        ),
        .executableTarget(name: "portal-build", dependencies: ["PortalCommandLine"], swiftSettings: strictSwift,
                          linkerSettings: fastAllocator + sharedInlineCharacters),
        .executableTarget(name: "portal-bench", dependencies: ["PortalCommandLine"], swiftSettings: strictSwift,
                          linkerSettings: fastAllocator + sharedInlineCharacters),
        // The example plugin (README "Tech Radar"): a radar file to a page, cards and search documents.
        .target(name: "PortalTechRadar", dependencies: ["PortalKit", "PortalYAML"], swiftSettings: strictSwift),
        .executableTarget(name: "portal-tech-radar", dependencies: ["PortalTechRadar"], swiftSettings: strictSwift),
        // libFuzzer targets (Scripts/fuzz.sh builds them with -sanitize=fuzzer and -D FUZZING).
        .target(name: "FuzzDriver", swiftSettings: strictSwift),
        .executableTarget(name: "fuzz-catalog", dependencies: ["FuzzDriver", "PortalKit"], swiftSettings: strictSwift),
        .executableTarget(name: "fuzz-markdown", dependencies: ["FuzzDriver", "PortalMarkdown"], swiftSettings: strictSwift,
                          linkerSettings: sharedInlineCharacters),
        .testTarget(name: "PortalYAMLTests", dependencies: ["PortalYAML"], swiftSettings: strictSwift),
        // All test targets link into one bundle: its link takes this target's setting.
        .testTarget(name: "PortalMarkdownTests", dependencies: ["PortalMarkdown"], swiftSettings: strictSwift, linkerSettings: sharedInlineCharacters),
        .testTarget(
            name: "PortalKitTests",
            dependencies: ["PortalKit", "PortalYAML"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "PortalSiteTests",
            dependencies: ["PortalSite", "PortalKit"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "PortalGraphLayoutTests",
            dependencies: ["PortalGraphLayout"],
            exclude: ["Golden"],
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "PortalAPIReferenceTests",
            dependencies: ["PortalAPIReference", "PortalYAML"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: strictSwift
        ),
        .testTarget(name: "PortalSearchTests", dependencies: ["PortalSearch"], exclude: ["Fixtures"], swiftSettings: strictSwift),
        .testTarget(name: "PortalHighlightTests", dependencies: ["PortalHighlight"], swiftSettings: strictSwift),
        .testTarget(name: "PortalScaffoldTests", dependencies: ["PortalScaffold", "PortalKit", "PortalYAML"], swiftSettings: strictSwift),
        .testTarget(name: "PortalCommandLineTests", dependencies: ["PortalCommandLine"], swiftSettings: strictSwift),
        .testTarget(name: "PortalTechRadarTests", dependencies: ["PortalTechRadar", "PortalKit"], swiftSettings: strictSwift),
        .testTarget(name: "PortalServeTests", dependencies: ["PortalServe", "PortalCommandLine", "PortalKit"], swiftSettings: strictSwift),
    ]
)
