import GeoCore

/// How an incident relates to the border: distance, nearest border point, side, band and
/// nearest crossing.
public struct ProximityResult: Sendable, Hashable {
    /// Geodesic distance on WGS84 from the incident's point to the border, in km.
    public var distanceKm: Double
    /// Smallest and largest border distance in km over where the incident may be (equal to
    /// `distanceKm` for an exact location).
    public var distanceMinKm: Double
    public var distanceMaxKm: Double
    /// The border point nearest to the incident's point.
    public var nearestPoint: Coordinate
    /// The outline code the point falls in ("SY", "TR"), or "other".
    public var side: String
    /// Index into the bands' labels, or nil when the location's uncertainty spans several.
    public var bandIndex: Int?
    /// The band label ("0-5"), or nil when undecided; then `bandRange` lists the candidates.
    public var band: String?
    /// Every band the incident may be in, joined by "|" ("5-10|10-30"); one label when decided.
    public var bandRange: String
    /// Index into the crossings given to ``BorderProximity``, nil when none were given.
    public var nearestCrossingIndex: Int?
    /// Geodesic distance in km from the incident's point to that crossing.
    public var nearestCrossingKm: Double?

    /// Whether the uncertainty of the location leaves the band undecided.
    public var bandUndecided: Bool { band == nil }

    public init(distanceKm: Double, distanceMinKm: Double, distanceMaxKm: Double, nearestPoint: Coordinate,
                side: String, bandIndex: Int?, band: String?, bandRange: String, nearestCrossingIndex: Int?,
                nearestCrossingKm: Double?) {
        self.distanceKm = distanceKm
        self.distanceMinKm = distanceMinKm
        self.distanceMaxKm = distanceMaxKm
        self.nearestPoint = nearestPoint
        self.side = side
        self.bandIndex = bandIndex
        self.band = band
        self.bandRange = bandRange
        self.nearestCrossingIndex = nearestCrossingIndex
        self.nearestCrossingKm = nearestCrossingKm
    }
}
