// swift-tools-version: 6.1
import PackageDescription

// The readers' fuzz targets live in their own package, like Benchmarks/, so the fuzzer and
// sanitizer flags never reach the tool's build. Build and run them with scripts/fuzz, which
// passes `-sanitize=fuzzer,address`; each target exports LLVMFuzzerTestOneInput and has no
// main of its own (libFuzzer's main drives it).
let package = Package(
    name: "incidentmap-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "incidentmap", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "IncidentExtraction", package: "incidentmap"),
            .product(name: "Gazetteer", package: "incidentmap"),
        ]),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-geojson", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-jsonl", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-article", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-html", dependencies: ["FuzzSupport"]),
    ]
)
