import Foundation
import GeoCore
import GeoProj

/// A seeded generator (SplitMix64), so every test run sees the same points.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Independent references: brute force over every segment with plain geod_inverse.
enum Reference {
    static let geodesic = Geodesic.wgs84

    /// A synthetic, irregular border about 600 km long near 37° N: a meander with uneven
    /// vertex spacing (0.5 to 9 km) and a few sharp zigzags, so nearest points fall on
    /// vertices and inside segments alike.
    static func syntheticBorder(seed: UInt64 = 7) -> [Coordinate] {
        var rng = SeededGenerator(seed: seed)
        var line: [Coordinate] = []
        var lon = 36.0
        while lon < 42.5 {
            let base = 36.8 + 0.25 * sin(lon * 2.1) + 0.08 * sin(lon * 9.7)
            let zig = Int(lon * 10) % 13 == 0 ? Double.random(in: -0.05...0.05, using: &rng) : 0
            line.append(Coordinate(longitude: lon, latitude: base + zig))
            lon += Double.random(in: 0.005...0.1, using: &rng)
        }
        return line
    }

    /// Exact distance in metres from `p` to the geodesic segment a–b: 64 samples with
    /// geod_inverse, then golden-section refinement around the best one.
    static func segmentDistance(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> (Double, Coordinate) {
        let segment = geodesic.segment(from: a, to: b)
        let length = segment.length
        let f: (Double) -> (Double, Coordinate) = { s in
            let c = segment.position(at: s).coordinate
            return (geodesic.distance(from: c, to: p), c)
        }
        let n = 64
        var bestK = 0, bestV = Double.infinity
        for k in 0...n {
            let v = f(length * Double(k) / Double(n)).0
            if v < bestV { bestV = v; bestK = k }
        }
        var lo = length * Double(max(0, bestK - 1)) / Double(n)
        var hi = length * Double(min(n, bestK + 1)) / Double(n)
        let r = (5.0.squareRoot() - 1) / 2
        var c = hi - r * (hi - lo), d = lo + r * (hi - lo)
        var fc = f(c).0, fd = f(d).0
        while hi - lo > 1e-6 {
            if fc < fd { hi = d; d = c; fd = fc; c = hi - r * (hi - lo); fc = f(c).0 }
            else { lo = c; c = d; fc = fd; d = lo + r * (hi - lo); fd = f(d).0 }
        }
        var best = f((lo + hi) / 2)
        for s in [0, length] { let e = f(s); if e.0 < best.0 { best = e } }
        return best
    }

    /// Exact distance in metres from `p` to the polyline, over all segments. Segments are
    /// skipped only when the triangle inequality proves them farther: the distance to a
    /// segment is at least the distance to its midpoint minus half its length.
    static func borderDistance(_ p: Coordinate, line: [Coordinate]) -> (Double, Coordinate) {
        var mids: [(Double, Double)] = []
        var upper = Double.infinity
        for i in 1..<line.count {
            let segment = geodesic.segment(from: line[i - 1], to: line[i])
            let mid = segment.position(at: segment.length / 2).coordinate
            let dm = geodesic.distance(from: mid, to: p)
            mids.append((dm, segment.length / 2))
            upper = min(upper, dm)
        }
        var best = (Double.infinity, p)
        for i in 1..<line.count where mids[i - 1].0 - mids[i - 1].1 <= upper + 1 {
            let e = segmentDistance(p, line[i - 1], line[i])
            if e.0 < best.0 { best = e }
        }
        return best
    }

    /// Distance on a sphere of radius 6,371,008.8 m from `p` to the polyline (great-circle
    /// arcs), as a spherical method would give it.
    static func sphericalBorderDistance(_ p: Coordinate, line: [Coordinate]) -> Double {
        let r = 6_371_008.8
        func vector(_ c: Coordinate) -> (Double, Double, Double) {
            let la = c.latitude * .pi / 180, lo = c.longitude * .pi / 180
            return (cos(la) * cos(lo), cos(la) * sin(lo), sin(la))
        }
        func angle(_ u: (Double, Double, Double), _ v: (Double, Double, Double)) -> Double {
            let cx = u.1 * v.2 - u.2 * v.1, cy = u.2 * v.0 - u.0 * v.2, cz = u.0 * v.1 - u.1 * v.0
            return atan2((cx * cx + cy * cy + cz * cz).squareRoot(), u.0 * v.0 + u.1 * v.1 + u.2 * v.2)
        }
        let x = vector(p)
        var best = Double.infinity
        for i in 1..<line.count {
            let a = vector(line[i - 1]), b = vector(line[i])
            var n = (a.1 * b.2 - a.2 * b.1, a.2 * b.0 - a.0 * b.2, a.0 * b.1 - a.1 * b.0)
            let nn = (n.0 * n.0 + n.1 * n.1 + n.2 * n.2).squareRoot()
            n = (n.0 / nn, n.1 / nn, n.2 / nn)
            let s = x.0 * n.0 + x.1 * n.1 + x.2 * n.2
            var foot = (x.0 - s * n.0, x.1 - s * n.1, x.2 - s * n.2)
            let fl = (foot.0 * foot.0 + foot.1 * foot.1 + foot.2 * foot.2).squareRoot()
            foot = (foot.0 / fl, foot.1 / fl, foot.2 / fl)
            let ab = angle(a, b)
            let d = abs(angle(a, foot) + angle(foot, b) - ab) < 1e-12 ? angle(x, foot)
                : min(angle(x, a), angle(x, b))
            best = min(best, d * r)
        }
        return best
    }

    /// Points from 0 to `maxDistance` metres off the line on both sides, denser near it.
    static func pointsAround(line: [Coordinate], count: Int, maxDistance: Double, seed: UInt64)
        -> [(point: Coordinate, left: Bool, offset: Double)] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let i = Int.random(in: 1..<line.count, using: &rng)
            let segment = geodesic.segment(from: line[i - 1], to: line[i])
            let foot = segment.position(at: Double.random(in: 0...segment.length, using: &rng))
            let left = Bool.random(using: &rng)
            let u = Double.random(in: 0...1, using: &rng)
            let offset = maxDistance * u * u
            let azimuth = foot.azimuth + (left ? -90 : 90) + Double.random(in: -30...30, using: &rng)
            return (geodesic.direct(from: foot.coordinate, azimuth: azimuth, distance: offset).destination, left,
                    offset)
        }
    }
}
