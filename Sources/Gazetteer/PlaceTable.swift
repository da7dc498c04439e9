import Foundation
import GeoCore

/// Reads and writes the gazetteer's TSV tables.
///
/// Columns, tab-separated, with a header line: `id name country admin1 lon lat kind
/// population approximate source alternate_names`; `curated.tsv` adds `note`.
/// Alternate names are separated by `|`; an empty field is unknown.
public enum PlaceTable {
    public static let columns = ["id", "name", "country", "admin1", "lon", "lat", "kind", "population",
                                 "approximate", "source", "alternate_names"]

    public static func read(_ url: URL) throws -> [Place] {
        let file = url.lastPathComponent
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw GazetteerError.missingData(path: url.path)
        }
        var places: [Place] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if n == 0 || line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= columns.count else {
                throw GazetteerError.malformedRow(file: file, line: n + 1,
                                                  problem: "\(f.count) columns, expected \(columns.count)")
            }
            guard let lon = Double(f[4]), let lat = Double(f[5]),
                  Coordinate(longitude: lon, latitude: lat).isValid else {
                throw GazetteerError.malformedRow(file: file, line: n + 1, problem: "bad lon/lat '\(f[4])' '\(f[5])'")
            }
            guard let kind = PlaceKind(rawValue: f[6]) else {
                throw GazetteerError.malformedRow(file: file, line: n + 1, problem: "unknown kind '\(f[6])'")
            }
            places.append(Place(id: f[0], name: f[1], country: f[2], admin1: f[3].isEmpty ? nil : f[3],
                                coordinate: Coordinate(longitude: lon, latitude: lat), kind: kind,
                                population: Int(f[7]), alternateNames: f[10].split(separator: "|").map(String.init),
                                isApproximate: f[8] == "1", source: f[9]))
        }
        return places
    }
}
