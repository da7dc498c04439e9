import Foundation
import GeoCore
import Gazetteer
import IncidentExtraction
import GeoAnalysis

/// What a finished `map` run tells the user.
public struct MapSummary: Sendable {
    public var report: RunReport
    public var filesWritten: [String]
    /// The run's incidents, analysis and layers, held until the summary goes.
    public let contents: MapRunContents

    /// The short summary the CLI prints.
    public var text: String {
        var lines = [
            "incidentmap \(IncidentMapVersion.string): \(report.inputs.count) input(s)",
            "  incidents: \(report.counts.incidents) (\(report.counts.fromArticles) from articles, "
                + "\(report.counts.fromTables) from tables, \(report.counts.merged) merged as duplicates)",
            "  place mentions: \(report.counts.resolvedMentions) resolved, \(report.counts.unresolvedMentions) unresolved",
            "  clusters: \(report.counts.clusters) (eps \(report.parameters.epsKm) km, "
                + "min \(report.parameters.minPoints) points"
                + (report.parameters.windowDays.map { ", window \($0) days" } ?? "") + ")",
        ]
        if !report.rejected.isEmpty { lines.append("  rejected rows: \(report.rejected.count) (listed in report.json)") }
        if !report.nearestToBorder.isEmpty {
            lines.append("  nearest to the border:")
            for n in report.nearestToBorder.prefix(5) {
                lines.append("    \(n.eventID)  \(n.location)  \(String(format: "%.2f", n.distanceKm)) km (\(n.side))")
            }
        }
        lines.append("  files: \(filesWritten.joined(separator: ", "))")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The main job: read -> extract -> resolve -> dedupe -> analyse -> write.
public enum Pipeline {
    /// Runs `incidentmap map`; `progress` receives short status lines.
    public static func map(_ configuration: MapConfiguration,
                           progress: (String) -> Void = { _ in }) throws -> MapSummary {
        try configuration.validate()
        progress("loading gazetteer")
        // The border and areas' GeoJSON is parsed beside the gazetteer's tables: one after the
        // other, on one thread, they were the tenth of a second before any input was read.
        // Its errors still come after the gazetteer's and the inputs'.
        let dataDirectory = try DataDirectory.locate(explicit: configuration.gazetteerDirectory)
        let borderFile = configuration.borderFile
        let geometries = Beside(throwing: {
            try ReferenceData.readGeometries(dataDirectory: dataDirectory, borderFile: borderFile)
        })
        let gazetteer = try GazetteerJobs.load(dataDirectory: dataDirectory)
        let inputs = try InputCollector.collect(configuration.inputs)
        let reference = ReferenceData(try geometries.get(), crossingsFrom: gazetteer)

        progress("reading \(inputs.count) input(s)")
        let read = try IncidentSources.read(inputs, gazetteer: gazetteer, date: configuration.date,
                                            keepGoing: configuration.keepGoing, progress: progress)

        progress("measuring border distances and clustering \(read.incidents.count) incident(s)")
        let analysis = try IncidentAnalysis.run(read.incidents, reference: reference, configuration: configuration)

        progress("building layers")
        let layers = try LayerSet.make(incidents: read.incidents, analysis: analysis, reference: reference)
        var report = RunReport(configuration: configuration, inputs: inputs, reference: reference,
                               read: read, analysis: analysis)
        let files = try OutputSet.write(layers: layers, report: &report, unresolved: read.unresolved,
                                        configuration: configuration, progress: progress)
        return MapSummary(report: report, filesWritten: files,
                          contents: MapRunContents(read: read, analysis: analysis, layers: layers))
    }
}

/// What a run holds in memory once its files are written: a million incidents with their
/// strings, their analysis and their layers.
///
/// Why the summary keeps them rather than `Pipeline.map` freeing them on return: freeing a
/// million incidents value by value took about half a second on one core at the very end of
/// the main job, with nothing left to run beside it. Held here, the caller chooses: the
/// command-line tool ends its process with them still held, and the system takes the memory
/// back whole; a caller that goes on frees them when it drops the summary.
public final class MapRunContents: Sendable {
    let read: SourceReading
    let analysis: IncidentAnalysis
    let layers: [Layer]

    init(read: SourceReading, analysis: IncidentAnalysis, layers: [Layer]) {
        self.read = read
        self.analysis = analysis
        self.layers = layers
    }
}
