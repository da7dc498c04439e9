import Foundation
import GeoCore
import GeoProj

/// Maps clusters to the `clusters` (hull polygons) and `cluster_centroids` (points) layers.
public enum ClusterLayer {
    static let fields: [Field] = [
        Field("cluster_id", .integer), Field("member_count", .integer), Field("first_date", .date),
        Field("last_date", .date), Field("event_types", .text), Field("centroid_lon", .real),
        Field("centroid_lat", .real), Field("nearest_border_km", .real), Field("hull", .text),
    ]

    /// Radius in metres of the polygon drawn for a cluster whose members are all at one
    /// place or on one line, so that every cluster has an area to draw.
    public static let degenerateRadius = 250.0

    public static func hulls(_ clusters: [Cluster], metadata: [String: String] = [:]) -> Layer {
        var layer = Layer(name: "clusters", title: "Incident clusters (concave hulls)", fields: fields,
                          style: LayerStyle(color: "#E31A1C", fillOpacity: 0.3, lineWidth: 2), metadata: metadata)
        for c in clusters {
            var geometry = c.concaveHull
            var kind = "concave"
            if !isPolygon(geometry) { geometry = c.convexHull; kind = "convex" }
            if !isPolygon(geometry) { geometry = circle(around: c.centroid); kind = "circle \(Int(degenerateRadius)) m" }
            layer.append(Feature(id: "cluster-\(c.id)", geometry: geometry, values: values(c, hull: kind)))
        }
        return layer
    }

    public static func centroids(_ clusters: [Cluster]) -> Layer {
        var layer = Layer(name: "cluster_centroids", title: "Cluster centroids", fields: fields,
                          style: LayerStyle(color: "#E31A1C", fillOpacity: 1, lineWidth: 1))
        for c in clusters {
            layer.append(Feature(id: "centroid-\(c.id)", geometry: .point(c.centroid), values: values(c, hull: "centroid")))
        }
        return layer
    }

    static func values(_ c: Cluster, hull: String) -> [PropertyValue] {
        let types = c.eventTypeCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            .map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        return [.integer(c.id), .integer(c.members.count), c.firstDate.map { .date($0.description) } ?? .null,
                c.lastDate.map { .date($0.description) } ?? .null, types.isEmpty ? .null : .text(types),
                .real(c.centroid.longitude), .real(c.centroid.latitude),
                c.nearestBorderDistanceKm.map(PropertyValue.real) ?? .null, .text(hull)]
    }

    static func isPolygon(_ g: Geometry) -> Bool {
        switch g {
        case .polygon(let rings): rings.first.map { $0.count >= 4 } ?? false
        case .multiPolygon(let ps): !ps.isEmpty
        default: false
        }
    }

    /// A closed 32-gon of geodesic radius `degenerateRadius` around `centre`, counter-clockwise.
    static func circle(around centre: Coordinate) -> Geometry {
        var ring = (0..<32).map { k in
            Geodesic.wgs84.direct(from: centre, azimuth: -Double(k) * 360 / 32, distance: degenerateRadius).destination
        }
        ring.append(ring[0])
        return .polygon([ring])
    }
}
