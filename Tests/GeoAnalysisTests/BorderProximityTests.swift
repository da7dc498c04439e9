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

    @Test("a batch whose points repeat often measures each once, with the same results as one by one")
    func repeatedBatch() {
        let proximity = BorderProximity(border: Self.line)
        let distinct = Self.points.prefix(50).map(\.point)
        // Fifty places for 2,000 rows, in a shuffled order; and the thousand distinct points.
        var rng = SeededGenerator(seed: 3)
        let rows = (0..<2_000).map { _ in distinct[Int.random(in: 0..<distinct.count, using: &rng)] }
        #expect(BorderProximity.repeatsOften(rows))
        #expect(!BorderProximity.repeatsOften(Self.points.map(\.point)))
        let batch = proximity.measure(rows)
        for (k, row) in rows.enumerated() { #expect(batch[k] == proximity.measure(point: row), "row \(k)") }
    }

    @Test("a batch's work queue hands out every point once, in runs, however many workers take them, from either end")
    func workChunksCoverEachItemOnce() {
        for (count, size) in [(0, 4), (1, 4), (10, 3), (1_000, 256), (7, 0), (100_000, 256)] {
            let chunks = WorkChunks(count: count, size: size)
            var taken = [[Range<Int>]](repeating: [], count: 4)
            taken.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let slots = buffer
                // Two workers from the front, two from the back (`takeLast`).
                DispatchQueue.concurrentPerform(iterations: 4) { w in
                    while let range = w % 2 == 0 ? chunks.take() : chunks.takeLast() { slots[w].append(range) }
                }
            }
            let all = taken.flatMap { $0 }.sorted { $0.lowerBound < $1.lowerBound }
            #expect(all.first?.lowerBound == (count > 0 ? 0 : nil), "\(count) in \(size)")
            #expect(all.last?.upperBound == (count > 0 ? count : nil), "\(count) in \(size)")
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "\(count) in \(size)")
            #expect(all.allSatisfy { $0.count == max(1, size) || $0.upperBound == count }, "\(count) in \(size)")
            #expect(all.allSatisfy { $0.lowerBound % max(1, size) == 0 }, "\(count) in \(size)")
            #expect(chunks.take() == nil && chunks.takeLast() == nil)
        }
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

    @Test("corners: points beside a vertex, just inside and just outside 90° of each segment leaving it")
    func corners() {
        // A zigzag of sharp, right and shallow corners (a test shape, not a real line).
        let line = [(36.0, 36.0), (36.1, 36.3), (36.2, 36.0), (36.5, 36.02), (36.6, 36.4), (36.62, 36.0),
                    (37.0, 36.1)].map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let proximity = BorderProximity(border: line)
        let geodesic = Geodesic.wgs84
        var atVertex = 0, checked = 0
        for v in 1..<(line.count - 1) {
            for neighbour in [v - 1, v + 1] {
                // Directions just past and just short of perpendicular to the segment leaving
                // the vertex towards `neighbour`, on both sides, near and far.
                let leaving = geodesic.inverse(from: line[v], to: line[neighbour]).azimuth1
                for offset in [90.001, 89.999, 90.5, 89.5, 89, 88, 87, 85, 135.0, -90.001, -89.999, -89, -88, -87, -85, -135.0] {
                    for distance in [200.0, 5_000, 80_000, 350_000] {
                        let point = geodesic.direct(from: line[v], azimuth: leaving + offset, distance: distance)
                            .destination
                        let (reference, _) = Reference.borderDistance(point, line: line)
                        let result = proximity.measure(point: point)
                        #expect(abs(result.distanceKm * 1000 - reference) <= 1e-3,
                                "vertex \(v), offset \(offset)°, \(distance) m: \(result.distanceKm * 1000) vs \(reference)")
                        if line.contains(result.nearestPoint) { atVertex += 1 }
                        checked += 1
                    }
                }
            }
        }
        // The shape is made for vertex answers: many points must have one.
        #expect(checked == 640 && atVertex > 50)
    }

    @Test("the vertex rule settles a segment only when it leaves the nearest vertex at 90° or more")
    func vertexRule() {
        let a = Coordinate(longitude: 36.0, latitude: 36.0), vertex = Coordinate(longitude: 36.3, latitude: 36.2)
        let b = Coordinate(longitude: 36.7, latitude: 36.1)
        let index = BorderIndex(lines: [[a, vertex, b]])
        let geodesic = Geodesic.wgs84
        let toB = (0..<index.segmentCount).first { index.segments[$0].end == b }!
        let toVertex = (0..<index.segmentCount).first { index.segments[$0].end == vertex }!
        let leaving = geodesic.inverse(from: vertex, to: b).azimuth1
        var settled = 0, refined = 0
        for offset in [91.0, 90.5, 90.01, 89.99, 89.5, 89.0, -91.0, -90.5, -89.5, -89.0] {
            for distance in [1_000.0, 60_000, 300_000] {
                let point = geodesic.direct(from: vertex, azimuth: leaving + offset, distance: distance).destination
                // As if the vertex, reached from the other segment, were the nearest point so far.
                let inverse = geodesic.inverse(from: vertex, to: point)
                let best = BorderIndex.Nearest(distance: inverse.distance, point: vertex, segment: toVertex, end: 1,
                                               azimuth: inverse.azimuth1)
                let (onB, _) = Reference.segmentDistance(point, vertex, b)
                if index.endsAtNearestVertex(toB, best) {
                    // Settled: the segment truly comes no nearer than the vertex.
                    #expect(onB >= inverse.distance - 1e-6, "offset \(offset)°, \(distance) m")
                    settled += 1
                } else {
                    #expect(abs(offset) < 90.01, "offset \(offset)° should be settled")
                    refined += 1
                }
            }
        }
        #expect(settled == 15 && refined == 15)
    }
}

