import Foundation
import GeoCore
import GeoProj

/// A border polyline as geodesic segments, packed into an STR tree for nearest-point queries.
///
/// Every segment is the WGS84 geodesic between two consecutive vertices. The tree (Sort-Tile-
/// Recursive packing, fan-out ``fanout``) prunes with the rigorous lower bound of
/// ``EllipsoidMetric``; the few surviving segments are refined exactly by
/// ``nearest(to:scratch:)``. Lines must not cross the antimeridian (the border data here lies
/// between 35° and 45° E).
struct BorderIndex: Sendable {
    static let fanout = 8

    /// A segment's straight lon/lat chord: its end points in radians, and how far, in
    /// metres, the geodesic segment may stray from it. One array of them, in tree order, so
    /// that a query's bound of a segment reads one place.
    struct Chord {
        var latA: Double, lonA: Double, latB: Double, lonB: Double
        var deviation: Double
    }
    let chords: [Chord]
    let segments: [GeodesicSegment]
    /// The segment that continues segment `k` from its end B, and the one that leads into it
    /// at A, along the same line; -1 at a line's ends or where a vertex is shared otherwise.
    let following: [Int32], preceding: [Int32]
    /// Azimuth in degrees of each segment at B (forward, from A towards B; at A it is the
    /// segment's `azimuth1`).
    let azimuthB: [Double]

    /// A node of the tree: its box in radians, and the segments (leaves) or nodes it holds.
    /// One array of them rather than one per field: a query reads a node's box and its
    /// children together, from one cache line and with one bounds check.
    struct Node {
        var south: Double, north: Double, west: Double, east: Double
        var first: Int32, count: Int32
        var isLeaf: Bool
    }
    let nodes: [Node]
    let root: Int
    let depth: Int

    /// Builds the index from polylines of at least two vertices each (shorter ones are skipped).
    init(lines: [[Coordinate]], geodesic: Geodesic = .wgs84) {
        var pairs: [(Coordinate, Coordinate)] = []
        for line in lines where line.count >= 2 {
            for i in 1..<line.count where line[i - 1] != line[i] {
                pairs.append((line[i - 1], line[i]))
            }
        }
        precondition(!pairs.isEmpty, "a border needs at least one segment of two distinct vertices")
        let d = EllipsoidMetric.degree
        // STR packing: slice by centre longitude, then sort each slice by centre latitude.
        let leafCount = (pairs.count + Self.fanout - 1) / Self.fanout
        let sliceCount = Int(Double(leafCount).squareRoot().rounded(.up))
        let perSlice = sliceCount * Self.fanout
        var order = Array(pairs.indices).sorted {
            pairs[$0].0.longitude + pairs[$0].1.longitude < pairs[$1].0.longitude + pairs[$1].1.longitude
        }
        var sliceStart = 0
        while sliceStart < order.count {
            let end = min(sliceStart + perSlice, order.count)
            order[sliceStart..<end].sort {
                pairs[$0].0.latitude + pairs[$0].1.latitude < pairs[$1].0.latitude + pairs[$1].1.latitude
            }
            sliceStart = end
        }
        let sorted = order.map { pairs[$0] }
        segments = sorted.map { geodesic.segment(from: $0.0, to: $0.1) }
        azimuthB = segments.map { $0.position(at: $0.length).azimuth }
        (following, preceding) = Self.neighbours(sorted)
        let chords = zip(sorted, segments).map { pair, segment in
            // Sphere: the geodesic leaves the lon/lat chord by about L² tan φ / (8R); doubled
            // and floored for the ellipsoid and for rounding.
            let phi = max(abs(pair.0.latitude), abs(pair.1.latitude)) * d
            let t = min(abs(tan(min(phi, 1.5))), 1e3)
            return Chord(latA: pair.0.latitude * d, lonA: pair.0.longitude * d, latB: pair.1.latitude * d,
                         lonB: pair.1.longitude * d,
                         deviation: segment.length * segment.length * (t + 1) / (4 * 6_335_000) + 1e-3)
        }
        self.chords = chords

        var nodes: [Node] = []
        for leaf in 0..<leafCount {
            let lo = leaf * Self.fanout, hi = min(lo + Self.fanout, sorted.count)
            var s = Double.infinity, n = -Double.infinity, w = Double.infinity, e = -Double.infinity
            for c in chords[lo..<hi] {
                // Widen by the segment's stray from its chord so the box holds the geodesic.
                let high = max(abs(c.latA), abs(c.latB)) + 1e-6
                let dLat = c.deviation / 6_335_000
                let dLon = c.deviation / max(EllipsoidMetric.parallel(min(high, 1.57)), 1)
                s = min(s, c.latA - dLat, c.latB - dLat); n = max(n, c.latA + dLat, c.latB + dLat)
                w = min(w, c.lonA - dLon, c.lonB - dLon); e = max(e, c.lonA + dLon, c.lonB + dLon)
            }
            nodes.append(Node(south: s, north: n, west: w, east: e, first: Int32(lo), count: Int32(hi - lo),
                              isLeaf: true))
        }
        var levelStart = 0, levelEnd = nodes.count
        var depth = 1
        // Leaves are already in STR order, so grouping consecutive nodes keeps parents compact.
        while levelEnd - levelStart > 1 {
            var k = levelStart
            while k < levelEnd {
                let hi = min(k + Self.fanout, levelEnd)
                let children = nodes[k..<hi]
                nodes.append(Node(south: children.map(\.south).min()!, north: children.map(\.north).max()!,
                                  west: children.map(\.west).min()!, east: children.map(\.east).max()!,
                                  first: Int32(k), count: Int32(hi - k), isLeaf: false))
                k = hi
            }
            levelStart = levelEnd
            levelEnd = nodes.count
            depth += 1
        }
        self.nodes = nodes
        root = nodes.count - 1
        self.depth = depth
    }

