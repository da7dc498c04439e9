import ArgumentParser
import Foundation
import IncidentMap

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Inspect the gazetteer or extend it with full GeoNames dumps.",
        subcommands: [Import.self, Info.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the local gazetteer (SQLite) from GeoNames country dumps.",
            discussion: """
            The local gazetteer extends the embedded one for every command. It is written to \
            $INCIDENTMAP_LOCAL_GAZETTEER or ~/.local/share/incidentmap/local-gazetteer.sqlite \
            unless --database is given.

            Examples:
              incidentmap gazetteer import SY.txt TR.txt --alternate-names alternateNamesV2.txt
            """)

        @Argument(help: "GeoNames dumps in their tab format (SY.txt, TR.txt, ...).")
        var dumps: [String]

        @Option(name: .customLong("alternate-names"), help: ArgumentHelp("alternateNamesV2.txt", valueName: "file"))
        var alternateNames: String?

        @Option(name: .long, help: ArgumentHelp("Database to write.", valueName: "file"))
        var database: String?

        func run() throws {
            try reportingErrors {
                let url = database.map { URL(fileURLWithPath: $0) } ?? GazetteerJobs.defaultLocalDatabase()
                let count = try GazetteerJobs.importDumps(dumps, alternateNames: alternateNames, database: url)
                emit("imported \(count) place(s) into \(url.path)\n")
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Counts of the gazetteer by source, country and kind.",
            discussion: "Example:\n  incidentmap gazetteer info --json")

        @Flag(name: .long, help: "Print JSON.")
        var json = false

        @OptionGroup var data: DataOptions

        func run() throws {
            try reportingErrors {
                let (gazetteer, directory) = try GazetteerJobs.load(directory: data.gazetteer)
                let info = GazetteerJobs.info(gazetteer, directory: directory)
                if json {
                    let bytes = try JSONSerialization.data(withJSONObject: info, options: [.prettyPrinted, .sortedKeys])
                    FileHandle.standardOutput.write(bytes + Data("\n".utf8))
                } else {
                    for key in info.keys.sorted() { emit("\(key): \(info[key]!)\n") }
                }
            }
        }
    }
}
