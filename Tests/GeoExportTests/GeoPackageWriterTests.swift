import Foundation
import GeoCore
import GRDB
import Testing
@testable import GeoExport

@Suite struct GeoPackageWriterTests {
    private func written() throws -> (DatabaseQueue, URL) {
        let url = try SampleLayers.folder().appendingPathComponent("map.gpkg")
        try GeoPackageWriter.write(SampleLayers.all, to: url)
        return (try DatabaseQueue(path: url.path), url)
    }

    @Test func headerPragmasAndJournal() throws {
        let (db, _) = try written()
        try db.read { db in
            #expect(try Int.fetchOne(db, sql: "PRAGMA application_id") == 0x4750_4B47)
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == 10300)
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "delete")
            let srs = try Int.fetchAll(db, sql: "SELECT srs_id FROM gpkg_spatial_ref_sys ORDER BY srs_id")
            #expect(srs == [-1, 0, 4326])
        }
    }

    @Test func featuresRoundTrip() throws {
        let (db, _) = try written()
        try db.read { db in
            for layer in SampleLayers.all {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(layer.name)\" ORDER BY fid")
                #expect(rows.count == layer.features.count)
                for (row, feature) in zip(rows, layer.features) {
                    #expect(row["feature_id"] as String? == feature.id)
                    let blob: Data = try #require(row["geom"])
                    let parsed = try #require(GeoPackageGeometry.parse([UInt8](blob)))
                    #expect(parsed.srsID == 4326)
                    #expect(parsed.geometry == feature.geometry, "WKB is exact, no rounding")
                    for (field, value) in zip(layer.fields, feature.values) {
                        switch value {
                        case .null: #expect(row[field.name] as DatabaseValue == .null)
                        case .integer(let v): #expect(row[field.name] as Int? == v)
                        case .real(let v): #expect(row[field.name] as Double? == v)
                        case .text(let v), .date(let v): #expect(row[field.name] as String? == v)
                        case .boolean(let v): #expect(row[field.name] as Bool? == v)
                        }
                    }
                }
                let types = try Row.fetchAll(db, sql: "PRAGMA table_info(\"\(layer.name)\")")
                    .reduce(into: [String: String]()) { $0[$1["name"]] = $1["type"] }
                for field in layer.fields {
                    let expected = ["integer": "INTEGER", "real": "REAL", "text": "TEXT", "date": "DATE",
                                    "boolean": "BOOLEAN"][field.type.rawValue]
                    #expect(types[field.name] == expected)
                }
            }
        }
    }

    @Test func contentsExtentsAndIndexMatchData() throws {
        let (db, _) = try written()
        try db.read { db in
            for layer in SampleLayers.all {
                let row = try #require(try Row.fetchOne(db, sql: """
                    SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents WHERE table_name = ?
                    """, arguments: [layer.name]))
                let box = try #require(layer.boundingBox)
                #expect(row["min_x"] as Double == box.west && row["max_x"] as Double == box.east)
                #expect(row["min_y"] as Double == box.south && row["max_y"] as Double == box.north)
                let indexed = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"rtree_\(layer.name)_geom\"")
                #expect(indexed == layer.features.count)
                let triggers = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?
                    """, arguments: ["rtree_\(layer.name)_geom_%"])
                #expect(triggers == 6)
                let qml = try String.fetchOne(db, sql: "SELECT styleQML FROM layer_styles WHERE f_table_name = ?",
                                              arguments: [layer.name])
                #expect(qml?.contains("<renderer-v2") == true)
            }
            let categorized = try String.fetchOne(db, sql: """
                SELECT styleQML FROM layer_styles WHERE f_table_name = 'incidents'
                """) ?? ""
            #expect(categorized.contains("categorizedSymbol") && categorized.contains("227,74,51,255"))
        }
    }
}
