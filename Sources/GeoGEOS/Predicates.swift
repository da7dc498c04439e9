internal import CGEOS

// Binary spatial predicates (DE-9IM), planar. For many tests against the same geometry,
// prepare it first (`PreparedGeometry`), which indexes its edges once.

extension GEOSGeometry {
    /// Whether the two geometries share at least one point.
    ///
    /// The corresponding C function is `GEOSIntersects_r`.
    public func intersects(_ other: GEOSGeometry) throws -> Bool {
        try predicate("GEOSIntersects_r", other, GEOSIntersects_r)
    }

    /// Whether the geometries share no point.
    ///
    /// The corresponding C function is `GEOSDisjoint_r`.
    public func isDisjoint(from other: GEOSGeometry) throws -> Bool {
        try predicate("GEOSDisjoint_r", other, GEOSDisjoint_r)
    }

    /// Whether `other` lies in this geometry with at least one interior point in common.
    /// A point on a polygon's boundary is not contained; use ``covers(_:)`` to count it.
    ///
    /// The corresponding C function is `GEOSContains_r`.
    public func contains(_ other: GEOSGeometry) throws -> Bool {
        try predicate("GEOSContains_r", other, GEOSContains_r)
    }

    /// Whether this geometry lies in `other` (the converse of ``contains(_:)``).
    ///
    /// The corresponding C function is `GEOSWithin_r`.
    public func isWithin(_ other: GEOSGeometry) throws -> Bool {
        try predicate("GEOSWithin_r", other, GEOSWithin_r)
    }

    /// Whether no point of `other` lies outside this geometry (boundary included).
    ///
    /// The corresponding C function is `GEOSCovers_r`.
    public func covers(_ other: GEOSGeometry) throws -> Bool {
        try predicate("GEOSCovers_r", other, GEOSCovers_r)
    }

    /// Whether the geometries touch at their boundaries only.
    ///
    /// The corresponding C function is `GEOSTouches_r`.
    public func touches(_ other: GEOSGeometry) throws -> Bool {
        try predicate("GEOSTouches_r", other, GEOSTouches_r)
    }

    private func predicate(
        _ function: String,
        _ other: GEOSGeometry,
        _ call: (OpaquePointer?, OpaquePointer?, OpaquePointer?) -> CChar
    ) throws -> Bool {
        requireSameContext(other)
        return try context.boolean(function) { call(context.handle, handle, other.handle) }
    }
}
