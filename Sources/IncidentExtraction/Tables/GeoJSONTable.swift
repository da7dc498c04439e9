import Foundation
import GeoCore

/// Reads a GeoJSON FeatureCollection of points (or one Feature) into incidents; properties
/// use the same names as CSV columns.
struct GeoJSONTable {
    let reader: TableReader

    func read(_ data: Data, file: String) throws -> TableReadResult {
        guard !data.isEmpty else {
            throw InputError(file: file, problem: "the file is empty", hint: "give a GeoJSON FeatureCollection")
        }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError(file: file, problem: "not valid JSON (\(Self.reason(error)))",
                             hint: "check the file with a JSON validator")
        }
        guard let object = root as? [String: Any], let type = object["type"] as? String else {
            throw InputError(file: file, problem: "not a GeoJSON object (no \"type\")",
                             hint: "give a FeatureCollection of Point features")
        }
        let features: [Any]
        switch type {
        case "FeatureCollection":
            guard let list = object["features"] as? [Any] else {
                throw InputError(file: file, problem: "the FeatureCollection has no \"features\" array",
                                 hint: "add a \"features\" array")
            }
            features = list
        case "Feature":
            features = [object]
        default:
            throw InputError(file: file, problem: "GeoJSON type \(type) is not a Feature or FeatureCollection",
                             hint: "wrap the geometries in Point features")
        }
        var result = TableReadResult(format: .geojson)
        let decoder = RowDecoder(file: file, gazetteer: reader.gazetteer)
        for (index, item) in features.enumerated() {
            try reader.collect({
                let feature = try Self.pointFeature(item, index: index, file: file)
                var properties: [String: Any] = [:]
                for (k, v) in feature.properties { properties[reader.renamed(k).lowercased()] = v }
                if properties["id"] == nil, let id = feature.id { properties["id"] = id }
                return try decoder.decode(line: nil, feature: index, rowNumber: index + 1,
                                          coordinate: feature.coordinate) { JSONValue.text(properties[$0]) }
            }, into: &result)
        }
        return result
    }

    static func pointFeature(_ item: Any, index: Int, file: String) throws
        -> (coordinate: Coordinate?, properties: [String: Any], id: Any?) {
        func fail(_ problem: String, _ hint: String) -> InputError {
            InputError(file: file, feature: index, problem: problem, hint: hint)
        }
        guard let feature = item as? [String: Any], feature["type"] as? String == "Feature" else {
            throw fail("not a GeoJSON Feature", "each entry of \"features\" must have \"type\": \"Feature\"")
        }
        let properties = feature["properties"] as? [String: Any] ?? [:]
        guard let geometry = feature["geometry"] as? [String: Any] else {
            // A feature without geometry may still name a place in its properties.
            return (nil, properties, feature["id"])
        }
        guard geometry["type"] as? String == "Point" else {
            throw fail("geometry \(geometry["type"] as? String ?? "?") is not a Point",
                       "incidents are points; convert other geometries to points first")
        }
        guard let position = geometry["coordinates"] as? [Any], position.count >= 2,
              let lon = (position[0] as? NSNumber)?.doubleValue, let lat = (position[1] as? NSNumber)?.doubleValue,
              lon.isFinite, lat.isFinite else {
            throw fail("Point coordinates are not [longitude, latitude] numbers", "write [36.68, 36.19]")
        }
        if let error = InputError.coordinateRange(latitude: lat, longitude: lon, file: file, feature: index) {
            throw error
        }
        return (Coordinate(longitude: lon, latitude: lat), properties, feature["id"])
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
