import Dispatch
import Foundation
import GeoCore
import GeoProj

/// The outcome of ``DBSCAN/cluster(_:days:)``, in the order of the input points.
public struct ClusterLabels: Sendable, Hashable {
    /// Cluster id per point (1-based), nil for noise.
    public var labels: [Int?]
    /// Whether each point is a core point (at least `minPoints` neighbours, itself included).
    public var isCore: [Bool]
    /// Number of clusters; ids run from 1 to this.
    public var clusterCount: Int
}

/// Density-based clustering (DBSCAN) with geodesic distance on WGS84, optionally in time too.
///
/// Two points are neighbours when their geodesic distance is at most `epsKm` and, with a
/// `windowDays`, their day numbers differ by at most that. A border point (not core, but
/// neighbour of a core point) joins the cluster of its nearest core neighbour (ties: the
/// lower input index). Clusters are numbered from 1 by their first member: earliest day,
/// then longitude, then latitude, then input index. The result is the same as all-pairs
/// DBSCAN with exact geodesic distances.
///
/// How it stays fast: a grid whose cells are at least eps wide, the rigorous distance
/// bounds of ``EllipsoidMetric`` (so `geod_inverse` runs only for pairs within centimetres
/// of eps, or across the equator), neighbour counting that stops at `minPoints`, and
/// union-find over core points, in parallel; points that repeat (an export's rows at their
/// town's coordinates) are clustered once, weighted by their copies. No neighbour lists are
/// kept: memory is a few arrays of n numbers. Points do not link across the antimeridian.
public struct DBSCAN: Sendable {
    public var epsKm: Double
    public var minPoints: Int
    public var windowDays: Int?
    public var workers: Int = 2

    public init(epsKm: Double, minPoints: Int, windowDays: Int? = nil) {
        precondition(epsKm > 0 && minPoints >= 1, "DBSCAN needs eps > 0 and minPoints >= 1")
        self.epsKm = epsKm
        self.minPoints = minPoints
        self.windowDays = windowDays
    }

    /// Clusters `points`; `days` (e.g. `CalendarDate.dayNumber`), when given, has one entry
    /// per point and orders cluster numbers; it limits neighbours only with `windowDays`.
    public func cluster(_ points: [Coordinate], days: [Int]? = nil) -> ClusterLabels {
        precondition(days == nil || days!.count == points.count, "days must have one entry per point")
        // An export gives every incident in or near a town the town's coordinates: points
        // that repeat (with their day, when days are given) are clustered once, weighted by
        // how often they occur. Copies share every neighbour, so they are core together and
        // join the same cluster; each distinct point keeps its first copy's index, which is
        // the one the ties and the numbering would pick among them.
        if let distinct = DistinctPoints(points, days: days) {
            let inner = cluster(distinct.points, days: distinct.days, weights: distinct.weights)
            return ClusterLabels(labels: distinct.group.map { inner.labels[Int($0)] },
                                 isCore: distinct.group.map { inner.isCore[Int($0)] },
                                 clusterCount: inner.clusterCount)
        }
        return cluster(points, days: days, weights: nil)
    }