    var segmentCount: Int { segments.count }

    /// Per-worker scratch space, so that queries allocate nothing once it has grown.
    struct Scratch {
        var stack: [Int32] = []
        var candidates: [(segment: Int32, bound: Double)] = []
        /// The line laid out from the search's first nearest point (see ``layoutBound(of:scratch:)``).
        var layout = LineLayout()
        init() {
            stack.reserveCapacity(256)
            candidates.reserveCapacity(64)
            layout.bounds.reserveCapacity(2 * BorderIndex.layoutSteps)
        }
    }

    /// A line laid out on a plane from a nearest point F, segment by segment in both
    /// directions as far as the search asks (see ``layoutBound(of:scratch:)``).
    struct LineLayout {
        /// One direction's walk: where it stands, its heading in radians from the x axis
        /// (clockwise, as azimuths), the metres it covered from F, and its last segment.
        struct Walk {
            var x = 0.0, y = 0.0, heading = 0.0, travelled = 0.0
            var segment = -1
            var open = false
        }
        /// The query point, and its distance from F.
        var px = 0.0, py = 0.0, distance = 0.0
        var forward = Walk(), backward = Walk()
        /// Lower bounds of the distance to the segments laid out so far.
        var bounds: [(segment: Int32, bound: Double)] = []

        /// Lays out the next segment one way and records its bound; nil (and that walk closed)
        /// at the line's end, at `reach` metres, or after ``BorderIndex/layoutSteps``.
        mutating func advance(forward: Bool, along index: BorderIndex, reach: Double)
            -> (segment: Int, bound: Double)? {
            var walk = forward ? self.forward : backward
            defer { if forward { self.forward = walk } else { backward = walk } }
            guard walk.open else { return nil }
            let next = Int(forward ? index.following[walk.segment] : index.preceding[walk.segment])
            guard next >= 0, walk.travelled < reach, bounds.count < 2 * BorderIndex.layoutSteps else {
                walk.open = false
                return nil
            }
            // The turn at the shared vertex, from the segment that enters it to the one that
            // leaves it; walking backward, the line is followed against its direction.
            let (entering, leaving) = forward ? (walk.segment, next) : (next, walk.segment)
            let turn = EllipsoidMetric.azimuthDifference(index.segments[leaving].azimuth1 - index.azimuthB[entering])
                * EllipsoidMetric.degree
            let way = forward ? 1.0 : -1.0
            walk.heading += way * turn
            let length = index.segments[next].length
            let x = walk.x + way * length * cos(walk.heading), y = walk.y + way * length * sin(walk.heading)
            let bound = BorderIndex.planarDistance(toX: px, y: py, fromSegmentX: walk.x, walk.y, x, y)
            (walk.x, walk.y) = (x, y)
            walk.travelled += length
            walk.segment = next
            let lower = bound - BorderIndex.layoutAllowance(distance: distance, travelled: walk.travelled)
            bounds.append((Int32(next), lower))
            return (next, lower)
        }
    }

