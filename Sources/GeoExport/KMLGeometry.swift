import GeoCore

/// KML geometry elements: `lon,lat` tuples with six decimals, separated by spaces.
enum KMLGeometry {
    static func append(_ geometry: Geometry, to out: inout [UInt8]) {
        switch geometry {
        case .point(let c):
            out.append(contentsOf: "<Point><coordinates>".utf8)
            appendTuple(c, to: &out)
            out.append(contentsOf: "</coordinates></Point>".utf8)
        case .lineString(let cs):
            appendLine(cs, to: &out)
        case .polygon(let rings):
            appendPolygon(rings, to: &out)
        case .multiPoint(let cs):
            appendMulti(cs, to: &out) { append(.point($0), to: &$1) }
        case .multiLineString(let lines):
            appendMulti(lines, to: &out) { appendLine($0, to: &$1) }
        case .multiPolygon(let polygons):
            appendMulti(polygons, to: &out) { appendPolygon($0, to: &$1) }
        }
    }

    private static func appendMulti<T>(_ parts: [T], to out: inout [UInt8], _ body: (T, inout [UInt8]) -> Void) {
        out.append(contentsOf: "<MultiGeometry>".utf8)
        for part in parts { body(part, &out) }
        out.append(contentsOf: "</MultiGeometry>".utf8)
    }

    private static func appendLine(_ cs: [Coordinate], to out: inout [UInt8]) {
        // tessellate: long border segments follow the ground instead of cutting under it.
        out.append(contentsOf: "<LineString><tessellate>1</tessellate><coordinates>".utf8)
        appendTuples(cs, to: &out)
        out.append(contentsOf: "</coordinates></LineString>".utf8)
    }

    private static func appendPolygon(_ rings: [[Coordinate]], to out: inout [UInt8]) {
        out.append(contentsOf: "<Polygon><tessellate>1</tessellate>".utf8)
        for (i, ring) in rings.enumerated() {
            out.append(contentsOf: (i == 0 ? "<outerBoundaryIs>" : "<innerBoundaryIs>").utf8)
            out.append(contentsOf: "<LinearRing><coordinates>".utf8)
            appendTuples(ring, to: &out)
            out.append(contentsOf: "</coordinates></LinearRing>".utf8)
            out.append(contentsOf: (i == 0 ? "</outerBoundaryIs>" : "</innerBoundaryIs>").utf8)
        }
        out.append(contentsOf: "</Polygon>".utf8)
    }

    private static func appendTuples(_ cs: [Coordinate], to out: inout [UInt8]) {
        for (i, c) in cs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: " ")) }
            appendTuple(c, to: &out)
        }
    }

    @inline(__always)
    private static func appendTuple(_ c: Coordinate, to out: inout [UInt8]) {
        NumberText.appendFixed6(c.longitude, to: &out)
        out.append(UInt8(ascii: ","))
        NumberText.appendFixed6(c.latitude, to: &out)
    }
}
