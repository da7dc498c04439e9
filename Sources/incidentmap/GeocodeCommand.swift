import ArgumentParser
import Foundation
import Gazetteer
import IncidentMap

struct GeocodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geocode",
        abstract: "Resolve place names with the offline gazetteer.",
        discussion: """
        Examples:
          incidentmap geocode "Al-Bab" "Cerablus" "إدلب"
          incidentmap geocode Sarmada --country SY --json
          incidentmap geocode Tell --near 36.5,40.7
        """)

    @Argument(help: "Place names in any spelling or script.")
    var names: [String]

    @Option(name: .long, help: ArgumentHelp("Prefer places in this country (ISO code).", valueName: "code"))
    var country: String?

    @Option(name: .long, help: ArgumentHelp("Prefer places near this point.", valueName: "lat,lon"))
    var near: String?

    @Flag(name: .long, help: "Print a JSON array: query, resolved, candidates.")
    var json = false

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingErrors {
            let (gazetteer, _) = try GazetteerJobs.load(directory: data.gazetteer)
            let resolutions = try GazetteerJobs.geocode(names, country: country, near: near, gazetteer: gazetteer)
            if json {
                FileHandle.standardOutput.write(try ResolutionReport.json(resolutions))
                emit("\n")
            } else {
                emit(GazetteerJobs.text(resolutions))
            }
        }
    }
}
