/// A geometry as plain values, in longitude/latitude degrees (WGS84).
///
/// Polygons are lists of rings, the first the exterior; rings are closed (first equals
/// last). Winding is not normalised here: writers that need a given orientation
/// (RFC 7946) enforce it.
public enum Geometry: Sendable, Hashable {
    case point(Coordinate)
    case multiPoint([Coordinate])
    case lineString([Coordinate])
    case multiLineString([[Coordinate]])
    case polygon([[Coordinate]])
    case multiPolygon([[[Coordinate]]])

    /// The OGC / GeoJSON type name ("Point", "LineString", ...).
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        }
    }

    /// Every vertex, in order.
    public var coordinates: [Coordinate] {
        switch self {
        case .point(let c): [c]
        case .multiPoint(let cs), .lineString(let cs): cs
        case .multiLineString(let lines): lines.flatMap { $0 }
        case .polygon(let rings): rings.flatMap { $0 }
        case .multiPolygon(let polygons): polygons.flatMap { $0.flatMap { $0 } }
        }
    }

    public var boundingBox: BoundingBox? { BoundingBox(covering: coordinates) }
}
