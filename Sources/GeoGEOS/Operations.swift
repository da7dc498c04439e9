internal import CGEOS

// Constructive operations: buffers, hulls, overlays. Planar, in coordinate units; each
// returns a new geometry owned by the caller, in the same context.

extension GEOSGeometry {
    /// The area within `width` of this geometry (negative `width` shrinks polygons).
    ///
    /// Curves are approximated with `quadrantSegments` segments per quarter circle, so the
    /// buffer of a point is a regular polygon of n = `4 * quadrantSegments` sides inscribed in
    /// the circle, of area `(n / 2) r^2 sin(2 pi / n)`: slightly less than `pi r^2` (0.64% less
    /// for the default 8).
    ///
    /// - Parameters:
    ///   - width: the distance, in coordinate units.
    ///   - quadrantSegments: segments per quarter circle; at least 1.
    ///
    /// The corresponding C function is `GEOSBuffer_r`.
    public func buffer(width: Double, quadrantSegments: Int = 8) throws -> GEOSGeometry {
        precondition(quadrantSegments >= 1, "a buffer needs at least one segment per quadrant")
        return try derived("GEOSBuffer_r") {
            GEOSBuffer_r(context.handle, handle, width, Int32(quadrantSegments))
        }
    }

    /// The smallest convex polygon containing the geometry (a line or point when degenerate).
    ///
    /// The corresponding C function is `GEOSConvexHull_r`.
    public func convexHull() throws -> GEOSGeometry {
        try derived("GEOSConvexHull_r") { GEOSConvexHull_r(context.handle, handle) }
    }

    /// A concave hull of the geometry's vertices (GEOS 3.11+).
    ///
    /// - Parameters:
    ///   - ratio: from 0 (the most concave hull GEOS computes) to 1 (the convex hull); it is the
    ///     longest edge allowed, as a fraction of the difference between the longest and shortest
    ///     edge lengths of the Delaunay triangulation.
    ///   - allowHoles: whether the hull may contain holes.
    ///
    /// The corresponding C function is `GEOSConcaveHull_r`.
    public func concaveHull(ratio: Double, allowHoles: Bool = false) throws -> GEOSGeometry {
        precondition((0...1).contains(ratio), "concave hull ratio must be within 0...1")
        return try derived("GEOSConcaveHull_r") {
            GEOSConcaveHull_r(context.handle, handle, ratio, allowHoles ? 1 : 0)
        }
    }

    /// The union of this geometry and `other`.
    ///
    /// The corresponding C function is `GEOSUnion_r`.
    public func union(_ other: GEOSGeometry) throws -> GEOSGeometry {
        requireSameContext(other)
        return try derived("GEOSUnion_r") { GEOSUnion_r(context.handle, handle, other.handle) }
    }

    /// The union of the parts of this geometry (dissolving overlaps within a collection).
    ///
    /// The corresponding C function is `GEOSUnaryUnion_r`.
    public func unaryUnion() throws -> GEOSGeometry {
        try derived("GEOSUnaryUnion_r") { GEOSUnaryUnion_r(context.handle, handle) }
    }

    /// The union of many geometries in one cascaded operation, much faster than folding
    /// ``union(_:)`` over them. An empty list gives an empty GeometryCollection.
    ///
    /// The corresponding C functions are `GEOSGeom_createCollection_r` (over clones, since a
    /// collection takes ownership of its parts) and `GEOSUnaryUnion_r`.
    public static func union(of geometries: [GEOSGeometry], context: GEOSContext) throws -> GEOSGeometry {
        let h = context.handle
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(geometries.count)
        for geometry in geometries {
            precondition(geometry.context === context, "GEOS geometries from different contexts cannot be combined")
            do {
                parts.append(try context.pointer("GEOSGeom_clone_r") { GEOSGeom_clone_r(h, geometry.handle) })
            } catch {
                for part in parts { GEOSGeom_destroy_r(h, part) }
                throw error
            }
        }
        let collection = try context.pointer("GEOSGeom_createCollection_r") {
            parts.withUnsafeMutableBufferPointer { buffer in
                GEOSGeom_createCollection_r(
                    h, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), buffer.baseAddress, UInt32(buffer.count))
            }
        }
        return try GEOSGeometry(owning: collection, context: context).unaryUnion()
    }

    /// The points shared by this geometry and `other`.
    ///
    /// The corresponding C function is `GEOSIntersection_r`.
    public func intersection(_ other: GEOSGeometry) throws -> GEOSGeometry {
        requireSameContext(other)
        return try derived("GEOSIntersection_r") { GEOSIntersection_r(context.handle, handle, other.handle) }
    }

    /// The points of this geometry not in `other`.
    ///
    /// The corresponding C function is `GEOSDifference_r`.
    public func difference(_ other: GEOSGeometry) throws -> GEOSGeometry {
        requireSameContext(other)
        return try derived("GEOSDifference_r") { GEOSDifference_r(context.handle, handle, other.handle) }
    }
}
