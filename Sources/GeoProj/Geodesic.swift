internal import CPROJ
import GeoCore

/// The result of an inverse geodesic problem.
public struct GeodesicInverse: Sendable, Hashable {
    /// Distance along the geodesic, in metres.
    public var distance: Double
    /// Azimuth at the first point, in degrees clockwise from north.
    public var azimuth1: Double
    /// Forward azimuth at the second point, in degrees clockwise from north.
    public var azimuth2: Double
}

/// The result of a direct geodesic problem.
public struct GeodesicDirect: Sendable, Hashable {
    /// The end point.
    public var destination: Coordinate
    /// Forward azimuth at the end point, in degrees clockwise from north.
    public var azimuth2: Double
}

/// Geodesics on an ellipsoid (Karney's algorithms, through PROJ's `geod_*` API).
///
/// The `geod_geodesic` state is written once by `geod_init` and only read afterwards, and
/// GeographicLib's C functions take it as `const`; so one instance may be shared by every
/// thread, which is why the class is `@unchecked Sendable`.
public final class Geodesic: @unchecked Sendable {
    /// The WGS84 ellipsoid (a = 6378137 m, f = 1/298.257223563).
    public static let wgs84 = Geodesic(equatorialRadius: 6_378_137, flattening: 1 / 298.257_223_563)

    /// Equatorial radius in metres.
    public let equatorialRadius: Double
    /// Flattening.
    public let flattening: Double

    let state: UnsafeMutablePointer<geod_geodesic>

    /// An ellipsoid with `equatorialRadius` in metres and `flattening`.
    ///
    /// The corresponding C function is `geod_init`.
    public init(equatorialRadius: Double, flattening: Double) {
        precondition(equatorialRadius > 0 && flattening < 1, "invalid ellipsoid")
        self.equatorialRadius = equatorialRadius
        self.flattening = flattening
        state = .allocate(capacity: 1)
        geod_init(state, equatorialRadius, flattening)
    }

    deinit { state.deallocate() }

    /// Distance and azimuths between two points.
    ///
    /// The corresponding C function is `geod_inverse` (which takes latitude first; this
    /// wrapper is the one place that knows it).
    @inlinable
    public func inverse(from a: Coordinate, to b: Coordinate) -> GeodesicInverse {
        _inverse(a.latitude, a.longitude, b.latitude, b.longitude)
    }

    /// Distance between two points in metres.
    ///
    /// The corresponding C function is `geod_inverse`.
    @inlinable
    public func distance(from a: Coordinate, to b: Coordinate) -> Double {
        _distance(a.latitude, a.longitude, b.latitude, b.longitude)
    }

    @usableFromInline
    func _inverse(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> GeodesicInverse {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        geod_inverse(state, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2)
        return GeodesicInverse(distance: s12, azimuth1: azi1, azimuth2: azi2)
    }

    @usableFromInline
    func _distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        var s12 = 0.0
        geod_inverse(state, lat1, lon1, lat2, lon2, &s12, nil, nil)
        return s12
    }

    /// The point `distance` metres from `start` along azimuth `azimuth` (degrees from north).
    ///
    /// The corresponding C function is `geod_direct`.
    public func direct(from start: Coordinate, azimuth: Double, distance: Double) -> GeodesicDirect {
        var lat2 = 0.0, lon2 = 0.0, azi2 = 0.0
        geod_direct(state, start.latitude, start.longitude, azimuth, distance, &lat2, &lon2, &azi2)
        return GeodesicDirect(destination: Coordinate(longitude: lon2, latitude: lat2), azimuth2: azi2)
    }

    /// Distances in metres from each `from[i]` to `to[i]`; the arrays must have equal length.
    ///
    /// The corresponding C function is `geod_inverse`, called in one loop without
    /// per-point allocation.
    public func distances(from: [Coordinate], to: [Coordinate]) -> [Double] {
        precondition(from.count == to.count, "distances(from:to:) needs arrays of equal length")
        return [Double](unsafeUninitializedCapacity: from.count) { buffer, count in
            for i in 0..<from.count {
                var s12 = 0.0
                geod_inverse(state, from[i].latitude, from[i].longitude, to[i].latitude, to[i].longitude,
                             &s12, nil, nil)
                buffer[i] = s12
            }
            count = from.count
        }
    }

    /// Inverse solutions from each `from[i]` to `to[i]`; the arrays must have equal length.
    ///
    /// The corresponding C function is `geod_inverse`.
    public func inverse(from: [Coordinate], to: [Coordinate]) -> [GeodesicInverse] {
        precondition(from.count == to.count, "inverse(from:to:) needs arrays of equal length")
        return (0..<from.count).map { inverse(from: from[$0], to: to[$0]) }
    }

    /// The geodesic segment from `a` to `b`, for positions along it.
    ///
    /// The corresponding C function is `geod_inverseline`.
    public func segment(from a: Coordinate, to b: Coordinate) -> GeodesicSegment {
        GeodesicSegment(geodesic: self, from: a, to: b)
    }
}

/// A geodesic between two points, set up once so that points along it are cheap.
///
/// Holds a `geod_geodesicline` by value; it is read-only after set-up, so segments are
/// `Sendable` values that can be shared between workers.
public struct GeodesicSegment: @unchecked Sendable {
    /// Length in metres.
    public let length: Double
    /// Azimuth at the start, degrees from north.
    public let azimuth1: Double
    public let start: Coordinate
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
