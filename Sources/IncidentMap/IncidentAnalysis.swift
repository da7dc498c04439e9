import Foundation
import GeoCore
import GeoAnalysis
import GeoGEOS

/// Border proximity and clustering of a run's incidents, parallel to the incident array.
public struct IncidentAnalysis: Sendable {
    public var proximity: [ProximityResult]
    /// Name of the nearest crossing per incident, nil when there are no crossings.
    public var crossingNames: [String?]
    public var clusterIDs: [Int?]
    public var clusters: [Cluster]
    public var nearRadiusKm: Double
    public var bandsKm: [Double]

    /// Measures every incident against `reference` and clusters them.
    ///
    /// Every incident is measured in one parallel batch, imprecise ones over their
    /// uncertainty area (a disc for "near", the admin polygon for a region).
    public static func run(_ incidents: [Incident], reference: ReferenceData,
                           configuration: MapConfiguration,
                           progress: (String) -> Void = { _ in }) throws -> IncidentAnalysis {
        let proximity = BorderProximity(lines: reference.borderLines, sides: reference.sides,
                                        crossings: reference.crossings)
        // Closures over indices, not key paths over the incidents: iterating an array of
        // incidents copies each one (a retain and a release of every string it holds).
        let points = incidents.indices.map { incidents[$0].coordinate }
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
        let results = proximity.measure(points, precisions: precisions, areaBoundsKm: regionAreas)
        let names = results.map { r in r.nearestCrossingIndex.map { reference.crossings[$0].name } }

        progress("clustering \(incidents.count) incident(s)")
        let dbscan = DBSCAN(epsKm: configuration.epsKm, minPoints: configuration.minPoints,
                            windowDays: configuration.windowDays)
        let days = clusterDays(incidents.indices.map { incidents[$0].eventDate?.dayNumber },
                               windowDays: configuration.windowDays)
        let labels = dbscan.cluster(points, days: days)
        progress("summarising \(labels.clusterCount) cluster(s)")
        let clusters = try ClusterSummaries().summaries(
            points: points, labels: labels, dates: incidents.indices.map { incidents[$0].eventDate },
            eventTypes: incidents.indices.map { incidents[$0].eventType.isEmpty ? nil : incidents[$0].eventType },
            borderDistancesKm: results.map(\.distanceKm), workers: 2)
        return IncidentAnalysis(proximity: results, crossingNames: names, clusterIDs: labels.labels,
                                clusters: clusters, nearRadiusKm: proximity.nearRadiusKm,
                                bandsKm: proximity.bands.thresholds)
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
