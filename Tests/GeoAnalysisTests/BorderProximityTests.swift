import Foundation
import GeoCore
import GeoProj
import Testing
@testable import GeoAnalysis

@Suite("Border proximity on WGS84")
struct BorderProximityTests {
    static let line = Reference.syntheticBorder()
    static let points = Reference.pointsAround(line: line, count: 1_000, maxDistance: 400_000, seed: 11)

    /// The two sides as polygons closed far north and far south of the line.
    static var sides: [BorderSide] {
        let north = line + [Coordinate(longitude: line.last!.longitude, latitude: 45),
                            Coordinate(longitude: line.first!.longitude, latitude: 45), line.first!]
        let south = line + [Coordinate(longitude: line.last!.longitude, latitude: 30),
                            Coordinate(longitude: line.first!.longitude, latitude: 30), line.first!]
        return [BorderSide(code: "TR", outline: .polygon([north])), BorderSide(code: "SY", outline: .polygon([south]))]
    }

    @Test("distance within 1 mm of a brute-force reference for 1,000 points at 0–400 km on both sides")
    func distanceMatchesReference() {
        let proximity = BorderProximity(border: Self.line)
        let results = proximity.measure(Self.points.map(\.point))
        var worst = 0.0
        var sides = (left: 0, right: 0, far: 0)
        for (k, sample) in Self.points.enumerated() {
            let (reference, _) = Reference.borderDistance(sample.point, line: Self.line)
            let ours = results[k].distanceKm * 1000
            worst = max(worst, abs(ours - reference))
            #expect(abs(ours - reference) <= 1e-3, "point \(k) \(sample.point): \(ours) m vs \(reference) m")
            // The reported nearest point is where that distance is reached.
            let check = Geodesic.wgs84.distance(from: results[k].nearestPoint, to: sample.point)
            #expect(abs(check - ours) <= 1e-3)
            if sample.left { sides.left += 1 } else { sides.right += 1 }
            if reference > 200_000 { sides.far += 1 }
        }
        #expect(sides.left > 400 && sides.right > 400 && sides.far > 100)
        #expect(worst <= 1e-3)
    }

    @Test("points on the border are at 0 m and their own nearest point")
    func pointsOnTheBorder() {
        let proximity = BorderProximity(border: Self.line)
        let onVertices = Array(Self.line[10..<20])
        for (point, result) in zip(onVertices, proximity.measure(onVertices)) {
            #expect(result.distanceKm * 1000 <= 1e-6)
            #expect(Geodesic.wgs84.distance(from: result.nearestPoint, to: point) <= 1e-6)
        }
        let segment = Geodesic.wgs84.segment(from: Self.line[30], to: Self.line[31])
        let inside = segment.position(at: segment.length / 3).coordinate
        #expect(proximity.measure(point: inside).distanceKm * 1000 <= 1e-3)
    }

    @Test("a spherical method differs by tens of metres or more (the reason for ellipsoidal geodesics)")
    func sphericalDiffers() {
        var worst = 0.0
        for sample in Self.points.prefix(200) {
            let exact = Reference.borderDistance(sample.point, line: Self.line).0
            let sphere = Reference.sphericalBorderDistance(sample.point, line: Self.line)
            worst = max(worst, abs(sphere - exact))
        }
        #expect(worst > 10, "the sphere differs by at most \(worst) m")
    }

    @Test("side by outline, for points clearly off the line")
    func sides() {
        let proximity = BorderProximity(border: Self.line, sides: Self.sides)
        let results = proximity.measure(Self.points.map(\.point))
        var checked = 0
        for (k, sample) in Self.points.enumerated() where results[k].distanceKm > 10 {
            let p = sample.point
            guard p.longitude > Self.line.first!.longitude + 0.3, p.longitude < Self.line.last!.longitude - 0.3,
                  p.latitude > 30.5, p.latitude < 44.5 else { continue }
            // Independent of the outlines: north of the line's chord at that longitude is "TR".
            let i = Self.line.firstIndex { $0.longitude > p.longitude }!
            let a = Self.line[i - 1], b = Self.line[i]
            let chordLatitude = a.latitude + (p.longitude - a.longitude) / (b.longitude - a.longitude)
                * (b.latitude - a.latitude)
            #expect(results[k].side == (p.latitude > chordLatitude ? "TR" : "SY"), "point \(k) \(p)")
            checked += 1
        }
        #expect(checked > 300)
        #expect(proximity.side(of: Coordinate(longitude: 20, latitude: 37)) == "other")
    }

    @Test("nearest crossing equals the brute-force nearest")
    func crossings() {
        var rng = SeededGenerator(seed: 5)
        let crossings = (0..<12).map { k in
            let c = Self.line[Int.random(in: 0..<Self.line.count, using: &rng)]
            return Place(id: "test:\(k)", name: "Crossing \(k)", country: "SY", coordinate: c, kind: .crossing,
                         source: "synthetic")
        }
        let proximity = BorderProximity(border: Self.line, crossings: crossings)
        let results = proximity.measure(Self.points.map(\.point))
        for (k, sample) in Self.points.enumerated() {
            let distances = crossings.map { Geodesic.wgs84.distance(from: sample.point, to: $0.coordinate) }
            let best = distances.min()!
            guard let index = results[k].nearestCrossingIndex, let km = results[k].nearestCrossingKm else {
                Issue.record("no crossing for point \(k)"); continue
            }
            #expect(abs(km * 1000 - best) <= 1e-6)
            #expect(distances[index] == best)
        }
        #expect(BorderProximity(border: Self.line).measure(point: Self.line[0]).nearestCrossingIndex == nil)
    }

    @Test("bands: labels, boundaries and custom thresholds")
    func bands() {
        let standard = DistanceBands.standard
        #expect(standard.labels == ["0-5", "5-10", "10-30", ">30"])
        #expect(standard.index(ofKm: 0) == 0)
        #expect(standard.index(ofKm: 5) == 0)
        #expect(standard.index(ofKm: 5.000001) == 1)
        #expect(standard.index(ofKm: 30.5) == 3)
        #expect(standard.range(minKm: 4, maxKm: 12) == "0-5|5-10|10-30")
        #expect(DistanceBands(thresholds: [2.5, 50]).labels == ["0-2.5", "2.5-50", ">50"])
        let proximity = BorderProximity(border: Self.line, bands: [1, 2])
        let far = proximity.measure(point: Coordinate(longitude: 39, latitude: 39.5))
        #expect(far.band == ">2" && far.bandRange == ">2" && !far.bandUndecided)
    }

    @Test("several lines (a MultiLineString) act as one border")
    func multiLine() {
        let a = Array(Self.line[0..<60]), b = Array(Self.line[60...])
        let split = BorderProximity(lines: [a, b])
        let whole = BorderProximity(border: Self.line)
        let sample = Self.points.prefix(100).map(\.point)
        for (x, y) in zip(split.measure(sample), whole.measure(sample)) {
            // The split drops the one segment between line[59] and line[60].
            #expect(x.distanceKm >= y.distanceKm - 1e-9)
        }
        #expect(BorderProximity.lines(of: .multiLineString([a, b])).count == 2)
    }
}
