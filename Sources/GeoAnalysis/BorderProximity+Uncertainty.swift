import Dispatch
import Foundation
import GeoCore
import GeoProj

extension BorderProximity {
    /// Proximity of an incident whose location is only known to an area: for geo-precision 2
    /// a geodesic disc of ``nearRadiusKm`` around the point, for 3 the admin polygon `area`
    /// (or, without one, a disc of `regionRadiusKm`).
    ///
    /// `distanceKm`, the nearest point, side and crossing are those of `point`;
    /// `distanceMinKm` and `distanceMaxKm` bound the border distance over the area, and the
    /// band is nil (`bandUndecided`) when they fall in different bands.
    ///
    /// How the bounds are found. Over a disc (see `discBounds`) the minimum is max(0, D − r)
    /// exactly, and the maximum is settled by one point when the border's other stretches
    /// are out of reach, else found by branch and bound to within 10 m below the true value.
    /// Over a polygon: the distance to the border has no local minimum off the border
    /// (moving toward the nearest border point shortens it), so the minimum over an area
    /// that does not meet the border lies on its boundary; it is 0 when the area meets the
    /// border. The edges are sampled every 500 m and the best sample refined by
    /// golden-section search, which makes the minimum exact to a millimetre. The maximum may
    /// lie inside (where two border stretches are equally far), so the inside is sampled too
    /// and the best sample refined by a pattern search; it is exact when it is a local
    /// maximum near the best sample, and otherwise low by at most half the sample spacing
    /// (distance is 1-Lipschitz).
    public func measure(point: Coordinate, precision: GeoPrecision, area: Geometry? = nil,
                        regionRadiusKm: Double = 30) -> ProximityResult {
        measure(point: point, precision: precision,
                areaBoundsKm: precision == .region ? area.flatMap { boundsKm(over: $0) } : nil,
                regionRadiusKm: regionRadiusKm)
    }

    /// The border distance bounds, in km, over an area's polygons; nil when it has none.
    ///
    /// They depend on the area alone, so a caller with many incidents located to the same
    /// governorate finds them once (``measure(point:precision:areaBoundsKm:regionRadiusKm:)``):
    /// each search measures the distance at thousands of points.
    public func boundsKm(over area: Geometry) -> (min: Double, max: Double)? {
        let polygons = Self.polygons(of: area)
        guard !polygons.isEmpty else { return nil }
        let bounds = polygonBounds(polygons)
        return (bounds.min / 1000, bounds.max / 1000)
    }

    /// As ``measure(point:precision:area:regionRadiusKm:)``, with the area's bounds already
    /// found by ``boundsKm(over:)`` (nil: no area, so a region is a disc of `regionRadiusKm`).
    public func measure(point: Coordinate, precision: GeoPrecision, areaBoundsKm: (min: Double, max: Double)?,
                        regionRadiusKm: Double = 30) -> ProximityResult {
        var scratch = BorderIndex.Scratch()
        return measure(point, precision: precision, areaBoundsKm: areaBoundsKm, regionRadiusKm: regionRadiusKm,
                       scratch: &scratch)
    }

