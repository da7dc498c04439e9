/// A space-time cluster of incidents found by DBSCAN.
public struct Cluster: Sendable, Hashable {
    /// 1-based, deterministic: clusters are numbered by first date, then position.
    public var id: Int
    /// Indices of the member incidents in the analysed array.
    public var members: [Int]
    public var firstDate: CalendarDate?
    public var lastDate: CalendarDate?
    /// Member count per ACLED event type.
    public var eventTypeCounts: [String: Int]
    public var centroid: Coordinate
    /// Convex hull of the members (a point or line when they are fewer than three or collinear).
    public var convexHull: Geometry
    /// Concave hull of the members (GEOS `GEOSConcaveHull_r`).
    public var concaveHull: Geometry
    /// Smallest border distance among the members in km, when computed.
    public var nearestBorderDistanceKm: Double?

    public init(id: Int, members: [Int], firstDate: CalendarDate?, lastDate: CalendarDate?,
                eventTypeCounts: [String: Int], centroid: Coordinate, convexHull: Geometry,
                concaveHull: Geometry, nearestBorderDistanceKm: Double?) {
        self.id = id
        self.members = members
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.eventTypeCounts = eventTypeCounts
        self.centroid = centroid
        self.convexHull = convexHull
        self.concaveHull = concaveHull
        self.nearestBorderDistanceKm = nearestBorderDistanceKm
    }
}