    /// The exact nearest point of the border to `point`.
    struct Nearest {
        /// Geodesic distance in metres.
        var distance: Double
        var point: Coordinate
        var segment: Int
        /// Which end of the segment the point is, if it is one: 0 for A, 1 for B, -1 for neither.
        var end: Int = -1
        /// Azimuth in degrees of the geodesic from `point` to the query point.
        var azimuth: Double = 0
        /// Its forward azimuth at the query point: the way straight away from the border.
        var awayAzimuth: Double = 0
        /// Where the point lies along the segment, in metres from A.
        var along: Double = 0
        /// The angle in degrees at `point` from the segment's direction to the way to the query
        /// point, clockwise (±90 inside the segment, up to the search's tolerance); nil when
        /// not measured.
        var bearing: Double?
    }

    /// The nearest point of the border to `point` and its geodesic distance on WGS84.
    ///
    /// `seed`, when given, is `point`'s exact nearest point on one segment
    /// (``nearest(to:onSegment:geodesic:)``), already paid for by a caller that wanted an
    /// upper bound first: the search starts from it instead of finding and refining its own.
    func nearest(to point: Coordinate, geodesic: Geodesic = .wgs84, seed: Nearest? = nil,
                 scratch: inout Scratch) -> Nearest {
        let d = EllipsoidMetric.degree
        let phi = point.latitude * d, lambda = point.longitude * d
        let ky = EllipsoidMetric.meridional(phi), kx = EllipsoidMetric.parallel(phi)
        var best = seed ?? self.seed(point, phi: phi, lambda: lambda, kx: kx, ky: ky, geodesic: geodesic,
                                     scratch: &scratch)
        let seedSegment = best.segment

        // Every segment closer than `best` has its closest geodesic path inside this band.
        let reach = best.distance / 6_335_000
        let pad = EllipsoidMetric.bulge(distance: best.distance, latitude: phi)
        let (m, p) = EllipsoidMetric.minima(lo: phi - reach - pad, hi: phi + reach + pad)

        scratch.candidates.removeAll(keepingCapacity: true)
        scratch.stack.removeAll(keepingCapacity: true)
        scratch.stack.append(Int32(root))
        while let top = scratch.stack.popLast() {
            let n = Int(top)
            if boxBoundSquared(n, phi: phi, lambda: lambda, m: m, p: p) >= best.distance * best.distance { continue }
            let lo = Int(nodes[n].first), hi = lo + Int(nodes[n].count)
            if nodes[n].isLeaf {
                for k in lo..<hi where k != seedSegment {
                    // Squared first: most segments fail without a square root.
                    let limit = best.distance + chords[k].deviation
                    let squared = chordBoundSquared(k, phi: phi, lambda: lambda, m: m, p: p)
                    if squared < limit * limit {
                        scratch.candidates.append((Int32(k), squared.squareRoot() - chords[k].deviation))
                    }
                }
            } else {
                for c in lo..<hi { scratch.stack.append(Int32(c)) }
            }
        }
        if scratch.candidates.isEmpty { return best }
        startLayout(from: best, scratch: &scratch)
        // Insertion sort: the list is short, and the standard sort's buffer would allocate.
        for i in 1..<scratch.candidates.count {
            let item = scratch.candidates[i]
            var j = i
            while j > 0, scratch.candidates[j - 1].bound > item.bound {
                scratch.candidates[j] = scratch.candidates[j - 1]
                j -= 1
            }
            scratch.candidates[j] = item
        }
        for candidate in scratch.candidates {
            if candidate.bound >= best.distance { break }
            let k = Int(candidate.segment)
            if endsAtNearestVertex(k, best) { continue }
            // A tighter bound from the band between the point and this segment only (the
            // geodesic to any nearer point of it stays there, bulge included): three sines
            // and cosines are far cheaper than refining a segment that cannot win.
            let chord = chords[k]
            let bulge = EllipsoidMetric.bulge(distance: best.distance, latitude: phi) + chord.deviation / 6_335_000
            let (mt, pt) = EllipsoidMetric.minima(lo: min(phi, chord.latA, chord.latB) - bulge,
                                                  hi: max(phi, chord.latA, chord.latB) + bulge)
            let limit = best.distance + chord.deviation
            if chordBoundSquared(k, phi: phi, lambda: lambda, m: mt, p: pt) >= limit * limit { continue }
            // Last, as it may lay out the line far along: the line's neighbours.
            if let bound = layoutBound(of: k, scratch: &scratch), bound >= best.distance { continue }
            let exact = refine(segment: k, point: point, phi: phi, lambda: lambda, kx: kx, ky: ky, geodesic: geodesic)
            if exact.distance < best.distance { best = exact }
        }
        return best
    }

