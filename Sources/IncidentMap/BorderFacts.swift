import GeoCore

/// What the border analysis says of one incident, as the output contract names it.
public struct BorderFacts: Sendable, Hashable {
    /// Geodesic distance from the incident's point to the border, in km.
    public var distanceKm: Double
    /// Smallest and largest distance over the incident's uncertainty area, in km.
    public var minKm: Double
    public var maxKm: Double
    public var nearestPoint: Coordinate
    /// `SY`, `TR` or `other`.
    public var side: String
    /// The band label ("0-5", "5-10", "10-30", ">30"), or nil when the uncertainty area
    /// spans more than one band.
    public var band: String?
    public var nearestCrossing: String?
    public var nearestCrossingKm: Double?

    public init(distanceKm: Double, minKm: Double, maxKm: Double, nearestPoint: Coordinate, side: String,
                band: String?, nearestCrossing: String?, nearestCrossingKm: Double?) {
        self.distanceKm = distanceKm
        self.minKm = minKm
        self.maxKm = maxKm
        self.nearestPoint = nearestPoint
        self.side = side
        self.band = band
        self.nearestCrossing = nearestCrossing
        self.nearestCrossingKm = nearestCrossingKm
    }
}
