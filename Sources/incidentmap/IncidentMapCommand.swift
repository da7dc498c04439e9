import ArgumentParser
import Foundation
import IncidentMap

@main
struct IncidentMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidentmap",
        abstract: "Turn reports of strikes and attacks into map layers.",
        discussion: """
        Reads articles (.txt .md .html) and incident tables (ACLED CSV, CSV, GeoJSON, JSON lines), \
        resolves the places they name with an offline gazetteer, codes incidents the way ACLED \
        does, measures their geodesic distance to the Turkey-Syria border, clusters them, and \
        writes GeoJSON, KML/KMZ and a styled GeoPackage.

        Examples:
          incidentmap map seeds --out out
          incidentmap extract article.txt --date 2021-03-07 --format csv
          incidentmap geocode "Al-Bab" "Cerablus" --json
        """,
        version: IncidentMapVersion.string,
        subcommands: [MapCommand.self, ExtractCommand.self, GeocodeCommand.self, ProximityCommand.self,
                      ClusterCommand.self, ExportCommand.self, GazetteerCommand.self],
        defaultSubcommand: nil
    )
}

/// Options every command that reads data shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder of gazetteer data (default: the bundled Gazetteer/).",
                                            valueName: "dir"))
    var gazetteer: String?

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false
}

/// Runs `body`, turning incidentmap's errors into one clear line on stderr and exit code 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as PipelineError {
        FileHandle.standardError.write(Data("incidentmap: error: \(error.description)\n".utf8))
        throw ExitCode.failure
    } catch let error as CustomStringConvertible & Error {
        FileHandle.standardError.write(Data("incidentmap: error: \(error.description)\n".utf8))
        throw ExitCode.failure
    }
}

/// Writes `text` to stdout.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
