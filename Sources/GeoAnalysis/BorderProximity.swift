import Dispatch
import Foundation
import GeoCore
import GeoProj

/// A country outline used to tell which side of the border a point is on.
public struct BorderSide: Sendable, Hashable {
    /// The code reported for points inside the outline ("SY", "TR").
    public var code: String
    /// A Polygon or MultiPolygon in lon/lat degrees.
    public var outline: Geometry

    public init(code: String, outline: Geometry) {
        self.code = code
        self.outline = outline
    }
}

/// Border proximity on the WGS84 ellipsoid: distance, nearest border point, side, band and
/// nearest crossing for every incident.
///
/// The border is a polyline whose segments are geodesics between its vertices, so a distance
/// here is the exact geodesic distance to that line (to well under a millimetre), not a
/// planar or spherical estimate. An STR tree over the segments and rigorous lower bounds
/// from the local metric of the ellipsoid pick the candidate segments; each is then solved
/// exactly with `geod_position` and `geod_inverse`.
///
/// Lines must not cross the antimeridian. The value is immutable and `Sendable`.
public struct BorderProximity: Sendable {
    /// The crossings given at construction; results refer to them by index.
    public let crossings: [Place]
    public let bands: DistanceBands
    /// Radius in km of the area an incident of geo-precision 2 ("near" a place) may be in.
    ///
    /// ACLED codes precision 2 when a source places an event near, or in the outskirts or
    /// countryside of, a named town. In northern Syria towns lie some 5–10 km apart and a
    /// town with its outskirts spans about 2–4 km, so 5 km covers "near X" without reaching
    /// the next town, which a source would have named instead.
    public var nearRadiusKm: Double = 5

    let index: BorderIndex
    let outlines: [(code: String, index: OutlineIndex)]
    let crossingLatitude: [Double]
    let crossingLongitude: [Double]
    let geodesic: Geodesic

    /// A border given as one polyline of lon/lat vertices.
    public init(border: [Coordinate], sides: [BorderSide] = [], crossings: [Place] = [],
                bands: [Double] = DistanceBands.standard.thresholds) {
        self.init(lines: [border], sides: sides, crossings: crossings, bands: bands)
    }

    /// A border given as several polylines (a MultiLineString, or the rings of a polygon).
    public init(lines: [[Coordinate]], sides: [BorderSide] = [], crossings: [Place] = [],
                bands: [Double] = DistanceBands.standard.thresholds, geodesic: Geodesic = .wgs84) {
        self.geodesic = geodesic
        index = BorderIndex(lines: lines, geodesic: geodesic)
        outlines = sides.map { ($0.code, OutlineIndex(geometry: $0.outline)) }
        self.crossings = crossings
        crossingLatitude = crossings.map { $0.coordinate.latitude * EllipsoidMetric.degree }
        crossingLongitude = crossings.map { $0.coordinate.longitude * EllipsoidMetric.degree }
        self.bands = DistanceBands(thresholds: bands)
    }

    /// The border lines of a geometry: a LineString, MultiLineString, or a polygon's rings.
    public static func lines(of geometry: Geometry) -> [[Coordinate]] {
        switch geometry {
        case .lineString(let line): [line]
        case .multiLineString(let lines): lines
        case .polygon(let rings): rings
        case .multiPolygon(let polygons): polygons.flatMap { $0 }
        case .point, .multiPoint: []
        }
    }

    /// Number of geodesic segments of the border.
    public var segmentCount: Int { index.segmentCount }

    /// Points per run that a worker takes from the shared queue of a batch: short enough
    /// that the workers end within a few hundred points of each other, long enough that
    /// taking a run costs nothing next to measuring it.
    static let chunkSize = 256

