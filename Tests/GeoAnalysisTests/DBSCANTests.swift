import Foundation
import GeoCore
import GeoProj
import Testing
@testable import GeoAnalysis

/// All-pairs DBSCAN with exact geodesic distances: the definition, written plainly.
func referenceDBSCAN(_ points: [Coordinate], days: [Int]?, epsKm: Double, minPoints: Int,
                     windowDays: Int?) -> ClusterLabels {
    let n = points.count
    var neighbours = [[Int]](repeating: [], count: n)
    for i in 0..<n {
        for j in 0..<n {
            if let days, let w = windowDays, abs(days[i] - days[j]) > w { continue }
            if i == j || Geodesic.wgs84.distance(from: points[i], to: points[j]) <= epsKm * 1000 {
                neighbours[i].append(j)
            }
        }
    }
    let core = neighbours.map { $0.count >= minPoints }
    var component = [Int](repeating: -1, count: n)
    var components = 0
    for start in 0..<n where core[start] && component[start] < 0 {
        var stack = [start]
        component[start] = components
        while let i = stack.popLast() {
            for j in neighbours[i] where core[j] && component[j] < 0 {
                component[j] = components
                stack.append(j)
            }
        }
        components += 1
    }
    for i in 0..<n where !core[i] {
        let cores = neighbours[i].filter { core[$0] }
        let nearest = cores.min {
            let a = Geodesic.wgs84.distance(from: points[i], to: points[$0])
            let b = Geodesic.wgs84.distance(from: points[i], to: points[$1])
            return (a, $0) < (b, $1)
        }
        if let nearest { component[i] = component[nearest] }
    }
    var first = [Int: (Int, Double, Double, Int)]()
    for i in 0..<n where component[i] >= 0 {
        let key = (days?[i] ?? 0, points[i].longitude, points[i].latitude, i)
        if let old = first[component[i]], old < key { continue }
        first[component[i]] = key
    }
    let order = first.sorted { $0.value < $1.value }.map(\.key)
    let id = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 + 1) })
    return ClusterLabels(labels: component.map { $0 >= 0 ? id[$0] : nil }, isCore: core, clusterCount: order.count)
}

@Suite("DBSCAN with geodesic distance")
struct DBSCANTests {
    /// Blobs of points around random centres near `latitude`, with some uniform noise.
    static func blobs(count: Int, latitude: Double, spreadKm: Double, seed: UInt64) -> [Coordinate] {
        var rng = SeededGenerator(seed: seed)
        let centres = (0..<6).map { _ in
            Coordinate(longitude: Double.random(in: 36...37, using: &rng),
                       latitude: latitude + Double.random(in: -0.3...0.3, using: &rng))
        }
        return (0..<count).map { k in
            if k % 10 == 0 {
                return Coordinate(longitude: Double.random(in: 35.9...37.1, using: &rng),
                                  latitude: latitude + Double.random(in: -0.4...0.4, using: &rng))
            }
            let c = centres[Int.random(in: 0..<centres.count, using: &rng)]
            let r = spreadKm * 1000 * Double.random(in: 0...1, using: &rng).squareRoot()
            return Geodesic.wgs84.direct(from: c, azimuth: Double.random(in: 0..<360, using: &rng), distance: r)
                .destination
        }
    }

    static func check(_ points: [Coordinate], days: [Int]? = nil, eps: Double, minPoints: Int, window: Int? = nil) {
        let ours = DBSCAN(epsKm: eps, minPoints: minPoints, windowDays: window).cluster(points, days: days)
        let reference = referenceDBSCAN(points, days: days, epsKm: eps, minPoints: minPoints, windowDays: window)
        #expect(ours.isCore == reference.isCore)
        #expect(ours.clusterCount == reference.clusterCount)
        #expect(ours.labels == reference.labels)
    }

    @Test("random blobs equal the all-pairs reference", arguments: [(36.5, 1.0, 5), (36.5, 2.0, 10), (80.0, 1.0, 4),
                                                                   (89.7, 1.5, 4), (-45.0, 1.0, 5)])
    func blobs(latitude: Double, eps: Double, minPoints: Int) {
        let points = Self.blobs(count: 500, latitude: latitude, spreadKm: 3, seed: UInt64(latitude.magnitude * 10))
        let labels = DBSCAN(epsKm: eps, minPoints: minPoints).cluster(points)
        #expect(labels.clusterCount > 0 && labels.labels.contains(nil))
        Self.check(points, eps: eps, minPoints: minPoints)
    }

