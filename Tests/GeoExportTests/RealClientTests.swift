import Foundation
import GeoCore
import Testing
@testable import GeoExport

/// Runs the real clients (GDAL's ogrinfo and GeoPackage validator, xmllint with the OGC
/// KML 2.2 schema) on written samples through `scripts/check-outputs`. The tools come
/// from `scripts/setup`; when they are missing the test fails saying so, never skips.
@Suite struct RealClientTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func which(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// Writes every output of the sample layers into a fresh folder.
    static func writeSample(kmz: Bool) throws -> URL {
        let folder = try SampleLayers.folder()
        for layer in SampleLayers.all {
            try GeoJSONWriter.write(layer, to: folder.appendingPathComponent("\(layer.name).geojson"))
        }
        try KMLWriter().write(SampleLayers.all, to: folder.appendingPathComponent("map.kml"))
        if kmz { try KMLWriter().write(SampleLayers.all, to: folder.appendingPathComponent("map.kmz"), kmz: true) }
        try GeoPackageWriter.write(SampleLayers.all, to: folder.appendingPathComponent("map.gpkg"))
        return folder
    }

    @Test func outputsPassRealClientChecks() throws {
        let missing = ["ogrinfo", "xmllint", "python3"].filter { !which($0) }
        guard missing.isEmpty else {
            let tools = missing.joined(separator: ", ")
            Issue.record(Comment(rawValue: "real-client checks cannot run: \(tools) not on PATH; run scripts/setup"))
            return
        }
        let folder = try Self.writeSample(kmz: true)
        let process = Process()
        process.executableURL = Self.packageRoot.appendingPathComponent("scripts/check-outputs")
        process.arguments = [folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "scripts/check-outputs \(folder.path) failed:\n\(output)")
        if ProcessInfo.processInfo.environment["GEOEXPORT_KEEP_SAMPLE"] == nil {
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
