import Foundation
import GeoCore
import Testing
@testable import Gazetteer

@Suite("Local GeoNames import")
struct ImportTests {
    func fixture(_ name: String) throws -> URL {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        return try #require(Bundle.module.url(forResource: "Fixtures/geonames/\(base)", withExtension: ext))
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gazetteer-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func importsPlacesKindsAndNames() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("local.sqlite")
        try Gazetteer.importGeoNames(dumps: [try fixture("ZZ.txt")],
                                     alternateNames: try fixture("alternateNamesV2.txt"), into: db)
        let places = try Gazetteer.localPlaces(database: db)
        let byID = Dictionary(uniqueKeysWithValues: places.map { ($0.id, $0) })
        #expect(byID.count == 5, "the mountain (class T) is not a place the gazetteer keeps")
        #expect(byID["geonames:99000001"]?.kind == .admin1)
        #expect(byID["geonames:99000002"]?.kind == .seat)
        #expect(byID["geonames:99000003"]?.kind == .village)
        #expect(byID["geonames:99000005"]?.kind == .crossing)
        #expect(byID["geonames:99000002"]?.admin1 == "Fictova Province", "admin1 code 01 names its ADM1 row")
        #expect(byID["geonames:99000002"]?.population == 45000)
        #expect(byID["geonames:99000004"]?.population == nil)
        let testabad = try #require(byID["geonames:99000002"])
        #expect(testabad.coordinate == Coordinate(longitude: 20.1, latitude: 10.1), "GeoNames puts latitude first")
        let mockun = try #require(byID["geonames:99000003"])
        #expect(mockun.alternateNames.contains("Kafr Mokkun"))
        #expect(!mockun.alternateNames.contains { $0.hasPrefix("https:") }, "links are not names")
        #expect(!places.contains { $0.alternateNames.contains("Not Imported") })
    }

    @Test func loadExtendsTheEmbeddedGazetteer() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("local.sqlite")
        try Gazetteer.importGeoNames(dumps: [try fixture("ZZ.txt")],
                                     alternateNames: try fixture("alternateNamesV2.txt"), into: db)
        let tables = dir.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        let embedded = Place(id: "geonames:99000002", name: "Testabad", country: "ZZ",
                             coordinate: Coordinate(longitude: 20.1, latitude: 10.1), kind: .seat, source: "test")
        try PlaceTable.write([embedded]).write(to: tables.appendingPathComponent("geonames.tsv"),
                                               atomically: true, encoding: .utf8)
        let plain = try Gazetteer.load(directory: tables)
        #expect(plain.resolve("Dummitepe").best == nil)
        let extended = try Gazetteer.load(directory: tables, localDatabase: db)
        #expect(extended.places.count == 5, "the shared place is kept once")
        #expect(extended.resolve("Dummitepe").best?.place.id == "geonames:99000004")
        #expect(extended.resolve("تستاباد").best?.place.id == "geonames:99000002")
        #expect(extended.place(id: "geonames:99000002")?.source == "test", "the embedded row wins")
    }

    @Test(arguments: [("bad-columns.txt", 2, "columns"), ("bad-coordinate.txt", 2, "latitude")])
    func malformedDumpNamesFileAndLine(_ file: String, _ line: Int, _ word: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("local.sqlite")
        let dump = try fixture(file)
        #expect {
            try Gazetteer.importGeoNames(dumps: [dump], alternateNames: nil, into: db)
        } throws: { error in
            guard case .malformedRow(let f, let l, let problem) = error as? GazetteerError else { return false }
            return f == file && l == line && problem.contains(word)
        }
        #expect(!FileManager.default.fileExists(atPath: db.path), "a failed import leaves no database")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nor a partial file")
    }

    @Test func missingDumpIsMissingData() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: GazetteerError.self) {
            try Gazetteer.importGeoNames(dumps: [dir.appendingPathComponent("SY.txt")], alternateNames: nil,
                                         into: dir.appendingPathComponent("local.sqlite"))
        }
    }
}
