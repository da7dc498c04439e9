import Foundation
import GeoCore
import GeoAnalysis
import GeoProj

/// Builds every layer of the output contract from a run's incidents and analysis; the one
/// place where incidents and clusters become generic layers.
public enum LayerSet {
    public static func make(incidents: [Incident], analysis: IncidentAnalysis, reference: ReferenceData) throws
        -> [Layer] {
        let provenance = ["border_source": reference.borderSource]
        // The bands need the border only: drawn on a thread of their own (a tenth of a
        // second of PROJ and GEOS buffering) while the incidents layer is made, which leaves
        // a core idle for most of its time.
        let thresholds = analysis.bandsKm
        let drawnBands = Beside(throwing: { try bands(reference, thresholds: thresholds) })
        var incidentLayer = IncidentLayer.make(incidents, analysis: analysis, metadata: provenance)
        incidentLayer.metadata["kml_time_field"] = "event_date"
        var layers = [incidentLayer]
        layers.append(ClusterLayer.hulls(analysis.clusters, metadata: provenance))
        layers.append(ClusterLayer.centroids(analysis.clusters))
        layers.append(border(reference))
        layers.append(try drawnBands.get())
        layers.append(crossings(reference))
        layers.append(adminAreas(reference, touchedBy: incidents))
        return layers
    }

    static func border(_ reference: ReferenceData) -> Layer {
        var layer = Layer(name: "border", title: "Turkey-Syria border",
                          fields: [Field("name", .text), Field("source", .text), Field("length_km", .real)],
                          style: LayerStyle(color: "#000000", fillOpacity: 0, lineWidth: 4),
                          metadata: ["border_source": reference.borderSource])
        for (i, line) in reference.borderLines.enumerated() {
            var km = 0.0
            for (a, b) in zip(line, line.dropFirst()) { km += Geodesic.wgs84.distance(from: a, to: b) / 1000 }
            layer.append(Feature(id: "border-\(i + 1)", geometry: .lineString(line),
                                 values: [.text("Turkey-Syria border"), .text(reference.borderSource), .real(km)]))
        }
        return layer
    }

    static func bands(_ reference: ReferenceData, thresholds: [Double]) throws -> Layer {
        let colors = ["#B10026", "#FC4E2A", "#FEB24C", "#FFEDA0", "#FFFFCC"]
        let drawn = try BorderBands(thresholdsKm: thresholds).bands(border: reference.borderLines, sides: reference.sides)
        var labels: [String] = []
        for b in drawn where !labels.contains(b.label) { labels.append(b.label) }
        var layer = Layer(
            name: "bands", title: "Distance bands from the border",
            fields: [Field("band", .text), Field("side", .text), Field("inner_km", .real), Field("outer_km", .real)],
            style: LayerStyle(color: "#FEB24C", fillOpacity: 0.25, lineWidth: 0.5, categoryField: "band",
                              categories: labels.enumerated().map {
                                  .init(value: $0.element, label: "\($0.element) km", color: colors[min($0.offset, 4)])
                              }),
            metadata: ["border_source": reference.borderSource,
                       "note": "drawing aid; incident bands come from exact geodesic distances"])
        for (i, b) in drawn.enumerated() {
            layer.append(Feature(id: "band-\(i + 1)", geometry: b.geometry,
                                 values: [.text(b.label), .text(b.side), .real(b.innerKm), .real(b.outerKm)]))
        }
        return layer
    }

    static func crossings(_ reference: ReferenceData) -> Layer {
        var layer = Layer(name: "crossings", title: "Border crossings",
                          fields: [Field("place_id", .text), Field("name", .text), Field("alternate_names", .text),
                                   Field("country", .text), Field("approximate", .boolean), Field("source", .text)],
                          style: LayerStyle(color: "#1F78B4", fillOpacity: 1, lineWidth: 1))
        for p in reference.crossings {
            layer.append(Feature(id: p.id, geometry: .point(p.coordinate),
                                 values: [.text(p.id), .text(p.name), .text(p.alternateNames.joined(separator: "; ")),
                                          .text(p.country), .boolean(p.isApproximate), .text(p.source)]))
        }
        return layer
    }

    static func adminAreas(_ reference: ReferenceData, touchedBy incidents: [Incident]) -> Layer {
        // Counted by the names as written, a run of equal ones at a time (rows of a table
        // come in runs of one governorate), then merged by their lower-case form: lowering
        // and hashing each of a million names took a quarter of a second on one thread.
        // By index: iterating the incidents copies each one (see `IncidentLayer.make`).
        var written: [String: Int] = [:]
        var last: String?, run = 0
        for i in incidents.indices {
            let name = incidents[i].admin1
            if name == last { run += 1; continue }
            if let last { written[last, default: 0] += run }
            (last, run) = (name, 1)
        }
        if let last { written[last, default: 0] += run }
        var counts: [String: Int] = [:]
        for (name, n) in written { counts[name.lowercased(), default: 0] += n }
        var layer = Layer(name: "admin_areas", title: "Governorates and provinces with incidents",
                          fields: [Field("admin_id", .text), Field("name", .text), Field("country", .text),
                                   Field("incidents", .integer)],
                          style: LayerStyle(color: "#969696", fillOpacity: 0.1, lineWidth: 1))
        for area in reference.adminAreas {
            guard let n = counts[area.name.lowercased()], n > 0 else { continue }
            layer.append(Feature(id: area.id, geometry: area.geometry,
                                 values: [.text(area.id), .text(area.name), .text(area.country), .integer(n)]))
        }
        return layer
    }
}
