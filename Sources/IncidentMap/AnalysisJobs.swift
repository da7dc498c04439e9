import Foundation
import GeoCore
import Gazetteer
import GeoAnalysis
import GeoExport
import IncidentExtraction

/// The single-step commands: `extract`, `proximity`, `cluster` and `export`.
public enum AnalysisJobs {
    /// Incident output formats for `extract`.
    public enum IncidentFormat: String, Sendable, CaseIterable { case geojson, csv, jsonl }

    /// Reads and codes the incidents of `paths` (articles and tables), merged as in `map`.
    public static func extract(_ paths: [String], date: CalendarDate?, gazetteerDirectory: String?,
                               keepGoing: Bool) throws -> SourceReading {
        let (gazetteer, _) = try GazetteerJobs.load(directory: gazetteerDirectory)
        return try IncidentSources.read(try InputCollector.collect(paths), gazetteer: gazetteer, date: date,
                                 keepGoing: keepGoing)
    }

    /// The incidents with the property names of the output contract, in `format`.
    public static func render(_ incidents: [Incident], format: IncidentFormat) throws -> Data {
        let layer = IncidentLayer.make(incidents, analysis: nil)
        switch format {
        case .geojson:
            let url = FileManager.default.temporaryDirectory
                .appendingPathComponent("incidentmap-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).geojson")
            defer { try? FileManager.default.removeItem(at: url) }
            try GeoJSONWriter.write(layer, to: url)
            return try Data(contentsOf: url)
        case .csv:
            var out = layer.fields.map(\.name).joined(separator: ",") + "\n"
            for f in layer.features {
                out += f.values.map { UnresolvedTable.quote($0.textValue ?? "") }.joined(separator: ",") + "\n"
            }
            return Data(out.utf8)
        case .jsonl:
            var out = Data()
            for f in layer.features {
                var object: [String: Any] = [:]
                for (i, field) in layer.fields.enumerated() { object[field.name] = PointTable.json(f.values[i]) }
                out += try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                out += Data("\n".utf8)
            }
            return out
        }
    }

    /// `proximity`: the input table with the border columns added.
    public static func proximity(input: String, borderFile: String?, gazetteerDirectory: String?) throws -> PointTable {
        let (gazetteer, directory) = try GazetteerJobs.load(directory: gazetteerDirectory)
        let reference = try ReferenceData.load(dataDirectory: directory, borderFile: borderFile, gazetteer: gazetteer)
        var table = try PointTable.read(input)
        let proximity = BorderProximity(lines: reference.borderLines, sides: reference.sides,
                                        crossings: reference.crossings)
        let results = proximity.measure(table.coordinates)
        table.setColumn("border_distance_km", results.map { .real($0.distanceKm) })
        table.setColumn("border_nearest_lon", results.map { .real($0.nearestPoint.longitude) })
        table.setColumn("border_nearest_lat", results.map { .real($0.nearestPoint.latitude) })
        table.setColumn("border_side", results.map { .text($0.side) })
        table.setColumn("border_band", results.map { $0.band.map(PropertyValue.text) ?? .null })
        table.setColumn("nearest_crossing", results.map { r in
            r.nearestCrossingIndex.map { .text(reference.crossings[$0].name) } ?? .null })
        table.setColumn("nearest_crossing_km", results.map { $0.nearestCrossingKm.map(PropertyValue.real) ?? .null })
        return table
    }

    /// `cluster`: the input with `cluster_id` added, and the cluster hull layer.
    public static func cluster(input: String, epsKm: Double, minPoints: Int, windowDays: Int?) throws
        -> (table: PointTable, clusters: Layer) {
        try MapConfiguration(inputs: [], outputDirectory: "", epsKm: epsKm, minPoints: minPoints,
                             windowDays: windowDays).validate()
        var table = try PointTable.read(input)
        let days = IncidentAnalysis.clusterDays(table.dayNumbers, windowDays: windowDays)
        let labels = DBSCAN(epsKm: epsKm, minPoints: minPoints, windowDays: windowDays).cluster(table.coordinates, days: days)
        table.setColumn("cluster_id", labels.labels.map { $0.map(PropertyValue.integer) ?? .null })
        let dates = table.dayNumbers.map { $0.map { CalendarDate(dayNumber: $0) } }
        let clusters = try ClusterSummaries().summaries(points: table.coordinates, labels: labels, dates: dates)
        return (table, ClusterLayer.hulls(clusters))
    }

    /// `export`: writes incident tables (ACLED CSV, CSV, GeoJSON, JSON lines) as map files.
    public static func export(_ paths: [String], outputDirectory: String, formats: [OutputFormat],
                              gazetteerDirectory: String?, keepGoing: Bool) throws -> [String] {
        let (gazetteer, _) = try GazetteerJobs.load(directory: gazetteerDirectory)
        let reading = try IncidentSources.read(try InputCollector.collect(paths), gazetteer: gazetteer, date: nil,
                                               keepGoing: keepGoing)
        var layer = IncidentLayer.make(reading.incidents, analysis: nil)
        layer.metadata["kml_time_field"] = "event_date"
        return try OutputSet.writeLayers([layer], directory: outputDirectory, formats: formats)
    }
}