    /// Clusters `points`, each standing for `weights[i]` copies of itself (1 when nil).
    func cluster(_ points: [Coordinate], days: [Int]?, weights: [Int]?) -> ClusterLabels {
        let n = points.count
        guard n > 0 else { return ClusterLabels(labels: [], isCore: [], clusterCount: 0) }
        let grid = SpatialGrid(points: points, days: days, eps: epsKm * 1000,
                               window: days == nil ? nil : windowDays)
        let workers = max(1, min(self.workers, n))
        let minPoints = self.minPoints

        // Core flags, counting neighbours (with their copies) until minPoints.
        let weightAt = weights.map { w in grid.original.map { w[$0] } }
        var core = [Bool](repeating: false, count: n)
        core.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in (n * w / workers)..<(n * (w + 1) / workers) {
                    var count = 0
                    grid.forEachNeighbour(of: i) { j in
                        count += weightAt?[j] ?? 1
                        return count < minPoints
                    }
                    out[i] = count >= minPoints
                }
            }
        }

        // Union-find over core points: each worker links the core pairs it finds from its
        // own range in a forest of its own; the forests are merged afterwards.
        //
        // Without a time window, a worker first joins the core neighbours inside each of its
        // cells and marks every cell whose core points all fall in one set with one of them.
        // A point then needs one look-up to skip a marked cell, or one core neighbour in it
        // to join the whole set, instead of a walk over all its members. Sets only grow, so
        // a mark stays true; a walk that ends with every core member joined marks the cell
        // too. Time windows cut cells into day ranges, so there every member is walked.
        let forests = (0..<workers).map { _ in UnionFind(count: n) }
        let markCells = windowDays == nil || days == nil
        core.withUnsafeBufferPointer { coreFlags in
            nonisolated(unsafe) let coreFlags = coreFlags
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let forest = forests[w]
                let range = (n * w / workers)..<(n * (w + 1) / workers)
                var unified = [Int32](repeating: -1, count: markCells ? grid.cellCount : 0)
                if markCells, !range.isEmpty {
                    let cells = grid.cell(of: range.lowerBound)...grid.cell(of: range.upperBound - 1)
                    for cell in cells {
                        let members = grid.members(ofCell: cell)
                        guard range.contains(members.lowerBound) else { continue }
                        for i in members where coreFlags[i] {
                            for j in (i + 1)..<members.upperBound where coreFlags[j] {
                                if forest.find(i) != forest.find(j), grid.areNeighbours(i, j) { forest.union(i, j) }
                            }
                        }
                        var member = -1, joined = true
                        for j in members where coreFlags[j] {
                            if member < 0 { member = j } else if forest.find(j) != forest.find(member) {
                                joined = false
                                break
                            }
                        }
                        if joined, member >= 0 { unified[cell] = Int32(member) }
                    }
                }
                for i in range where coreFlags[i] {
                    grid.forEachCell(around: i) { cell, members in
                        if markCells, unified[cell] >= 0 {
                            if forest.find(i) == forest.find(Int(unified[cell])) { return true }
                            for j in members where coreFlags[j] && grid.areNeighbours(i, j) {
                                forest.union(i, j)
                                break
                            }
                            return true
                        }
                        var joined = true
                        var member = -1
                        for j in members where coreFlags[j] {
                            member = j
                            if forest.find(i) == forest.find(j) { continue }
                            if j > i && grid.areNeighbours(i, j) {
                                forest.union(i, j)
                            } else {
                                joined = false
                            }
                        }
                        if markCells, joined, member >= 0 { unified[cell] = Int32(member) }
                        return true
                    }
                }
            }
        }
        let forest = forests[0]
        for other in forests.dropFirst() {
            for i in 0..<n where core[i] { forest.union(i, other.find(i)) }
        }

        // Border points take their nearest core neighbour's root. Only the core neighbours
        // that may be the nearest are measured exactly: one whose distance is bounded from
        // below by more than another's is bounded from above cannot be it, nor tie with it
        // (measuring every core neighbour was two fifths of DBSCAN's instructions on the
        // benchmark's rows).
        var owner = [Int32](repeating: -1, count: n)
        core.withUnsafeBufferPointer { coreFlags in
            owner.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let coreFlags = coreFlags, out = out
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var candidates: [(j: Int, lowSquared: Double)] = []
                    for i in (n * w / workers)..<(n * (w + 1) / workers) {
                        if coreFlags[i] { out[i] = Int32(i); continue }
                        candidates.removeAll(keepingCapacity: true)
                        var nearestHighSquared = Double.infinity
                        grid.forEachNeighbour(of: i) { j in
                            guard coreFlags[j] else { return true }
                            let bounds = grid.squaredDistanceBounds(i, j) ?? (low: 0, high: .infinity)
                            nearestHighSquared = min(nearestHighSquared, bounds.high)
                            candidates.append((j, bounds.low))
                            return true
                        }
                        // A margin far above the bounds' rounding (10⁻¹² relative).
                        let limit = nearestHighSquared * (1 + 1e-9)
                        var best = -1, bestDistance = Double.infinity, bestIndex = Int.max
                        for (j, lowSquared) in candidates where lowSquared <= limit {
                            let d = grid.exactDistance(i, j), index = grid.original[j]
                            if d < bestDistance || (d == bestDistance && index < bestIndex) {
                                best = j; bestDistance = d; bestIndex = index
                            }
                        }
                        out[i] = Int32(best)
                    }
                }
            }
        }

        // Number clusters by their first member: earliest day, then longitude, latitude and
        // input index. Arrays indexed by root, not dictionaries: every point is looked up.
        func precedes(_ i: Int, _ j: Int) -> Bool {
            let a = grid.original[i], b = grid.original[j]
            let ka = (days?[a] ?? 0, points[a].longitude, points[a].latitude, a)
            let kb = (days?[b] ?? 0, points[b].longitude, points[b].latitude, b)
            return ka < kb
        }
        var rootOf = [Int32](repeating: -1, count: n)
        var firstOfRoot = [Int32](repeating: -1, count: n)
        for i in 0..<n where owner[i] >= 0 {
            let root = forest.find(Int(owner[i]))
            rootOf[i] = Int32(root)
            if firstOfRoot[root] < 0 || precedes(i, Int(firstOfRoot[root])) { firstOfRoot[root] = Int32(i) }
        }
        let ordered = (0..<n).filter { firstOfRoot[$0] >= 0 }
            .sorted { precedes(Int(firstOfRoot[$0]), Int(firstOfRoot[$1])) }
        var idOfRoot = [Int32](repeating: 0, count: n)
        for (k, root) in ordered.enumerated() { idOfRoot[root] = Int32(k + 1) }

        var labels = [Int?](repeating: nil, count: n)
        var isCore = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let original = grid.original[i]
            isCore[original] = core[i]
            if rootOf[i] >= 0 { labels[original] = Int(idOfRoot[Int(rootOf[i])]) }
        }
        return ClusterLabels(labels: labels, isCore: isCore, clusterCount: ordered.count)
    }
}

