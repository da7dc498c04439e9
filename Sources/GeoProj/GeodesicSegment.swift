internal import CPROJ
import GeoCore

/// A geodesic between two points, set up once so that points along it are cheap.
///
/// Holds a `geod_geodesicline` by value; it is read-only after set-up, so segments are
/// `Sendable` values that can be shared between workers.
public struct GeodesicSegment: @unchecked Sendable {
    /// Length in metres.
    public let length: Double
    /// Azimuth at the start, in degrees clockwise from north.
    public let azimuth1: Double
    /// The first point.
    public let start: Coordinate
    /// The second point, `length` metres from `start`.
    public let end: Coordinate
    var line: geod_geodesicline

    init(geodesic: Geodesic, from a: Coordinate, to b: Coordinate) {
        line = geod_geodesicline()
        geod_inverseline(&line, geodesic.state, a.latitude, a.longitude, b.latitude, b.longitude,
                         UInt32(GEOD_LATITUDE.rawValue | GEOD_LONGITUDE.rawValue | GEOD_AZIMUTH.rawValue
                                | GEOD_DISTANCE_IN.rawValue))
        length = line.s13
        azimuth1 = line.azi1
        start = a
        end = b
    }

    /// The point `distance` metres from the start (may lie beyond either end) and the
    /// forward azimuth there in degrees.
    ///
    /// The corresponding C function is `geod_position`.
    public func position(at distance: Double) -> (coordinate: Coordinate, azimuth: Double) {
        var lat = 0.0, lon = 0.0, azi = 0.0
        withUnsafePointer(to: line) { geod_position($0, distance, &lat, &lon, &azi) }
        return (Coordinate(longitude: lon, latitude: lat), azi)
    }
}
