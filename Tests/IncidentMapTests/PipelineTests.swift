import Foundation
import GeoCore
import Testing
@testable import IncidentMap

@Suite("The main job on the bundled seeds")
struct PipelineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func run(formats: [OutputFormat] = [.geojson, .kml, .gpkg]) throws -> (MapSummary, URL) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("incidentmap-pipeline-\(UUID().uuidString)")
        let configuration = MapConfiguration(
            inputs: [Self.root.appendingPathComponent("seeds").path], outputDirectory: out.path,
            formats: formats, gazetteerDirectory: Self.root.appendingPathComponent("Gazetteer").path)
        return (try Pipeline.map(configuration), out)
    }

    @Test func writesEveryFileOfTheOutputContract() throws {
        let (summary, out) = try run()
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        for name in ["incidents.geojson", "clusters.geojson", "border.geojson", "bands.geojson", "crossings.geojson",
                     "map.kml", "map.gpkg", "unresolved.csv", "report.json"] {
            #expect(files.contains(name), "missing \(name)")
        }
        #expect(!files.contains { $0.hasSuffix(".tmp") }, "temporary files left behind: \(files)")
        #expect(summary.text.contains("incidents: 5"))
    }

    @Test func articleAndTableReportsOfOneEventMerge() throws {
        let (summary, out) = try run(formats: [.geojson])
        #expect(summary.report.counts.incidents == 5)
        #expect(summary.report.counts.fromArticles == 5)
        #expect(summary.report.counts.fromTables == 5)
        let data = try Data(contentsOf: out.appendingPathComponent("incidents.geojson"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        let properties = features.compactMap { $0["properties"] as? [String: Any] }
        #expect(properties.allSatisfy { $0["sources_count"] as? Int == 2 })
        let targets = Set(properties.compactMap { $0["target"] as? String })
        #expect(targets == ["cement factory", "gas facility", "oil refineries", "hospital"])
        let jarablus = try #require(properties.first { $0["location"] as? String == "Jarablus" })
        let km = try #require(jarablus["border_distance_km"] as? Double)
        #expect(km > 0 && km < 5, "Jarablus lies on the border: \(km) km")
        #expect(jarablus["border_side"] as? String == "SY")
        #expect(jarablus["border_band"] is NSNull, "near Jarablus spans two bands")
        #expect(jarablus["border_band_range"] as? String == "0-5|5-10")
        // The ACLED rows' own columns survive the merge with the article's reports.
        #expect(properties.allSatisfy { $0["year"] as? Int == 2021 && $0["region"] as? String == "Middle East" })
    }

    @Test func reportNamesTheBorderSourceAndParameters() throws {
        let (_, out) = try run(formats: [.geojson])
        let data = try Data(contentsOf: out.appendingPathComponent("report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sources = try #require(report["data"] as? [[String: Any]])
        let border = try #require(sources.first { $0["name"] as? String == "border" }?["detail"] as? String)
        #expect(border.contains("DCW"))
        let parameters = try #require(report["parameters"] as? [String: Any])
        #expect(parameters["eps_km"] as? Double == 5)
        #expect(parameters["near_radius_km"] as? Double == 5)
    }

    @Test func invalidOptionsAreRejectedBeforeAnyWork() {
        var configuration = MapConfiguration(inputs: [], outputDirectory: "/tmp/x", epsKm: -1)
        #expect(throws: PipelineError.self) { try configuration.validate() }
        configuration.epsKm = 1
        configuration.formats = [.kml, .kmz]
        #expect(throws: PipelineError.self) { try configuration.validate() }
        #expect(throws: PipelineError.self) { try OutputFormat.parseList("geojson,shp") }
        #expect((try? OutputFormat.parseList("GeoJSON, kmz")) == [.geojson, .kmz])
    }
}

@Suite("Run report")
struct RunReportTests {
    @Test("the nearest incidents are the k smallest distances, ties in input order, as a stable sort gives")
    func smallestMatchesSort() {
        var state: UInt64 = 99
        for count in [0, 1, 5, 10, 11, 200, 5_000] {
            // Few distinct values, so that ties are common.
            let values = (0..<count).map { _ -> Double in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double((state >> 33) % 37) / 4
            }
            let expected = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }.prefix(10)
            #expect(RunReport.smallest(10, of: count) { values[$0] } == Array(expected), "\(count) values")
        }
        #expect(RunReport.smallest(0, of: 3) { Double($0) }.isEmpty)
    }
}
