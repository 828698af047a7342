// swift-tools-version:6.1
import Foundation
import PackageDescription

let package = Package(
    name: "StreamReach",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "streamreach", targets: ["StreamReachCLI"]),
        .library(name: "StreamReachKit", targets: ["StreamReachKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The served board (`streamreach serve`). Its swift-configuration support is left
        // out: the board takes its settings from the command line, and it is one less
        // package to build.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // libcurl's C API, reached through a header-only shim (see Sources/CCurl/shim.h).
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // OpenSSL's libcrypto, for SHA-1 in name-based UUIDs (see Sources/CCrypto/shim.h).
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "StreamReachKit",
            dependencies: [
                "CCurl",
                "CCrypto",
                .product(name: "Logging", package: "swift-log"),
                // Yams brings libyaml (its CYaml module), which YAML/YAMLComposer.swift drives.
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                // The shared store (Store/PostgreSQL): its connection pool, COPY and TLS.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The simulated platform API of `streamreach demo`: kept out of the core library so
        // the core never links an HTTP server.
        .target(
            name: "StreamReachDemo",
            dependencies: [
                "StreamReachKit",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The served board (`streamreach serve`): HTTP pages over the core's reports, kept
        // out of the core so the nightly job never links a web server.
        .target(
            name: "StreamReachBoard",
            dependencies: [
                "StreamReachKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "StreamReachCLI",
            dependencies: [
                "StreamReachKit",
                "StreamReachDemo",
                "StreamReachBoard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The live poller's benchmark harness (Benchmarks/run.py --only live): built with
        // everything else, so it cannot rot, but no product of the package.
        .executableTarget(
            name: "streamreach-livebench",
            dependencies: ["StreamReachKit", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/LiveBench"
        ),
        .testTarget(
            name: "StreamReachKitTests",
            dependencies: [
                "StreamReachKit",
                "StreamReachDemo",
                "StreamReachBoard",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets, only when asked for (`make fuzz`): they have no main of their own and
// link only with -sanitize=fuzzer, so a normal build must not see them.
if ProcessInfo.processInfo.environment["STREAMREACH_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzerDriver", path: "Fuzz/Driver"))
    for (name, folder) in [("fuzz-programme-parser", "Fuzz/ProgrammeParser"), ("fuzz-value-extraction", "Fuzz/ValueExtraction")] {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["StreamReachKit", "FuzzerDriver"], path: folder,
            swiftSettings: [.unsafeFlags(["-parse-as-library"])],
            linkerSettings: []))
    }
}
