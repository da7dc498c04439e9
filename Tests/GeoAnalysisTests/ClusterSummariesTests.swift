import Foundation
import GeoCore
import GeoProj
import GeoGEOS
import Testing
@testable import GeoAnalysis

@Suite("Cluster summaries")
struct ClusterSummariesTests {
    @Test("members, dates, counts, centroid, hulls and nearest border distance")
    func summaries() throws {
        // Two squares of 3 × 3 points on a lon/lat grid of 1/512° (exact in binary, so edge
        // midpoints are exactly collinear), 20 km apart, and one lone point.
        func square(_ origin: Coordinate) -> [Coordinate] {
            (0..<9).map { k in
                Coordinate(longitude: origin.longitude + Double(k % 3) / 512,
                           latitude: origin.latitude + Double(k / 3) / 512)
            }
        }
        let a = square(Coordinate(longitude: 37.0, latitude: 36.5))
        let b = square(Coordinate(longitude: 37.25, latitude: 36.5))
        let points = b + a + [Coordinate(longitude: 38, latitude: 36)]
        let days = (0..<points.count).map { 19_000 + $0 }
        let labels = DBSCAN(epsKm: 0.25, minPoints: 3).cluster(points, days: days)
        #expect(labels.clusterCount == 2)
        let dates = days.map { CalendarDate(dayNumber: $0) as CalendarDate? }
        let types = points.indices.map { $0 % 2 == 0 ? "Explosions/Remote violence" : "Battles" as String? }
        let distances = points.indices.map { Double($0) + 0.5 }
        let clusters = try ClusterSummaries().summaries(points: points, labels: labels, dates: dates,
                                                        eventTypes: types, borderDistancesKm: distances)
        #expect(clusters.map(\.id) == [1, 2])
        // Cluster 1 is the one with the earliest day: square b, the first nine points.
        #expect(clusters[0].members == Array(0..<9))
        #expect(clusters[0].firstDate == CalendarDate(dayNumber: 19_000))
        #expect(clusters[0].lastDate == CalendarDate(dayNumber: 19_008))
        #expect(clusters[0].eventTypeCounts == ["Explosions/Remote violence": 5, "Battles": 4])
        #expect(clusters[1].nearestBorderDistanceKm == 9.5)
        // The centre point of the square is its centroid (to centimetres).
        #expect(Geodesic.wgs84.distance(from: clusters[0].centroid, to: b[4]) < 0.05)
        for cluster in clusters {
            guard case .polygon(let rings) = cluster.convexHull else {
                Issue.record("convex hull is \(cluster.convexHull.typeName)"); continue
            }
            // A square's hull has its four corners (closed ring: five vertices).
            #expect(rings[0].count == 5)
            let corners = Set([0, 2, 6, 8].map { (cluster.members.map { points[$0] })[$0] })
            #expect(Set(rings[0]).isSubset(of: corners) && Set(rings[0]) == corners)
            guard case .polygon(let concave) = cluster.concaveHull else {
                Issue.record("concave hull is \(cluster.concaveHull.typeName)"); continue
            }
            // Mapped back to lon/lat, the concave hull's vertices are members (to 1e-9°).
            for v in concave[0] {
                #expect(cluster.members.contains { abs(points[$0].longitude - v.longitude) < 1e-9
                    && abs(points[$0].latitude - v.latitude) < 1e-9 })
            }
        }
    }

    @Test("several workers give the summaries one worker gives", arguments: [2, 3, 8])
    func workersAgree(workers: Int) throws {
        // Blobs of different sizes (so workers finish at different times) from a fixed
        // linear congruential sequence; synthetic points, not places.
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var points: [Coordinate] = []
        for blob in 0..<12 {
            let centre = Coordinate(longitude: 36 + Double(blob) * 0.2, latitude: 36 + Double(blob % 3) * 0.2)
            for _ in 0..<(20 + blob * blob * 8) {
                points.append(Coordinate(longitude: centre.longitude + 0.02 * next(),
                                         latitude: centre.latitude + 0.02 * next()))
            }
        }
        let labels = DBSCAN(epsKm: 0.5, minPoints: 4).cluster(points)
        #expect(labels.clusterCount >= 12)
        let types = points.indices.map { $0 % 3 == 0 ? "Battles" : "Riots" as String? }
        let one = try ClusterSummaries().summaries(points: points, labels: labels, eventTypes: types)
        let many = try ClusterSummaries().summaries(points: points, labels: labels, eventTypes: types,
                                                    workers: workers)
        #expect(many == one)
    }

    @Test("the convex hull of the hull candidates is GEOS's hull of every point",
          arguments: ["disc", "square grid", "diamond grid", "line", "spread"])
    func hullCandidates(shape: String) throws {
        // Synthetic point sets from a fixed linear congruential sequence: a disc, grids whose
        // edges hold many collinear points and tied extremes, a line, and points a hundred
        // degrees apart.
        var state: UInt64 = 11
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let points: [Coordinate] = (0..<4_000).map { k in
            switch shape {
            case "disc":
                let r = 0.05 * next().squareRoot(), a = 2 * Double.pi * next()
                return Coordinate(longitude: 37 + r * cos(a), latitude: 36 + r * sin(a))
            case "square grid":
                return Coordinate(longitude: 37 + Double(k % 64) / 512, latitude: 36 + Double(k / 64) / 512)
            case "diamond grid":
                let u = Double(k % 64) / 512, v = Double(k / 64) / 512
                return Coordinate(longitude: 37 + u - v, latitude: 36 + u + v)
            case "line":
                return Coordinate(longitude: 37 + Double(k) / 4_096, latitude: 36 + Double(k) / 8_192)
            default:
                return Coordinate(longitude: -50 + 100 * next(), latitude: -40 + 80 * next())
            }
        }
        let candidates = ClusterSummaries.hullCandidates(points)
        let context = GEOSContext()
        let full = try GEOSGeometry(.multiPoint(points), context: context).convexHull().geometry()
        #expect(try ClusterSummaries().convexHull(points) == full)
        #expect(try GEOSGeometry(.multiPoint(candidates), context: context).convexHull().geometry() == full)
        // Every point but those on the hull's outline is left out of a filled shape.
        if shape != "line" { #expect(candidates.count < points.count / 4) }
    }

    @Test("GEOS gives a line string's vertices the concave hull it gives the same points as a multipoint",
          arguments: [2, 3, 50, 3_000])
    func concaveHullOfLineStringVertices(count: Int) throws {
        // The summaries hand GEOS a cluster's points as one line string; GEOS must take the
        // hull's sites from the coordinates alone. Blobs with a hole-like gap, and a line
        // (every point collinear: no triangles, the convex hull instead).
        var state: UInt64 = 5
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let blob = (0..<count).map { k -> Coordinate in
            let a = 2 * Double.pi * next(), r = k % 3 == 0 ? 0.01 * next() : 0.02 + 0.01 * next()
            return Coordinate(longitude: r * cos(a), latitude: r * sin(a))
        }
        let line = (0..<count).map { Coordinate(longitude: Double($0) / 1_000, latitude: Double($0) / 2_000) }
        let context = GEOSContext()
        for points in [blob, line] {
            let asPoints = try GEOSGeometry(.multiPoint(points), context: context).concaveHull(ratio: 0.3).geometry()
            let asLine = try GEOSGeometry(.lineString(points), context: context).concaveHull(ratio: 0.3).geometry()
            #expect(asLine == asPoints)
        }
    }
}