    @Test("points exactly eps apart are neighbours; a hair further they are not")
    func exactlyAtEps() {
        let eps = 1.0
        var chain = [Coordinate(longitude: 36.7, latitude: 36.4)]
        for k in 1..<40 {
            chain.append(Geodesic.wgs84.direct(from: chain[k - 1], azimuth: Double(k * 37 % 360), distance: 1000)
                .destination)
        }
        // Around every chain point, satellites at exactly eps and at eps + 1 mm.
        var points = chain
        for (k, c) in chain.enumerated() {
            for a in stride(from: 0.0, to: 360, by: 90) {
                let extra = k % 2 == 0 ? 0 : 0.001
                points.append(Geodesic.wgs84.direct(from: c, azimuth: a + 11, distance: 1000 + extra).destination)
            }
        }
        for minPoints in [2, 3, 5, 6] { Self.check(points, eps: eps, minPoints: minPoints) }
    }

    @Test("duplicates count as separate points")
    func duplicates() {
        let base = Coordinate(longitude: 37.1, latitude: 36.2)
        let points = [Coordinate](repeating: base, count: 7)
            + [Coordinate](repeating: Coordinate(longitude: 37.2, latitude: 36.2), count: 3)
            + Self.blobs(count: 100, latitude: 36.2, spreadKm: 2, seed: 3)
        Self.check(points, eps: 0.5, minPoints: 4)
        let labels = DBSCAN(epsKm: 0.5, minPoints: 7).cluster(points)
        #expect(labels.isCore[0] && labels.labels[0] != nil && Set(labels.labels[0..<7]).count == 1)
    }

    /// Rows of an export repeat their town's coordinates: the distinct points are clustered
    /// once, weighted, and the result must still be all-pairs DBSCAN over every row.
    @Test("points repeated as in an export equal the all-pairs reference, with and without days")
    func repeatedPlaces() {
        var rng = SeededGenerator(seed: 21)
        let places = Self.blobs(count: 120, latitude: 36.6, spreadKm: 4, seed: 8)
        // Copies from 1 to about 12, shuffled, so that copies alone can make a point core.
        var points: [Coordinate] = []
        for place in places {
            let copies = Int.random(in: 0...3, using: &rng) == 0 ? 1 : Int.random(in: 2...12, using: &rng)
            points += [Coordinate](repeating: place, count: copies)
        }
        points.shuffle(using: &rng)
        let days = points.map { _ in 19_000 + Int.random(in: 0..<4, using: &rng) }
        #expect(DistinctPoints(points, days: nil) != nil && DistinctPoints(points, days: days) != nil)
        #expect(DistinctPoints(Self.blobs(count: 300, latitude: 36.6, spreadKm: 4, seed: 8), days: nil) == nil)
        for (eps, minPoints) in [(0.8, 5), (1.5, 12), (2.5, 30)] {
            Self.check(points, eps: eps, minPoints: minPoints)
            Self.check(points, days: days, eps: eps, minPoints: minPoints)
            Self.check(points, days: days, eps: eps, minPoints: minPoints, window: 1)
        }
        let labels = DBSCAN(epsKm: 1.5, minPoints: 12).cluster(points)
        #expect(labels.clusterCount > 1 && labels.labels.contains(nil))
    }

    @Test("a time window splits clusters that share a place")
    func spaceTime() {
        var rng = SeededGenerator(seed: 9)
        let points = Self.blobs(count: 400, latitude: 36.8, spreadKm: 2, seed: 4)
        let days = points.map { _ in 19_000 + Int.random(in: 0..<60, using: &rng) }
        Self.check(points, days: days, eps: 1, minPoints: 4, window: 3)
        Self.check(points, days: days, eps: 1, minPoints: 4)
        let spatial = DBSCAN(epsKm: 1, minPoints: 4).cluster(points, days: days)
        let temporal = DBSCAN(epsKm: 1, minPoints: 4, windowDays: 3).cluster(points, days: days)
        #expect(temporal.clusterCount > spatial.clusterCount)
    }

    /// Dense blobs fill cells with dozens of core points, so most cells are marked as one
    /// set and skipped; noise and blob edges leave mixed cells that are walked in full.
    @Test("dense blobs, with cells skipped as one set, equal the all-pairs reference for 1, 2 and 3 workers")
    func denseBlobs() {
        let points = Self.blobs(count: 1_200, latitude: 36.4, spreadKm: 1.5, seed: 77)
        let reference = referenceDBSCAN(points, days: nil, epsKm: 0.3, minPoints: 5, windowDays: nil)
        #expect(reference.clusterCount > 1 && reference.labels.contains(nil))
        for workers in 1...3 {
            var dbscan = DBSCAN(epsKm: 0.3, minPoints: 5)
            dbscan.workers = workers
            #expect(dbscan.cluster(points) == reference, "\(workers) workers")
        }
    }

    @Test("one worker and two give the same labels")
    func workersAgree() {
        let points = Self.blobs(count: 3_000, latitude: 36.5, spreadKm: 4, seed: 21)
        var one = DBSCAN(epsKm: 0.8, minPoints: 6)
        one.workers = 1
        #expect(one.cluster(points) == DBSCAN(epsKm: 0.8, minPoints: 6).cluster(points))
    }
}
