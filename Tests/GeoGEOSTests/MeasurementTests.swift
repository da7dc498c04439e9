import Foundation
import GeoCore
import GeoGEOS
import Testing

@Suite("Planar measures")
struct MeasurementTests {
    let context = GEOSContext()

    @Test("distance between points is the hypotenuse: (0,0) to (3,4) is 5")
    func pointDistance() throws {
        let a = try GEOSGeometry(point: xy(0, 0), context: context)
        let b = try GEOSGeometry(point: xy(3, 4), context: context)
        #expect(abs(try a.distance(to: b) - 5) < 1e-12)
        #expect(abs(try b.distance(to: a) - 5) < 1e-12)
    }

    @Test("point to line: the perpendicular foot when it falls on the segment, else the end")
    func pointToLine() throws {
        let line = try GEOSGeometry(.lineString([xy(0, 0), xy(2, 2)]), context: context)
        let beside = try GEOSGeometry(point: xy(2, 0), context: context)
        #expect(abs(try line.distance(to: beside) - 2.0.squareRoot()) < 1e-12)
        let beside2 = try #require(try line.nearestPoints(with: beside))
        #expect(abs(beside2.onSelf.longitude - 1) < 1e-12 && abs(beside2.onSelf.latitude - 1) < 1e-12)
        #expect(beside2.onOther == xy(2, 0))

        let beyond = try GEOSGeometry(point: xy(5, 6), context: context)
        #expect(abs(try line.distance(to: beyond) - 5) < 1e-12)
        #expect(try line.nearestPoints(with: beyond)?.onSelf == xy(2, 2))
    }

    @Test("line to line: parallel segments 3 apart")
    func lineToLine() throws {
        let a = try GEOSGeometry(.lineString([xy(0, 0), xy(10, 0)]), context: context)
        let b = try GEOSGeometry(.lineString([xy(4, 3), xy(6, 3)]), context: context)
        #expect(abs(try a.distance(to: b) - 3) < 1e-12)
        let crossing = try GEOSGeometry(.lineString([xy(5, -1), xy(5, 1)]), context: context)
        #expect(try a.distance(to: crossing) == 0)
    }

    @Test("nearest points with an empty geometry is nil")
    func nearestWithEmpty() throws {
        let empty = try GEOSGeometry(.lineString([]), context: context)
        let point = try GEOSGeometry(point: xy(1, 1), context: context)
        #expect(try point.nearestPoints(with: empty) == nil)
    }

    @Test("area, length and bounds of a 2 x 2 square with a unit hole")
    func areaLengthBounds() throws {
        let polygon = try GEOSGeometry(.polygon([
            squareRing(west: 0, south: 0, side: 2), squareRing(west: 0.5, south: 0.5, side: 1),
        ]), context: context)
        #expect(abs(try polygon.area - 3) < 1e-12)
        #expect(abs(try polygon.length - 12) < 1e-12)
        #expect(try polygon.bounds == BoundingBox(west: 0, south: 0, east: 2, north: 2))

        let line = try GEOSGeometry(.lineString([xy(0, 0), xy(3, 4), xy(3, 10)]), context: context)
        #expect(abs(try line.length - 11) < 1e-12)
        #expect(try line.area == 0)
        #expect(try line.bounds == BoundingBox(west: 0, south: 0, east: 3, north: 10))
        #expect(try GEOSGeometry(.polygon([]), context: context).bounds == nil)
        #expect(try line.envelope().geometry() == .polygon([[xy(0, 0), xy(3, 0), xy(3, 10), xy(0, 10), xy(0, 0)]]))
    }

    @Test("centroid of a square is its middle; point on surface of an L lies inside it")
    func centroidAndPointOnSurface() throws {
        #expect(try square(west: 0, south: 0, side: 2, in: context).centroid() == xy(1, 1))
        // An L of three unit cells: its centroid (5/6, 5/6) is inside, but test the guarantee.
        let lShape = try GEOSGeometry(.polygon([[xy(0, 0), xy(2, 0), xy(2, 1), xy(1, 1), xy(1, 2), xy(0, 2),
                                                  xy(0, 0)]]), context: context)
        let centroid = try #require(try lShape.centroid())
        #expect(abs(centroid.longitude - 5.0 / 6.0) < 1e-12 && abs(centroid.latitude - 5.0 / 6.0) < 1e-12)
        let onSurface = try #require(try lShape.pointOnSurface())
        #expect(try lShape.covers(GEOSGeometry(point: onSurface, context: context)))
        #expect(try GEOSGeometry(.multiPoint([]), context: context).centroid() == nil)
    }

    @Test("a bow-tie is invalid with GEOS's reason, and make-valid keeps its two triangles")
    func validity() throws {
        let bowTie = try GEOSGeometry(.polygon([[xy(0, 0), xy(2, 2), xy(2, 0), xy(0, 2), xy(0, 0)]]),
                                      context: context)
        #expect(try !bowTie.isValid)
        #expect(try bowTie.validityReason.hasPrefix("Self-intersection"))
        #expect(context.lastNotice?.isEmpty == false)
        let repaired = try bowTie.makeValid()
        #expect(try repaired.isValid)
        #expect(abs(try repaired.area - 2) < 1e-12)

        let square = try square(west: 0, south: 0, side: 1, in: context)
        #expect(try square.isValid)
        #expect(try square.validityReason == "Valid Geometry")
    }
}