    /// The seed of a search: the exact nearest point on the segment whose chord is nearest in
    /// the local metric at the point (a branch-and-bound search in that flat metric, where the
    /// box bounds are exact lower bounds); it is usually the geodesic winner, so few others
    /// need refining.
    private func seed(_ point: Coordinate, phi: Double, lambda: Double, kx: Double, ky: Double,
                      geodesic: Geodesic, scratch: inout Scratch) -> Nearest {
        var seedSegment = 0, seedValue = Double.infinity
        scratch.stack.removeAll(keepingCapacity: true)
        scratch.stack.append(Int32(root))
        while let top = scratch.stack.popLast() {
            let n = Int(top)
            if boxBoundSquared(n, phi: phi, lambda: lambda, m: ky, p: kx) >= seedValue { continue }
            let lo = Int(nodes[n].first), hi = lo + Int(nodes[n].count)
            if nodes[n].isLeaf {
                for k in lo..<hi {
                    let v = chordBoundSquared(k, phi: phi, lambda: lambda, m: ky, p: kx)
                    if v < seedValue { seedValue = v; seedSegment = k }
                }
            } else {
                // Nearest child last, so it is searched first.
                var nearestChild = lo, nearestValue = Double.infinity
                for c in lo..<hi {
                    let v = boxBoundSquared(c, phi: phi, lambda: lambda, m: ky, p: kx)
                    if v < nearestValue { nearestValue = v; nearestChild = c }
                }
                for c in lo..<hi where c != nearestChild { scratch.stack.append(Int32(c)) }
                scratch.stack.append(Int32(nearestChild))
            }
        }
        return refine(segment: seedSegment, point: point, phi: phi, lambda: lambda, kx: kx, ky: ky, geodesic: geodesic)
    }

    /// How many segments on each side of a nearest point a layout follows at most.
    static let layoutSteps = 12

