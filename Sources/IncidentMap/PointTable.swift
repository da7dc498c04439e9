import Foundation
import GeoCore
import IncidentExtraction

/// A table of points read so that it can be written back as it was with columns added:
/// the form `incidentmap proximity` and `incidentmap cluster` work on.
public struct PointTable {
    public enum Format: String, Sendable { case csv, geojson }

    public var format: Format
    public var file: String
    /// CSV: the header and rows as read. GeoJSON: the parsed root object.
    var header: [String] = []
    var rows: [[String]] = []
    var root: [String: Any] = [:]
    public var coordinates: [Coordinate] = []
    /// Day numbers of `event_date` (or `date`) where present, for time windows.
    public var dayNumbers: [Int?] = []
    /// Columns added by an analysis, in order, with one value per point.
    var added: [(name: String, values: [PropertyValue])] = []

    /// Reads a CSV with latitude/longitude columns or a GeoJSON FeatureCollection of points.
    public static func read(_ path: String) throws -> PointTable {
        let url = URL(fileURLWithPath: path)
        guard let data = try? TableReader.contents(of: url) else {
            throw PipelineError.input(InputError(file: path, problem: "no such file or cannot be read",
                                                 hint: "check the path"))
        }
        switch url.pathExtension.lowercased() {
        case "csv": return try readCSV(data, file: path)
        case "geojson", "json": return try readGeoJSON(data, file: path)
        default:
            throw PipelineError.input(InputError(file: path, problem: "'.\(url.pathExtension)' is not CSV or GeoJSON",
                                                 hint: "give a .csv with latitude/longitude columns or a .geojson"))
        }
    }

    static func readCSV(_ data: Data, file: String) throws -> PointTable {
        let table: CSVTable
        do { table = try CSVTable.parse(data, file: file) } catch let e as InputError { throw PipelineError.input(e) }
        guard let lat = table.column(["latitude", "lat", "y"]), let lon = table.column(["longitude", "lon", "lng", "x"])
        else {
            throw PipelineError.input(InputError(file: file, line: 1, problem: "no latitude/longitude columns",
                                                 hint: "name them latitude and longitude"))
        }
        let date = table.column(["event_date", "date"])
        var result = PointTable(format: .csv, file: file, header: table.header, rows: table.rows)
        for (i, row) in table.rows.enumerated() {
            let line = table.lines[i]
            guard row.count == table.header.count else {
                throw PipelineError.input(InputError(file: file, line: line,
                                                     problem: "\(row.count) fields where the header has \(table.header.count)",
                                                     hint: "fix the row's field count"))
            }
            guard let y = Double(row[lat].trimmingCharacters(in: .whitespaces)),
                  let x = Double(row[lon].trimmingCharacters(in: .whitespaces)), x.isFinite, y.isFinite else {
                throw PipelineError.input(InputError(file: file, line: line, problem: "latitude or longitude is not a number",
                                                     hint: "write decimal degrees"))
            }
            if let error = InputError.coordinateRange(latitude: y, longitude: x, file: file, line: line) {
                throw PipelineError.input(error)
            }
            result.coordinates.append(Coordinate(longitude: x, latitude: y))
            result.dayNumbers.append(date.flatMap { CalendarDate(iso: String(row[$0].prefix(10)))?.dayNumber })
        }
        return result
    }

    static func readGeoJSON(_ data: Data, file: String) throws -> PointTable {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["type"] as? String == "FeatureCollection", let features = root["features"] as? [[String: Any]] else {
            throw PipelineError.input(InputError(file: file, problem: "not a GeoJSON FeatureCollection",
                                                 hint: "give a FeatureCollection of Point features"))
        }
        var result = PointTable(format: .geojson, file: file, root: root)
        for (i, feature) in features.enumerated() {
            guard let g = feature["geometry"] as? [String: Any], let geometry = GeoJSONGeometries.geometry(g),
                  case .point(let c) = geometry else {
                throw PipelineError.input(InputError(file: file, feature: i, problem: "not a valid Point feature",
                                                     hint: "every feature needs a Point geometry"))
            }
            result.coordinates.append(c)
            let properties = feature["properties"] as? [String: Any]
            let date = (properties?["event_date"] ?? properties?["date"]) as? String
            result.dayNumbers.append(date.flatMap { CalendarDate(iso: String($0.prefix(10)))?.dayNumber })
        }
        return result
    }

    /// Adds (or replaces) a column.
    public mutating func setColumn(_ name: String, _ values: [PropertyValue]) {
        precondition(values.count == coordinates.count)
        added.removeAll { $0.name == name }
        added.append((name, values))
    }

    /// The table with its added columns, in its own format.
    public func serialized() throws -> Data {
        switch format {
        case .csv:
            let addedNames = added.map(\.name)
            let keep = header.enumerated().filter { !addedNames.contains($0.element) }.map(\.offset)
            var out = (keep.map { header[$0] } + addedNames).map(UnresolvedTable.quote).joined(separator: ",") + "\n"
            for (i, row) in rows.enumerated() {
                let cells = keep.map { row[$0] } + added.map { $0.values[i].textValue ?? "" }
                out += cells.map(UnresolvedTable.quote).joined(separator: ",") + "\n"
            }
            return Data(out.utf8)
        case .geojson:
            var root = self.root
            var features = root["features"] as? [[String: Any]] ?? []
            for i in features.indices {
                var properties = features[i]["properties"] as? [String: Any] ?? [:]
                for column in added { properties[column.name] = Self.json(column.values[i]) }
                features[i]["properties"] = properties
            }
            root["features"] = features
            return try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
        }
    }

    static func json(_ value: PropertyValue) -> Any {
        switch value {
        case .null: NSNull()
        case .integer(let v): v
        case .real(let v): v.isFinite ? v : NSNull()
        case .text(let v), .date(let v): v
        case .boolean(let v): v
        }
    }
}
