// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so their dependencies never enter the tool's
// build. Each executable prints incidentmap's figure beside the peer a user would
// otherwise use, measured in the same run, and the ratio.
let package = Package(
    name: "incidentmap-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "incidentmap", path: "..")],
    targets: [
        // A plain C loop over geod_inverse: the baseline the Swift wrapper is held to.
        .target(name: "CGeodesicLoop", linkerSettings: [.linkedLibrary("proj")]),
        .executableTarget(name: "geodesic-bench", dependencies: [
            "CGeodesicLoop", .product(name: "GeoProj", package: "incidentmap"),
        ], swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        .executableTarget(name: "gazetteer-bench", dependencies: [
            .product(name: "Gazetteer", package: "incidentmap"),
        ]),
        .executableTarget(name: "extract-bench", dependencies: [
            .product(name: "IncidentExtraction", package: "incidentmap"),
            .product(name: "Gazetteer", package: "incidentmap"),
        ]),
        .executableTarget(name: "analysis-bench", dependencies: [
            .product(name: "GeoAnalysis", package: "incidentmap"),
            .product(name: "GeoProj", package: "incidentmap"),
        ]),
        .executableTarget(name: "export-bench", dependencies: [
            .product(name: "GeoExport", package: "incidentmap"),
        ]),
        .executableTarget(name: "pipeline-bench", dependencies: [
            .product(name: "IncidentMap", package: "incidentmap"),
        ]),
    ]
)
