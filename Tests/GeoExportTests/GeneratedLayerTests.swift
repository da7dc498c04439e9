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

    /// Placemarks made in runs on two threads get the ids one thread gives them, where ids
    /// repeat within a run, across runs, and where a repeat's `.2` is another feature's own
    /// id: the KML of a generated layer of several runs equals the stored layer's, with its
    /// category sub-folders, balloons and time spans.
    @Test func placemarkIDsRepeatedAcrossRunsComeOutAsFromOneThread() throws {
        // Category A is every third feature: its runs are features 0-3069, 3072-6141 (the
        // second thread's) and 6144 on.
        let count = 6 * RunLanes.featuresPerRun + 555
        let special: [Int: String] = [3: "same", 6: "same", 3_300: "same", 4: "same", 6_300: "f9",
                                      201: "f200", 3_201: "f200.2", 200: "f200", 30: "7x", 3_030: "_7x"]
        let features = (0..<count).map { i in
            Feature(id: special[i] ?? "f\(i)",
                    geometry: .point(.init(longitude: 36 + Double(i) * 1e-4, latitude: 35.5)),
                    values: [.text(["A", "B", "C"][i % 3]), .date("2024-03-\(10 + i % 9)"), .integer(i)])
        }
        let style = LayerStyle(color: "#636363", categoryField: "kind", categories: [
            .init(value: "A", label: "A", color: "#D7301F"), .init(value: "B", label: "B", color: "#2C7FB8"),
        ])
        let stored = Layer(name: "numbered", fields: [Field("kind", .text), Field("day", .date), Field("n", .integer)],
                           features: features, style: style, metadata: [KMLWriter.timeFieldKey: "day"])
        let made = Self.generated(stored, knowing: true)
        let folder = try SampleLayers.folder()
        let x = folder.appendingPathComponent("stored.kml"), y = folder.appendingPathComponent("made.kml")
        try KMLWriter().write([stored], to: x)
        try KMLWriter().write([made], to: y)
        let text = try String(contentsOf: y, encoding: .utf8)
        #expect(try Data(contentsOf: x) == Data(contentsOf: y))
        for id in ["same", "same.2", "same.3", "same.4", "f9.2", "f200", "f200.2", "f200.3", "_7x", "_7x.2"] {
            #expect(text.contains("<Placemark id=\"numbered.\(id)\""), "no placemark \(id)")
        }
        #expect(text.components(separatedBy: "<Placemark ").count == count + 1)
    }

    /// With bad features in both threads' runs of a generated layer's KML, the first in the
    /// document's order is reported, and no file is left.
    @Test(arguments: [([900, 1_100], "f900"), ([1_100, 2_100], "f1100"), ([2_100], "f2100")])
    func firstBadPlacemarkIsReported(bad: [Int], reported: String) throws {
        let generator = FeatureGenerator(count: 2 * RunLanes.featuresPerRun + 555) { i in
            Feature(id: "f\(i)", geometry: .point(.init(longitude: 36, latitude: 35.5)),
                    values: Set(bad).contains(i) ? [] : [.integer(i)])
        }
        let layer = Layer(name: "numbered", fields: [Field("n", .integer)], generator: generator,
                          style: LayerStyle(color: "#636363"))
        let folder = try SampleLayers.folder()
        let error = #expect(throws: ExportError.self) {
            try KMLWriter().write([layer], to: folder.appendingPathComponent("bad.kml"))
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("feature \(reported) has"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
