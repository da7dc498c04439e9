public import GeoCore
internal import CGEOS

/// A geometry indexed once for many predicate tests against it, such as "which of these
/// 100,000 incidents fall inside this governorate".
///
/// Owns its `GEOSPreparedGeometry*` (freed with `GEOSPreparedGeom_destroy_r`) and holds the
/// source geometry strongly, because GEOS's prepared geometry points into it. Not `Sendable`:
/// a prepared geometry caches indexes lazily, so even read-only use from two threads is a data
/// race (GEOS issue 825). Build one per worker.
///
/// The batch forms over `[Coordinate]` build one GEOS point per position and destroy it
/// straight after the test: GEOS 3.11 has no `GEOSPreparedContainsXY_r` (it arrived in 3.12),
/// and the only way to reuse one point would be writing through the const coordinate
/// sequence GEOS hands out, which the API forbids. Measured on this machine against a
/// 1,000-vertex polygon: 63 ns to create and destroy a point, 219 ns per prepared test with it.
///
/// All tests are planar, in coordinate units.
public final class PreparedGeometry {
    /// The geometry this was prepared from; kept alive as long as the prepared form.
    public let geometry: GEOSGeometry
    private let handle: OpaquePointer
    private var context: GEOSContext { geometry.context }

    /// Prepares `geometry`.
    ///
    /// The corresponding C function is `GEOSPrepare_r`.
    public init(_ geometry: GEOSGeometry) throws {
        self.geometry = geometry
        self.handle = try geometry.context.pointer("GEOSPrepare_r") {
            GEOSPrepare_r(geometry.context.handle, geometry.handle)
        }
    }

    deinit {
        // Destroyed before `geometry` is released, since it points into that geometry.
        GEOSPreparedGeom_destroy_r(context.handle, handle)
    }

    /// Whether `other` lies inside the prepared geometry (boundary points excluded).
    ///
    /// The corresponding C function is `GEOSPreparedContains_r`.
    public func contains(_ other: GEOSGeometry) throws -> Bool {
        try test("GEOSPreparedContains_r", other, GEOSPreparedContains_r)
    }

    /// Whether `other` lies inside without touching the boundary at all.
    ///
    /// The corresponding C function is `GEOSPreparedContainsProperly_r`.
    public func containsProperly(_ other: GEOSGeometry) throws -> Bool {
        try test("GEOSPreparedContainsProperly_r", other, GEOSPreparedContainsProperly_r)
    }

    /// Whether no point of `other` lies outside (boundary included).
    ///
    /// The corresponding C function is `GEOSPreparedCovers_r`.
    public func covers(_ other: GEOSGeometry) throws -> Bool {
        try test("GEOSPreparedCovers_r", other, GEOSPreparedCovers_r)
    }

    /// Whether `other` shares at least one point with the prepared geometry.
    ///
    /// The corresponding C function is `GEOSPreparedIntersects_r`.
    public func intersects(_ other: GEOSGeometry) throws -> Bool {
        try test("GEOSPreparedIntersects_r", other, GEOSPreparedIntersects_r)
    }

    /// The planar distance to `other`, in coordinate units.
    ///
    /// The corresponding C function is `GEOSPreparedDistance_r`.
    public func distance(to other: GEOSGeometry) throws -> Double {
        geometry.requireSameContext(other)
        return try context.double("GEOSPreparedDistance_r") {
            GEOSPreparedDistance_r(context.handle, handle, other.handle, $0)
        }
    }

    /// For each position, whether it lies inside (boundary excluded); same order as `points`.
    ///
    /// The corresponding C function is `GEOSPreparedContains_r`, over one temporary point each.
    public func contains(_ points: [Coordinate]) throws -> [Bool] {
        try batch("GEOSPreparedContains_r", points, GEOSPreparedContains_r)
    }

    /// For each position, whether it lies strictly inside; same order as `points`.
    ///
    /// The corresponding C function is `GEOSPreparedContainsProperly_r`.
    public func containsProperly(_ points: [Coordinate]) throws -> [Bool] {
        try batch("GEOSPreparedContainsProperly_r", points, GEOSPreparedContainsProperly_r)
    }

    /// For each position, whether it lies inside or on the boundary; same order as `points`.
    ///
    /// The corresponding C function is `GEOSPreparedIntersects_r`.
    public func intersects(_ points: [Coordinate]) throws -> [Bool] {
        try batch("GEOSPreparedIntersects_r", points, GEOSPreparedIntersects_r)
    }

    /// For each position, the planar distance to the prepared geometry in coordinate units
    /// (0 inside); same order as `points`.
    ///
    /// The corresponding C function is `GEOSPreparedDistance_r`.
    public func distances(to points: [Coordinate]) throws -> [Double] {
        try points.map { c in
            try withTemporaryPoint(c) { point in
                try context.double("GEOSPreparedDistance_r") {
                    GEOSPreparedDistance_r(context.handle, handle, point, $0)
                }
            }
        }
    }

    private typealias PreparedPredicate = (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> CChar

    private func test(_ function: String, _ other: GEOSGeometry, _ call: PreparedPredicate) throws -> Bool {
        geometry.requireSameContext(other)
        return try context.boolean(function) { call(context.handle, handle, other.handle) }
    }

    private func batch(_ function: String, _ points: [Coordinate], _ call: PreparedPredicate) throws -> [Bool] {
        var result = [Bool]()
        result.reserveCapacity(points.count)
        for c in points {
            result.append(try withTemporaryPoint(c) { point in
                try context.boolean(function) { call(context.handle, handle, point) }
            })
        }
        return result
    }

    /// Runs `body` with a GEOS point at `c` that is destroyed when `body` returns or throws.
    private func withTemporaryPoint<T>(_ c: Coordinate, _ body: (OpaquePointer) throws -> T) throws -> T {
        let point = try context.pointer("GEOSGeom_createPointFromXY_r") {
            GEOSGeom_createPointFromXY_r(context.handle, c.longitude, c.latitude)
        }
        defer { GEOSGeom_destroy_r(context.handle, point) }
        return try body(point)
    }
}

@available(*, unavailable, message: "prepared geometries must not be shared between threads (GEOS issue 825)")
extension PreparedGeometry: Sendable {}
