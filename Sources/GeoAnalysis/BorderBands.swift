import Foundation
import GeoCore
import GeoGEOS
import GeoProj

/// One zone along the border for the map: the land within a band of distances on one side.
public struct BorderBand: Sendable {
    /// The side's code ("SY", "TR").
    public var side: String
    /// Inner and outer distance from the border, in km.
    public var innerKm: Double
    public var outerKm: Double
    public var geometry: Geometry

    /// "0-5", "5-10", ... as the incident layer's `border_band` writes it.
    public var label: String { "\(Self.format(innerKm))-\(Self.format(outerKm))" }

    static func format(_ km: Double) -> String {
        km == km.rounded() ? String(Int(km)) : String(km)
    }
}

/// Draws the distance bands along a border (the 5, 10 and 30 km zones on each side).
///
/// The zones are buffers computed by GEOS in an azimuthal equidistant projection centred
/// on the border (PROJ `aeqd` on WGS84), then clipped to each country's outline and brought
/// back to longitude/latitude. For a border some 800 km long the projection stretches
/// distances away from its centre by well under 0.1 %, so a 30 km edge is drawn within
/// a few tens of metres: the polygons are a drawing aid. Which band an incident falls in is
/// never read from them; it comes from the exact geodesic distance (``BorderProximity``).
public struct BorderBands {
    public var thresholdsKm: [Double]
    /// Segments per quarter circle of the buffer's round ends.
    public var quadrantSegments = 16

    public init(thresholdsKm: [Double] = DistanceBands.standard.thresholds) {
        self.thresholdsKm = thresholdsKm
    }

    /// One band per side and pair of consecutive thresholds (0 is the first inner edge).
    public func bands(border: [[Coordinate]], sides: [BorderSide]) throws -> [BorderBand] {
        let all = border.flatMap { $0 }
        guard let box = BoundingBox(covering: all), !sides.isEmpty else { return [] }
        let centre = Coordinate(longitude: (box.west + box.east) / 2, latitude: (box.south + box.north) / 2)
        let projection = try Transformer(TransformerRecipe(
            source: .wgs84,
            target: CoordinateReferenceSystem(definition:
                "+proj=aeqd +lat_0=\(centre.latitude) +lon_0=\(centre.longitude) +datum=WGS84 +units=m +no_defs")))
        let context = GEOSContext()
        let line = try GEOSGeometry(.multiLineString(try border.map { try project($0, projection) }), context: context)
        let edges = [0] + thresholdsKm
        let buffers = try edges.dropFirst().map { try line.buffer(width: $0 * 1000, quadrantSegments: quadrantSegments) }
        var result: [BorderBand] = []
        for side in sides {
            let outline = try GEOSGeometry(try project(side.outline, projection), context: context).makeValid()
            for k in buffers.indices {
                var zone = buffers[k]
                if k > 0 { zone = try zone.difference(buffers[k - 1]) }
                let clipped = try zone.intersection(outline)
                let geometry = try unproject(try clipped.geometry(), projection)
                guard !geometry.coordinates.isEmpty else { continue }
                result.append(BorderBand(side: side.code, innerKm: edges[k], outerKm: edges[k + 1], geometry: geometry))
            }
        }
        return result
    }

    func project(_ line: [Coordinate], _ t: Transformer, direction: TransformDirection = .forward) throws -> [Coordinate] {
        var x = line.map(\.longitude), y = line.map(\.latitude)
        try t.transform(x: &x, y: &y, direction: direction)
        return zip(x, y).map { Coordinate(longitude: $0, latitude: $1) }
    }

    func project(_ g: Geometry, _ t: Transformer, direction: TransformDirection = .forward) throws -> Geometry {
        func p(_ line: [Coordinate]) throws -> [Coordinate] { try project(line, t, direction: direction) }
        switch g {
        case .point(let c): return .point(try p([c])[0])
        case .multiPoint(let cs): return .multiPoint(try p(cs))
        case .lineString(let cs): return .lineString(try p(cs))
        case .multiLineString(let ls): return .multiLineString(try ls.map(p))
        case .polygon(let rings): return .polygon(try rings.map(p))
        case .multiPolygon(let ps): return .multiPolygon(try ps.map { try $0.map(p) })
        }
    }

    func unproject(_ g: Geometry, _ t: Transformer) throws -> Geometry {
        try project(g, t, direction: .inverse)
    }
}
