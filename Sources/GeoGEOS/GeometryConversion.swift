public import GeoCore
internal import CGEOS

// Conversion between GeoCore's `Geometry` values and GEOS geometries. Positions cross the
// boundary as flat x, y buffers through GEOSCoordSeq_copyFromBuffer_r / copyToBuffer_r (GEOS
// 3.10+), one C call per ring or line rather than one per vertex. x is longitude, y latitude.

extension GEOSGeometry {
    /// Builds the GEOS counterpart of `geometry` in `context`.
    ///
    /// Lines need zero or at least two positions; polygon rings need zero or at least four
    /// positions, the first equal to the last. Other input throws
    /// ``GEOSError/invalidGeometry(reason:)`` naming the part; it is checked here rather than
    /// left to GEOS so the message says which ring is wrong.
    ///
    /// The corresponding C functions are `GEOSGeom_createPointFromXY_r`,
    /// `GEOSCoordSeq_copyFromBuffer_r`, `GEOSGeom_createLineString_r`,
    /// `GEOSGeom_createLinearRing_r`, `GEOSGeom_createPolygon_r` and `GEOSGeom_createCollection_r`.
    public convenience init(_ geometry: Geometry, context: GEOSContext) throws {
        let builder = GeometryBuilder(context: context)
        let handle: OpaquePointer
        switch geometry {
        case .point(let c):
            handle = try builder.point(c)
        case .multiPoint(let points):
            handle = try builder.collection(GEOS_MULTIPOINT, points.map { c in { try builder.point(c) } })
        case .lineString(let line):
            handle = try builder.lineString(line, name: "line")
        case .multiLineString(let lines):
            handle = try builder.collection(GEOS_MULTILINESTRING, lines.enumerated().map { i, line in
                { try builder.lineString(line, name: "line \(i + 1)") }
            })
        case .polygon(let rings):
            handle = try builder.polygon(rings, name: "polygon")
        case .multiPolygon(let polygons):
            handle = try builder.collection(GEOS_MULTIPOLYGON, polygons.enumerated().map { i, rings in
                { try builder.polygon(rings, name: "polygon \(i + 1)") }
            })
        }
        self.init(owning: handle, context: context)
    }

    /// A GEOS point at `coordinate` (x longitude, y latitude).
    ///
    /// The corresponding C function is `GEOSGeom_createPointFromXY_r`.
    public convenience init(point coordinate: Coordinate, context: GEOSContext) throws {
        let handle = try GeometryBuilder(context: context).point(coordinate)
        self.init(owning: handle, context: context)
    }

    /// The GeoCore value of this geometry.
    ///
    /// A LinearRing becomes a `.lineString`. GeometryCollection and empty Point have no
    /// counterpart and throw ``GEOSError/unrepresentable(typeName:)``; an empty line, polygon or
    /// multi-geometry becomes the matching case with no positions.
    ///
    /// The corresponding C functions are `GEOSGeom_getCoordSeq_r` and `GEOSCoordSeq_copyToBuffer_r`.
    public func geometry() throws -> Geometry {
        let reader = GeometryReader(context: context)
        switch try typeID {
        case Int(GEOS_POINT.rawValue):
            guard try !isEmpty else { throw GEOSError.unrepresentable(typeName: "empty Point") }
            return .point(try reader.coordinates(of: handle)[0])
        case Int(GEOS_LINESTRING.rawValue), Int(GEOS_LINEARRING.rawValue):
            return .lineString(try reader.coordinates(of: handle))
        case Int(GEOS_POLYGON.rawValue):
            return .polygon(try reader.rings(of: handle))
        case Int(GEOS_MULTIPOINT.rawValue):
            return .multiPoint(try reader.parts(of: handle).flatMap { try reader.coordinates(of: $0) })
        case Int(GEOS_MULTILINESTRING.rawValue):
            return .multiLineString(try reader.parts(of: handle).map { try reader.coordinates(of: $0) })
        case Int(GEOS_MULTIPOLYGON.rawValue):
            return .multiPolygon(try reader.parts(of: handle).map { try reader.rings(of: $0) })
        default:
            throw GEOSError.unrepresentable(typeName: try typeName)
        }
    }
}

/// Builds owned GEOS handles from positions, destroying partial results when a later part
/// fails so that nothing leaks on the error path.
private struct GeometryBuilder {
    let context: GEOSContext
    var h: OpaquePointer { context.handle }

    func point(_ c: Coordinate) throws -> OpaquePointer {
        try context.pointer("GEOSGeom_createPointFromXY_r") {
            GEOSGeom_createPointFromXY_r(h, c.longitude, c.latitude)
        }
    }

    func sequence(_ positions: [Coordinate]) throws -> OpaquePointer {
        var flat = [Double]()
        flat.reserveCapacity(positions.count * 2)
        for c in positions {
            flat.append(c.longitude)
            flat.append(c.latitude)
        }
        return try context.pointer("GEOSCoordSeq_copyFromBuffer_r") {
            GEOSCoordSeq_copyFromBuffer_r(h, flat, UInt32(positions.count), 0, 0)
        }
    }

