// A synchronous driver for checking GeoGEOS under valgrind memcheck.
//
// The Swift Testing bundle cannot be run under valgrind 3.19 here: its async entry point parks
// the main thread in libdispatch (dispatch_main, then sigsuspend in a TSD destructor) and valgrind
// dies with an internal SIGSEGV before any test runs. This driver makes the same kinds of calls
// as Tests/GeoGEOSTests on one thread, with no dispatch, so every GEOS allocation is accounted for.
import GeoCore
import GeoGEOS

func xy(_ x: Double, _ y: Double) -> Coordinate { Coordinate(longitude: x, latitude: y) }

func ring(_ west: Double, _ south: Double, _ side: Double) -> [Coordinate] {
    [xy(west, south), xy(west + side, south), xy(west + side, south + side), xy(west, south + side), xy(west, south)]
}

func exercise(_ context: GEOSContext, round: Int) throws {
    let d = Double(round)
    let polygon = try GEOSGeometry(.polygon([ring(d, 0, 10), ring(d + 2, 2, 1)]), context: context)
    let multi = try GEOSGeometry(.multiPolygon([[ring(0, 0, 1)], [ring(5, 5, 2)]]), context: context)
    let line = try GEOSGeometry(.lineString([xy(0, 0), xy(3, 4), xy(d, 10)]), context: context)
    let points = try GEOSGeometry(.multiPoint((0..<30).map { xy(Double($0 % 6), Double($0 / 6)) }), context: context)

    _ = (try polygon.geometry(), try multi.geometry(), try line.geometry(), try points.geometry())
    _ = try GEOSGeometry(wkt: try polygon.wkt(precision: 3), context: context).area
    _ = try GEOSGeometry(wkb: try multi.wkb(), context: context).length
    _ = (try polygon.typeName, try multi.geometry(at: 1).geometry())
    _ = (try polygon.distance(to: line), try polygon.nearestPoints(with: line), try polygon.bounds)
    _ = (try polygon.envelope(), try polygon.centroid(), try polygon.pointOnSurface())
    _ = (try polygon.isValid, try polygon.validityReason)
    let bowTie = try GEOSGeometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))", context: context)
    _ = (try bowTie.isValid, try bowTie.validityReason, try bowTie.makeValid())
    _ = (try polygon.buffer(width: 1, quadrantSegments: 4), try points.convexHull())
    _ = (try points.concaveHull(ratio: 0.2), try polygon.union(multi), try multi.unaryUnion())
    _ = (try polygon.intersection(multi), try polygon.difference(multi))
    _ = try GEOSGeometry.union(of: [polygon, multi, line], context: context)
    _ = (try polygon.intersects(line), try polygon.contains(line), try line.isWithin(polygon))
    _ = (try polygon.covers(line), try polygon.touches(line), try polygon.isDisjoint(from: line))

    let prepared = try PreparedGeometry(polygon)
    let probes = (0..<50).map { xy(d + Double($0) / 4, Double($0 % 12)) }
    _ = (try prepared.contains(probes), try prepared.containsProperly(probes), try prepared.intersects(probes))
    _ = (try prepared.distances(to: probes), try prepared.contains(line), try prepared.distance(to: line))

    let tree = try STRtree(context: context, nodeCapacity: 4)
    for (i, c) in probes.enumerated() { try tree.insert(c, id: i) }
    try tree.insert(BoundingBox(west: 0, south: 0, east: 1, north: 1), id: 100)
    tree.insert(line, id: 101)
    _ = (try tree.query(BoundingBox(west: 0, south: 0, east: 5, north: 5)), try tree.nearest(to: xy(3, 3)))

    for bad in ["POLYGON ((0 0, 1 0", "NOT WKT"] {
        do { _ = try GEOSGeometry(wkt: bad, context: context) } catch {}
    }
    do { _ = try GEOSGeometry(wkb: [1, 2, 3], context: context) } catch {}
    do { _ = try GEOSGeometry(.polygon([[xy(0, 0), xy(1, 0), xy(1, 1)]]), context: context) } catch {}
    do {
        _ = try GEOSGeometry(.multiPolygon([[ring(0, 0, 1)], [ring(0, 0, 1), [xy(0, 0), xy(1, 1)]]]),
                             context: context)
    } catch {}
    do { _ = try GEOSGeometry(wkt: "GEOMETRYCOLLECTION (POINT (1 2))", context: context).geometry() } catch {}
}

let rounds = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 20 : 20
let shared = GEOSContext()
for round in 0..<rounds {
    try exercise(shared, round: round)
    try exercise(GEOSContext(), round: round)  // a context per round as well, dropped each time
}
print("memcheck driver: \(rounds) rounds done")
