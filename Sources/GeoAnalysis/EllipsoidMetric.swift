import Foundation

/// Bounds on WGS84 geodesic distance from the local (equirectangular) metric of the ellipsoid.
///
/// A path on the ellipsoid has length ∫ √(M² dφ² + (N cos φ)² dλ²), with M the meridional
/// radius and N the prime-vertical radius of curvature (both in metres, φ and λ in
/// radians). If a path stays within a latitude band, replacing M and N cos φ by their
/// smallest values over the band gives a flat metric in which the path is no longer, and in
/// a flat metric the straight line is shortest: so √((m Δφ)² + (p Δλ)²) with the band
/// minima m, p is a *lower* bound of the geodesic distance. The straight lon/lat line
/// between the two points stays in the band of their latitudes and is a path, so the same
/// expression with the band maxima is an *upper* bound. Geodesics bulge poleward of their
/// end points, so the lower bound widens the band by ``bulge(distance:latitude:)``.
///
/// These bounds let the index discard candidates and accept sure neighbours with a few
/// multiplications; only the undecided cases reach `geod_inverse`, which keeps every result
/// exact.
struct EllipsoidMetric: Sendable {
    /// WGS84 semi-major axis in metres.
    static let a = 6_378_137.0
    /// WGS84 first eccentricity squared.
    static let e2: Double = {
        let f = 1 / 298.257_223_563
        return f * (2 - f)
    }()
    static let degree = Double.pi / 180

    /// Meridional radius of curvature M(φ) in metres; φ in radians. Grows with |φ|.
    @inline(__always)
    static func meridional(_ phi: Double) -> Double {
        let s = sin(phi)
        let w = 1 - e2 * s * s
        return a * (1 - e2) / (w * w.squareRoot())
    }

    /// Radius of the parallel N(φ) cos φ in metres; φ in radians. Shrinks with |φ|.
    @inline(__always)
    static func parallel(_ phi: Double) -> Double {
        let s = sin(phi)
        return a * cos(phi) / (1 - e2 * s * s).squareRoot()
    }

    /// Smallest M and N cos φ over the latitudes [lo, hi] (radians), clamped to ±π/2.
    @inline(__always)
    static func minima(lo: Double, hi: Double) -> (m: Double, p: Double) {
        let lo = max(lo, -Double.pi / 2), hi = min(hi, Double.pi / 2)
        let absLow = (lo <= 0 && hi >= 0) ? 0 : min(abs(lo), abs(hi))
        let absHigh = max(abs(lo), abs(hi))
        return (meridional(absLow), max(0, parallel(absHigh)))
    }

    /// Largest M and N cos φ over the latitudes [lo, hi] (radians).
    @inline(__always)
    static func maxima(lo: Double, hi: Double) -> (m: Double, p: Double) {
        let lo = max(lo, -Double.pi / 2), hi = min(hi, Double.pi / 2)
        let absLow = (lo <= 0 && hi >= 0) ? 0 : min(abs(lo), abs(hi))
        let absHigh = max(abs(lo), abs(hi))
        return (meridional(absHigh), parallel(absLow))
    }

    /// A safe bound, in radians, on how far poleward of its end points a geodesic of length
    /// `distance` metres can reach near latitude `latitude` (radians).
    ///
    /// On a sphere the excess of the vertex is about (s/2)² tan φ / (2R²); twice that, plus a
    /// floor, covers the ellipsoid and short distances near the poles.
    @inline(__always)
    static func bulge(distance: Double, latitude: Double) -> Double {
        let s = distance / 6_335_000  // smallest radius of curvature of WGS84, in radians of arc
        let t = min(abs(tan(min(abs(latitude), 1.5))), 1e3)
        return s * s * (t + 1) / 2 + s * 1e-6 + 1e-12
    }

    /// Longitude difference in radians, wrapped to [-π, π].
    @inline(__always)
    static func deltaLongitude(_ lon1: Double, _ lon2: Double) -> Double {
        var d = (lon2 - lon1) * degree
        if d > .pi { d -= 2 * .pi } else if d < -.pi { d += 2 * .pi }
        return d
    }

    /// The difference of two azimuths in degrees (each in [-180, 180], as PROJ gives them),
    /// wrapped to [-180, 180]: the value of `remainder(x, 360)` for such differences, up to
    /// the sign of a zero, without the library call (a few percent of a proximity search).
    /// The subtraction is exact, as x and 360 are within a factor of two of each other.
    @inline(__always)
    static func azimuthDifference(_ x: Double) -> Double {
        x > 180 ? x - 360 : x < -180 ? x + 360 : x
    }
}