    func lineString(_ positions: [Coordinate], name: String) throws -> OpaquePointer {
        if positions.isEmpty {
            return try context.pointer("GEOSGeom_createEmptyLineString_r") { GEOSGeom_createEmptyLineString_r(h) }
        }
        guard positions.count >= 2 else {
            throw GEOSError.invalidGeometry(reason: "\(name) has 1 position; a line needs at least 2")
        }
        let seq = try sequence(positions)
        // The line takes ownership of the sequence, also when it fails.
        return try context.pointer("GEOSGeom_createLineString_r") { GEOSGeom_createLineString_r(h, seq) }
    }

    func ring(_ positions: [Coordinate], name: String) throws -> OpaquePointer {
        guard positions.count >= 4 else {
            throw GEOSError.invalidGeometry(
                reason: "\(name) has \(positions.count) positions; "
                    + "a ring needs at least 4, the last equal to the first")
        }
        guard positions.first == positions.last else {
            throw GEOSError.invalidGeometry(reason: "\(name) is not closed: its last position differs from its first")
        }
        let seq = try sequence(positions)
        return try context.pointer("GEOSGeom_createLinearRing_r") { GEOSGeom_createLinearRing_r(h, seq) }
    }

    func polygon(_ rings: [[Coordinate]], name: String) throws -> OpaquePointer {
        guard let shellPositions = rings.first, !shellPositions.isEmpty else {
            return try context.pointer("GEOSGeom_createEmptyPolygon_r") { GEOSGeom_createEmptyPolygon_r(h) }
        }
        let shell = try ring(shellPositions, name: "exterior ring of \(name)")
        var holes: [OpaquePointer?] = []
        holes.reserveCapacity(rings.count - 1)
        for (i, positions) in rings.dropFirst().enumerated() {
            do {
                holes.append(try ring(positions, name: "interior ring \(i + 1) of \(name)"))
            } catch {
                GEOSGeom_destroy_r(h, shell)
                for hole in holes { GEOSGeom_destroy_r(h, hole) }
                throw error
            }
        }
        // GEOS takes ownership of shell and holes, and frees them itself if it fails.
        return try context.pointer("GEOSGeom_createPolygon_r") {
            holes.withUnsafeMutableBufferPointer { buffer in
                GEOSGeom_createPolygon_r(h, shell, buffer.baseAddress, UInt32(buffer.count))
            }
        }
    }

    func collection(_ type: GEOSGeomTypes, _ makeParts: [() throws -> OpaquePointer]) throws -> OpaquePointer {
        let typeCode = Int32(type.rawValue)
        if makeParts.isEmpty {
            return try context.pointer("GEOSGeom_createEmptyCollection_r") {
                GEOSGeom_createEmptyCollection_r(h, typeCode)
            }
        }
        var parts: [OpaquePointer?] = []
        parts.reserveCapacity(makeParts.count)
        for make in makeParts {
            do {
                parts.append(try make())
            } catch {
                for part in parts { GEOSGeom_destroy_r(h, part) }
                throw error
            }
        }
        // GEOS takes ownership of the parts (not of the array), and frees them if it fails.
        return try context.pointer("GEOSGeom_createCollection_r") {
            parts.withUnsafeMutableBufferPointer { buffer in
                GEOSGeom_createCollection_r(h, typeCode, buffer.baseAddress, UInt32(buffer.count))
            }
        }
    }
}

/// Reads positions out of borrowed GEOS handles.
private struct GeometryReader {
    let context: GEOSContext
    var h: OpaquePointer { context.handle }

    func coordinates(of geometry: OpaquePointer) throws -> [Coordinate] {
        let seq = try context.pointer("GEOSGeom_getCoordSeq_r") { GEOSGeom_getCoordSeq_r(h, geometry) }
        var size: UInt32 = 0
        try context.status("GEOSCoordSeq_getSize_r") { GEOSCoordSeq_getSize_r(h, seq, &size) }
        if size == 0 { return [] }
        var flat = [Double](repeating: 0, count: Int(size) * 2)
        try context.status("GEOSCoordSeq_copyToBuffer_r") {
            GEOSCoordSeq_copyToBuffer_r(h, seq, &flat, 0, 0)
        }
        return (0..<Int(size)).map { Coordinate(longitude: flat[2 * $0], latitude: flat[2 * $0 + 1]) }
    }

    func rings(of polygon: OpaquePointer) throws -> [[Coordinate]] {
        let isEmpty = try context.boolean("GEOSisEmpty_r") { GEOSisEmpty_r(h, polygon) }
        if isEmpty { return [] }
        let shell = try context.pointer("GEOSGetExteriorRing_r") { GEOSGetExteriorRing_r(h, polygon) }
        let holeCount = try context.count("GEOSGetNumInteriorRings_r") { GEOSGetNumInteriorRings_r(h, polygon) }
        var rings = [try coordinates(of: shell)]
        for i in 0..<holeCount {
            let hole = try context.pointer("GEOSGetInteriorRingN_r") { GEOSGetInteriorRingN_r(h, polygon, Int32(i)) }
            rings.append(try coordinates(of: hole))
        }
        return rings
    }

    func parts(of collection: OpaquePointer) throws -> [OpaquePointer] {
        let count = try context.count("GEOSGetNumGeometries_r") { GEOSGetNumGeometries_r(h, collection) }
        return try (0..<count).map { i in
            try context.pointer("GEOSGetGeometryN_r") { GEOSGetGeometryN_r(h, collection, Int32(i)) }
        }
    }
}
