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

    /// The geodesic segment from `a` to `b`, for positions along it.
    ///
    /// The corresponding C function is `geod_inverseline`.
    public func segment(from a: Coordinate, to b: Coordinate) -> GeodesicSegment {
        GeodesicSegment(geodesic: self, from: a, to: b)
    }
}
