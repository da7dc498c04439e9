import ArgumentParser
import Foundation
import GeoExport
import IncidentMap

struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Cluster points with DBSCAN on geodesic distance, optionally within a time window.",
        discussion: """
        Writes the input back with cluster_id (null for noise) and, with --clusters, the cluster \
        hulls as GeoJSON.

        Examples:
          incidentmap cluster --in incidents.csv --eps-km 1 --min-points 10 > clustered.csv
          incidentmap cluster --in incidents.geojson --eps-km 5 --min-points 3 --window-days 7 \\
              --clusters clusters.geojson
        """)

    @Option(name: .customLong("in"), help: ArgumentHelp("CSV or GeoJSON of points.", valueName: "file"))
    var input: String

    @Option(name: .customLong("eps-km"), help: "Neighbourhood radius in km (geodesic).")
    var epsKm: Double

    @Option(name: .customLong("min-points"), help: "Smallest neighbourhood of a core point, itself included.")
    var minPoints: Int

    @Option(name: .customLong("window-days"), help: "Largest time gap between neighbours, in days.")
    var windowDays: Int?

    @Option(name: .long, help: ArgumentHelp("Write the cluster hulls here as GeoJSON.", valueName: "file"))
    var clusters: String?

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingErrors {
            let result = try AnalysisJobs.cluster(input: input, epsKm: epsKm, minPoints: minPoints,
                                                  windowDays: windowDays)
            if let clusters { try GeoJSONWriter.write(result.clusters, to: URL(fileURLWithPath: clusters)) }
            FileHandle.standardOutput.write(try result.table.serialized())
            if !data.quiet {
                FileHandle.standardError.write(Data(
                    "incidentmap: \(result.clusters.features.count) cluster(s) among \(result.table.coordinates.count) point(s)\n".utf8))
            }
        }
    }
}
