import Foundation
import GeoCore
import GeoGEOS
import Testing

@Suite("Buffers, hulls and unions")
struct OperationTests {
    let context = GEOSContext()

    /// Area of the regular n-gon inscribed in a circle of radius r: (n / 2) r^2 sin(2 pi / n).
    static func inscribedPolygonArea(sides n: Int, radius r: Double) -> Double {
        Double(n) / 2 * r * r * sin(2 * Double.pi / Double(n))
    }

    @Test("a point's buffer is the inscribed 4q-gon, close to pi r^2", arguments: [2, 8, 32])
    func pointBuffer(quadrantSegments: Int) throws {
        let radius = 2.5
        let disc = try GEOSGeometry(point: xy(10, 20), context: context)
            .buffer(width: radius, quadrantSegments: quadrantSegments)
        let area = try disc.area
        let expected = Self.inscribedPolygonArea(sides: 4 * quadrantSegments, radius: radius)
        #expect(abs(area - expected) < 1e-9)
        // The polygon is inside the circle and its shortfall shrinks as quadrants get more segments:
        // 1 - sin(2 pi / n) / (2 pi / n) < (2 pi / n)^2 / 6.
        let circle = Double.pi * radius * radius
        let step = 2 * Double.pi / Double(4 * quadrantSegments)
        #expect(area < circle)
        #expect((circle - area) / circle < step * step / 6)
    }

    @Test("a unit square buffered by 1: square, four 1 x 1 sides, and a 32-gon of corners")
    func squareBuffer() throws {
        let grown = try square(west: 0, south: 0, side: 1, in: context).buffer(width: 1, quadrantSegments: 8)
        let expected = 1 + 4 + Self.inscribedPolygonArea(sides: 32, radius: 1)
        #expect(abs(try grown.area - expected) < 1e-9)
        let shrunk = try square(west: 0, south: 0, side: 4, in: context).buffer(width: -1)
        #expect(abs(try shrunk.area - 4) < 1e-9)
    }

    @Test("convex hull of a square's corners with points inside is the square")
    func convexHull() throws {
        let points = try GEOSGeometry(.multiPoint([xy(0, 0), xy(2, 2), xy(4, 0), xy(1, 3), xy(4, 4), xy(0, 4),
                                                   xy(3, 1)]), context: context)
        let hull = try points.convexHull()
        #expect(abs(try hull.area - 16) < 1e-12)
        #expect(try hull.isTopologicallyEqual(to: square(west: 0, south: 0, side: 4, in: context)))
    }

    /// A C of grid points open to the east: the 11 x 11 grid over [0, 10]^2 without the cells of
    /// x > 2 and 2 < y < 8. Its outline encloses 100 - 8 * 6 = 52 square units.
    static func cShapePoints() -> [Coordinate] {
        var points: [Coordinate] = []
        for x in 0...10 {
            for y in 0...10 where x <= 2 || y <= 2 || y >= 8 {
                points.append(xy(Double(x), Double(y)))
            }
        }
        return points
    }

    @Test("concave hull of a C follows the C; with ratio 1 it is the convex hull")
    func concaveHull() throws {
        let points = try GEOSGeometry(.multiPoint(Self.cShapePoints()), context: context)
        let convex = try points.convexHull()
        #expect(abs(try convex.area - 100) < 1e-9)

        let concave = try points.concaveHull(ratio: 0.1)
        // The outline of the C is 52; the hull may also keep a half cell at each of the two inner
        // corners, depending on which diagonal the Delaunay triangulation draws in those cells.
        let concaveArea = try concave.area
        #expect(concaveArea >= 52 - 1e-9 && concaveArea <= 53 + 1e-9)
        #expect(try concave.covers(points))
        #expect(try convex.covers(concave))
        #expect(try !concave.contains(GEOSGeometry(point: xy(6, 5), context: context)))

        #expect(abs(try points.concaveHull(ratio: 1).area - 100) < 1e-9)
    }

    @Test("union of two overlapping 2 x 2 squares is 6; of many, by cascade, the same as folding")
    func union() throws {
        let a = try square(west: 0, south: 0, side: 2, in: context)
        let b = try square(west: 1, south: 0, side: 2, in: context)
        let ab = try a.union(b)
        #expect(abs(try ab.area - 6) < 1e-12)
        #expect(abs(try a.intersection(b).area - 2) < 1e-12)
        #expect(abs(try a.difference(b).area - 2) < 1e-12)

        // Ten unit squares, each shifted by 0.5: the union is 5.5 x 1.
        let squares = try (0..<10).map { try square(west: Double($0) * 0.5, south: 0, side: 1, in: context) }
        let cascaded = try GEOSGeometry.union(of: squares, context: context)
        #expect(abs(try cascaded.area - 5.5) < 1e-12)
        let folded = try squares.dropFirst().reduce(squares[0]) { try $0.union($1) }
        #expect(try cascaded.isTopologicallyEqual(to: folded))

        let multi = try GEOSGeometry(.multiPolygon([[squareRing(west: 0, south: 0, side: 2)],
                                                    [squareRing(west: 1, south: 1, side: 2)]]), context: context)
        #expect(abs(try multi.unaryUnion().area - 7) < 1e-12)
        #expect(try GEOSGeometry.union(of: [], context: context).isEmpty)
    }
}
