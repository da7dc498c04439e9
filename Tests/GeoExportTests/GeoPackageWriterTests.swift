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

    /// Rows are inserted several to a statement: counts below, at and around a batch's size
    /// must all arrive whole, in order, each with its own R-tree entry.
    @Test(arguments: [0, 1, 31, 32, 33, 64, 65, 200])
    func everyRowAndIndexEntryAtBatchEdges(count: Int) throws {
        var layer = Layer(name: "many", fields: [Field("n", .integer), Field("label", .text), Field("x", .real)],
                          style: LayerStyle(color: "#d7301f"))
        for i in 0..<count {
            // Synthetic coordinates derived from the row number, not places.
            let c = Coordinate(longitude: Double(i % 17) * 0.25 - 2, latitude: Double(i / 17) * 0.125 + 1)
            layer.features.append(Feature(id: "f\(i)", geometry: .point(c),
                                          values: [.integer(i), i % 3 == 0 ? .null : .text("row \(i)"),
                                                   i % 5 == 0 ? .real(.nan) : .real(Double(i) / 8)]))
        }
        let url = try SampleLayers.folder().appendingPathComponent("many.gpkg")
        try GeoPackageWriter.write([layer], to: url)
        let db = try DatabaseQueue(path: url.path)
        try db.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT fid, feature_id, n, label, x FROM many ORDER BY fid")
            #expect(rows.count == count)
            for (i, row) in rows.enumerated() {
                #expect(row["fid"] as Int == i + 1)
                #expect(row["feature_id"] as String == "f\(i)")
                #expect(row["n"] as Int == i)
                #expect(row["label"] as String? == (i % 3 == 0 ? nil : "row \(i)"))
                #expect(row["x"] as Double? == (i % 5 == 0 ? nil : Double(i) / 8))
            }
            let entries = try Row.fetchAll(db, sql: """
                SELECT id, minx, maxx, miny, maxy FROM rtree_many_geom ORDER BY id
                """)
            #expect(entries.count == count)
            for (i, entry) in entries.enumerated() {
                let point = layer.features[i].geometry
                guard case .point(let c) = point else { continue }
                #expect(entry["id"] as Int == i + 1)
                // The R-tree keeps 32-bit floats rounded outwards: the box must hold the point.
                let minX: Double = entry["minx"], maxX: Double = entry["maxx"]
                let minY: Double = entry["miny"], maxY: Double = entry["maxy"]
                #expect(minX <= c.longitude && maxX >= c.longitude)
                #expect(minY <= c.latitude && maxY >= c.latitude)
            }
        }
    }
    /// Text and blobs are bound from one buffer per statement: empty text must stay '' (a
    /// null pointer would make it NULL), and every string must arrive byte for byte, whether
    /// inline-small, long enough to grow the buffer mid-statement, non-ASCII or holding NUL.
    @Test func textsArriveByteForByte() throws {
        let texts = ["", "a", "الباب", "Jarablus \u{0} Cerablus", String(repeating: "é long ", count: 20_000), "", "z"]
        var layer = Layer(name: "texts", fields: [Field("label", .text), Field("day", .date)],
                          style: LayerStyle(color: "#d7301f"))
        for (i, text) in texts.enumerated() {
            layer.features.append(Feature(id: text, geometry: .point(Coordinate(longitude: Double(i), latitude: 1)),
                                          values: [.text(text), .date("2024-02-0\(i + 1)")]))
        }
        let url = try SampleLayers.folder().appendingPathComponent("texts.gpkg")
        try GeoPackageWriter.write([layer], to: url)
        let db = try DatabaseQueue(path: url.path)
        try db.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT CAST(feature_id AS BLOB) AS id, CAST(label AS BLOB) AS raw, typeof(label) AS kind
                FROM texts ORDER BY fid
                """)
            #expect(rows.count == texts.count)
            for (row, text) in zip(rows, texts) {
                #expect(row["kind"] as String == "text")
                // Read as bytes: a C-string read would stop at the NUL.
                #expect(row["raw"] as Data? ?? Data() == Data(text.utf8))
                #expect(row["id"] as Data? ?? Data() == Data(text.utf8))
            }
            #expect(try String.fetchAll(db, sql: "SELECT day FROM texts ORDER BY fid").last == "2024-02-07")
        }
    }
}