    /// Proximity of each point at its precision, on `workers` threads; `areaBoundsKm` has one
    /// entry per point (see ``boundsKm(over:)``), used for region precision.
    ///
    /// Workers take the points in short runs from a shared queue (``WorkChunks``) rather
    /// than in fixed shares, so that the costly imprecise ones, wherever and however they
    /// fall in the input, keep both busy to the end. When points repeat often
    /// (``repeatsOften(_:)``), a point repeated with the same precision and area is measured
    /// once: in an export, every incident in or near a town carries that town's coordinates,
    /// so a few thousand places stand for hundreds of thousands of rows (and an imprecise
    /// one's bounds take a search of the border where an exact point takes one look-up).
    /// Otherwise grouping a million nearly distinct points would cost a tenth of measuring
    /// them, on one thread, for almost nothing.
    public func measure(_ points: [Coordinate], precisions: [GeoPrecision],
                        areaBoundsKm: [(min: Double, max: Double)?], regionRadiusKm: Double = 30,
                        workers: Int = 2) -> [ProximityResult] {
        precondition(precisions.count == points.count && areaBoundsKm.count == points.count,
                     "one precision and one area bound per point")
        let n = points.count
        guard n > 0 else { return [] }
        let workers = max(1, min(workers, n))
        let repeats = Self.repeatsOften(points)
            ? Self.repeatedPoints(points, precisions: precisions, areaBoundsKm: areaBoundsKm) : nil
        let chunks = WorkChunks(count: n, size: Self.chunkSize)
        return [ProximityResult](unsafeUninitializedCapacity: n) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var scratch = BorderIndex.Scratch()
                while let range = chunks.take() {
                    for i in range where repeats?[i] == nil {
                        (base + i).initialize(to: measure(points[i], precision: precisions[i],
                                                          areaBoundsKm: areaBoundsKm[i],
                                                          regionRadiusKm: regionRadiusKm, scratch: &scratch))
                    }
                }
            }
            if let repeats {
                for i in 0..<n {
                    if let first = repeats[i] { (base + i).initialize(to: base[first]) }
                }
            }
            initialized = n
        }
    }

    /// For each point, the first earlier point with the same coordinates, precision and area
    /// bounds; nil for the first of each (measured itself).
    static func repeatedPoints(_ points: [Coordinate], precisions: [GeoPrecision],
                               areaBoundsKm: [(min: Double, max: Double)?]) -> [Int?] {
        struct Key: Hashable {
            let longitude: UInt64, latitude: UInt64, precision: Int, areaMin: UInt64?, areaMax: UInt64?
        }
        let distinct = DistinctItems(count: points.count) { i in
            Key(longitude: points[i].longitude.bitPattern, latitude: points[i].latitude.bitPattern,
                precision: precisions[i].rawValue, areaMin: areaBoundsKm[i]?.min.bitPattern,
                areaMax: areaBoundsKm[i]?.max.bitPattern)
        }
        return points.indices.map { i in
            let first = distinct.first[Int(distinct.group[i])]
            return first == i ? nil : first
        }
    }

    func measure(_ point: Coordinate, precision: GeoPrecision, areaBoundsKm: (min: Double, max: Double)?,
                 regionRadiusKm: Double, scratch: inout BorderIndex.Scratch) -> ProximityResult {
        let nearest = index.nearest(to: point, geodesic: geodesic, scratch: &scratch)
        var result = measureExactly(point, nearest: nearest)
        let bounds: (min: Double, max: Double)
        switch precision {
        case .exact:
            return result
        case .near:
            bounds = discBounds(centre: point, nearest: nearest, radius: nearRadiusKm * 1000, scratch: &scratch)
        case .region:
            if let areaBoundsKm {
                bounds = (areaBoundsKm.min * 1000, areaBoundsKm.max * 1000)
            } else {
                bounds = discBounds(centre: point, nearest: nearest, radius: regionRadiusKm * 1000, scratch: &scratch)
            }
        }
        result.distanceMinKm = min(bounds.min / 1000, result.distanceKm)
        result.distanceMaxKm = max(bounds.max / 1000, result.distanceKm)
        let lo = bands.index(ofKm: result.distanceMinKm), hi = bands.index(ofKm: result.distanceMaxKm)
        result.bandIndex = lo == hi ? lo : nil
        result.band = lo == hi ? bands.labels[lo] : nil
        result.bandRange = bands.range(minKm: result.distanceMinKm, maxKm: result.distanceMaxKm)
        return result
    }

    static func polygons(of geometry: Geometry) -> [[[Coordinate]]] {
        switch geometry {
        case .polygon(let rings): [rings]
        case .multiPolygon(let polygons): polygons
        default: []
        }
    }

    /// Border distance bounds in metres over the geodesic disc of `radius` metres.
    ///
    /// Usually without a search: the distance is 1-Lipschitz, so no point of the disc is
    /// nearer than D − r or farther than D + r (D the centre's distance). The point r along
    /// the geodesic from the centre toward its nearest border point is at D − r from that
    /// point, so the minimum is exactly max(0, D − r). The point r along the same geodesic
    /// the other way is D + r from it; when nothing else of the border is nearer to it
    /// (its exact distance is within a millimetre of D + r), that distance is the maximum.
    /// Otherwise (another stretch of border within reach) the disc is searched.
    func discBounds(centre: Coordinate, nearest: BorderIndex.Nearest, radius: Double,
                    scratch: inout BorderIndex.Scratch) -> (min: Double, max: Double) {
        let lowest = max(0, nearest.distance - radius)
        var start = nearest.distance
        var measured: (point: Coordinate, nearest: BorderIndex.Nearest)?
        if nearest.distance > 1e-6 {
            let away = geodesic.direct(from: centre, azimuth: nearest.awayAzimuth, distance: radius)
            // Its nearest segment is the centre's unless another stretch is in reach, and its
            // nearest point on that segment is the centre's, D + r from it: the geodesic from
            // that point through the centre leaves the segment square (or, at a vertex, at 90°
            // or more to both segments) and goes on to it. The search starts there, without
            // measuring it again.
            var seed = nearest
            seed.distance = nearest.distance + radius
            seed.awayAzimuth = away.azimuth2
            let there = index.nearest(to: away.destination, geodesic: geodesic, seed: seed, scratch: &scratch)
            if there.distance >= nearest.distance + radius - 1e-3 { return (lowest, there.distance) }
            start = max(start, there.distance)
            measured = (away.destination, there)
        }
        return (lowest, searchedDiscMaximum(centre: centre, radius: radius, start: start, nearest: nearest,
                                            measured: measured, scratch: &scratch))
    }

    /// The largest border distance over the disc, at most `tolerance` metres below the true
    /// maximum, by branch and bound; `start` is a value reached in the disc, `nearest` the
    /// border point nearest to its centre.
    ///
    /// The distance is 1-Lipschitz, so no point of a cell is farther from the border than its
    /// centre's distance plus the cell's reach (half its diagonal, measured generously). The
    /// disc's bounding square is cut into cells; a cell that cannot beat the best value seen
    /// in the disc by more than the tolerance is dropped, the others are cut in four, until
    /// every cell left is within the tolerance. A cell whose centre lies outside the disc is
    /// scored at the disc's edge toward it instead (most searched cells straddle the edge,
    /// where the maximum usually is: measuring both points cost a second border search).
    ///
    /// A measured point bounds more than its cell's reach: its second-order bound, taken at
    /// its largest over the part of the cell inside the disc (``SearchBase/bound(overCellX:y:half:rim:slack:)``),
    /// is cut off by the disc's edge where the distance grows straight out of the disc. With
    /// the reach alone, cells along the edge near the maximum had to be cut down to metres
    /// before the bound fell within the tolerance; with the edge's cut they are dropped at a
    /// few tens of metres.
    ///
    /// `measured` is a point of the disc already measured (the one straight away from the
    /// border): the first cells near it carry its bound and start from its segment, which is
    /// the other stretch that made the search necessary.
    func searchedDiscMaximum(centre: Coordinate, radius: Double, start: Double, nearest centreNearest: BorderIndex.Nearest,
                             measured: (point: Coordinate, nearest: BorderIndex.Nearest)? = nil,
                             tolerance: Double = 10, scratch: inout BorderIndex.Scratch) -> Double {
        let frame = FlatFrame(centre: centre)
        let stretch = FlatFrame.stretch(radius: radius, latitude: frame.phi)
        var best = start
        // The square holds the disc with the same allowance for the flat metric. Each cell
        // carries the point its parent measured and that point's nearest border segment: the
        // distance to that segment alone bounds the cell's from above, and most cells are
        // dropped on it without a search of the whole border; the others start their search
        // from it.
        // Each cell also carries its parent's bound, which holds for it too: cells are taken
        // from the most promising parent down, so that the best value rises early and later
        // cells are dropped on their parent's bound alone once it is reached.
        let side = radius * stretch
        let rim = frame.rim(radius: radius), slack = stretch - 1
        var cells: [SearchCell] = []
        var half = side / 4
        var bases = [SearchBase(x: 0, y: 0, nearest: centreNearest)]
        if let measured {
            let flat = frame.flat(measured.point)
            bases.append(SearchBase(x: flat.x, y: flat.y, nearest: measured.nearest))
        }
        for i in 0..<4 {
            for j in 0..<4 {
                let x = -side + half * Double(2 * i + 1), y = -side + half * Double(2 * j + 1)
                let base = bases.min {
                    $0.bound(overCellX: x, y: y, half: half, rim: rim, slack: slack)
                        < $1.bound(overCellX: x, y: y, half: half, rim: rim, slack: slack)
                }!
                cells.append(SearchCell(x: x, y: y, parentBound: .infinity, base: base))
            }
        }
        var next: [SearchCell] = []
        var scored: [(x: Double, y: Double, base: SearchBase, bound: Double)] = []
        while !cells.isEmpty {
            let reach = half * 2.0.squareRoot() * stretch
            scored.removeAll(keepingCapacity: true)
            for cell in cells {
                if cell.parentBound <= best + tolerance { continue }
                // A measured point's second-order bound at its largest over this cell's part of the disc.
                func overCell(_ base: SearchBase) -> Double {
                    base.bound(overCellX: cell.x, y: cell.y, half: half, rim: rim, slack: slack)
                }
                // Before measuring: the distance from the parent's measured point to its
                // nearest border point, carried to this cell to second order (at its centre
                // plus its reach, or at its largest over its part of the disc), bounds the
                // border distance there from above.
                let carried = min(cell.parentBound, cell.base.bound(atX: cell.x, y: cell.y, slack: slack) + reach,
                                  overCell(cell.base))
                if carried <= best + tolerance { continue }
                // The geodesic distance from the centre lies between the local-metric bounds
                // of `EllipsoidMetric`, within a thousandth of each other here; it is measured
                // only when they cannot tell inside from outside.
                let fromCentreBounds = frame.distanceBoundsFromCentre(x: cell.x, y: cell.y)
                if fromCentreBounds.lower - reach > radius { continue }
                // The point measured for the cell: its centre, or, when that lies outside the
                // disc, the disc's edge toward it. The edge is in the disc and lies on the
                // geodesic from the centre to the cell's centre, `overshoot` short of it, so no
                // point of the cell is farther from the border than the edge's distance plus
                // that plus the reach (which is within twice the reach).
                let c = frame.point(cell.x, cell.y)
                var probe = c, overshoot = 0.0, px = cell.x, py = cell.y
                if fromCentreBounds.upper > radius {
                    let fromCentre = geodesic.inverse(from: centre, to: c)
                    if fromCentre.distance - reach > radius { continue }
                    if fromCentre.distance > radius {
                        probe = geodesic.direct(from: centre, azimuth: fromCentre.azimuth1, distance: radius).destination
                        overshoot = fromCentre.distance - radius
                        (px, py) = frame.flat(probe)
                    }
                }
                // First the distance to the parent's nearest segment alone: it bounds the cell
                // as the full distance would, and is where the full search starts.
                let onSegment = index.nearest(to: probe, onSegment: cell.base.segment, geodesic: geodesic)
                let onBase = SearchBase(x: px, y: py, nearest: onSegment)
                let segmentBound = min(onSegment.distance + overshoot + reach, overCell(onBase))
                if segmentBound <= best + tolerance { continue }
                let nearest = index.nearest(to: probe, geodesic: geodesic, seed: onSegment, scratch: &scratch)
                best = max(best, nearest.distance)
                let base = SearchBase(x: px, y: py, nearest: nearest)
                scored.append((cell.x, cell.y, base,
                               min(carried, segmentBound, nearest.distance + overshoot + reach, overCell(base))))
            }
            // Cells this small are finished (twice the reach is the margin a cell whose centre
            // was outside needs).
            if 2 * reach <= tolerance { break }
            next.removeAll(keepingCapacity: true)
            let q = half / 2
            scored.sort { $0.bound > $1.bound }
            for parent in scored where parent.bound > best + tolerance {
                // By index, not over an array literal of the four offsets: that array was
                // allocated for every parent.
                for k in 0..<4 {
                    let dx = k & 1 == 0 ? -q : q, dy = k < 2 ? -q : q
                    next.append(SearchCell(x: parent.x + dx, y: parent.y + dy, parentBound: parent.bound, base: parent.base))
                }
            }
            swap(&cells, &next)
            half /= 2
        }
        return best
    }

    /// Border distance bounds in metres over polygons (lon/lat rings, the first exterior).
    func polygonBounds(_ polygons: [[[Coordinate]]]) -> (min: Double, max: Double) {
        var scratch = BorderIndex.Scratch()
        let f: (Coordinate) -> Double = { borderDistance($0, scratch: &scratch) }
        let area = OutlineIndex(polygons: polygons)
        let crosses = meetsBorder(area: area, polygons: polygons)
        var minimum = crosses ? 0.0 : Double.infinity
        var best = (value: -Double.infinity, point: Coordinate(longitude: 0, latitude: 0))
        for rings in polygons {
            for ring in rings where ring.count >= 2 {
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[(i + 1) % ring.count]
                    guard a != b else { continue }
                    let along: (Double) -> Coordinate = { t in
                        Coordinate(longitude: a.longitude + t * (b.longitude - a.longitude),
                                   latitude: a.latitude + t * (b.latitude - a.latitude))
                    }
                    let pieces = max(1, Int((geodesic.distance(from: a, to: b) / 500).rounded(.up)))
                    let values = (0...pieces).map { f(along(Double($0) / Double(pieces))) }
                    let kMin = values.indices.min { values[$0] < values[$1] }!
                    let kMax = values.indices.max { values[$0] < values[$1] }!
                    if !crosses, values[kMin] < minimum + 500 {
                        let lo = Double(max(0, kMin - 1)) / Double(pieces)
                        let hi = Double(min(pieces, kMin + 1)) / Double(pieces)
                        let refined = Self.goldenSection(lo: lo, hi: hi, sign: 1) { f(along($0)) }
                        minimum = min(minimum, refined, values[kMin])
                    }
                    if values[kMax] > best.value { best = (values[kMax], along(Double(kMax) / Double(pieces))) }
                }
            }
        }
        // The inside: a grid of at most 48 × 48 points over the bounding box.
        let box = BoundingBox(covering: polygons.flatMap { $0.flatMap { $0 } })!
        let n = 48
        let dLon = (box.east - box.west) / Double(n), dLat = (box.north - box.south) / Double(n)
        for i in 0..<n {
            for j in 0..<n {
                let c = Coordinate(longitude: box.west + (Double(i) + 0.5) * dLon,
                                   latitude: box.south + (Double(j) + 0.5) * dLat)
                guard area.contains(c) else { continue }
                let v = f(c)
                if v > best.value { best = (v, c) }
            }
        }
        let spacing = max(geodesic.distance(from: Coordinate(longitude: box.west, latitude: box.south),
                                            to: Coordinate(longitude: box.east, latitude: box.north)) / Double(n), 10)
        let maximum = climb(from: best.point, value: best.value, step: spacing, inside: { area.contains($0) }, f: f)
        return (minimum, maximum)
    }

    /// Whether any border vertex lies in the area or any border chord crosses its edges.
    func meetsBorder(area: OutlineIndex, polygons: [[[Coordinate]]]) -> Bool {
        let r = 1 / EllipsoidMetric.degree
        for k in 0..<index.segmentCount {
            let chord = index.chords[k]
            let a = Coordinate(longitude: chord.lonA * r, latitude: chord.latA * r)
            let b = Coordinate(longitude: chord.lonB * r, latitude: chord.latB * r)
            if area.contains(a) || area.contains(b) { return true }
            for rings in polygons {
                for ring in rings where ring.count >= 2 {
                    for i in 0..<ring.count where Self.chordsCross(a, b, ring[i], ring[(i + 1) % ring.count]) {
                        return true
                    }
                }
            }
        }
        return false
    }

    static func chordsCross(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Bool {
        func orient(_ p: Coordinate, _ q: Coordinate, _ r: Coordinate) -> Double {
            (q.longitude - p.longitude) * (r.latitude - p.latitude)
                - (q.latitude - p.latitude) * (r.longitude - p.longitude)
        }
        let o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b)
        return (o1 * o2 <= 0) && (o3 * o4 <= 0)
    }

    /// Golden-section search for the minimum (sign 1) or maximum (sign -1) of `g` on [lo, hi];
    /// returns the extreme value found.
    static func goldenSection(lo: Double, hi: Double, sign: Double, _ g: (Double) -> Double) -> Double {
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = lo, b = hi
        var c = b - ratio * (b - a), d = a + ratio * (b - a)
        var gc = sign * g(c), gd = sign * g(d)
        for _ in 0..<60 {
            if gc < gd {
                b = d; d = c; gd = gc
                c = b - ratio * (b - a); gc = sign * g(c)
            } else {
                a = c; c = d; gc = gd
                d = a + ratio * (b - a); gd = sign * g(d)
            }
            if b - a < 1e-12 * max(1, abs(a)) { break }
        }
        return sign * min(gc, gd)
    }

    /// Pattern search for a local maximum of `f` inside the area, from a sample; step in metres.
    func climb(from start: Coordinate, value: Double, step: Double, inside: (Coordinate) -> Bool,
               f: (Coordinate) -> Double) -> Double {
        var point = start, best = value, step = step
        while step > 0.01 {
            var moved = false
            for j in 0..<8 {
                let c = geodesic.direct(from: point, azimuth: Double(j) * 45, distance: step).destination
                guard inside(c) else { continue }
                let v = f(c)
                if v > best { best = v; point = c; moved = true }
            }
            if !moved { step /= 2 }
        }
        return best
    }
}

