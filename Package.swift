// swift-tools-version: 6.1
import PackageDescription

// Layers (see ../shared/DESIGN.md): the CLI calls IncidentMap; IncidentMap ties the
// extraction, gazetteer, analysis and export targets together; only GeoGEOS and GeoProj
// touch C. GeoCore is the shared vocabulary of plain values.
let package = Package(
    name: "incidentmap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "incidentmap", targets: ["incidentmap"]),
        .library(name: "IncidentMap", targets: ["IncidentMap"]),
        .library(name: "GeoProj", targets: ["GeoProj"]),
        .library(name: "GeoGEOS", targets: ["GeoGEOS"]),
        .library(name: "GeoAnalysis", targets: ["GeoAnalysis"]),
        .library(name: "GeoExport", targets: ["GeoExport"]),
        .library(name: "Gazetteer", targets: ["Gazetteer"]),
        .library(name: "IncidentExtraction", targets: ["IncidentExtraction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        .systemLibrary(
            name: "CGEOS",
            pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]
        ),
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        .target(name: "GeoCore"),
        .target(name: "GeoProj", dependencies: ["CPROJ", "GeoCore"]),
        .target(name: "GeoGEOS", dependencies: ["CGEOS", "GeoCore"]),
        .target(name: "Gazetteer", dependencies: [
            "GeoCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "IncidentExtraction", dependencies: ["GeoCore", "Gazetteer"]),
        .target(name: "GeoAnalysis", dependencies: ["GeoCore", "GeoGEOS", "GeoProj"]),
        .target(name: "GeoExport", dependencies: [
            "GeoCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The GeoPackage writer binds values with SQLite's C functions (see GeoPackageBatchInsert).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "IncidentMap", dependencies: [
            "GeoCore", "Gazetteer", "IncidentExtraction", "GeoAnalysis", "GeoExport",
        ]),
        .executableTarget(name: "incidentmap", dependencies: [
            "IncidentMap",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Helpers shared by the test targets (random inputs for differential tests).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore"]),
        .testTarget(name: "GeoProjTests", dependencies: ["GeoProj", "GeoCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoGEOSTests", dependencies: ["GeoGEOS", "GeoCore"]),
        .testTarget(name: "GazetteerTests", dependencies: ["Gazetteer", "GeoCore", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "IncidentExtractionTests",
                    dependencies: ["IncidentExtraction", "Gazetteer", "GeoCore", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoAnalysisTests", dependencies: ["GeoAnalysis", "GeoProj", "GeoGEOS", "GeoCore"]),
        .testTarget(name: "GeoExportTests", dependencies: [
            "GeoExport", "GeoCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "IncidentMapTests", dependencies: ["IncidentMap", "IncidentExtraction", "GeoCore"]),
        .testTarget(name: "incidentmapCLITests", dependencies: ["incidentmap"], resources: [.copy("Fixtures")]),
    ]
)
