import GeoCore
import Testing
@testable import GeoProj

@Suite("Geodesic against GeographicLib's GeodSolve")
struct GeodesicTests {
    let geodesic = Geodesic.wgs84

    /// Metres: the brief's bar, far below anything incidentmap reports.
    static let distanceTolerance = 1e-6
    /// Degrees: about 0.1 mm of arc at 6,000 km.
    static let azimuthTolerance = 1e-9

    @Test("inverse agrees with GeodSolve -i", arguments: try GeodSolveCase.load("geodsolve-inverse"))
    func inverse(_ reference: GeodSolveCase) {
        let result = geodesic.inverse(from: reference.start, to: reference.end)
        #expect(abs(result.distance - reference.distance) <= Self.distanceTolerance)
        #expect(abs(geodesic.distance(from: reference.start, to: reference.end) - reference.distance)
                <= Self.distanceTolerance)
        // Between antipodal points (arc of exactly 180°) many geodesics have the same length,
        // so the azimuths are a choice, not a result.
        if reference.arc != 180 {
            #expect(azimuthDifference(result.azimuth1, reference.azimuth1) <= Self.azimuthTolerance)
            #expect(azimuthDifference(result.azimuth2, reference.azimuth2) <= Self.azimuthTolerance)
        }
    }

    @Test("direct agrees with GeodSolve", arguments: try GeodSolveCase.load("geodsolve-direct"))
    func direct(_ reference: GeodSolveCase) {
        let result = geodesic.direct(from: reference.start, azimuth: reference.azimuth1, distance: reference.distance)
        let miss = geodesic.distance(from: result.destination, to: reference.end)
        #expect(miss <= Self.distanceTolerance, "destination \(result.destination) is \(miss) m from GeodSolve's")
        #expect(azimuthDifference(result.azimuth2, reference.azimuth2) <= Self.azimuthTolerance)
    }

    @Test("batch forms give the single-point results")
    func batchForms() throws {
        let cases = try GeodSolveCase.load("geodsolve-inverse")
        let starts = cases.map(\.start), ends = cases.map(\.end)
        let singles = zip(starts, ends).map { geodesic.inverse(from: $0, to: $1) }

        #expect(geodesic.inverse(from: starts, to: ends) == singles)
        #expect(geodesic.distances(from: starts, to: ends) == singles.map(\.distance))
        var distances = [Double](repeating: .nan, count: cases.count)
        geodesic.distances(from: starts, to: ends, into: &distances)
        #expect(distances == singles.map(\.distance))
        var inverses = [GeodesicInverse](repeating: GeodesicInverse(distance: 0, azimuth1: 0, azimuth2: 0),
                                         count: cases.count)
        geodesic.inverse(from: starts, to: ends, into: &inverses)
        #expect(inverses == singles)
        let oneToMany = ends.map { geodesic.distance(from: starts[0], to: $0) }
        #expect(geodesic.distances(from: starts[0], to: ends) == oneToMany)

        let directs = try GeodSolveCase.load("geodsolve-direct")
        let batch = geodesic.direct(from: directs.map(\.start), azimuths: directs.map(\.azimuth1),
                                    distances: directs.map(\.distance))
        #expect(batch == directs.map { geodesic.direct(from: $0.start, azimuth: $0.azimuth1, distance: $0.distance) })
        #expect(geodesic.distances(from: [], to: []).isEmpty)
    }

    /// Pins the axis order: `geod_inverse` takes latitude first, incidentmap longitude first.
    /// Coordinates and the figure are the geo crate's documented example
    /// (https://docs.rs/geo/0.32.0/geo/algorithm/line_measures/metric_spaces/static.Geodesic.html),
    /// which gives 132675.5018588206 m; GeodSolve gives 132675.501858821 m.
    @Test("Sofia to Plovdiv is 132,675.5019 m on WGS84")
    func sofiaToPlovdiv() {
        let sofia = Coordinate(longitude: 23.319941, latitude: 42.698334)
        let plovdiv = Coordinate(longitude: 24.742168, latitude: 42.136097)
        #expect(abs(geodesic.distance(from: sofia, to: plovdiv) - 132_675.5019) < 0.000_05)
    }

    @Test("positions along a segment lie on the geodesic", arguments: try GeodSolveCase.load("geodsolve-inverse"))
    func segment(_ reference: GeodSolveCase) {
        guard reference.arc != 180 else { return }  // no unique geodesic to follow
        let segment = geodesic.segment(from: reference.start, to: reference.end)
        #expect(abs(segment.length - reference.distance) <= Self.distanceTolerance)
        #expect(azimuthDifference(segment.azimuth1, reference.azimuth1) <= Self.azimuthTolerance)
        let end = segment.position(at: segment.length)
        #expect(geodesic.distance(from: end.coordinate, to: reference.end) <= Self.distanceTolerance)
        #expect(azimuthDifference(end.azimuth, reference.azimuth2) <= Self.azimuthTolerance)
        let middle = segment.position(at: segment.length / 2).coordinate
        let half = segment.length / 2
        #expect(abs(geodesic.distance(from: reference.start, to: middle) - half) <= Self.distanceTolerance)
        #expect(abs(geodesic.distance(from: middle, to: reference.end) - half) <= Self.distanceTolerance)
    }
}