/// A cell of the disc search, in metres east and north of the disc's centre in its flat
/// frame: the point its parent measured (with that point's nearest segment), and its
/// parent's bound.
struct SearchCell {
    var x: Double, y: Double
    var parentBound: Double
    var base: SearchBase
}

/// Metres east and north of a disc's centre, scaled by the ellipsoid's radii there.
struct FlatFrame {
    let centre: Coordinate
    /// The centre's latitude in radians, and the meridional and parallel radii there.
    let phi: Double, m: Double, p: Double

    init(centre: Coordinate) {
        self.centre = centre
        phi = centre.latitude * EllipsoidMetric.degree
        m = EllipsoidMetric.meridional(phi)
        p = EllipsoidMetric.parallel(phi)
    }

    /// How far the frame's lengths and directions may stray from the ellipsoid's within
    /// `radius` metres of the centre: about (r / R) tan φ, allowed ten times over, and at
    /// least 1%.
    static func stretch(radius: Double, latitude phi: Double) -> Double {
        1.01 + 10 * (radius / 6_335_000) * (abs(tan(min(abs(phi), 1.4))) + 1)
    }

    func point(_ x: Double, _ y: Double) -> Coordinate {
        let d = EllipsoidMetric.degree
        return Coordinate(longitude: centre.longitude + x / p / d, latitude: centre.latitude + y / m / d)
    }

