import Foundation
import GeoCore

/// The JSON form of a resolution, for the CLI and for scripts: per query, whether it
/// resolved and the ranked candidates (the first is the answer when `resolved`).
public struct ResolutionReport: Codable, Sendable, Hashable {
    public struct CandidateReport: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public var country: String
        public var admin1: String?
        /// Degrees, WGS84.
        public var lat: Double
        public var lon: Double
        public var kind: String
        public var score: Double
        public var reasons: [String]
    }

    public var query: String
    public var resolved: Bool
    public var candidates: [CandidateReport]

    public init(_ resolution: Resolution, limit: Int = 5) {
        query = resolution.query
        resolved = resolution.isResolved
        candidates = resolution.candidates.prefix(limit).map { c in
            CandidateReport(id: c.place.id, name: c.place.name, country: c.place.country, admin1: c.place.admin1,
                            lat: c.place.coordinate.latitude, lon: c.place.coordinate.longitude,
                            kind: c.place.kind.rawValue, score: (c.score * 1000).rounded() / 1000,
                            reasons: c.reasons)
        }
    }

    /// Pretty-printed JSON of `resolutions` as an array, keys sorted (stable for diffs).
    public static func json(_ resolutions: [Resolution], limit: Int = 5) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(resolutions.map { ResolutionReport($0, limit: limit) })
    }
}

extension Resolution {
    /// This resolution's JSON form (see `ResolutionReport`).
    public var report: ResolutionReport { ResolutionReport(self) }
}
