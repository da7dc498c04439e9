import Foundation
import GeoCore

/// GeoPackage binary geometries (OGC 12-128r18, clause 2.1.3): the `GP` header with
/// SRS id and an [minx, maxx, miny, maxy] envelope, then little-endian ISO WKB.
enum GeoPackageGeometry {
    /// The blob for `geometry` in SRS `srsID`.
    static func blob(_ geometry: Geometry, srsID: Int32 = 4326) -> [UInt8] {
        var out: [UInt8] = []
        appendBlob(geometry, srsID: srsID, to: &out)
        return out
    }

    /// Appends the blob for `geometry` to `out`, so a writer can reuse one buffer; returns
    /// the envelope it wrote (nil for an empty geometry), which the R-tree index wants too.
    @discardableResult
    static func appendBlob<Sink: ByteSink & ~Copyable>(_ geometry: Geometry, srsID: Int32 = 4326,
                                                       to out: inout Sink) -> BoundingBox? {
        // "GP", version 0 (GeoPackage 1.x), byte by byte: an array literal was an allocation
        // per row.
        out.append(0x47)
        out.append(0x50)
        out.append(0)
        let box = geometry.boundingBox
        // Flags: bit 0 little-endian; bits 1-3 envelope kind 1 (xy); bit 4 empty.
        out.append(box == nil ? 0x11 : 0x03)
        appendInt32(srsID, to: &out)
        if let box {
            appendDouble(box.west, to: &out)
            appendDouble(box.east, to: &out)
            appendDouble(box.south, to: &out)
            appendDouble(box.north, to: &out)
        }
        appendWKB(geometry, to: &out)
        return box
    }

    static func appendWKB<Sink: ByteSink & ~Copyable>(_ geometry: Geometry, to out: inout Sink) {
        out.append(1)  // little-endian
        switch geometry {
        case .point(let c):
            appendUInt32(1, to: &out)
            appendDouble(c.longitude, to: &out)
            appendDouble(c.latitude, to: &out)
        case .lineString(let cs):
            appendUInt32(2, to: &out)
            appendPoints(cs, to: &out)
        case .polygon(let rings):
            appendUInt32(3, to: &out)
            appendUInt32(UInt32(rings.count), to: &out)
            for ring in rings { appendPoints(ring, to: &out) }
        case .multiPoint(let cs):
            appendUInt32(4, to: &out)
            appendUInt32(UInt32(cs.count), to: &out)
            for c in cs { appendWKB(.point(c), to: &out) }
        case .multiLineString(let lines):
            appendUInt32(5, to: &out)
            appendUInt32(UInt32(lines.count), to: &out)
            for line in lines { appendWKB(.lineString(line), to: &out) }
        case .multiPolygon(let polygons):
            appendUInt32(6, to: &out)
            appendUInt32(UInt32(polygons.count), to: &out)
            for polygon in polygons { appendWKB(.polygon(polygon), to: &out) }
        }
    }

    private static func appendPoints<Sink: ByteSink & ~Copyable>(_ cs: [Coordinate], to out: inout Sink) {
        appendUInt32(UInt32(cs.count), to: &out)
        for c in cs {
            appendDouble(c.longitude, to: &out)
            appendDouble(c.latitude, to: &out)
        }
    }

    @inline(__always)
    private static func appendUInt32<Sink: ByteSink & ~Copyable>(_ v: UInt32, to out: inout Sink) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    @inline(__always)
    private static func appendInt32<Sink: ByteSink & ~Copyable>(_ v: Int32, to out: inout Sink) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    @inline(__always)
    private static func appendDouble<Sink: ByteSink & ~Copyable>(_ v: Double, to out: inout Sink) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    // MARK: Reading, for tests and checks

    /// Parses a GeoPackage blob back into a geometry and its SRS id; nil when malformed.
    static func parse(_ bytes: [UInt8]) -> (geometry: Geometry, srsID: Int32)? {
        guard bytes.count >= 8, bytes[0] == 0x47, bytes[1] == 0x50 else { return nil }
        let flags = bytes[3]
        guard flags & 1 == 1 else { return nil }
        let srs = Int32(bitPattern: UInt32(bytes[4]) | UInt32(bytes[5]) << 8 | UInt32(bytes[6]) << 16
                        | UInt32(bytes[7]) << 24)
        let envelopeDoubles = [0, 4, 6, 6, 8][Int((flags >> 1) & 7)]
        var reader = WKBReader(bytes: bytes, offset: 8 + envelopeDoubles * 8)
        guard let geometry = reader.geometry() else { return nil }
        return (geometry, srs)
    }
}

/// A little-endian WKB reader for the geometries `GeoPackageGeometry` writes.
struct WKBReader {
    let bytes: [UInt8]
    var offset: Int

    mutating func geometry() -> Geometry? {
        guard offset < bytes.count, bytes[offset] == 1 else { return nil }
        offset += 1
        guard let type = uint32() else { return nil }
        switch type {
        case 1: return coordinate().map { .point($0) }
        case 2: return points().map { .lineString($0) }
        case 3: return rings().map { .polygon($0) }
        case 4, 5, 6:
            guard let n = uint32() else { return nil }
            var parts: [Geometry] = []
            for _ in 0..<n {
                guard let part = geometry() else { return nil }
                parts.append(part)
            }
            switch type {
            case 4: return .multiPoint(parts.compactMap { if case .point(let c) = $0 { c } else { nil } })
            case 5: return .multiLineString(parts.compactMap { if case .lineString(let c) = $0 { c } else { nil } })
            default: return .multiPolygon(parts.compactMap { if case .polygon(let r) = $0 { r } else { nil } })
            }
        default: return nil
        }
    }

    private mutating func rings() -> [[Coordinate]]? {
        guard let n = uint32() else { return nil }
        var result: [[Coordinate]] = []
        for _ in 0..<n {
            guard let ring = points() else { return nil }
            result.append(ring)
        }
        return result
    }

    private mutating func points() -> [Coordinate]? {
        guard let n = uint32() else { return nil }
        var result: [Coordinate] = []
        for _ in 0..<n {
            guard let c = coordinate() else { return nil }
            result.append(c)
        }
        return result
    }

    private mutating func coordinate() -> Coordinate? {
        guard let x = double(), let y = double() else { return nil }
        return Coordinate(longitude: x, latitude: y)
    }

    private mutating func uint32() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * i) }
        offset += 4
        return v
    }

    private mutating func double() -> Double? {
        guard offset + 8 <= bytes.count else { return nil }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * i) }
        offset += 8
        return Double(bitPattern: v)
    }
}
