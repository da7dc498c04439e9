import GeoCore

/// KML geometry elements: `lon,lat` tuples with six decimals, separated by spaces.
enum KMLGeometry {
    static func append(_ geometry: Geometry, to out: inout [UInt8]) {
        switch geometry {
        case .point(let c):
            out.append(literal: "<Point><coordinates>")
            appendTuple(c, to: &out)
            out.append(literal: "</coordinates></Point>")
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
        out.append(literal: "<MultiGeometry>")
        for part in parts { body(part, &out) }
        out.append(literal: "</MultiGeometry>")
    }

    private static func appendLine(_ cs: [Coordinate], to out: inout [UInt8]) {
        // tessellate: long border segments follow the ground instead of cutting under it.
        out.append(literal: "<LineString><tessellate>1</tessellate><coordinates>")
        appendTuples(cs, to: &out)
        out.append(literal: "</coordinates></LineString>")
    }

    private static func appendPolygon(_ rings: [[Coordinate]], to out: inout [UInt8]) {
        out.append(literal: "<Polygon><tessellate>1</tessellate>")
        for (i, ring) in rings.enumerated() {
            out.append(contentsOf: (i == 0 ? "<outerBoundaryIs>" : "<innerBoundaryIs>").utf8)
            out.append(literal: "<LinearRing><coordinates>")
            appendTuples(ring, to: &out)
            out.append(literal: "</coordinates></LinearRing>")
            out.append(contentsOf: (i == 0 ? "</outerBoundaryIs>" : "</innerBoundaryIs>").utf8)
        }
        out.append(literal: "</Polygon>")
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
