import Foundation
import GeoCore
import GeoProj
import Testing
@testable import GeoAnalysis

@Suite("Border distance over uncertain locations")
struct ProximityUncertaintyTests {
    static let line = Reference.syntheticBorder()
    static let proximity = BorderProximity(border: line)

    /// Brute force over the disc: a polar grid every 250 m of radius and 2° of azimuth.
    static func discReference(_ centre: Coordinate, radius: Double,
                              proximity: BorderProximity = Self.proximity) -> (Double, Double) {
        var lo = Double.infinity, hi = -Double.infinity
        var scratch = BorderIndex.Scratch()
        for step in 0...Int(radius / 250) {
            let r = min(radius, Double(step) * 250)
            for a in stride(from: 0.0, to: 360, by: r == 0 ? 360 : 2) {
                let c = Geodesic.wgs84.direct(from: centre, azimuth: a, distance: r).destination
                let v = proximity.borderDistance(c, scratch: &scratch)
                lo = min(lo, v); hi = max(hi, v)
            }
        }
        return (lo, hi)
    }

    @Test("near (precision 2): min and max over the 5 km disc match a dense grid", arguments: [8_000.0, 20_000, 60_000])
    func disc(offset: Double) {
        let foot = Self.line[40]
        let centre = Geodesic.wgs84.direct(from: foot, azimuth: 170, distance: offset).destination
        let result = Self.proximity.measure(point: centre, precision: .near)
        let (lo, hi) = Self.discReference(centre, radius: 5_000)
        // The grid is coarser than our search: ours must be at least as extreme, and close.
        #expect(result.distanceMinKm * 1000 <= lo + 1e-3)
        #expect(result.distanceMaxKm * 1000 >= hi - 1e-3)
        #expect(abs(result.distanceMinKm * 1000 - lo) < 20)
        #expect(abs(result.distanceMaxKm * 1000 - hi) < 20)
        #expect(result.distanceMinKm < result.distanceKm && result.distanceKm < result.distanceMaxKm)
    }

    @Test("a disc over the border has minimum 0 and, across bands, no band")
    func discOverBorder() {
        let centre = Geodesic.wgs84.direct(from: Self.line[50], azimuth: 0, distance: 2_000).destination
        let result = Self.proximity.measure(point: centre, precision: .near)
        #expect(result.distanceMinKm == 0)
        #expect(result.distanceMaxKm > 5)
        #expect(result.band == nil && result.bandUndecided && result.bandIndex == nil)
        #expect(result.bandRange == "0-5|5-10")
    }

    @Test("region (precision 3): bounds over a polygon, against a dense grid")
    func polygon() {
        let box = [(38.0, 37.5), (38.6, 37.5), (38.6, 38.0), (38.0, 38.0), (38.0, 37.5)]
            .map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let result = Self.proximity.measure(point: Coordinate(longitude: 38.3, latitude: 37.75), precision: .region,
                                            area: .polygon([box]))
        var lo = Double.infinity, hi = -Double.infinity
        var scratch = BorderIndex.Scratch()
        for i in 0...60 {
            for j in 0...50 {
                let c = Coordinate(longitude: 38 + 0.01 * Double(i), latitude: 37.5 + 0.01 * Double(j))
                let v = Self.proximity.borderDistance(c, scratch: &scratch)
                lo = min(lo, v); hi = max(hi, v)
            }
        }
        #expect(result.distanceMinKm * 1000 <= lo + 1e-3 && abs(result.distanceMinKm * 1000 - lo) < 50)
        // The grid is 0.01° (about 1 km) apart, so its maximum may be lower by up to ~0.7 km.
        #expect(result.distanceMaxKm * 1000 >= hi - 1e-3 && result.distanceMaxKm * 1000 - hi < 750)
        #expect(result.band == ">30")
        let across = [(38.0, 36.0), (38.6, 36.0), (38.6, 38.0), (38.0, 38.0), (38.0, 36.0)]
            .map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let crossing = Self.proximity.measure(point: Coordinate(longitude: 38.3, latitude: 37), precision: .region,
                                              area: .polygon([across]))
        #expect(crossing.distanceMinKm == 0 && crossing.band == nil)
    }

    @Test("exact locations keep min = max = distance")
    func exact() {
        let result = Self.proximity.measure(point: Coordinate(longitude: 39, latitude: 36), precision: .exact)
        #expect(result.distanceMinKm == result.distanceKm && result.distanceMaxKm == result.distanceKm)
        #expect(result.band != nil)
    }

