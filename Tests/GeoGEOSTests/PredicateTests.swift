import Foundation
import GeoCore
import GeoGEOS
import Testing

@Suite("Predicates, plain and prepared")
struct PredicateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let other: Geometry
        let intersects, contains, within, covers, touches: Bool
        var testDescription: String { name }
    }

    /// The 2 x 2 square [0, 2]^2 against geometries whose relation follows from the drawing.
    static let square: Geometry = .polygon([squareRing(west: 0, south: 0, side: 2)])
    static let cases: [Case] = [
        Case(name: "point inside", other: .point(xy(1, 1)),
             intersects: true, contains: true, within: false, covers: true, touches: false),
        Case(name: "point on the edge", other: .point(xy(2, 1)),
             intersects: true, contains: false, within: false, covers: true, touches: true),
        Case(name: "point outside", other: .point(xy(3, 3)),
             intersects: false, contains: false, within: false, covers: false, touches: false),
        Case(name: "square sharing an edge", other: .polygon([squareRing(west: 2, south: 0, side: 2)]),
             intersects: true, contains: false, within: false, covers: false, touches: true),
        Case(name: "inner square", other: .polygon([squareRing(west: 0.5, south: 0.5, side: 1)]),
             intersects: true, contains: true, within: false, covers: true, touches: false),
        Case(name: "enclosing square", other: .polygon([squareRing(west: -1, south: -1, side: 4)]),
             intersects: true, contains: false, within: true, covers: false, touches: false),
        Case(name: "line crossing", other: .lineString([xy(-1, 1), xy(3, 1)]),
             intersects: true, contains: false, within: false, covers: false, touches: false),
    ]

    @Test("truth table against the 2 x 2 square", arguments: cases)
    func truthTable(_ c: Case) throws {
        let context = GEOSContext()
        let square = try GEOSGeometry(Self.square, context: context)
        let other = try GEOSGeometry(c.other, context: context)
        #expect(try square.intersects(other) == c.intersects)
        #expect(try square.isDisjoint(from: other) == !c.intersects)
        #expect(try square.contains(other) == c.contains)
        #expect(try other.isWithin(square) == c.contains)
        #expect(try square.isWithin(other) == c.within)
        #expect(try square.covers(other) == c.covers)
        #expect(try square.touches(other) == c.touches)

        let prepared = try PreparedGeometry(square)
        #expect(try prepared.intersects(other) == c.intersects)
        #expect(try prepared.contains(other) == c.contains)
        #expect(try prepared.covers(other) == c.covers)
    }

    @Test("prepared batch tests equal unprepared tests on random points around a star")
    func preparedBatchMatchesPlain() throws {
        let context = GEOSContext()
        // A ten-pointed star: concave, so edge cases near the inner vertices are exercised.
        var ring: [Coordinate] = (0..<20).map { i in
            let angle = Double(i) * .pi / 10
            let radius = i.isMultiple(of: 2) ? 10.0 : 4.0
            return xy(radius * cos(angle), radius * sin(angle))
        }
        ring.append(ring[0])
        let star = try GEOSGeometry(.polygon([ring]), context: context)
        let prepared = try PreparedGeometry(star)

        var generator = SeededGenerator(seed: 825)
        var points = (0..<2_000).map { _ in generator.coordinate(in: -11...11) }
        points += [ring[0], ring[1], xy(0, 0)]  // two vertices and the middle
        let contains = try prepared.contains(points)
        let properly = try prepared.containsProperly(points)
        let intersects = try prepared.intersects(points)
        let distances = try prepared.distances(to: points)
        #expect(contains.count == points.count)
        var insideCount = 0
        for (i, c) in points.enumerated() {
            let point = try GEOSGeometry(point: c, context: context)
            #expect(contains[i] == (try star.contains(point)), "contains at \(c)")
            #expect(properly[i] == (try prepared.containsProperly(point)), "containsProperly at \(c)")
            #expect(intersects[i] == (try star.intersects(point)), "intersects at \(c)")
            #expect(abs(distances[i] - (try star.distance(to: point))) < 1e-12, "distance at \(c)")
            if contains[i] { insideCount += 1 }
        }
        // Both outcomes occur, so the comparison above means something.
        #expect(insideCount > 100 && insideCount < points.count - 100)
        #expect(contains[points.count - 3] == false && intersects[points.count - 3] == true)
        #expect(contains[points.count - 1] == true)
    }
}
