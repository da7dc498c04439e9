import ArgumentParser
import Foundation
import IncidentMap

struct ProximityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proximity",
        abstract: "Add geodesic border distance, side, band and nearest crossing to a table of points.",
        discussion: """
        Reads a CSV with latitude/longitude columns or a GeoJSON FeatureCollection of points and \
        writes it back with border_distance_km, border_nearest_lon, border_nearest_lat, \
        border_side, border_band, nearest_crossing and nearest_crossing_km added.

        Examples:
          incidentmap proximity --in incidents.csv > with-border.csv
          incidentmap proximity --in points.geojson --border frontline.geojson --format geojson
        """)

    @Option(name: .customLong("in"), help: ArgumentHelp("CSV or GeoJSON of points.", valueName: "file"))
    var input: String

    @Option(name: .long, help: ArgumentHelp("GeoJSON line or polygon to measure to.", valueName: "file"))
    var border: String?

    @Option(name: .long, help: "Output format: csv or geojson (default: the input's).")
    var format: String?

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingErrors {
            var table = try AnalysisJobs.proximity(input: input, borderFile: border, gazetteerDirectory: data.gazetteer)
            try convert(&table, to: format)
            FileHandle.standardOutput.write(try table.serialized())
        }
    }
}

/// Applies `--format` to a table read by `proximity` or `cluster`.
func convert(_ table: inout PointTable, to format: String?) throws {
    guard let format else { return }
    guard let wanted = PointTable.Format(rawValue: format.lowercased()) else {
        throw PipelineError.invalidOption("--format: unknown format '\(format)'; choose csv or geojson")
    }
    guard wanted == table.format else {
        throw PipelineError.invalidOption("--format \(format): this command writes the input back in its own "
            + "format (\(table.format.rawValue)); convert the input first")
    }
}
