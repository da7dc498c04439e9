import GeoCore
import GeoGEOS
import Testing

@Suite("STRtree against brute force")
struct STRtreeTests {
    static func overlaps(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north
    }

    static func randomBox(_ generator: inout SeededGenerator, span: Double) -> BoundingBox {
        let corner = generator.coordinate(in: 0...100)
        let width = Double.random(in: 0...span, using: &generator)
        let height = Double.random(in: 0...span, using: &generator)
        return BoundingBox(west: corner.longitude, south: corner.latitude,
                           east: corner.longitude + width, north: corner.latitude + height)
    }

    @Test("envelope queries return exactly the boxes that overlap", arguments: [4, 10, 25])
    func envelopeQuery(nodeCapacity: Int) throws {
        let context = GEOSContext()
        let tree = try STRtree(context: context, nodeCapacity: nodeCapacity)
        var generator = SeededGenerator(seed: UInt64(nodeCapacity))
        let boxes = (0..<1_000).map { _ in Self.randomBox(&generator, span: 5) }
        for (i, box) in boxes.enumerated() {
            try tree.insert(box, id: 1_000 + i)
        }
        #expect(tree.count == 1_000)
        var total = 0
        for _ in 0..<100 {
            let window = Self.randomBox(&generator, span: 15)
            let expected = boxes.indices.filter { Self.overlaps(boxes[$0], window) }.map { 1_000 + $0 }
            let found = try tree.query(window)
            #expect(found.sorted() == expected)
            total += found.count
        }
        #expect(total > 0)
    }

    @Test("nearest position equals the brute-force nearest")
    func nearestPoint() throws {
        let context = GEOSContext()
        let tree = try STRtree(context: context)
        var generator = SeededGenerator(seed: 42)
        let positions = (0..<2_000).map { _ in generator.coordinate(in: 0...100) }
        for (i, c) in positions.enumerated() {
            try tree.insert(c, id: i)
        }
        func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
            ((a.longitude - b.longitude) * (a.longitude - b.longitude)
                + (a.latitude - b.latitude) * (a.latitude - b.latitude)).squareRoot()
        }
        for _ in 0..<200 {
            let query = generator.coordinate(in: -10...110)
            let best = positions.indices.min { distance(positions[$0], query) < distance(positions[$1], query) }!
            let found = try #require(try tree.nearest(to: query))
            #expect(abs(distance(positions[found], query) - distance(positions[best], query)) < 1e-12)
        }
    }

    @Test("nearest line by exact distance, not by envelope")
    func nearestLine() throws {
        let context = GEOSContext()
        let tree = try STRtree(context: context, nodeCapacity: 4)
        var generator = SeededGenerator(seed: 7)
        var lines: [GEOSGeometry] = []
        for i in 0..<300 {
            let start = generator.coordinate(in: 0...100)
            let end = xy(start.longitude + Double.random(in: -20...20, using: &generator),
                         start.latitude + Double.random(in: -20...20, using: &generator))
            let line = try GEOSGeometry(.lineString([start, end]), context: context)
            lines.append(line)
            tree.insert(line, id: i)
        }
        for _ in 0..<100 {
            let query = try GEOSGeometry(point: generator.coordinate(in: 0...100), context: context)
            let distances = try lines.map { try $0.distance(to: query) }
            let found = try #require(try tree.nearest(to: query))
            #expect(abs(distances[found] - distances.min()!) < 1e-12)
        }
        // The envelope query of a point finds the lines whose boxes hold it.
        let probe = xy(50, 50)
        let expected = try lines.indices.filter { try lines[$0].bounds!.contains(probe) }
        #expect(try tree.query(BoundingBox(west: 50, south: 50, east: 50, north: 50)).sorted() == expected)
    }

    @Test("an empty tree finds nothing")
    func emptyTree() throws {
        let context = GEOSContext()
        let tree = try STRtree(context: context)
        #expect(try tree.nearest(to: xy(1, 1)) == nil)
        #expect(try tree.query(BoundingBox(west: 0, south: 0, east: 10, north: 10)).isEmpty)
    }
}
