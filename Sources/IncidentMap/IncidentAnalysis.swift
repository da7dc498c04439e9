import Foundation
import GeoCore
import GeoAnalysis
import GeoGEOS

/// Border proximity and clustering of a run's incidents, parallel to the incident array.
public struct IncidentAnalysis: Sendable {
    public var proximity: [ProximityResult]
    /// The reference crossings' names, in the order a result's `nearestCrossingIndex` counts
    /// them: an incident's crossing is looked up when its feature is made (an array of a
    /// million names, made on one thread after the measuring, left the other core idle).
    public var crossingNames: [String]
    public var clusterIDs: [Int?]
    public var clusters: [Cluster]
    public var nearRadiusKm: Double
    public var bandsKm: [Double]

    /// Measures every incident against `reference` and clusters them.
    ///
    /// Every incident is measured in one parallel batch, imprecise ones over their
    /// uncertainty area (a disc for "near", the admin polygon for a region). Clustering
    /// needs none of the distances but each cluster's nearest one, filled in at the end, so
    /// the measuring runs beside it, on a thread of its own: each leaves stretches where one
    /// core has nothing to do (DBSCAN's grid is built on one thread, the last hulls and the
    /// last runs of points end apart), which the other fills. The clustering stays on the
    /// calling thread: its memory, all of it let go at the end, goes back to this thread's
    /// heap for the layers and files to take again, where on a thread of its own it stayed
    /// apart (some 200 MB more at the run's peak).
    public static func run(_ incidents: [Incident], reference: ReferenceData,
                           configuration: MapConfiguration) throws -> IncidentAnalysis {
        // Closures over indices, not key paths over the incidents: iterating an array of
        // incidents copies each one (a retain and a release of every string it holds).
        let points = incidents.indices.map { incidents[$0].coordinate }
        let proximity = BorderProximity(lines: reference.borderLines, sides: reference.sides,
                                        crossings: reference.crossings)
        // Imprecise locations are measured over their uncertainty area: a disc, or the
        // governorate, whose bounds are the same for all its incidents and found once.
        let precisions = incidents.indices.map { incidents[$0].geoPrecision }
        var areaBounds: [String: (min: Double, max: Double)] = [:]
        let areas = adminAreaIndex(reference.adminAreas)
        let regionAreas: [(min: Double, max: Double)?] = incidents.indices.map { i in
            guard precisions[i] == .region, let name = incidents[i].admin1?.lowercased() else { return nil }
            if let known = areaBounds[name] { return known }
            guard let area = areas[name], let bounds = proximity.boundsKm(over: area) else { return nil }
            areaBounds[name] = bounds
            return bounds
        }
        let measuring = Beside { proximity.measure(points, precisions: precisions, areaBoundsKm: regionAreas) }

        let dbscan = DBSCAN(epsKm: configuration.epsKm, minPoints: configuration.minPoints,
                            windowDays: configuration.windowDays)
        let days = clusterDays(incidents.indices.map { incidents[$0].eventDate?.dayNumber },
                               windowDays: configuration.windowDays)
        let labels = dbscan.cluster(points, days: days)
        var clusters = try ClusterSummaries().summaries(
            points: points, labels: labels, dates: incidents.indices.map { incidents[$0].eventDate },
            eventTypes: incidents.indices.map { incidents[$0].eventType.isEmpty ? nil : incidents[$0].eventType },
            workers: 2)

        let results = measuring.result()
        let distancesKm = results.map(\.distanceKm)
        for k in clusters.indices {
            clusters[k].nearestBorderDistanceKm = ClusterSummaries.nearestBorderDistanceKm(of: clusters[k].members,
                                                                                          in: distancesKm)
        }
        return IncidentAnalysis(proximity: results, crossingNames: reference.crossings.map(\.name),
                                clusterIDs: labels.labels, clusters: clusters,
                                nearRadiusKm: proximity.nearRadiusKm, bandsKm: proximity.bands.thresholds)
    }

    /// The day numbers DBSCAN's time window compares, or nil without a window.
    ///
    /// An undated incident cannot be within a time window of anything, so it gets a day far
    /// from every other and stays out of time-bounded clusters.
    static func clusterDays(_ dayNumbers: [Int?], windowDays: Int?) -> [Int]? {
        guard windowDays != nil else { return nil }
        return dayNumbers.enumerated().map { i, day in day ?? (Int.min / 4 + i * 1_000_000) }
    }

    /// Admin area geometries by lower-cased name, which a region-only incident's admin1 is
    /// looked up by; the first of equal names wins.
    static func adminAreaIndex(_ areas: [AdminArea]) -> [String: Geometry] {
        var index: [String: Geometry] = [:]
        for area in areas {
            let name = area.name.lowercased()
            if index[name] == nil { index[name] = area.geometry }
        }
        return index
    }
}
