public import GeoCore
internal import CGEOS

// Planar measures. Every number here is in the units of the coordinates: degrees (or
// square degrees) for longitude/latitude input, metres for projected input. A degree of
// longitude is not a distance; callers that need metres project first or use geodesics.

extension GEOSGeometry {
    /// The smallest planar distance between the two geometries, in coordinate units; 0 when
    /// they intersect. GEOS returns 0 when either geometry is empty.
    ///
    /// The corresponding C function is `GEOSDistance_r`.
    public func distance(to other: GEOSGeometry) throws -> Double {
        requireSameContext(other)
        return try context.double("GEOSDistance_r") { GEOSDistance_r(context.handle, handle, other.handle, $0) }
    }

    /// The point of this geometry and the point of `other` that are closest to each other
    /// (planar), or nil when either geometry is empty.
    ///
    /// The corresponding C function is `GEOSNearestPoints_r`.
    public func nearestPoints(with other: GEOSGeometry) throws -> (onSelf: Coordinate, onOther: Coordinate)? {
        requireSameContext(other)
        // GEOS returns NULL without an error for empty input: tell that case apart first.
        if try isEmpty || other.isEmpty { return nil }
        let seq = try context.pointer("GEOSNearestPoints_r") {
            GEOSNearestPoints_r(context.handle, handle, other.handle)
        }
        defer { GEOSCoordSeq_destroy_r(context.handle, seq) }
        var xy = [Double](repeating: 0, count: 4)
        try context.status("GEOSCoordSeq_copyToBuffer_r") {
            GEOSCoordSeq_copyToBuffer_r(context.handle, seq, &xy, 0, 0)
        }
        return (Coordinate(longitude: xy[0], latitude: xy[1]), Coordinate(longitude: xy[2], latitude: xy[3]))
    }

    /// The planar area in square coordinate units; 0 for points and lines.
    ///
    /// The corresponding C function is `GEOSArea_r`.
    public var area: Double {
        get throws {
            try context.double("GEOSArea_r") { GEOSArea_r(context.handle, handle, $0) }
        }
    }

    /// The planar length of lines, or the perimeter of polygons, in coordinate units.
    ///
    /// The corresponding C function is `GEOSLength_r`.
    public var length: Double {
        get throws {
            try context.double("GEOSLength_r") { GEOSLength_r(context.handle, handle, $0) }
        }
    }

    /// The bounding box (x as west/east, y as south/north), or nil for an empty geometry.
    ///
    /// The corresponding C function is `GEOSGeom_getExtent_r`.
    public var bounds: BoundingBox? {
        get throws {
            if try isEmpty { return nil }
            var box = BoundingBox(west: 0, south: 0, east: 0, north: 0)
            try context.status("GEOSGeom_getExtent_r") {
                GEOSGeom_getExtent_r(context.handle, handle, &box.west, &box.south, &box.east, &box.north)
            }
            return box
        }
    }

    /// The envelope as a geometry: a Polygon, or a Point when the bounding box is degenerate.
    ///
    /// The corresponding C function is `GEOSEnvelope_r`.
    public func envelope() throws -> GEOSGeometry {
        try derived("GEOSEnvelope_r") { GEOSEnvelope_r(context.handle, handle) }
    }

    /// The planar centroid, or nil for an empty geometry. It may lie outside a concave polygon;
    /// use ``pointOnSurface()`` for a point guaranteed inside.
    ///
    /// The corresponding C function is `GEOSGetCentroid_r`.
    public func centroid() throws -> Coordinate? {
        try derived("GEOSGetCentroid_r") { GEOSGetCentroid_r(context.handle, handle) }.pointCoordinate()
    }

    /// A point guaranteed to lie on the geometry (in a polygon's interior), or nil when empty.
    ///
    /// The corresponding C function is `GEOSPointOnSurface_r`.
    public func pointOnSurface() throws -> Coordinate? {
        try derived("GEOSPointOnSurface_r") { GEOSPointOnSurface_r(context.handle, handle) }.pointCoordinate()
    }

    /// Whether the geometry is valid in the OGC sense (no self-intersection, closed rings,
    /// holes inside shells). GEOS's reason for an invalid result is in ``validityReason``.
    ///
    /// The corresponding C function is `GEOSisValid_r`.
    public var isValid: Bool {
        get throws {
            try context.boolean("GEOSisValid_r") { GEOSisValid_r(context.handle, handle) }
        }
    }

    /// GEOS's account of validity: "Valid Geometry", or a reason with a location such as
    /// "Self-intersection[1 1]".
    ///
    /// The corresponding C function is `GEOSisValidReason_r`.
    public var validityReason: String {
        get throws {
            try context.string("GEOSisValidReason_r") { GEOSisValidReason_r(context.handle, handle) }
        }
    }

    /// A valid geometry covering the same points, repairing self-intersections and the like.
    ///
    /// The corresponding C function is `GEOSMakeValid_r`.
    public func makeValid() throws -> GEOSGeometry {
        try derived("GEOSMakeValid_r") { GEOSMakeValid_r(context.handle, handle) }
    }

    /// The position of a Point, or nil for an empty Point.
    ///
    /// The corresponding C functions are `GEOSGeomGetX_r` and `GEOSGeomGetY_r`.
    public func pointCoordinate() throws -> Coordinate? {
        let isPoint = try typeID == Int(GEOS_POINT.rawValue)
        precondition(isPoint, "pointCoordinate() needs a Point")
        if try isEmpty { return nil }
        let x = try context.double("GEOSGeomGetX_r") { GEOSGeomGetX_r(context.handle, handle, $0) }
        let y = try context.double("GEOSGeomGetY_r") { GEOSGeomGetY_r(context.handle, handle, $0) }
        return Coordinate(longitude: x, latitude: y)
    }

    /// Wraps a new geometry GEOS returned for this one, in the same context.
    func derived(_ function: String, _ call: () -> OpaquePointer?) throws -> GEOSGeometry {
        GEOSGeometry(owning: try context.pointer(function, call), context: context)
    }
}
