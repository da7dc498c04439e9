import Foundation
import GeoCore
import GRDB
import Testing
@testable import GeoExport

/// A layer whose features are made on demand must be written exactly as the same layer
/// with its features stored.
@Suite struct GeneratedLayerTests {
    /// The same layer, its features made by index from a copy of the stored ones.
    static func generated(_ layer: Layer, knowing: Bool) -> Layer {
        let features = layer.features
        let types = Set(features.map(\.geometry.typeName))
        let generator = FeatureGenerator(count: features.count,
                                         geometryTypeName: knowing && types.count == 1 ? types.first : nil,
                                         boundingBox: knowing ? layer.boundingBox : nil) { features[$0] }
        return Layer(name: layer.name, title: layer.title, fields: layer.fields, generator: generator,
                     style: layer.style, metadata: layer.metadata)
    }

    @Test(arguments: [false, true])
    func writersGiveTheSameFiles(knowing: Bool) throws {
        let folder = try SampleLayers.folder()
        let stored = SampleLayers.all, made = stored.map { Self.generated($0, knowing: knowing) }
        for (a, b) in zip(stored, made) {
            #expect(b.featureCount == a.features.count && b.features == a.features)
            let x = folder.appendingPathComponent("stored-\(a.name).geojson")
            let y = folder.appendingPathComponent("made-\(a.name).geojson")
            try GeoJSONWriter.write(a, to: x)
            try GeoJSONWriter.write(b, to: y)
            #expect(try Data(contentsOf: x) == Data(contentsOf: y))
        }
        let writer = KMLWriter()
        try writer.write(stored, to: folder.appendingPathComponent("stored.kml"))
        try writer.write(made, to: folder.appendingPathComponent("made.kml"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("stored.kml"))
                    == Data(contentsOf: folder.appendingPathComponent("made.kml")))
        try GeoPackageWriter.write(stored, to: folder.appendingPathComponent("stored.gpkg"))
        try GeoPackageWriter.write(made, to: folder.appendingPathComponent("made.gpkg"))
        func dump(_ name: String) throws -> [String] {
            try DatabaseQueue(path: folder.appendingPathComponent(name).path).read { db in
                var rows: [String] = []
                for layer in stored {
                    rows += try Row.fetchAll(db, sql: "SELECT * FROM \"\(layer.name)\" ORDER BY fid").map(\.description)
                    rows += try Row.fetchAll(db, sql: """
                        SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?
                        """, arguments: [layer.name]).map(\.description)
                    rows += try Row.fetchAll(db, sql: "SELECT * FROM gpkg_geometry_columns WHERE table_name = ?",
                                             arguments: [layer.name]).map(\.description)
                    rows += try Row.fetchAll(db, sql: "SELECT * FROM \"rtree_\(layer.name)_geom\" ORDER BY id")
                        .map(\.description)
                }
                return rows
            }
        }
        #expect(try dump("made.gpkg") == dump("stored.gpkg"))
    }

    /// A generated feature with the wrong number of values fails the write, which leaves
    /// no file behind.
    @Test func aBadMadeFeatureFailsEveryWriter() throws {
        let good = SampleLayers.points
        let features = good.features
        let generator = FeatureGenerator(count: features.count) { i in
            var f = features[i]
            if i == features.count - 1 { f.values.removeLast() }
            return f
        }
        let bad = Layer(name: good.name, fields: good.fields, generator: generator, style: good.style)
        let folder = try SampleLayers.folder()
        let targets = ["bad.geojson", "bad.kml", "bad.gpkg"].map { folder.appendingPathComponent($0) }
        #expect(throws: ExportError.self) { try GeoJSONWriter.write(bad, to: targets[0]) }
        #expect(throws: ExportError.self) { try KMLWriter().write([bad], to: targets[1]) }
        #expect(throws: ExportError.self) { try GeoPackageWriter.write([bad], to: targets[2]) }
        for url in targets { #expect(!FileManager.default.fileExists(atPath: url.path)) }
    }
}