    /// Starts laying out the line from `nearest` (see ``layoutBound(of:scratch:)``).
    func startLayout(from nearest: Nearest, scratch: inout Scratch) {
        scratch.layout.bounds.removeAll(keepingCapacity: true)
        scratch.layout.forward.open = false
        scratch.layout.backward.open = false
        guard let bearing = nearest.bearing, nearest.distance > 1e-6 else { return }
        let d = nearest.distance, k = nearest.segment
        // The query point at its measured angle to the segment; y grows to the right, as
        // azimuths do. Forward from B, at (L − s, 0); backward from A, at (−s, 0).
        scratch.layout.px = d * cos(bearing * EllipsoidMetric.degree)
        scratch.layout.py = d * sin(bearing * EllipsoidMetric.degree)
        scratch.layout.distance = d
        let toB = segments[k].length - nearest.along
        scratch.layout.forward = LineLayout.Walk(x: toB, travelled: toB, segment: k, open: true)
        scratch.layout.backward = LineLayout.Walk(x: -nearest.along, travelled: nearest.along, segment: k, open: true)
    }

    /// A lower bound of the distance from the query point to segment `k`, when `k` lies along
    /// the line within reach of the layout's nearest point; nil otherwise.
    ///
    /// Most segments a search must otherwise refine are these neighbours: along a smooth
    /// border, a segment t metres on is only about t²/(2d) farther than the nearest point, a
    /// difference no flat-metric bound resolves at tens of kilometres. Here the line is laid
    /// out on a plane from the nearest point F (inside the segment or at one of its ends): the
    /// segment along the x axis, the query point d from F at its measured angle, each
    /// following segment turned by its exact turn at the shared vertex (the difference of the
    /// geodesics' azimuths there) and as long as it is. Lengths and turns are those of the
    /// ellipsoid, so the layout errs only through the surface's curvature: a distance from the
    /// point to the laid-out line, within T metres of F along it, is off by about
    /// d T² / (6 R²) (a hinge on a sphere of the smallest radius, R ≥ 6,335 km); the bound
    /// allows twelve times that, T³ / R² for the line's own bending, a micro-radian of turn
    /// at F and a millimetre. The walk goes at most 0.1 d + 1 km and ``layoutSteps`` segments
    /// each way, and only as far as a query needs.
    func layoutBound(of k: Int, scratch: inout Scratch) -> Double? {
        for entry in scratch.layout.bounds where Int(entry.segment) == k { return entry.bound }
        let reach = 0.1 * scratch.layout.distance + 1_000
        while scratch.layout.forward.open || scratch.layout.backward.open {
            if let found = scratch.layout.advance(forward: true, along: self, reach: reach), found.segment == k {
                return found.bound
            }
            if let found = scratch.layout.advance(forward: false, along: self, reach: reach), found.segment == k {
                return found.bound
            }
        }
        return nil
    }

    /// What a planar layout of a line may gain on the ellipsoid (see ``layoutBound(of:scratch:)``).
    @inline(__always)
    static func layoutAllowance(distance d: Double, travelled t: Double) -> Double {
        let r2 = 6_335_000.0 * 6_335_000.0
        return 2 * d * t * t / r2 + t * t * t / r2 + 1e-6 * t + 1e-3
    }

    /// Planar distance from (px, py) to the segment (ax, ay)–(bx, by).
    @inline(__always)
    static func planarDistance(toX px: Double, y py: Double, fromSegmentX ax: Double, _ ay: Double,
                               _ bx: Double, _ by: Double) -> Double {
        let t = chordParameter(ax: ax - px, ay: ay - py, bx: bx - px, by: by - py)
        let x = ax + t * (bx - ax) - px, y = ay + t * (by - ay) - py
        return (x * x + y * y).squareRoot()
    }

    /// For each segment, the one starting where it ends and the one ending where it starts,
    /// when exactly one does (a vertex shared by more is left alone).
    static func neighbours(_ pairs: [(Coordinate, Coordinate)]) -> (following: [Int32], preceding: [Int32]) {
        struct Key: Hashable { let longitude: UInt64, latitude: UInt64 }
        func key(_ c: Coordinate) -> Key { Key(longitude: c.longitude.bitPattern, latitude: c.latitude.bitPattern) }
        var starting: [Key: Int32] = [:], ending: [Key: Int32] = [:]
        for (k, pair) in pairs.enumerated() {
            starting[key(pair.0)] = starting[key(pair.0)] == nil ? Int32(k) : -1
            ending[key(pair.1)] = ending[key(pair.1)] == nil ? Int32(k) : -1
        }
        return (pairs.map { starting[key($0.1)] ?? -1 }, pairs.map { ending[key($0.0)] ?? -1 })
    }

