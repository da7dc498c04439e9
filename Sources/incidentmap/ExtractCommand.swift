import ArgumentParser
import Foundation
import IncidentMap

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Code the incidents of articles and tables and print them.",
        discussion: """
        Prints one incident per event and place with ACLED's property names (event_id, \
        event_date, time_precision, event_type, sub_event_type, actor1, ...).

        Examples:
          incidentmap extract article.txt --date 2021-03-07
          incidentmap extract reports/ --format csv > incidents.csv
        """)

    @Argument(help: "Article or table files, or folders of them.")
    var inputs: [String]

    @Option(name: .long, help: ArgumentHelp("Article date for relative dates.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: "Output format: geojson, csv or jsonl.")
    var format: String = "geojson"

    @Flag(name: .customLong("keep-going"), help: "Skip bad rows instead of stopping.")
    var keepGoing = false

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingErrors {
            guard let format = AnalysisJobs.IncidentFormat(rawValue: format.lowercased()) else {
                throw PipelineError.invalidOption("--format: unknown format '\(format)'; choose geojson, csv or jsonl")
            }
            let reading = try AnalysisJobs.extract(inputs, date: try date.map(MapConfiguration.parseDate),
                                                   gazetteerDirectory: data.gazetteer, keepGoing: keepGoing)
            FileHandle.standardOutput.write(try AnalysisJobs.render(reading.incidents, format: format))
            if !data.quiet {
                var note = "incidentmap: \(reading.incidents.count) incident(s), "
                    + "\(reading.unresolved.count) unresolved mention(s)"
                if !reading.rejected.isEmpty { note += ", \(reading.rejected.count) rejected row(s)" }
                FileHandle.standardError.write(Data((note + "\n").utf8))
                for m in reading.unresolved {
                    FileHandle.standardError.write(Data("  unresolved: \(m.text) (\(m.document)): \(m.reason)\n".utf8))
                }
                for r in reading.rejected {
                    FileHandle.standardError.write(Data("  rejected: \(r.error.description)\n".utf8))
                }
            }
        }
    }
}