    func flat(_ c: Coordinate) -> (x: Double, y: Double) {
        let d = EllipsoidMetric.degree
        return ((c.longitude - centre.longitude) * d * p, (c.latitude - centre.latitude) * d * m)
    }

    /// The radius of a circle about the frame's origin that holds the geodesic disc of
    /// `radius` metres: a disc point's lower distance bound (below) is at most `radius`, and
    /// over the disc's latitudes that bound is at least the smaller ratio of the least radii
    /// to the centre's times the flat length.
    /// Infinite (no cut) where the parallels shrink to nothing, at a pole.
    func rim(radius: Double) -> Double {
        let reach = 1.01 * radius / m + EllipsoidMetric.bulge(distance: 1.01 * radius, latitude: phi)
        let least = EllipsoidMetric.minima(lo: phi - reach, hi: phi + reach)
        let ratio = min(least.m / m, least.p / p)
        guard ratio > 0, ratio.isFinite else { return .infinity }
        return radius / ratio * (1 + 1e-9) + 1e-3
    }

    /// Lower and upper bounds of the geodesic distance from the centre to `point(x, y)`: the
    /// band bounds of `EllipsoidMetric`, within a thousandth of each other within tens of
    /// kilometres.
    func distanceBoundsFromCentre(x: Double, y: Double) -> (lower: Double, upper: Double) {
        let dPhi = y / m, dLambda = x / p
        let lo = min(phi, phi + dPhi), hi = max(phi, phi + dPhi)
        let most = EllipsoidMetric.maxima(lo: lo, hi: hi)
        let upper = ((most.m * dPhi) * (most.m * dPhi) + (most.p * dLambda) * (most.p * dLambda)).squareRoot()
        let bulge = EllipsoidMetric.bulge(distance: upper, latitude: phi)
        let least = EllipsoidMetric.minima(lo: lo - bulge, hi: hi + bulge)
        let lower = ((least.m * dPhi) * (least.m * dPhi) + (least.p * dLambda) * (least.p * dLambda)).squareRoot()
        return (lower, upper)
    }
}

