import Foundation
import GeoCore
import GeoProj

/// Points sorted into a lon/lat grid whose cells are at least eps across, so every
/// neighbour of a point lies in the 3 × 3 cells around it; within a cell, points are sorted
/// by day so a time window is a binary search.
///
/// Distances are decided by the rigorous bounds of ``EllipsoidMetric`` and, only when those
/// cannot decide, by `geod_inverse`: the answer is always the exact geodesic one.
struct SpatialGrid: Sendable {
    let eps: Double
    let window: Int?
    /// Per point, in grid order: radians, local scales M and N cos φ in metres, day.
    let lat: [Double], lon: [Double], m: [Double], p: [Double], day: [Int]
    /// The input coordinates in grid order, for `geod_inverse` on exactly the user's values.
    let coordinates: [Coordinate]
    /// Input index of each point in grid order.
    let original: [Int]
    let cellX: [Int32], cellY: [Int32]
    let cellStart: [Int32]
    let nx: Int, ny: Int
    /// Relative allowance on N cos φ for the poleward bulge of a geodesic of length eps.
    let bulgeFactor: Double

    init(points: [Coordinate], days: [Int]?, eps: Double, window: Int?) {
        self.eps = eps
        self.window = window
        let d = EllipsoidMetric.degree
        let n = points.count
        var south = Double.infinity, north = -Double.infinity, west = Double.infinity
        var highest = 0.0, lowest = Double.infinity
        for c in points {
            south = min(south, c.latitude * d); north = max(north, c.latitude * d)
            west = min(west, c.longitude * d)
            highest = max(highest, abs(c.latitude * d)); lowest = min(lowest, abs(c.latitude * d))
        }
        if south <= 0 && north >= 0 { lowest = 0 }
        let pad = EllipsoidMetric.bulge(distance: eps, latitude: highest)
        bulgeFactor = 1 - (min(abs(tan(min(highest + pad, 1.5))), 1e3) * pad * 2 + 1e-12)
        // No neighbour is farther than these in latitude and longitude (radians).
        var height = eps / EllipsoidMetric.meridional(lowest)
        let narrowest = EllipsoidMetric.parallel(min(highest + pad, Double.pi / 2)) * bulgeFactor
        var width = narrowest > eps / Double.pi ? eps / narrowest : 2 * Double.pi
        var nx = 0, ny = 0
        var east = -Double.infinity
        for c in points { east = max(east, c.longitude * d) }
        // Coarser cells are still correct (just slower); keep the cell table near n entries.
        while true {
            nx = Int((east - west) / width) + 1
            ny = Int((north - south) / height) + 1
            if nx * ny <= max(4 * n, 1 << 16) { break }
            width *= 2; height *= 2
        }
        self.nx = nx; self.ny = ny
        var cx = [Int32](repeating: 0, count: n), cy = [Int32](repeating: 0, count: n)
        var counts = [Int32](repeating: 0, count: nx * ny + 1)
        for (i, c) in points.enumerated() {
            cx[i] = Int32(min(nx - 1, Int((c.longitude * d - west) / width)))
            cy[i] = Int32(min(ny - 1, Int((c.latitude * d - south) / height)))
            counts[Int(cy[i]) * nx + Int(cx[i]) + 1] += 1
        }
        for k in 1..<counts.count { counts[k] += counts[k - 1] }
        var fill = counts
        var order = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let key = Int(cy[i]) * nx + Int(cx[i])
            order[Int(fill[key])] = i
            fill[key] += 1
        }
        if let days {
            for key in 0..<(nx * ny) where counts[key + 1] - counts[key] > 1 {
                order[Int(counts[key])..<Int(counts[key + 1])].sort { (days[$0], $0) < (days[$1], $1) }
            }
        }
        original = order
        coordinates = order.map { points[$0] }
        lat = order.map { points[$0].latitude * d }
        lon = order.map { points[$0].longitude * d }
        m = lat.map { EllipsoidMetric.meridional($0) }
        p = lat.map { EllipsoidMetric.parallel($0) }
        day = days.map { days in order.map { days[$0] } } ?? [Int](repeating: 0, count: n)
        cellX = order.map { cx[$0] }
        cellY = order.map { cy[$0] }
        cellStart = counts
    }

    /// Number of cells; cell keys run from 0 to this.
    var cellCount: Int { nx * ny }

    /// The members of `cell`, in grid order.
    @inline(__always)
    func members(ofCell cell: Int) -> Range<Int> { Int(cellStart[cell])..<Int(cellStart[cell + 1]) }

    /// The cell of point `i`.
    @inline(__always)
    func cell(of i: Int) -> Int { Int(cellY[i]) * nx + Int(cellX[i]) }

    /// Calls `body` with each of the 3 × 3 cells around `i` (its key, and its members in
    /// grid order within the time window), until it returns false.
    @inline(__always)
    func forEachCell(around i: Int, _ body: (_ cell: Int, _ members: Range<Int>) -> Bool) {
        let x = Int(cellX[i]), y = Int(cellY[i])
        for yy in max(0, y - 1)...min(ny - 1, y + 1) {
            for xx in max(0, x - 1)...min(nx - 1, x + 1) {
                let key = yy * nx + xx
                var lo = Int(cellStart[key])
                var hi = Int(cellStart[key + 1])
                if let window {
                    lo = lowerBound(day[i] - window, lo, hi)
                    hi = lowerBound(day[i] + window + 1, lo, hi)
                }
                if !body(key, lo..<hi) { return }
            }
        }
    }

    /// Calls `body` with every point in the 3 × 3 cells around `i` (and within the time
    /// window), `i` included, until it returns false.
    @inline(__always)
    func forEachCandidate(of i: Int, _ body: (Int) -> Bool) {
        forEachCell(around: i) { _, members in
            for j in members where !body(j) { return false }
            return true
        }
    }

    /// Calls `body` with every neighbour of `i` (itself included) until it returns false.
    @inline(__always)
    func forEachNeighbour(of i: Int, _ body: (Int) -> Bool) {
        forEachCandidate(of: i) { j in
            areNeighbours(i, j) ? body(j) : true
        }
    }

    @inline(__always)
    func lowerBound(_ value: Int, _ lo: Int, _ hi: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = (lo + hi) >> 1
            if day[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether points `i` and `j` are within eps on the ellipsoid (and within the window).
    @inline(__always)
    func areNeighbours(_ i: Int, _ j: Int) -> Bool {
        if i == j { return true }
        if let window, abs(day[i] - day[j]) > window { return false }
        let e2 = eps * eps
        if let bounds = squaredDistanceBounds(i, j) {
            if bounds.low > e2 * (1 + 1e-12) { return false }
            if bounds.high < e2 * (1 - 1e-12) { return true }
        }
        return exactDistance(i, j) <= eps
    }

    /// Bounds on the square of the geodesic distance between points `i` and `j` (m²), from
    /// the local scales at both ends (``EllipsoidMetric``), rigorous up to a relative 10⁻¹²
    /// of rounding for points up to eps apart; nil across the equator, where they do not hold.
    @inline(__always)
    func squaredDistanceBounds(_ i: Int, _ j: Int) -> (low: Double, high: Double)? {
        guard lat[i] * lat[j] > 0 else { return nil }
        let dphi = lat[j] - lat[i], dlambda = lon[j] - lon[i]
        let mLow = min(m[i], m[j]), pLow = min(p[i], p[j]) * bulgeFactor
        let mHigh = max(m[i], m[j]), pHigh = max(p[i], p[j])
        return ((mLow * dphi) * (mLow * dphi) + (pLow * dlambda) * (pLow * dlambda),
                (mHigh * dphi) * (mHigh * dphi) + (pHigh * dlambda) * (pHigh * dlambda))
    }

    /// Geodesic distance in metres between points `i` and `j`.
    @inline(__always)
    func exactDistance(_ i: Int, _ j: Int) -> Double {
        Geodesic.wgs84.distance(from: coordinates[i], to: coordinates[j])
    }
}