    /// Whether segment `k` cannot come nearer than `best`, because it leaves the vertex where
    /// `best` lies at 90° or more from the direction to the query point.
    ///
    /// Geodesic balls of radius well under the quarter meridian are convex, so the distance to
    /// the point along a geodesic segment is unimodal; if it does not decrease as the segment
    /// leaves the vertex, the vertex is the segment's nearest point, and its distance is
    /// `best`'s. This settles the common tie of two segments meeting at the nearest vertex
    /// without refining the second one.
    @inline(__always)
    func endsAtNearestVertex(_ k: Int, _ best: Nearest) -> Bool {
        guard best.end >= 0, best.distance < 5e6 else { return false }
        let vertex = best.end == 0 ? segments[best.segment].start : segments[best.segment].end
        let outward: Double
        if segments[k].start == vertex {
            outward = segments[k].azimuth1
        } else if segments[k].end == vertex {
            outward = azimuthB[k] + 180
        } else {
            return false
        }
        // cos(angle) below a small negative margin: the vertex is the nearest point with room.
        return cos((outward - best.azimuth) * EllipsoidMetric.degree) < -1e-6
    }

    /// Squared flat-metric distance in metres from the point to a node's box, with scales
    /// `m`, `p` (squared, so that comparisons need no square root).
    @inline(__always)
    func boxBoundSquared(_ n: Int, phi: Double, lambda: Double, m: Double, p: Double) -> Double {
        let node = nodes[n]
        let dy = phi < node.south ? node.south - phi : (phi > node.north ? phi - node.north : 0)
        let dx = lambda < node.west ? node.west - lambda : (lambda > node.east ? lambda - node.east : 0)
        return (m * dy) * (m * dy) + (p * dx) * (p * dx)
    }

    /// Squared flat-metric distance in metres from the point to segment `k`'s straight lon/lat
    /// chord.
    @inline(__always)
    func chordBoundSquared(_ k: Int, phi: Double, lambda: Double, m: Double, p: Double) -> Double {
        let chord = chords[k]
        let ax = (chord.lonA - lambda) * p, ay = (chord.latA - phi) * m
        let bx = (chord.lonB - lambda) * p, by = (chord.latB - phi) * m
        let t = Self.chordParameter(ax: ax, ay: ay, bx: bx, by: by)
        let x = ax + t * (bx - ax), y = ay + t * (by - ay)
        return x * x + y * y
    }

    /// Where, from 0 at A to 1 at B, the chord comes closest to the origin.
    @inline(__always)
    static func chordParameter(ax: Double, ay: Double, bx: Double, by: Double) -> Double {
        let ux = bx - ax, uy = by - ay
        let uu = ux * ux + uy * uy
        guard uu > 0 else { return 0 }
        return min(1, max(0, -(ax * ux + ay * uy) / uu))
    }

    /// The exact nearest point of segment `k` alone to `point`: its distance bounds the
    /// border's from above at the cost of one refinement instead of a search, and it can seed
    /// that search (``nearest(to:geodesic:seed:scratch:)``).
    func nearest(to point: Coordinate, onSegment k: Int, geodesic: Geodesic = .wgs84) -> Nearest {
        let d = EllipsoidMetric.degree
        let phi = point.latitude * d
        return refine(segment: k, point: point, phi: phi, lambda: point.longitude * d,
                      kx: EllipsoidMetric.parallel(phi), ky: EllipsoidMetric.meridional(phi), geodesic: geodesic)
    }