/// A point of the disc search whose border distance was measured, with its nearest border
/// segment and the unit vector (in the flat frame) pointing straight away from it.
struct SearchBase {
    var x: Double, y: Double
    var distance: Double
    var segment: Int
    var awayX: Double, awayY: Double

    init(x: Double, y: Double, nearest: BorderIndex.Nearest) {
        self.x = x
        self.y = y
        distance = nearest.distance
        segment = nearest.segment
        let a = nearest.awayAzimuth * EllipsoidMetric.degree
        awayX = sin(a)
        awayY = cos(a)
    }

    /// An upper bound of the border distance at (x, y) from this point's alone: with v the
    /// step from here and g the way straight away from the nearest border point F, the
    /// distance to F is at most D + g·v + |v|²/(2D) on a plane (the square root is concave),
    /// and no more on the ellipsoid, whose positive curvature only shortens it (Toponogov's
    /// hinge comparison); `slack` times |v|, and a percent more of the square, cover the flat
    /// frame's distortion of v and of the direction.
    @inline(__always)
    func bound(atX px: Double, y py: Double, slack: Double) -> Double {
        guard distance > 1 else { return .infinity }
        let vx = px - x, vy = py - y
        let v2 = vx * vx + vy * vy
        return distance + vx * awayX + vy * awayY + 1.01 * v2 / (2 * distance) + slack * v2.squareRoot()
    }

