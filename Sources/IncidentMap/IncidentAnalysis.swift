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
    /// Exactly located incidents are measured in one parallel batch; imprecise ones over
    /// their uncertainty area (a disc for "near", the admin polygon for a region).
    public static func run(_ incidents: [Incident], reference: ReferenceData,
                           configuration: MapConfiguration,
                           progress: (String) -> Void = { _ in }) throws -> IncidentAnalysis {
        let proximity = BorderProximity(lines: reference.borderLines, sides: reference.sides,
                                        crossings: reference.crossings)
        let points = incidents.map(\.coordinate)
        var results = proximity.measure(points)
        for (i, incident) in incidents.enumerated() where incident.geoPrecision != .exact {
            let area = incident.geoPrecision == .region ? adminArea(of: incident, in: reference.adminAreas) : nil
            results[i] = proximity.measure(point: incident.coordinate, precision: incident.geoPrecision, area: area)
        }
        let names = results.map { r in r.nearestCrossingIndex.map { reference.crossings[$0].name } }

        progress("clustering \(incidents.count) incident(s)")
        let dbscan = DBSCAN(epsKm: configuration.epsKm, minPoints: configuration.minPoints,
                            windowDays: configuration.windowDays)
        let days = clusterDays(incidents.map { $0.eventDate?.dayNumber }, windowDays: configuration.windowDays)
        let labels = dbscan.cluster(points, days: days)
        progress("summarising \(labels.clusterCount) cluster(s)")
        let clusters = try ClusterSummaries().summaries(
            points: points, labels: labels, dates: incidents.map(\.eventDate),
            eventTypes: incidents.map { $0.eventType.isEmpty ? nil : $0.eventType },
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

    /// The admin polygon a region-only incident stands for: the one its admin1 names, else
    /// the one containing its point.
    static func adminArea(of incident: Incident, in areas: [AdminArea]) -> Geometry? {
        if let name = incident.admin1?.lowercased(),
           let area = areas.first(where: { $0.name.lowercased() == name }) {
            return area.geometry
        }
        return nil
    }
}
