import GeoCore
import GeoAnalysis

/// Maps incidents to the `incidents` layer of the output contract (DESIGN.md): ACLED's
/// property names where ACLED has the concept, incidentmap's own after them.
public enum IncidentLayer {
    public static let name = "incidents"

    public static let fields: [Field] = [
        Field("event_id", .text), Field("event_date", .date), Field("time_precision", .integer),
        Field("event_type", .text), Field("sub_event_type", .text), Field("actor1", .text),
        Field("actor2", .text), Field("country", .text), Field("admin1", .text), Field("location", .text),
        Field("latitude", .real), Field("longitude", .real), Field("geo_precision", .integer),
        Field("fatalities", .integer), Field("notes", .text), Field("source", .text),
        Field("place_id", .text), Field("injured", .integer), Field("target", .text),
        Field("attribution", .text), Field("confidence", .real),
        Field("border_distance_km", .real), Field("border_distance_min_km", .real),
        Field("border_distance_max_km", .real), Field("border_nearest_lon", .real),
        Field("border_nearest_lat", .real), Field("border_side", .text), Field("border_band", .text),
        Field("nearest_crossing", .text), Field("nearest_crossing_km", .real), Field("cluster_id", .integer),
        Field("source_url", .text), Field("cues", .text), Field("border_band_range", .text),
        Field("sources_count", .integer),
    ]

    /// ACLED event types with the colours every format draws them in.
    public static let style = LayerStyle(
        color: "#636363", fillOpacity: 1, lineWidth: 1, categoryField: "event_type",
        categories: [
            .init(value: "Explosions/Remote violence", label: "Explosions/Remote violence", color: "#D7301F"),
            .init(value: "Battles", label: "Battles", color: "#FC8D59"),
            .init(value: "Violence against civilians", label: "Violence against civilians", color: "#7B3294"),
            .init(value: "Strategic developments", label: "Strategic developments", color: "#2C7FB8"),
            .init(value: "Protests", label: "Protests", color: "#1A9850"),
            .init(value: "Riots", label: "Riots", color: "#FEB24C"),
        ])

    /// The layer; `border` and `clusterIDs` are parallel to `incidents` (nil when not computed).
    public static func make(_ incidents: [Incident], analysis: IncidentAnalysis?,
                            metadata: [String: String] = [:]) -> Layer {
        precondition(analysis == nil || analysis!.proximity.count == incidents.count)
        var layer = Layer(name: name, title: "Incidents", fields: fields, style: style, metadata: metadata)
        layer.features.reserveCapacity(incidents.count)
        for (i, incident) in incidents.enumerated() {
            layer.features.append(Feature(id: incident.eventID, geometry: .point(incident.coordinate),
                                          values: values(incident, analysis?.proximity[i],
                                                         analysis?.crossingNames[i], analysis?.clusterIDs[i])))
        }
        return layer
    }

    static func values(_ x: Incident, _ b: ProximityResult?, _ crossing: String?, _ clusterID: Int?) -> [PropertyValue] {
        func text(_ s: String?) -> PropertyValue { s.map { $0.isEmpty ? .null : .text($0) } ?? .null }
        func int(_ v: Int?) -> PropertyValue { v.map(PropertyValue.integer) ?? .null }
        func real(_ v: Double?) -> PropertyValue { v.map { $0.isFinite ? .real($0) : .null } ?? .null }
        let sources = x.provenance.compactMap(\.source)
        let urls = x.provenance.compactMap(\.url)
        var seen = Set<String>()
        let cues = x.provenance.flatMap(\.cues).filter { seen.insert($0).inserted }
        return [
            .text(x.eventID), x.eventDate.map { .date($0.description) } ?? .null, int(x.timePrecision?.rawValue),
            text(x.eventType), text(x.subEventType), text(x.actor1), text(x.actor2),
            text(x.country), text(x.admin1), text(x.location),
            .real(x.coordinate.latitude), .real(x.coordinate.longitude), .integer(x.geoPrecision.rawValue),
            int(x.fatalities), text(x.notes), text(sources.isEmpty ? nil : Array(Set(sources)).sorted().joined(separator: "; ")),
            text(x.placeID), int(x.injured), text(x.target), text(x.attribution?.rawValue), .real(x.confidence),
            real(b?.distanceKm), real(b?.distanceMinKm), real(b?.distanceMaxKm),
            real(b?.nearestPoint.longitude), real(b?.nearestPoint.latitude), text(b?.side), text(b?.band),
            text(crossing), real(b?.nearestCrossingKm), int(clusterID),
            text(urls.first), text(cues.isEmpty ? nil : cues.joined(separator: "; ")), text(b?.bandRange),
            .integer(x.provenance.count),
        ]
    }
}
