import GeoCore

/// KML geometry elements: `lon,lat` tuples with six decimals, separated by spaces.
enum KMLGeometry {
    static func append<Sink: ByteSink & ~Copyable>(_ geometry: Geometry, to out: inout Sink) {
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

    private static func appendMulti<T, Sink: ByteSink & ~Copyable>(_ parts: [T], to out: inout Sink,
                                                                   _ body: (T, inout Sink) -> Void) {
        out.append(literal: "<MultiGeometry>")
        for part in parts { body(part, &out) }
        out.append(literal: "</MultiGeometry>")
    }

    private static func appendLine<Sink: ByteSink & ~Copyable>(_ cs: [Coordinate], to out: inout Sink) {
        // tessellate: long border segments follow the ground instead of cutting under it.
        out.append(literal: "<LineString><tessellate>1</tessellate><coordinates>")
        appendTuples(cs, to: &out)
        out.append(literal: "</coordinates></LineString>")
    }

    private static func appendPolygon<Sink: ByteSink & ~Copyable>(_ rings: [[Coordinate]], to out: inout Sink) {
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

    private static func appendTuples<Sink: ByteSink & ~Copyable>(_ cs: [Coordinate], to out: inout Sink) {
        for (i, c) in cs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: " ")) }
            appendTuple(c, to: &out)
        }
    }

    @inline(__always)
    private static func appendTuple<Sink: ByteSink & ~Copyable>(_ c: Coordinate, to out: inout Sink) {
        NumberText.appendFixed6(c.longitude, to: &out)
        out.append(UInt8(ascii: ","))
        NumberText.appendFixed6(c.latitude, to: &out)
    }
}
