import Dispatch
import Foundation
import GeoCore
import GeoGEOS

/// Builds the ``Cluster`` summaries (GeoCore) from DBSCAN labels.
///
/// Hulls come from GEOS. The convex hull is computed in lon/lat degrees: a local
/// equirectangular projection is an affine map of degrees, and convexity survives affine
/// maps, so that hull is the same polygon in either. The concave hull depends on edge
/// lengths, so it is computed in a local equirectangular projection around the cluster's
/// centroid (x = Δλ cos φ₀, y = Δφ, in degrees of latitude) and mapped back; over a cluster a
/// few km across that projection distorts lengths by far less than 1 %.
public struct ClusterSummaries {
    /// Concave hull ratio for `GEOSConcaveHull_r` (0 most concave, 1 convex).
    public var concaveRatio: Double = 0.3
    let context: GEOSContext

    /// Uses `context` for every GEOS call; one context per thread, as GEOS requires.
    public init(context: GEOSContext = GEOSContext()) {
        self.context = context
    }

    /// One summary per cluster, ordered by id.
    ///
    /// - Parameters:
    ///   - points: the clustered coordinates, as given to ``DBSCAN/cluster(_:days:)``.
    ///   - labels: its result.
    ///   - dates: optional date per point, for first and last date.
    ///   - eventTypes: optional ACLED event type per point, for the counts.
    ///   - borderDistancesKm: optional border distance per point, for the nearest member.
    ///   - workers: threads computing hulls. With more than one, each worker uses a GEOS
    ///     context of its own (GEOS contexts are per thread) and this summariser's context is
    ///     left alone; the result is the same.
    public func summaries(points: [Coordinate], labels: ClusterLabels, dates: [CalendarDate?]? = nil,
                          eventTypes: [String?]? = nil, borderDistancesKm: [Double]? = nil,
                          workers: Int = 1) throws -> [Cluster] {
        var grouped = [[Int]](repeating: [], count: labels.clusterCount)
        for (i, label) in labels.labels.enumerated() {
            if let label { grouped[label - 1].append(i) }
        }
        let members = grouped
        @Sendable func summary(_ k: Int, using summariser: ClusterSummaries) throws -> Cluster {
            let indices = members[k]
            let coordinates = indices.map { points[$0] }
            let memberDates = indices.compactMap { dates?[$0] }
            var counts: [String: Int] = [:]
            for i in indices { if let type = eventTypes?[i] { counts[type, default: 0] += 1 } }
            let centroid = Self.centroid(coordinates)
            let nearest = borderDistancesKm.flatMap { Self.nearestBorderDistanceKm(of: indices, in: $0) }
            return Cluster(id: k + 1, members: indices, firstDate: memberDates.min(), lastDate: memberDates.max(),
                           eventTypeCounts: counts, centroid: centroid,
                           convexHull: try summariser.convexHull(coordinates),
                           concaveHull: try summariser.concaveHull(coordinates, around: centroid),
                           nearestBorderDistanceKm: nearest)
        }
        let workers = max(1, min(workers, members.count))
        guard workers > 1 else { return try members.indices.map { try summary($0, using: self) } }

        // A few clusters can hold most of the points, so workers take the largest first from
        // one shared queue rather than fixed shares.
        let largestFirst = members.indices.sorted { members[$0].count > members[$1].count }
        let queue = WorkChunks(count: largestFirst.count, size: 1)
        var results = [Result<Cluster, Error>?](repeating: nil, count: members.count)
        let ratio = concaveRatio
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var summariser = ClusterSummaries(context: GEOSContext())
                summariser.concaveRatio = ratio
                while let next = queue.take() {
                    let k = largestFirst[next.lowerBound]
                    slots[k] = Result { try summary(k, using: summariser) }
                }
            }
        }
        return try results.map { try $0!.get() }
    }

    /// The smallest of the members' border distances: a cluster's nearest to the border.
    public static func nearestBorderDistanceKm(of members: [Int], in distancesKm: [Double]) -> Double? {
        members.lazy.map { distancesKm[$0] }.min()
    }

    /// The mean longitude and latitude: within centimetres of the geodesic centroid for
    /// clusters a few km across; not meant for point sets spanning the antimeridian.
    static func centroid(_ coordinates: [Coordinate]) -> Coordinate {
        let n = Double(coordinates.count)
        return Coordinate(longitude: coordinates.reduce(0) { $0 + $1.longitude } / n,
                          latitude: coordinates.reduce(0) { $0 + $1.latitude } / n)
    }

    /// Convex hull in lon/lat degrees.
    ///
    /// The corresponding C function is `GEOSConvexHull_r` (through GeoGEOS). It is given
    /// ``hullCandidates(_:)`` only: the same hull, without a GEOS point made and sorted into a
    /// set for each of a large cluster's members (a few hundred thousand in a million-row run).
    public func convexHull(_ coordinates: [Coordinate]) throws -> Geometry {
        try GEOSGeometry(.multiPoint(Self.hullCandidates(coordinates)), context: context).convexHull().geometry()
    }

    /// The points that may lie on the convex hull: all but those strictly inside the polygon
    /// of the extreme points in eight directions (x, y, x + y, x − y, each way; Akl and
    /// Toussaint's heuristic), in their order.
    ///
    /// A point strictly to the left of every edge of that ring (counter-clockwise) is strictly
    /// inside the hull of its vertices, so it is neither a vertex nor on an edge of the hull,
    /// and the hull of the rest is the same polygon; with ties among the extremes the ring may
    /// fold back on itself, and then no point is left of every edge. Only points left of every
    /// edge by a margin far above the rounding of the cross products (1e-12 square degrees
    /// for clusters a degree across, growing with the square of the span) are left out; a
    /// point near an edge is kept, which costs nothing but its place in the input.
    static func hullCandidates(_ points: [Coordinate]) -> [Coordinate] {
        guard points.count > 8 else { return points }
        // Counter-clockwise from the lowest point: the largest of −y, x − y, x, x + y, y,
        // y − x, −x and −x − y.
        var best = [Double](repeating: -.infinity, count: 8), at = [Int](repeating: 0, count: 8)
        for (i, p) in points.enumerated() {
            let x = p.longitude, y = p.latitude
            let score = (-y, x - y, x, x + y, y, y - x, -x, -x - y)
            if score.0 > best[0] { best[0] = score.0; at[0] = i }
            if score.1 > best[1] { best[1] = score.1; at[1] = i }
            if score.2 > best[2] { best[2] = score.2; at[2] = i }
            if score.3 > best[3] { best[3] = score.3; at[3] = i }
            if score.4 > best[4] { best[4] = score.4; at[4] = i }
            if score.5 > best[5] { best[5] = score.5; at[5] = i }
            if score.6 > best[6] { best[6] = score.6; at[6] = i }
            if score.7 > best[7] { best[7] = score.7; at[7] = i }
        }
        var ring: [Coordinate] = []
        for i in at where points[i] != ring.last && points[i] != ring.first { ring.append(points[i]) }
        guard ring.count >= 3 else { return points }
        let span = max(best[2] + best[6], best[4] + best[0])
        let margin = 1e-12 * max(1, span * span)
        let edges = ring.indices.map { (a: ring[$0], b: ring[($0 + 1) % ring.count]) }
        return points.filter { p in
            !edges.allSatisfy { e in
                (e.b.longitude - e.a.longitude) * (p.latitude - e.a.latitude)
                    - (e.b.latitude - e.a.latitude) * (p.longitude - e.a.longitude) > margin
            }
        }
    }

    /// Concave hull, computed in a local equirectangular projection around `centre`.
    ///
    /// The corresponding C function is `GEOSConcaveHull_r` (through GeoGEOS). GEOS takes
    /// the hull's sites from the coordinates of the geometry it is given, whatever its type
    /// (the triangulation is built from its unique coordinates, sorted), so the points go in
    /// as the vertices of one line string: one coordinate sequence copied from a buffer,
    /// where a multipoint was a GEOS point made, read and freed for each of a hundred
    /// thousand members.
    public func concaveHull(_ coordinates: [Coordinate], around centre: Coordinate) throws -> Geometry {
        let scale = cos(centre.latitude * .pi / 180)
        guard scale > 1e-9 else { return try convexHull(coordinates) }
        let local = coordinates.map {
            Coordinate(longitude: ($0.longitude - centre.longitude) * scale, latitude: $0.latitude - centre.latitude)
        }
        let sites: Geometry = local.count >= 2 ? .lineString(local) : .multiPoint(local)
        let hull = try GEOSGeometry(sites, context: context).concaveHull(ratio: concaveRatio).geometry()
        return Self.map(hull) {
            Coordinate(longitude: centre.longitude + $0.longitude / scale, latitude: centre.latitude + $0.latitude)
        }
    }

    static func map(_ geometry: Geometry, _ f: (Coordinate) -> Coordinate) -> Geometry {
        switch geometry {
        case .point(let c): .point(f(c))
        case .multiPoint(let cs): .multiPoint(cs.map(f))
        case .lineString(let cs): .lineString(cs.map(f))
        case .multiLineString(let ls): .multiLineString(ls.map { $0.map(f) })
        case .polygon(let rs): .polygon(rs.map { $0.map(f) })
        case .multiPolygon(let ps): .multiPolygon(ps.map { $0.map { $0.map(f) } })
        }
    }
}