    /// Proximity of each point (taken as exactly located), computed on `workers` threads.
    ///
    /// Each worker keeps its own scratch space, so the loop allocates nothing per point, and
    /// takes the points in short runs from a shared queue (``WorkChunks``).
    /// When the first points repeat often (an export gives every incident in a town the
    /// town's coordinates), each distinct point is measured once, as by
    /// ``measure(_:precisions:areaBoundsKm:regionRadiusKm:workers:)``.
    public func measure(_ points: [Coordinate], workers: Int = 2) -> [ProximityResult] {
        let n = points.count
        guard n > 0 else { return [] }
        if Self.repeatsOften(points) {
            return measure(points, precisions: [GeoPrecision](repeating: .exact, count: n),
                           areaBoundsKm: [(min: Double, max: Double)?](repeating: nil, count: n), workers: workers)
        }
        let workers = max(1, min(workers, n))
        let chunks = WorkChunks(count: n, size: Self.chunkSize)
        return [ProximityResult](unsafeUninitializedCapacity: n) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            points.withUnsafeBufferPointer { input in
                nonisolated(unsafe) let input = input
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    var scratch = BorderIndex.Scratch()
                    while let range = chunks.take() {
                        for i in range { (base + i).initialize(to: measureExactly(input[i], scratch: &scratch)) }
                    }
                }
            }
            initialized = n
        }
    }

    /// Whether the points repeat often (see ``DistinctItems/repeatOften(count:key:)``): then
    /// finding the distinct points costs far less than measuring the repeats.
    static func repeatsOften(_ points: [Coordinate]) -> Bool {
        DistinctItems.repeatOften(count: points.count) {
            SIMD2(points[$0].longitude.bitPattern, points[$0].latitude.bitPattern)
        }
    }

    /// Proximity of one exactly located point.
    public func measure(point: Coordinate) -> ProximityResult {
        var scratch = BorderIndex.Scratch()
        return measureExactly(point, scratch: &scratch)
    }

    func measureExactly(_ point: Coordinate, scratch: inout BorderIndex.Scratch) -> ProximityResult {
        measureExactly(point, nearest: index.nearest(to: point, geodesic: geodesic, scratch: &scratch))
    }

    /// The proximity of `point` given its nearest border point.
    func measureExactly(_ point: Coordinate, nearest: BorderIndex.Nearest) -> ProximityResult {
        let km = nearest.distance / 1000
        let band = bands.index(ofKm: km)
        let crossing = nearestCrossing(to: point)
        return ProximityResult(distanceKm: km, distanceMinKm: km, distanceMaxKm: km, nearestPoint: nearest.point,
                               side: side(of: point), bandIndex: band, band: bands.labels[band],
                               bandRange: bands.labels[band], nearestCrossingIndex: crossing?.index,
                               nearestCrossingKm: crossing.map { $0.metres / 1000 })
    }

    /// The code of the first outline containing the point, or "other".
    public func side(of point: Coordinate) -> String {
        for outline in outlines where outline.index.contains(point) { return outline.code }
        return "other"
    }

    /// Exact distance to the border in metres, for callers that only need that.
    func borderDistance(_ point: Coordinate, scratch: inout BorderIndex.Scratch) -> Double {
        index.nearest(to: point, geodesic: geodesic, scratch: &scratch).distance
    }

    /// The crossing nearest to the point and its exact geodesic distance in metres.
    ///
    /// The crossing nearest in the local metric gives an exact upper bound; the others are
    /// solved exactly only when the rigorous lower bound of ``EllipsoidMetric`` says they
    /// could be nearer.
    func nearestCrossing(to point: Coordinate) -> (index: Int, metres: Double)? {
        guard !crossings.isEmpty else { return nil }
        let d = EllipsoidMetric.degree
        let phi = point.latitude * d, lambda = point.longitude * d
        let ky = EllipsoidMetric.meridional(phi), kx = EllipsoidMetric.parallel(phi)
        var seed = 0, seedValue = Double.infinity
        for k in crossings.indices {
            let dy = (crossingLatitude[k] - phi) * ky, dx = (crossingLongitude[k] - lambda) * kx
            let v = dx * dx + dy * dy
            if v < seedValue { seedValue = v; seed = k }
        }
        var best = (index: seed, metres: geodesic.distance(from: point, to: crossings[seed].coordinate))
        let reach = best.metres / 6_335_000
        let pad = EllipsoidMetric.bulge(distance: best.metres, latitude: phi)
        let (m, p) = EllipsoidMetric.minima(lo: phi - reach - pad, hi: phi + reach + pad)
        for k in crossings.indices where k != seed {
            let dy = (crossingLatitude[k] - phi) * m, dx = (crossingLongitude[k] - lambda) * p
            guard (dx * dx + dy * dy).squareRoot() < best.metres else { continue }
            let exact = geodesic.distance(from: point, to: crossings[k].coordinate)
            if exact < best.metres || (exact == best.metres && k < best.index) { best = (k, exact) }
        }
        return best
    }
}