    @Test("near: the minimum is D − r, the maximum D + r straight away from the border, or searched when another stretch is near")
    func discShortcutAndSearch() {
        // A hairpin: two arms 12 km apart (a test shape, not a real line).
        let arms = [(36.0, 36.0), (36.5, 36.0), (36.5, 36.108), (36.0, 36.108)]
            .map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let hairpin = BorderProximity(border: arms)
        let geodesic = Geodesic.wgs84
        var straight = 0, searched = 0
        for (k, offset) in [2_000.0, 4_000, 6_000, 9_000, 20_000, 40_000].enumerated() {
            // Between the arms (south of the upper one) and outside them (south of the lower one).
            for (base, azimuth) in [(Coordinate(longitude: 36.2 + 0.03 * Double(k), latitude: 36.108), 180.0),
                                    (Coordinate(longitude: 36.2 + 0.03 * Double(k), latitude: 36.0), 180.0)] {
                let centre = geodesic.direct(from: base, azimuth: azimuth, distance: offset).destination
                let result = hairpin.measure(point: centre, precision: .near)
                let d = result.distanceKm * 1000, r = hairpin.nearRadiusKm * 1000
                let (lo, hi) = Self.discReference(centre, radius: r, proximity: hairpin)
                #expect(abs(result.distanceMinKm * 1000 - max(0, d - r)) <= 1e-6)
                #expect(result.distanceMinKm * 1000 <= lo + 1e-3 && lo - result.distanceMinKm * 1000 < 20)
                // Straight away the maximum is exact; searched, it is at most 10 m low.
                let isStraight = result.distanceMaxKm * 1000 >= d + r - 1e-3
                #expect(result.distanceMaxKm * 1000 >= hi - (isStraight ? 1e-3 : 10)
                        && result.distanceMaxKm * 1000 - hi < 20,
                        "centre \(centre): max \(result.distanceMaxKm * 1000) vs grid \(hi)")
                #expect(result.distanceMaxKm * 1000 <= d + r + 1e-3)
                if isStraight { straight += 1 } else { searched += 1 }
            }
        }
        // Both ways are taken: straight away, and between the arms where the other one is near.
        #expect(straight >= 4 && searched >= 2, "straight \(straight), searched \(searched)")
    }

    /// The largest border distance along the disc's edge: every half degree of azimuth, then
    /// each local maximum refined by ternary search to a few centimetres of arc.
    static func edgeMaximum(_ centre: Coordinate, radius: Double, proximity: BorderProximity) -> Double {
        var scratch = BorderIndex.Scratch()
        func f(_ azimuth: Double) -> Double {
            proximity.borderDistance(Geodesic.wgs84.direct(from: centre, azimuth: azimuth, distance: radius).destination,
                                     scratch: &scratch)
        }
        let step = 0.5
        let samples = stride(from: 0.0, to: 360, by: step).map { f($0) }
        var best = samples.max()!
        for i in samples.indices {
            let before = samples[(i + samples.count - 1) % samples.count], after = samples[(i + 1) % samples.count]
            guard samples[i] >= before && samples[i] >= after else { continue }
            var lo = Double(i) * step - step, hi = Double(i) * step + step
            for _ in 0..<60 {
                let a = lo + (hi - lo) / 3, b = hi - (hi - lo) / 3
                if f(a) < f(b) { lo = a } else { hi = b }
            }
            best = max(best, f((lo + hi) / 2))
        }
        return best
    }

    /// Measures `centre` at near precision; when its maximum was searched (not settled straight
    /// away from the border), checks it against the edge's maximum found independently and
    /// the dense grid: at most 10 m low, never above. Returns whether it was searched.
    static func checkSearchedMaximum(_ proximity: BorderProximity, centre: Coordinate, _ label: String) -> Bool {
        let r = proximity.nearRadiusKm * 1000
        let result = proximity.measure(point: centre, precision: .near)
        let d = result.distanceKm * 1000, found = result.distanceMaxKm * 1000
        guard found < d + r - 1e-3 else { return false }
        let reference = max(edgeMaximum(centre, radius: r, proximity: proximity),
                            discReference(centre, radius: r, proximity: proximity).1)
        #expect(found >= reference - 10, "\(label), centre \(centre): searched \(found) m, reference \(reference) m")
        #expect(found <= reference + 1e-3, "\(label), centre \(centre): searched \(found) m, reference \(reference) m")
        return true
    }

    @Test("a searched maximum is at most 10 m below the maximum along the disc's edge, found independently")
    func searchedMaximumAgainstEdge() {
        // Corners of 60°, 90° and 120° (test shapes, not real lines), with discs inside them
        // near the vertex: the straight-away point is nearer the other arm, so the maximum is
        // searched, and it lies on the edge, where the disc meets the corner's bisector.
        let geodesic = Geodesic.wgs84
        let vertex = Coordinate(longitude: 36.3, latitude: 36.3)
        var searched = 0
        for angle in [60.0, 90.0, 120.0] {
            let corner = BorderProximity(border: [
                geodesic.direct(from: vertex, azimuth: 200 - angle / 2, distance: 40_000).destination, vertex,
                geodesic.direct(from: vertex, azimuth: 200 + angle / 2, distance: 40_000).destination,
            ])
            for (along, aside) in [(4_000.0, 3.0), (7_000.0, -6.0), (9_000.0, 11.0)] {
                let centre = geodesic.direct(from: vertex, azimuth: 200 + aside, distance: along).destination
                if Self.checkSearchedMaximum(corner, centre: centre, "\(angle)°") { searched += 1 }
            }
        }
        #expect(searched >= 6, "only \(searched) of the discs were searched")
    }

    @Test("searched maxima along a zigzag line are at most 10 m low and never above the maximum found independently")
    func searchedMaximaAlongZigzag() {
        // Random discs of 5 and 12 km within 20 km of a line with bends at every scale (a
        // test shape); only the searched ones are checked, against the edge's maximum found by
        // dense sampling and refinement, and the dense grid inside.
        var rng = SeededGenerator(seed: 23)
        let geodesic = Geodesic.wgs84
        var searched = 0
        for k in 0..<160 {
            let radius = k % 4 == 0 ? 12_000.0 : 5_000
            var proximity = Self.proximity
            proximity.nearRadiusKm = radius / 1000
            let foot = Self.line[Int.random(in: 5..<(Self.line.count - 5), using: &rng)]
            let centre = geodesic.direct(from: foot, azimuth: Double.random(in: 0..<360, using: &rng),
                                         distance: Double.random(in: 0...20_000, using: &rng)).destination
            if Self.checkSearchedMaximum(proximity, centre: centre, "r \(radius)") { searched += 1 }
        }
        #expect(searched >= 20, "only \(searched) of the discs were searched")
    }

    @Test("the largest step along a direction over a square cut by a circle matches dense sampling")
    func largestStepOverCutSquare() {
        var rng = SeededGenerator(seed: 31)
        var cut = 0, missed = 0
        for _ in 0..<400 {
            let angle = Double.random(in: 0..<(2 * .pi), using: &rng)
            let gx = sin(angle), gy = cos(angle)
            let half = Double.random(in: 0.02...0.8, using: &rng)
            let cx = Double.random(in: -1.4...1.4, using: &rng), cy = Double.random(in: -1.4...1.4, using: &rng)
            let exact = SearchBase.largestStep(alongX: gx, y: gy, cellX: cx, y: cy, half: half, rim: 1)
            // Samples: a 120 × 120 grid over the square and 40,000 points of the circle, each
            // kept when it lies in both.
            var sampled = -Double.infinity
            let n = 120
            for i in 0...n {
                for j in 0...n {
                    let x = cx - half + 2 * half * Double(i) / Double(n), y = cy - half + 2 * half * Double(j) / Double(n)
                    if x * x + y * y <= 1 { sampled = max(sampled, gx * x + gy * y) }
                }
            }
            for k in 0..<40_000 {
                let t = 2 * Double.pi * Double(k) / 40_000, x = sin(t), y = cos(t)
                if abs(x - cx) <= half && abs(y - cy) <= half { sampled = max(sampled, gx * x + gy * y) }
            }
            if sampled == -.infinity {
                // No sample in both: the square misses the circle, or barely meets it.
                if exact > -.infinity { #expect(exact <= 1 && exact > -1.5) } else { missed += 1 }
                continue
            }
            cut += 1
            #expect(exact >= sampled - 1e-12, "square (\(cx), \(cy)) ± \(half), g (\(gx), \(gy)): \(exact) < \(sampled)")
            #expect(exact <= sampled + 4 * half / Double(n) + 2e-4,
                    "square (\(cx), \(cy)) ± \(half), g (\(gx), \(gy)): \(exact) > \(sampled)")
        }
        #expect(cut >= 100 && missed >= 20, "cut \(cut), missed \(missed)")
        // No circle (a rim at infinity, as at a pole): the square's best corner.
        let corner = SearchBase.largestStep(alongX: 0.6, y: -0.8, cellX: 2, y: 3, half: 1, rim: .infinity)
        #expect(corner == 0.6 * 3 - 0.8 * 2)
    }

    @Test("the bound a cell carries from its parent's measured point is never below the distance it bounds")
    func carriedBoundHolds() {
        var rng = SeededGenerator(seed: 11)
        let geodesic = Geodesic.wgs84
        var tighter = 0, cases = 0
        for latitude in [36.0, 66.0] {
            // A corner (a test shape): points on both sides, near its vertex and its arms.
            let vertex = Coordinate(longitude: 36.3, latitude: latitude)
            let corner = BorderProximity(border: [geodesic.direct(from: vertex, azimuth: 150, distance: 40_000).destination,
                                                  vertex,
                                                  geodesic.direct(from: vertex, azimuth: 260, distance: 40_000).destination])
            var scratch = BorderIndex.Scratch()
            for radius in [5_000.0, 30_000] {
                for _ in 0..<300 {
                    let centre = geodesic.direct(from: vertex, azimuth: Double.random(in: 0..<360, using: &rng),
                                                 distance: Double.random(in: 0...30_000, using: &rng)).destination
                    let frame = FlatFrame(centre: centre)
                    let slack = FlatFrame.stretch(radius: radius, latitude: frame.phi) - 1
                    let bx = Double.random(in: -radius...radius, using: &rng)
                    let by = Double.random(in: -radius...radius, using: &rng)
                    let base = SearchBase(x: bx, y: by, nearest: corner.index.nearest(to: frame.point(bx, by), scratch: &scratch))
                    // Steps up to a first-level cell's distance from its parent's point, and tiny ones.
                    let step = radius * (Bool.random(using: &rng) ? 0.75 : 0.01) * Double.random(in: 0...1, using: &rng)
                    let angle = Double.random(in: 0..<(2 * .pi), using: &rng)
                    let x = bx + step * sin(angle), y = by + step * cos(angle)
                    let bound = base.bound(atX: x, y: y, slack: slack)
                    let exact = corner.borderDistance(frame.point(x, y), scratch: &scratch)
                    #expect(exact <= bound + 1e-6, "\(latitude)°, D \(base.distance) m, step \(step) m: \(exact) > \(bound)")
                    cases += 1
                    if bound < base.distance + step { tighter += 1 }
                }
            }
        }
        // It is worth carrying: mostly tighter than the distance plus the step.
        #expect(tighter * 2 > cases, "\(tighter) of \(cases)")
    }

    @Test("a batch of mixed precisions on two threads equals measuring each point alone")
    func mixedBatch() {
        let points = Reference.pointsAround(line: Self.line, count: 120, maxDistance: 60_000, seed: 5).map(\.point)
        let precisions: [GeoPrecision] = points.indices.map { [.exact, .near, .region][$0 % 3] }
        let box = [(38.0, 37.5), (38.6, 37.5), (38.6, 38.0), (38.0, 38.0), (38.0, 37.5)]
            .map { Coordinate(longitude: $0.0, latitude: $0.1) }
        let area = Self.proximity.boundsKm(over: .polygon([box]))
        #expect(area != nil)
        // Every other region point has the area's bounds; the rest fall back to a disc.
        let bounds = points.indices.map { precisions[$0] == .region && $0 % 2 == 0 ? area : nil }
        let batch = Self.proximity.measure(points, precisions: precisions, areaBoundsKm: bounds)
        for i in points.indices {
            let alone = Self.proximity.measure(point: points[i], precision: precisions[i], areaBoundsKm: bounds[i])
            #expect(batch[i] == alone, "point \(i)")
        }
        #expect(batch.contains { $0.distanceMaxKm > $0.distanceKm } && batch.contains { $0.distanceMinKm == $0.distanceMaxKm })
    }

    @Test("a repeated point is measured once and gets the same result as measured alone")
    func repeatedPoints() {
        let points = Reference.pointsAround(line: Self.line, count: 12, maxDistance: 60_000, seed: 9).map(\.point)
        // Each point three times, at the three precisions, then all again: the second half repeats the first.
        let once = points.flatMap { [$0, $0, $0] }
        let all = once + once
        let precisions: [GeoPrecision] = all.indices.map { [.exact, .near, .region][$0 % 3] }
        let bounds: [(min: Double, max: Double)?] = all.indices.map { $0 % 6 == 2 ? (1, 2) : nil }
        let repeats = BorderProximity.repeatedPoints(all, precisions: precisions, areaBoundsKm: bounds)
        for i in all.indices {
            // The same point at another precision is another measurement; the second half
            // repeats the first, 36 points before.
            #expect(repeats[i] == (i >= once.count ? i - once.count : nil), "point \(i)")
        }
        // Other area bounds make another measurement too.
        let same = [points[0], points[0], points[0]]
        #expect(BorderProximity.repeatedPoints(same, precisions: [.region, .region, .region],
                                               areaBoundsKm: [(1, 2), nil, (1, 2)]) == [nil, nil, 0])
        let batch = Self.proximity.measure(all, precisions: precisions, areaBoundsKm: bounds)
        for i in all.indices {
            let alone = Self.proximity.measure(point: all[i], precision: precisions[i], areaBoundsKm: bounds[i])
            #expect(batch[i] == alone, "point \(i)")
        }
    }
}
