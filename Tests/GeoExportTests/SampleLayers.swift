import Foundation
import GeoCore
import GeoExport

/// Small layers exercising every geometry type, field type, null, hostile text and a
/// polygon with a hole wound the wrong way round. Coordinates are synthetic test values
/// (not places): the writers are checked on their numbers, not on geography.
enum SampleLayers {
    static let hostile = "He said \"no\" <b>&amp;</b> ]]> end\nline2\ttab \\ back 'q' — حلب"

    static var points: Layer {
        var layer = Layer(
            name: "incidents", title: "Incidents",
            fields: [Field("event_id", .text), Field("event_date", .date), Field("event_type", .text),
                     Field("fatalities", .integer), Field("border_distance_km", .real),
                     Field("location", .text), Field("confirmed", .boolean), Field("span_days", .integer)],
            style: LayerStyle(color: "#d7301f", categoryField: "event_type", categories: [
                .init(value: "Explosions/Remote violence", label: "Explosions", color: "#e34a33"),
                .init(value: "Battles", label: "Battles", color: "#2b8cbe"),
            ]),
            metadata: [KMLWriter.timeFieldKey: "event_date", KMLWriter.spanDaysFieldKey: "span_days",
                       "border_source": "test"])
        layer.append(Feature(id: "SYR1", geometry: .point(.init(longitude: 36.5, latitude: 36.2)), values: [
            .text("SYR1"), .date("2024-03-01"), .text("Explosions/Remote violence"), .integer(3), .real(12.5),
            .text(hostile), .boolean(true), .integer(1)]))
        layer.append(Feature(id: "SYR2", geometry: .point(.init(longitude: -0.0000004, latitude: 35.9999995)),
                             values: [.text("SYR2"), .date("2024-02-28"), .text("Battles"), .null, .real(3.0),
                                      .null, .boolean(false), .integer(7)]))
        layer.append(Feature(id: "3", geometry: .point(.init(longitude: 37.123456789, latitude: -1.5)), values: [
            .null, .null, .text("Something else"), .integer(0), .null, .text("x"), .null, .null]))
        return layer
    }

    static var polygons: Layer {
        // Exterior clockwise and hole counter-clockwise: the writers must flip both.
        let exterior = [(36.0, 36.0), (36.0, 37.0), (37.0, 37.0), (37.0, 36.0), (36.0, 36.0)]
        let hole = [(36.2, 36.2), (36.4, 36.2), (36.4, 36.4), (36.2, 36.4), (36.2, 36.2)]
        func ring(_ pairs: [(Double, Double)]) -> [Coordinate] { pairs.map { .init(longitude: $0.0, latitude: $0.1) } }
        var layer = Layer(name: "clusters", fields: [Field("cluster_id", .integer), Field("name", .text)],
                          style: LayerStyle(color: "#756bb1", fillOpacity: 0.4))
        layer.append(Feature(id: "c1", geometry: .polygon([ring(exterior), ring(hole)]),
                             values: [.integer(1), .text("Cluster <1>")]))
        return layer
    }

    static var lines: Layer {
        var layer = Layer(name: "border", fields: [Field("source", .text)],
                          style: LayerStyle(color: "#000000", lineWidth: 3))
        layer.append(Feature(id: "b", geometry: .lineString([.init(longitude: 36.0, latitude: 36.5),
                                                              .init(longitude: 36.5, latitude: 36.75),
                                                              .init(longitude: 37.0, latitude: 36.6)]),
                             values: [.text("DCW 1:1,000,000")]))
        return layer
    }

    static var all: [Layer] { [points, polygons, lines] }

    /// A fresh empty folder under the temporary directory.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("geoexport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
