import ArgumentParser
import Foundation
import IncidentMap

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write incident tables as GeoJSON, KML/KMZ or GeoPackage without further analysis.",
        discussion: """
        Examples:
          incidentmap export acled.csv --out layers --format gpkg
          incidentmap export incidents.geojson --out layers --format kmz
        """)

    @Argument(help: "Incident tables (ACLED CSV, CSV, GeoJSON, JSON lines) or folders of them.")
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("Formats: geojson,kml,kmz,gpkg.", valueName: "list"))
    var format: String = "geojson,kml,gpkg"

    @Flag(name: .customLong("keep-going"), help: "Skip bad rows instead of stopping.")
    var keepGoing = false

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingErrors {
            let formats = try OutputFormat.parseList(format)
            try MapConfiguration(inputs: inputs, outputDirectory: out, formats: formats).validate()
            let files = try AnalysisJobs.export(inputs, outputDirectory: out, formats: formats,
                                                gazetteerDirectory: data.gazetteer, keepGoing: keepGoing)
            if !data.quiet { emit("wrote \(files.joined(separator: ", ")) into \(out)\n") }
        }
    }
}
