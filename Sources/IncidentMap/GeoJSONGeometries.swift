import Foundation
import GeoCore
import IncidentExtraction

/// Reads the geometries and properties of a GeoJSON file (FeatureCollection, Feature or
/// bare geometry): the shipped border and admin layers, and a user's `--border`.
enum GeoJSONGeometries {
    struct Item {
        var geometry: Geometry
        var properties: [String: Any]
    }

    static func read(_ url: URL) throws -> [Item] {
        let file = url.path
        guard let data = try? Data(contentsOf: url) else {
            throw PipelineError.input(InputError(file: file, problem: "cannot be read",
                                                 hint: "check that the file exists and is readable"))
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PipelineError.input(InputError(file: file, problem: "not valid GeoJSON",
                                                 hint: "give a GeoJSON FeatureCollection of lines or polygons"))
        }
        let features: [[String: Any]]
        switch root["type"] as? String {
        case "FeatureCollection": features = root["features"] as? [[String: Any]] ?? []
        case "Feature": features = [root]
        default: features = [["type": "Feature", "geometry": root, "properties": [String: Any]()]]
        }
        return try features.enumerated().compactMap { index, feature in
            guard let g = feature["geometry"] as? [String: Any] else { return nil }
            guard let geometry = geometry(g) else {
                throw PipelineError.input(InputError(file: file, feature: index,
                                                     problem: "geometry is not valid GeoJSON",
                                                     hint: "check its type and coordinates"))
            }
            return Item(geometry: geometry, properties: feature["properties"] as? [String: Any] ?? [:])
        }
    }

    static func geometry(_ object: [String: Any]) -> Geometry? {
        func position(_ any: Any) -> Coordinate? {
            guard let a = any as? [Any], a.count >= 2, let x = (a[0] as? NSNumber)?.doubleValue,
                  let y = (a[1] as? NSNumber)?.doubleValue else { return nil }
            let c = Coordinate(longitude: x, latitude: y)
            return c.isValid ? c : nil
        }
        func line(_ any: Any) -> [Coordinate]? {
            guard let a = any as? [Any] else { return nil }
            let cs = a.compactMap(position)
            return cs.count == a.count ? cs : nil
        }
        func lines(_ any: Any) -> [[Coordinate]]? {
            guard let a = any as? [Any] else { return nil }
            let ls = a.compactMap(line)
            return ls.count == a.count ? ls : nil
        }
        guard let type = object["type"] as? String, let coordinates = object["coordinates"] else { return nil }
        switch type {
        case "Point": return position(coordinates).map(Geometry.point)
        case "MultiPoint": return line(coordinates).map(Geometry.multiPoint)
        case "LineString": return line(coordinates).flatMap { $0.count >= 2 ? .lineString($0) : nil }
        case "MultiLineString": return lines(coordinates).map(Geometry.multiLineString)
        case "Polygon": return lines(coordinates).map(Geometry.polygon)
        case "MultiPolygon":
            guard let a = coordinates as? [Any] else { return nil }
            let ps = a.compactMap(lines)
            return ps.count == a.count ? .multiPolygon(ps) : nil
        default: return nil
        }
    }
}