@Suite("Segment refinement")
struct SegmentRefinementTests {
    @Test("the difference of two azimuths wraps as remainder(x, 360) does")
    func azimuthDifferenceWraps() {
        var rng = SeededGenerator(seed: 29)
        var cases: [(Double, Double)] = [(180, -180), (-180, 180), (180, 180), (0, 180), (0, -180), (90, -90.5),
                                         (-90, 90.5), (179.999999, -179.999999), (-0.0, 0), (1e-300, -1e-300)]
        for _ in 0..<100_000 {
            cases.append((Double.random(in: -180...180, using: &rng), Double.random(in: -180...180, using: &rng)))
        }
        for (a, b) in cases {
            let wrapped = EllipsoidMetric.azimuthDifference(a - b)
            // Equal values (a zero's sign may differ, which no caller can see: it feeds
            // cos, sin and a comparison with 0).
            #expect(wrapped == remainder(a - b, 360), "\(a) - \(b)")
            #expect(abs(wrapped) <= 180)
        }
    }

    /// A refinement that ends on a planar step (no inverse at the new foot) must report what
    /// an exact inverse from its point says: the distance, and both azimuths, which the
    /// vertex rule and the disc search's bounds rely on.
    @Test("a refinement's distance and azimuths are those of an exact inverse from its nearest point")
    func refinementMatchesInverse() {
        let line = Reference.syntheticBorder(seed: 3)
        let index = BorderIndex(lines: [line])
        let geodesic = Geodesic.wgs84
        var rng = SeededGenerator(seed: 17)
        var inside = 0, atEnds = 0
        for k in 0..<index.segmentCount {
            let segment = index.segments[k]
            for _ in 0..<24 {
                // Off a random point of the segment, mostly across it, from 1 m to 400 km.
                let from = segment.position(at: segment.length * Double.random(in: 0...1, using: &rng))
                let turn = (Bool.random(using: &rng) ? 90.0 : -90.0) + Double.random(in: -40...40, using: &rng)
                let reach = pow(10, Double.random(in: 0...5.6, using: &rng))
                let p = geodesic.direct(from: from.coordinate, azimuth: from.azimuth + turn, distance: reach).destination
                let phi = p.latitude * EllipsoidMetric.degree
                let r = index.refine(segment: k, point: p, phi: phi, lambda: p.longitude * EllipsoidMetric.degree,
                                     kx: EllipsoidMetric.parallel(phi), ky: EllipsoidMetric.meridional(phi),
                                     geodesic: geodesic)
                let exact = geodesic.inverse(from: r.point, to: p)
                #expect(abs(exact.distance - r.distance) <= 5e-6, "segment \(k), \(p)")
                #expect(abs(remainder(exact.azimuth1 - r.azimuth, 360)) <= 1e-4, "segment \(k), \(p)")
                #expect(abs(remainder(exact.azimuth2 - r.awayAzimuth, 360)) <= 1e-4, "segment \(k), \(p)")
                let (reference, _) = Reference.segmentDistance(p, segment.start, segment.end)
                #expect(abs(r.distance - reference) <= 1e-4, "segment \(k), \(p)")
                if r.end == -1 { inside += 1 } else { atEnds += 1 }
            }
        }
        #expect(inside > 1_500 && atEnds > 300, "\(inside) inside, \(atEnds) at ends")
    }

    /// The segments along the line from a nearest point are bounded from below by a planar
    /// layout; a bound above a segment's true distance would drop a nearer segment.
    @Test("bounds along the line never exceed the segments' true distances, and settle most neighbours")
    func chainBoundsHold() {
        // Vertices every 200-odd metres on a line that bends both ways, so that the layout
        // runs over many segments and turns toward the points as well as away.
        let line = stride(from: 36.0, through: 38.0, by: 0.0023).map {
            Coordinate(longitude: $0, latitude: 36.8 + 0.04 * sin($0 * 47) + 0.2 * sin($0 * 3.1))
        }
        let index = BorderIndex(lines: [line])
        let samples = Reference.pointsAround(line: line, count: 1_500, maxDistance: 200_000, seed: 23)
        var scratch = BorderIndex.Scratch()
        var checked = 0, settled = 0, worstSlack = Double.infinity
        for sample in samples {
            let nearest = index.nearest(to: sample.point, scratch: &scratch)
            index.startLayout(from: nearest, scratch: &scratch)
            // Asked in a scattered order, as a search's candidates come.
            for k in (0..<index.segmentCount).reversed() {
                guard let bound = index.layoutBound(of: k, scratch: &scratch) else { continue }
                let segment = index.segments[k]
                let (truth, _) = Reference.segmentDistance(sample.point, segment.start, segment.end)
                #expect(bound <= truth, "segment \(k) of \(sample.point): \(bound) > \(truth)")
                worstSlack = min(worstSlack, truth - bound)
                checked += 1
                if bound >= nearest.distance { settled += 1 }
            }
        }
        #expect(checked > 2_000 && settled * 2 > checked, "\(settled) of \(checked) settled; closest \(worstSlack) m")
    }
}
