import Foundation
import GeoCore

/// Reads and writes the gazetteer's TSV tables.
///
/// Columns, tab-separated, with a header line: `id name country admin1 lon lat kind
/// population approximate source alternate_names`; `curated.tsv` adds `note`.
/// Alternate names are separated by `|`; an empty field is unknown. Lines starting with
/// `#` are comments.
///
/// The reader works over UTF-8 bytes and makes a `String` only for the fields a `Place`
/// keeps: loading the shipped tables is on every run's critical path.
public enum PlaceTable {
    public static let columns = ["id", "name", "country", "admin1", "lon", "lat", "kind", "population",
                                 "approximate", "source", "alternate_names"]

    public static func read(_ url: URL) throws -> [Place] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw GazetteerError.missingData(path: url.path)
        }
        return try parse(data, file: url.lastPathComponent)
    }

    /// Parses the bytes of a table; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws -> [Place] {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Place] in
            let bytes = raw.bindMemory(to: UInt8.self)
            var places: [Place] = []
            places.reserveCapacity(bytes.count / 120)
            var lineNumber = 0
            var lineStart = 0
            var fields: [Range<Int>] = []
            fields.reserveCapacity(16)
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                lineNumber += 1
                defer { lineStart = lineEnd + 1 }
                var end = lineEnd
                if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
                if lineNumber == 1 || end == lineStart || bytes[lineStart] == 0x23 { continue }
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                for k in lineStart..<end where bytes[k] == 0x09 {
                    fields.append(fieldStart..<k)
                    fieldStart = k + 1
                }
                fields.append(fieldStart..<end)
                func text(_ i: Int) -> String {
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[i]]), as: UTF8.self)
                }
                guard fields.count >= columns.count else {
                    throw GazetteerError.malformedRow(file: file, line: lineNumber,
                                                      problem: "\(fields.count) columns, expected \(columns.count)")
                }
                guard let lon = Double(text(4)), let lat = Double(text(5)),
                      Coordinate(longitude: lon, latitude: lat).isValid else {
                    throw GazetteerError.malformedRow(file: file, line: lineNumber,
                                                      problem: "bad lon/lat '\(text(4))' '\(text(5))'")
                }
                guard let kind = PlaceKind(rawValue: text(6)) else {
                    throw GazetteerError.malformedRow(file: file, line: lineNumber,
                                                      problem: "unknown kind '\(text(6))'")
                }
                let population = fields[7].isEmpty ? nil : Int(text(7))
                if !fields[7].isEmpty && population == nil {
                    throw GazetteerError.malformedRow(file: file, line: lineNumber,
                                                      problem: "bad population '\(text(7))'")
                }
                let admin1 = fields[3].isEmpty ? nil : text(3)
                let alternates = fields[10].isEmpty ? [] : text(10).split(separator: "|").map(String.init)
                places.append(Place(id: text(0), name: text(1), country: text(2), admin1: admin1,
                                    coordinate: Coordinate(longitude: lon, latitude: lat), kind: kind,
                                    population: population, alternateNames: alternates,
                                    isApproximate: text(8) == "1", source: text(9)))
            }
            return places
        }
    }

    /// The table text of `places` (header included), as `read` expects it.
    public static func write(_ places: [Place]) -> String {
        var out = columns.joined(separator: "\t") + "\n"
        for p in places {
            let fields = [p.id, p.name, p.country, p.admin1 ?? "", "\(p.coordinate.longitude)",
                          "\(p.coordinate.latitude)", p.kind.rawValue, p.population.map(String.init) ?? "",
                          p.isApproximate ? "1" : "0", p.source, p.alternateNames.joined(separator: "|")]
            out += fields.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t") + "\n"
        }
        return out
    }
}
