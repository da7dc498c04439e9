internal import CGEOS

/// A geometry held by GEOS, with exactly one Swift owner.
///
/// The object owns its `GEOSGeometry*` and frees it with `GEOSGeom_destroy_r` in `deinit`,
/// unless it is a part borrowed from a collection (``geometry(at:)``): a borrowed part keeps
/// its `parent` alive and frees nothing, because GEOS frees parts with their collection.
///
/// Every geometry holds the ``GEOSContext`` it was made with, strongly, so the context
/// outlives it. Like its context it is not `Sendable`: GEOS geometries must not be used by two
/// threads at once, even for reading (GEOS issue 825). Operations between two geometries
/// require both to come from the same context; mixing contexts is a programming error and traps.
///
/// All measures and operations are planar, in the units of the coordinates themselves (degrees
/// for longitude/latitude, metres for a projected CRS). Whoever needs metres on the ellipsoid
/// projects first or uses geodesics; GeoGEOS never guesses.
public final class GEOSGeometry {
    /// The context this geometry was made with; every call on it goes through this context.
    public let context: GEOSContext
    /// The GEOS handle; owned unless `parent` is set.
    let handle: OpaquePointer
    /// The collection this geometry is a part of, kept alive while the part is in use.
    public let parent: GEOSGeometry?

    /// Takes ownership of a handle GEOS returned to this context.
    init(owning handle: OpaquePointer, context: GEOSContext) {
        self.context = context
        self.handle = handle
        self.parent = nil
    }

    /// Wraps a part of `parent` without taking ownership.
    init(borrowing handle: OpaquePointer, parent: GEOSGeometry) {
        self.context = parent.context
        self.handle = handle
        self.parent = parent
    }

    deinit {
        if parent == nil {
            GEOSGeom_destroy_r(context.handle, handle)
        }
    }

    /// GEOS's name of the geometry type: "Point", "LineString", "LinearRing", "Polygon",
    /// "MultiPoint", "MultiLineString", "MultiPolygon" or "GeometryCollection".
    ///
    /// The corresponding C function is `GEOSGeomType_r`.
    public var typeName: String {
        get throws {
            try context.string("GEOSGeomType_r") { GEOSGeomType_r(context.handle, handle) }
        }
    }

    /// GEOS's numeric type identifier (`GEOSGeomTypes`).
    var typeID: Int {
        get throws {
            try context.count("GEOSGeomTypeId_r") { GEOSGeomTypeId_r(context.handle, handle) }
        }
    }

    /// Whether the geometry has no positions.
    ///
    /// The corresponding C function is `GEOSisEmpty_r`.
    public var isEmpty: Bool {
        get throws {
            try context.boolean("GEOSisEmpty_r") { GEOSisEmpty_r(context.handle, handle) }
        }
    }

    /// The number of parts of a collection, or 1 for a single geometry.
    ///
    /// The corresponding C function is `GEOSGetNumGeometries_r`.
    public var partCount: Int {
        get throws {
            try context.count("GEOSGetNumGeometries_r") { GEOSGetNumGeometries_r(context.handle, handle) }
        }
    }

    /// The part at `index` of a collection (or the geometry itself at index 0 for a single
    /// geometry), borrowed: it keeps this geometry alive and is freed with it.
    ///
    /// `index` must be in `0..<partCount`; anything else traps.
    ///
    /// The corresponding C function is `GEOSGetGeometryN_r`.
    public func geometry(at index: Int) throws -> GEOSGeometry {
        let count = try partCount
        precondition(index >= 0 && index < count, "part index \(index) out of 0..<\(count)")
        let part = try context.pointer("GEOSGetGeometryN_r") {
            GEOSGetGeometryN_r(context.handle, handle, Int32(index))
        }
        return GEOSGeometry(borrowing: part, parent: self)
    }

    /// An independent deep copy, owned by the new object.
    ///
    /// The corresponding C function is `GEOSGeom_clone_r`.
    public func clone() throws -> GEOSGeometry {
        let copy = try context.pointer("GEOSGeom_clone_r") { GEOSGeom_clone_r(context.handle, handle) }
        return GEOSGeometry(owning: copy, context: context)
    }

    /// Whether the two geometries are topologically equal (same point set, any vertex order).
    ///
    /// The corresponding C function is `GEOSEquals_r`.
    public func isTopologicallyEqual(to other: GEOSGeometry) throws -> Bool {
        requireSameContext(other)
        return try context.boolean("GEOSEquals_r") { GEOSEquals_r(context.handle, handle, other.handle) }
    }

    /// Traps when `other` belongs to another context: a geometry must stay with the worker
    /// whose context made it.
    func requireSameContext(_ other: GEOSGeometry, file: StaticString = #file, line: UInt = #line) {
        precondition(other.context === context,
                     "GEOS geometries from different contexts cannot be combined", file: file, line: line)
    }
}

@available(*, unavailable, message: "GEOS geometries must not be shared between threads (GEOS issue 825)")
extension GEOSGeometry: Sendable {}
