import GeoCore
import Testing
@testable import GeoProj

@Suite("Transformer")
struct TransformerTests {
    /// A 0.25° grid over zone 37N's share of the study area (lon 36..42, lat 32..38): grid
    /// points, not places.
    static let grid: [Coordinate] = stride(from: 36.0, through: 42.0, by: 0.25).flatMap { lon in
        stride(from: 32.0, through: 38.0, by: 0.25).map { Coordinate(longitude: lon, latitude: $0) }
    }

    @Test("WGS84 -> UTM 37N -> WGS84 returns each point within 1e-6 m")
    func roundTrip() throws {
        let transformer = try Transformer(from: .wgs84, to: .epsg(32637))
        var worst = 0.0
        for point in Self.grid {
            let projected = try transformer.transform(x: point.longitude, y: point.latitude)
            let back = try transformer.transform(x: projected.x, y: projected.y, direction: .inverse)
            let error = Geodesic.wgs84.distance(from: point, to: Coordinate(longitude: back.x, latitude: back.y))
            worst = max(worst, error)
        }
        #expect(worst <= 1e-6, "worst round-trip error \(worst) m")
    }

    @Test("the batch transform matches the single-point one and round-trips")
    func batchRoundTrip() throws {
        let transformer = try TransformerRecipe(source: .wgs84, target: .epsg(32637)).makeTransformer()
        var xs = Self.grid.map(\.longitude), ys = Self.grid.map(\.latitude)
        try transformer.transform(x: &xs, y: &ys)
        for (i, point) in Self.grid.enumerated() {
            let single = try transformer.transform(x: point.longitude, y: point.latitude)
            #expect(single.x == xs[i] && single.y == ys[i])
        }
        try transformer.transform(x: &xs, y: &ys, direction: .inverse)
        let back = zip(xs, ys).map { Coordinate(longitude: $0, latitude: $1) }
        let worst = Geodesic.wgs84.distances(from: Self.grid, to: back).max() ?? .infinity
        #expect(worst <= 1e-6, "worst round-trip error \(worst) m")
    }

    /// x is longitude and easting, whatever EPSG:4326 declares: a point on zone 37's central
    /// meridian (39°E) has easting 500,000 m and northing 0.9996 times its meridian arc.
    @Test("axes are longitude, latitude in and easting, northing out")
    func axisOrder() throws {
        let transformer = try Transformer(from: .wgs84, to: .epsg(32637))
        let point = try transformer.transform(x: 39, y: 36)
        #expect(abs(point.x - 500_000) <= 1e-6)
        let arc = Geodesic.wgs84.distance(from: Coordinate(longitude: 39, latitude: 0),
                                          to: Coordinate(longitude: 39, latitude: 36))
        #expect(abs(point.y - 0.9996 * arc) <= 1e-6)
    }

    @Test("projection agrees with GeoConvert's UTM", arguments: try GeoConvertCase.load().filter { $0.zone != nil })
    func agreesWithGeoConvert(_ reference: GeoConvertCase) throws {
        let zone = try #require(UTMZone(containing: reference.coordinate))
        let transformer = try Transformer(from: .wgs84, to: zone.crs)
        let point = try transformer.transform(x: reference.coordinate.longitude, y: reference.coordinate.latitude)
        // GeoConvert prints micrometres (so up to 0.5 µm of rounding); both use Krüger series.
        #expect(abs(point.x - reference.easting) <= 1e-6)
        #expect(abs(point.y - reference.northing) <= 1e-6)
    }

    @Test("PROJ strings work as CRS definitions")
    func projString() throws {
        let transformer = try Transformer(from: .wgs84,
                                          to: CoordinateReferenceSystem(definition: "+proj=utm +zone=37 +datum=WGS84"))
        let viaEPSG = try Transformer(from: .wgs84, to: .epsg(32637)).transform(x: 37.1, y: 36.2)
        let viaString = try transformer.transform(x: 37.1, y: 36.2)
        #expect(abs(viaString.x - viaEPSG.x) <= 1e-6 && abs(viaString.y - viaEPSG.y) <= 1e-6)
    }

    @Test("an unknown CRS throws with PROJ's own message")
    func unknownCRS() {
        #expect {
            _ = try Transformer(from: .wgs84, to: .epsg(999_999))
        } throws: { error in
            guard case .libraryFailure(let function, let message) = error as? PROJError else { return false }
            return function == "proj_create_crs_to_crs" && message.contains("crs not found")
        }
        #expect {
            _ = try Transformer(from: CoordinateReferenceSystem(definition: "+proj=nonsense"), to: .wgs84)
        } throws: { error in
            guard case .libraryFailure(_, let message) = error as? PROJError else { return false }
            return !message.isEmpty && message != "Unknown error"
        }
    }

    @Test("a point PROJ cannot transform throws with its index")
    func failingPoint() throws {
        let transformer = try Transformer(from: .epsg(32637), to: .wgs84)
        var xs = [500_000.0, .infinity, 500_000]
        var ys = [4_000_000.0, 4_000_000, 4_000_000]
        #expect {
            try transformer.transform(x: &xs, y: &ys)
        } throws: { error in
            guard case .coordinateFailure(_, let index, let message) = error as? PROJError else { return false }
            return index == 1 && !message.isEmpty
        }
        // The context recovers: the next good point transforms.
        let good = try transformer.transform(x: 500_000, y: 4_000_000)
        #expect(abs(good.x - 39) < 1e-9)
    }

    @Test("one transformer per worker from a shared recipe")
    func recipePerWorker() async throws {
        let recipe = TransformerRecipe(source: .wgs84, target: .epsg(32637))
        let expected = try recipe.makeTransformer().transform(x: 37.1, y: 36.2)
        let results = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let transformer = try recipe.makeTransformer()
                    var out: [Double] = []
                    for _ in 0..<100 {
                        let p = try transformer.transform(x: 37.1, y: 36.2)
                        out += [p.x, p.y]
                    }
                    return out
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(results.count == 800)
        for pair in stride(from: 0, to: results.count, by: 2) {
            #expect(results[pair] == expected.x && results[pair + 1] == expected.y)
        }
    }
}