/// The distinct points of a set that repeats often, for ``DBSCAN``: each with its day (when
/// days are given) and how many times it occurs, in the order of first occurrence.
struct DistinctPoints {
    var points: [Coordinate]
    var days: [Int]?
    var weights: [Int]
    /// The distinct point each input point is a copy of.
    var group: [Int32]

    /// Nil unless at least one in sixteen of the first 4,096 points repeats an earlier one:
    /// otherwise finding the distinct points costs more than it saves.
    init?(_ input: [Coordinate], days inputDays: [Int]?) {
        struct Key: Hashable { let longitude: UInt64, latitude: UInt64, day: Int }
        func key(_ i: Int) -> Key {
            Key(longitude: input[i].longitude.bitPattern, latitude: input[i].latitude.bitPattern,
                day: inputDays?[i] ?? 0)
        }
        guard DistinctItems.repeatOften(count: input.count, key: key) else { return nil }
        let distinct = DistinctItems(count: input.count, key: key)
        group = distinct.group
        points = distinct.first.map { input[$0] }
        days = inputDays.map { d in distinct.first.map { d[$0] } }
        weights = [Int](repeating: 0, count: distinct.first.count)
        for g in group { weights[Int(g)] += 1 }
    }
}

/// Disjoint sets over 0..<count with path halving and union by index (deterministic).
final class UnionFind: @unchecked Sendable {
    // Each instance is used by one worker at a time, then read on one thread; so the
    // run-time exclusivity checks of a class's stored array (a third of `find` in a
    // profile) are switched off for it.
    @exclusivity(unchecked) var parent: [Int32]

    init(count: Int) { parent = (0..<count).map { Int32($0) } }

    func find(_ x: Int) -> Int {
        var x = x
        while Int(parent[x]) != x {
            parent[x] = parent[Int(parent[x])]
            x = Int(parent[x])
        }
        return x
    }

    func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra == rb { return }
        if ra < rb { parent[rb] = Int32(ra) } else { parent[ra] = Int32(rb) }
    }
}
