import GeoCore
import GeoGEOS
import Testing

@Suite("Geometry values to GEOS and back")
struct ConversionTests {
    static let values: [Geometry] = [
        .point(xy(36.5, 36.25)),
        .multiPoint([xy(1, 2), xy(3, 4), xy(-5.5, 6.125)]),
        .lineString([xy(0, 0), xy(1, 1), xy(2, 0.5)]),
        .multiLineString([[xy(0, 0), xy(1, 0)], [xy(2, 2), xy(3, 3), xy(4, 2)]]),
        .polygon([squareRing(west: 0, south: 0, side: 10), [xy(2, 2), xy(2, 4), xy(4, 4), xy(2, 2)]]),
        .multiPolygon([[squareRing(west: 0, south: 0, side: 1)], [squareRing(west: 5, south: 5, side: 2)]]),
        .lineString([]),
        .polygon([]),
        .multiPolygon([]),
    ]

    @Test("round trip through GEOS keeps every position exactly", arguments: values)
    func roundTrip(value: Geometry) throws {
        let context = GEOSContext()
        let geometry = try GEOSGeometry(value, context: context)
        #expect(try geometry.geometry() == value)
    }

    @Test("round trip through WKB keeps every position exactly", arguments: values)
    func wkbRoundTrip(value: Geometry) throws {
        let context = GEOSContext()
        let bytes = try GEOSGeometry(value, context: context).wkb()
        #expect(try GEOSGeometry(wkb: bytes, context: context).geometry() == value)
    }

    @Test("WKB of a point is the OGC layout: byte order, type 1, x and y little-endian")
    func wkbLayout() throws {
        let context = GEOSContext()
        var expected: [UInt8] = [1, 1, 0, 0, 0]
        for value in [1.5, -2.25] {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { expected.append(contentsOf: $0) }
        }
        #expect(try GEOSGeometry(point: xy(1.5, -2.25), context: context).wkb() == expected)
    }

    @Test("WKT is read, trimmed and rounded")
    func wkt() throws {
        let context = GEOSContext()
        let text = "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 2 2))"
        let polygon = try GEOSGeometry(wkt: text, context: context)
        #expect(try polygon.wkt() == text)
        #expect(try polygon.geometry() == .polygon([squareRing(west: 0, south: 0, side: 10),
                                                    [xy(2, 2), xy(2, 4), xy(4, 4), xy(2, 2)]]))
        let point = try GEOSGeometry(point: xy(1.0 / 3.0, 2.0 / 3.0), context: context)
        #expect(try point.wkt(precision: 3) == "POINT (0.333 0.667)")
        let full = try GEOSGeometry(wkt: try point.wkt(), context: context)
        #expect(try full.geometry() == .point(xy(1.0 / 3.0, 2.0 / 3.0)))
    }

    @Test("a LinearRing reads back as a line; collections and empty points are refused")
    func unrepresentable() throws {
        let context = GEOSContext()
        let ring = try GEOSGeometry(wkt: "LINEARRING (0 0, 1 0, 1 1, 0 0)", context: context)
        #expect(try ring.geometry() == .lineString([xy(0, 0), xy(1, 0), xy(1, 1), xy(0, 0)]))
        let collection = try GEOSGeometry(wkt: "GEOMETRYCOLLECTION (POINT (1 2))", context: context)
        #expect(throws: GEOSError.unrepresentable(typeName: "GeometryCollection")) { try collection.geometry() }
        let emptyPoint = try GEOSGeometry(wkt: "POINT EMPTY", context: context)
        #expect(throws: GEOSError.self) { try emptyPoint.geometry() }
    }

    @Test("parts of a collection are borrowed and keep the collection alive")
    func borrowedParts() throws {
        let context = GEOSContext()
        let part: GEOSGeometry = try {
            let multi = try GEOSGeometry(.multiPoint([xy(1, 2), xy(3, 4)]), context: context)
            #expect(try multi.partCount == 2)
            return try multi.geometry(at: 1)
        }()
        #expect(part.parent != nil)
        #expect(try part.geometry() == .point(xy(3, 4)))
        #expect(try part.clone().geometry() == .point(xy(3, 4)))
    }

    @Test("bad rings and lines are refused before GEOS sees them, naming the part")
    func invalidInput() throws {
        let context = GEOSContext()
        let open: Geometry = .polygon([[xy(0, 0), xy(1, 0), xy(1, 1), xy(0, 1)]])
        #expect(throws: GEOSError.invalidGeometry(
            reason: "exterior ring of polygon is not closed: its last position differs from its first")) {
            try GEOSGeometry(open, context: context)
        }
        let shortHole: Geometry = .multiPolygon([
            [squareRing(west: 0, south: 0, side: 1)],
            [squareRing(west: 5, south: 5, side: 4), [xy(6, 6), xy(7, 7), xy(6, 6)]],
        ])
        let error = #expect(throws: GEOSError.self) { try GEOSGeometry(shortHole, context: context) }
        #expect(error?.description.contains("interior ring 1 of polygon 2 has 3 positions") == true)
        #expect(throws: GEOSError.self) { try GEOSGeometry(.lineString([xy(0, 0)]), context: context) }
    }
}