    /// The exact closest point of geodesic segment `k` to the point.
    ///
    /// Starts from the foot point of the local planar projection, then iterates
    /// s ← s + d cos(α − β), where d and α are the distance and azimuth of the geodesic from
    /// the current foot to the point and β the segment's azimuth there; on a plane this step
    /// is exact, on the ellipsoid it converges quickly. The distance is stationary at the foot,
    /// so stopping when the next step δ satisfies δ²/(2d) < 1 µm leaves the distance exact to
    /// that and the nearest point within √(2 d · 1 µm) (0.45 m at 100 km; far less nearer).
    ///
    /// A short step inside the segment is not measured again: the right triangle of the
    /// point, the current foot and the next gives the distance there (see ``oneStep``).
    func refine(segment k: Int, point: Coordinate, phi: Double, lambda: Double, kx: Double, ky: Double,
                geodesic: Geodesic) -> Nearest {
        let segment = segments[k]
        let length = segment.length
        let chord = chords[k]
        let ax = (chord.lonA - lambda) * kx, ay = (chord.latA - phi) * ky
        let bx = (chord.lonB - lambda) * kx, by = (chord.latB - phi) * ky
        var s = Self.chordParameter(ax: ax, ay: ay, bx: bx, by: by) * length
        var result = Nearest(distance: .infinity, point: point, segment: k)
        for _ in 0..<12 {
            let foot = segment.position(at: s)
            let inverse = geodesic.inverse(from: foot.coordinate, to: point)
            result.distance = inverse.distance
            result.point = foot.coordinate
            if inverse.distance < 1e-9 { break }
            result.azimuth = inverse.azimuth1
            result.awayAzimuth = inverse.azimuth2
            result.end = s == 0 ? 0 : (s == length ? 1 : -1)
            result.along = s
            let angle = EllipsoidMetric.azimuthDifference(inverse.azimuth1 - foot.azimuth)
            result.bearing = angle
            let step = inverse.distance * cos(angle * EllipsoidMetric.degree)
            let next = min(length, max(0, s + step))
            let delta = next - s
            if delta * delta < 2e-6 * inverse.distance || abs(delta) < 1e-7 { break }
            if next > 0, next < length, step * step * inverse.distance <= Self.oneStepLimit {
                var stepped = Self.oneStep(from: inverse, angle: angle, to: segment.position(at: next), segment: k)
                stepped.along = next
                return stepped
            }
            s = next
        }
        return result
    }

    /// Largest δ²·d (m³) for which ``oneStep`` is trusted: 10⁹ keeps it within 5 µm.
    static let oneStepLimit = 1e9

    /// The nearest point reached by a step δ = d cos θ along the segment, without another
    /// inverse: `inverse` goes from the current foot to the point (distance d, azimuths α₁ at
    /// the foot and α₂ at the point), θ = α₁ − β is its angle to the segment, and `foot` is
    /// the segment's position δ further on.
    ///
    /// In the plane the new foot closes a right triangle: its distance is d |sin θ|, the way
    /// to the point leaves it at β ± 90°, and at the point the direction turns by the
    /// triangle's third angle, ±90° − θ. On a sphere of radius R, sin(a/R) = sin(d/R) sin θ
    /// instead; the two differ by at most δ² d / (6 R²), which the ellipsoid's curvature
    /// (R ≥ 6,335 km, varying by under 1 % across such a triangle) changes by little:
    /// δ² d ≤ 10⁹ m³ bounds the error by 4.2 µm, far inside the millimetre the distances owe.
    /// The direction errs by the triangle's angular excess, δ d / (2 R²) radians.
    static func oneStep(from inverse: GeodesicInverse, angle: Double,
                        to foot: (coordinate: Coordinate, azimuth: Double), segment k: Int) -> Nearest {
        let side: Double = angle >= 0 ? 90 : -90
        return Nearest(distance: inverse.distance * abs(sin(angle * EllipsoidMetric.degree)),
                       point: foot.coordinate, segment: k, end: -1, azimuth: foot.azimuth + side,
                       awayAzimuth: inverse.azimuth2 + side - angle, bearing: side)
    }
}