    /// The same bound, maximised over the part of the square cell of centre (cx, cy) and half
    /// side `half` that lies within `rim` of the frame's origin (which holds the disc; see
    /// ``FlatFrame/rim(radius:)``); -∞ when the cell misses that circle.
    ///
    /// Its terms are maximised one by one: the step along g over the cell's part of the disc
    /// (exactly: the largest of g·q over a square cut by a circle is at a corner inside the
    /// circle, where a side crosses it, or at the circle's point along g), and the square
    /// and slack terms at the cell's corner farthest from here. Near the disc's edge, where
    /// the distance grows straight out of the disc, this is much tighter than the value at
    /// the cell's centre plus the cell's reach: the circle cuts off the growth.
    func bound(overCellX cx: Double, y cy: Double, half: Double, rim: Double, slack: Double) -> Double {
        guard distance > 1 else { return .infinity }
        let step = Self.largestStep(alongX: awayX, y: awayY, cellX: cx, y: cy, half: half, rim: rim)
        guard step > -.infinity else { return -.infinity }
        let fx = abs(cx - x) + half, fy = abs(cy - y) + half
        let far2 = fx * fx + fy * fy
        return distance + step - (awayX * x + awayY * y) + 1.01 * far2 / (2 * distance) + slack * far2.squareRoot()
    }

