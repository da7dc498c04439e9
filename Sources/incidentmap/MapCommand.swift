import ArgumentParser
import Foundation
import IncidentMap

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Turn articles and tables into map layers (the main job).",
        discussion: """
        Writes into --out: incidents.geojson, clusters.geojson, border.geojson, bands.geojson, \
        crossings.geojson, map.kml (or map.kmz), map.gpkg, unresolved.csv and report.json.

        Examples:
          incidentmap map seeds --out out
          incidentmap map reports/ acled.csv --out out --eps-km 2 --min-points 4 --window-days 7
          incidentmap map acled.csv --out out --format geojson,kmz --keep-going
        """)

    @Argument(help: "Files or folders of articles and tables (default: the bundled seeds/).")
    var inputs: [String] = []

    @Option(name: .long, help: ArgumentHelp("Output folder (created when missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Article date for relative dates when an article has none.",
                                            valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("GeoJSON line or polygon to measure distances to.", valueName: "file"))
    var border: String?

    @Option(name: .customLong("eps-km"), help: "Cluster radius in km (geodesic).")
    var epsKm: Double = 5

    @Option(name: .customLong("min-points"), help: "Smallest cluster neighbourhood, the incident itself included.")
    var minPoints: Int = 3

    @Option(name: .customLong("window-days"), help: "Largest time gap in days between clustered incidents.")
    var windowDays: Int?

    @Option(name: .long, help: ArgumentHelp("Formats to write: geojson,kml,kmz,gpkg.", valueName: "list"))
    var format: String = "geojson,kml,gpkg"

    @Flag(name: .customLong("keep-going"), help: "Skip bad rows and list them in report.json instead of stopping.")
    var keepGoing = false

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingErrors {
            var configuration = MapConfiguration(
                inputs: inputs, outputDirectory: out, date: try date.map(MapConfiguration.parseDate),
                borderFile: border, epsKm: epsKm, minPoints: minPoints, windowDays: windowDays,
                formats: try OutputFormat.parseList(format), gazetteerDirectory: data.gazetteer, keepGoing: keepGoing)
            if configuration.inputs.isEmpty { configuration.inputs = [try BundledSeeds.locate().path] }
            try configuration.validate()
            let progress = Progress(enabled: !data.quiet)
            let summary = try Pipeline.map(configuration, progress: progress.report)
            progress.finish()
            if !data.quiet { emit(summary.text) }
            // The files are complete and renamed, and the summary is out: the process ends
            // here with the run's memory still held (`MapRunContents`), rather than freeing a
            // million incidents value by value on the way out.
            withExtendedLifetime(summary) { Foundation.exit(EXIT_SUCCESS) }
        }
    }
}
