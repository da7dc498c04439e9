import Foundation
import GeoCore
import Testing
@testable import GeoExport

@Suite struct GeoJSONWriterTests {
    private func written(_ layer: Layer) throws -> [String: Any] {
        let folder = try SampleLayers.folder()
        let url = folder.appendingPathComponent("\(layer.name).geojson")
        try GeoJSONWriter.write(layer, to: url)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != url.lastPathComponent }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func pointsRoundTrip() throws {
        let layer = SampleLayers.points
        let json = try written(layer)
        #expect(json["type"] as? String == "FeatureCollection")
        #expect(json["crs"] == nil)
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == layer.features.count)
        for (feature, original) in zip(features, layer.features) {
            #expect(feature["id"] as? String == original.id)
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(geometry["type"] as? String == "Point")
            let position = try #require(geometry["coordinates"] as? [Double])
            guard case .point(let c) = original.geometry else { Issue.record("not a point"); continue }
            #expect(abs(position[0] - c.longitude) <= 5.0000001e-7)
            #expect(abs(position[1] - c.latitude) <= 5.0000001e-7)
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect(properties.count == layer.fields.count)
            for (field, value) in zip(layer.fields, original.values) {
                let read = properties[field.name]
                switch value {
                case .null: #expect(read is NSNull, "\(field.name) should be null")
                case .integer(let v): #expect((read as? NSNumber)?.intValue == v)
                case .real(let v): #expect((read as? NSNumber)?.doubleValue == v)
                case .text(let v), .date(let v): #expect(read as? String == v)
                case .boolean(let v): #expect((read as? Bool) == v)
                }
            }
        }
        let box = try #require(json["bbox"] as? [Double])
        #expect(box.count == 4)
        #expect(abs(box[0] - (-0.0000004)) <= 5.0000001e-7 && box[1] == -1.5 && box[3] == 36.2)
    }

    /// A layer of several runs (`featuresPerRun`), made on two threads, comes out whole and
    /// in order.
    @Test func manyFeaturesComeOutInOrder() throws {
        let count = 2 * RunLanes.featuresPerRun + 555
        let layer = Self.numbered(count)
        let json = try written(layer)
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == count)
        for (i, feature) in features.enumerated() {
            #expect(feature["id"] as? String == "f\(i)")
            let properties = try #require(feature["properties"] as? [String: Any])
            #expect((properties["n"] as? NSNumber)?.intValue == i)
            let position = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            #expect(position.count == 2 && abs(position[0] - (36 + Double(i) * 1e-4)) <= 5.0000001e-7
                && position[1] == 35.5)
        }
    }

    /// With bad features in both threads' runs, the first in the layer's order is reported,
    /// and no file is left.
    @Test(arguments: [([900, 1_100], "f900"), ([1_100, 2_100], "f1100"), ([2_100], "f2100")])
    func firstBadFeatureIsReported(bad: [Int], reported: String) throws {
        let layer = Self.numbered(2 * RunLanes.featuresPerRun + 555, missingValueAt: Set(bad))
        let folder = try SampleLayers.folder()
        let url = folder.appendingPathComponent("bad.geojson")
        let error = #expect(throws: ExportError.self) { try GeoJSONWriter.write(layer, to: url) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("feature \(reported) has"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// Points `f0`, `f1`, ... with one integer field `n`, made as the writer asks for them;
    /// the features at `missingValueAt` lack their value.
    private static func numbered(_ count: Int, missingValueAt bad: Set<Int> = []) -> Layer {
        let generator = FeatureGenerator(count: count) { i in
            Feature(id: "f\(i)", geometry: .point(.init(longitude: 36 + Double(i) * 1e-4, latitude: 35.5)),
                    values: bad.contains(i) ? [] : [.integer(i)])
        }
        return Layer(name: "numbered", fields: [Field("n", .integer)], generator: generator,
                     style: LayerStyle(color: "#636363"))
    }

    @Test func realFieldsStayReal() throws {
        let text = try String(contentsOf: writtenURL(SampleLayers.points), encoding: .utf8)
        #expect(text.contains("\"border_distance_km\":3.0"))
        #expect(text.contains("\"event_date\":\"2024-03-01\""))
    }

    private func writtenURL(_ layer: Layer) throws -> URL {
        let url = try SampleLayers.folder().appendingPathComponent("x.geojson")
        try GeoJSONWriter.write(layer, to: url)
        return url
    }

    @Test func ringsAreWoundForRFC7946() throws {
        let json = try written(SampleLayers.polygons)
        let features = try #require(json["features"] as? [[String: Any]])
        let geometry = try #require(features.first?["geometry"] as? [String: Any])
        let rings = try #require(geometry["coordinates"] as? [[[Double]]])
        #expect(rings.count == 2)
        func area(_ ring: [[Double]]) -> Double {
            RingOrientation.signedDoubleArea(ring.map { Coordinate(longitude: $0[0], latitude: $0[1]) })
        }
        #expect(area(rings[0]) > 0, "exterior ring must be counter-clockwise")
        #expect(area(rings[1]) < 0, "hole must be clockwise")
    }

    @Test func hostileStringsSurvive() throws {
        let json = try written(SampleLayers.points)
        let features = try #require(json["features"] as? [[String: Any]])
        let properties = try #require(features[0]["properties"] as? [String: Any])
        #expect(properties["location"] as? String == SampleLayers.hostile)
        var control = SampleLayers.points
        control.features[0].values[5] = .text("a\u{0}b\u{1F}c")
        let again = try written(control)
        let p = try #require((again["features"] as? [[String: Any]])?[0]["properties"] as? [String: Any])
        #expect(p["location"] as? String == "a\u{0}b\u{1F}c")
    }

    @Test func failedWriteKeepsOldFile() throws {
        let folder = try SampleLayers.folder()
        let url = folder.appendingPathComponent("incidents.geojson")
        try Data("old".utf8).write(to: url)
        var broken = SampleLayers.points
        broken.features[0].values.removeLast()
        #expect(throws: ExportError.self) { try GeoJSONWriter.write(broken, to: url) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
    }
}