    /// The largest g·q over the square of centre (cx, cy) and half side `half` within `rim`
    /// of the origin, for a unit vector g = (gx, gy); -∞ when they do not meet.
    static func largestStep(alongX gx: Double, y gy: Double, cellX cx: Double, y cy: Double, half: Double,
                            rim: Double) -> Double {
        let west = cx - half, east = cx + half, south = cy - half, north = cy + half
        // The circle's own largest point, when the square holds it.
        let px = rim * gx, py = rim * gy
        if px >= west && px <= east && py >= south && py <= north { return rim }
        var best = -Double.infinity
        let r2 = rim * rim
        // Over indices, not array literals of corners and sides: those were allocated on
        // every call, several times for each cell of a search.
        for k in 0..<4 {
            let qx = k & 1 == 0 ? west : east, qy = k < 2 ? south : north
            if qx * qx + qy * qy <= r2 { best = max(best, gx * qx + gy * qy) }
        }
        // Where each side's line meets the circle, within the side.
        for k in 0..<2 {
            let side = k == 0 ? west : east
            guard side * side <= r2 else { continue }
            let h = (r2 - side * side).squareRoot()
            if -h >= south && -h <= north { best = max(best, gx * side - gy * h) }
            if h >= south && h <= north { best = max(best, gx * side + gy * h) }
        }
        for k in 0..<2 {
            let side = k == 0 ? south : north
            guard side * side <= r2 else { continue }
            let h = (r2 - side * side).squareRoot()
            if -h >= west && -h <= east { best = max(best, -gx * h + gy * side) }
            if h >= west && h <= east { best = max(best, gx * h + gy * side) }
        }
        return best
    }
}
