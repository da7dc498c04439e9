import Foundation
import GeoCore
import GRDB

/// A local gazetteer for users who need every village: GeoNames country dumps (`SY.txt`,
/// `TR.txt`, ...) and optionally `alternateNamesV2.txt`, imported into an SQLite database
/// that `load(directory:localDatabase:)` adds to the embedded tables.
///
/// Database layout: `place(geonameid, name, ascii_name, country, admin1, lon, lat, kind,
/// feature_class, feature_code, population)` and `alternate_name(geonameid, name,
/// language, is_historic)`.
extension Gazetteer {
    /// GeoNames feature classes kept: populated places, admin divisions, and (class S)
    /// border posts only.
    static func geoNamesKind(featureClass: String, featureCode: String, population: Int) -> PlaceKind? {
        switch featureClass {
        case "P":
            if featureCode == "PPLC" || featureCode.hasPrefix("PPLA") { return .seat }
            return population >= 10_000 ? .town : .village
        case "A":
            switch featureCode {
            case "ADM1": return .admin1
            case "ADM2", "ADM3", "ADM4": return .admin2
            case "PCLI": return .country
            default: return nil
            }
        case "S":
            return featureCode == "PSTB" ? .crossing : nil
        default:
            return nil
        }
    }

    /// Alternate names that are not names: links, postcodes, airport codes, Wikidata ids.
    static let nonNameLanguages: Set<String> = ["link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc",
                                                "fr_1793", "tcid"]

    /// Imports GeoNames dumps (19 tab-separated columns each: geonameid name asciiname
    /// alternatenames latitude longitude feature_class feature_code country cc2 admin1 admin2
    /// admin3 admin4 population elevation dem timezone modification_date) and, when given,
    /// `alternateNamesV2.txt` (alternateNameId geonameid isolanguage alternateName
    /// isPreferredName isShortName isColloquial isHistoric from to) into a new SQLite
    /// database at `database`, replacing it only once the import is complete.
    ///
    /// - Throws: `GazetteerError.missingData` for a file that cannot be read,
    ///   `GazetteerError.malformedRow` naming the file and line of a bad row, and GRDB's
    ///   `DatabaseError` when the database cannot be written.
    public static func importGeoNames(dumps: [URL], alternateNames: URL?, into database: URL) throws {
        let pid = ProcessInfo.processInfo.processIdentifier
        let partial = database.deletingLastPathComponent()
            .appendingPathComponent(".\(database.lastPathComponent).partial-\(pid)")
        try? FileManager.default.removeItem(at: partial)
        do {
            let queue = try DatabaseQueue(path: partial.path)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE place (geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, ascii_name TEXT,
                        country TEXT NOT NULL, admin1 TEXT, lon REAL NOT NULL, lat REAL NOT NULL, kind TEXT NOT NULL,
                        feature_class TEXT, feature_code TEXT, population INTEGER);
                    CREATE TABLE alternate_name (geonameid INTEGER NOT NULL REFERENCES place(geonameid),
                        name TEXT NOT NULL, language TEXT, is_historic INTEGER NOT NULL DEFAULT 0);
                    """)
                var imported = Set<Int64>()
                for dump in dumps {
                    try importDump(dump, db: db, imported: &imported)
                }
                try resolveAdmin1Names(db)
                if let alternateNames {
                    try importAlternateNames(alternateNames, db: db, imported: imported)
                }
                try db.execute(sql: "CREATE INDEX alternate_name_place ON alternate_name(geonameid)")
            }
            try queue.close()
            if FileManager.default.fileExists(atPath: database.path) {
                try FileManager.default.removeItem(at: database)
            }
            try FileManager.default.moveItem(at: partial, to: database)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    private static func importDump(_ url: URL, db: Database, imported: inout Set<Int64>) throws {
        let file = url.lastPathComponent
        let insert = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO place (geonameid, name, ascii_name, country, admin1, lon, lat, kind,
                feature_class, feature_code, population) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let names = try db.makeStatement(sql: "INSERT INTO alternate_name (geonameid, name) VALUES (?, ?)")
        try TabLines.forEach(url) { line, f in
            guard f.count == 19 else {
                throw GazetteerError.malformedRow(file: file, line: line,
                                                  problem: "\(f.count) columns, a GeoNames dump row has 19")
            }
            guard let id = Int64(f[0]) else {
                throw GazetteerError.malformedRow(file: file, line: line,
                                                  problem: "geonameid '\(f[0])' is not a number")
            }
            guard let lat = Double(f[4]), let lon = Double(f[5]),
                  Coordinate(longitude: lon, latitude: lat).isValid else {
                throw GazetteerError.malformedRow(file: file, line: line,
                                                  problem: "bad latitude/longitude '\(f[4])' '\(f[5])'")
            }
            let population = f[14].isEmpty ? 0 : Int(f[14])
            guard let population else {
                throw GazetteerError.malformedRow(file: file, line: line, problem: "bad population '\(f[14])'")
            }
            guard f[8].count == 2 else {
                throw GazetteerError.malformedRow(file: file, line: line, problem: "bad country code '\(f[8])'")
            }
            guard let kind = geoNamesKind(featureClass: f[6], featureCode: f[7], population: population) else {
                return
            }
            try insert.execute(arguments: [id, f[1], f[2], f[8], f[10].isEmpty ? nil : f[10], lon, lat,
                                           kind.rawValue, f[6], f[7], population > 0 ? population : nil])
            imported.insert(id)
            for alternate in Set(f[3].split(separator: ",").map(String.init)) where alternate != f[1] {
                try names.execute(arguments: [id, alternate])
            }
        }
    }

    /// Replaces GeoNames admin1 codes with the names of the ADM1 rows of the same dumps.
    private static func resolveAdmin1Names(_ db: Database) throws {
        // Codes first, into their own table: updating in place would rename the ADM1 rows'
        // own codes before the rows after them are matched.
        try db.execute(sql: """
            CREATE TEMP TABLE admin1_name AS SELECT country, admin1 AS code, name FROM place
                WHERE feature_code = 'ADM1' AND admin1 IS NOT NULL;
            UPDATE place SET admin1 = (SELECT n.name FROM admin1_name n
                WHERE n.country = place.country AND n.code = place.admin1)
            WHERE EXISTS (SELECT 1 FROM admin1_name n WHERE n.country = place.country AND n.code = place.admin1);
            DROP TABLE admin1_name;
            """)    }

    private static func importAlternateNames(_ url: URL, db: Database, imported: Set<Int64>) throws {
        let file = url.lastPathComponent
        let insert = try db.makeStatement(sql: """
            INSERT INTO alternate_name (geonameid, name, language, is_historic) VALUES (?, ?, ?, ?)
            """)
        try TabLines.forEach(url) { line, f in
            guard f.count >= 4 else {
                throw GazetteerError.malformedRow(file: file, line: line,
                                                  problem: "\(f.count) columns, an alternate-name row has 4 to 10")
            }
            guard Int64(f[0]) != nil, let id = Int64(f[1]) else {
                throw GazetteerError.malformedRow(file: file, line: line,
                                                  problem: "ids '\(f[0])' '\(f[1])' are not numbers")
            }
            guard imported.contains(id), !nonNameLanguages.contains(f[2]), !f[3].isEmpty else { return }
            try insert.execute(arguments: [id, f[3], f[2].isEmpty ? nil : f[2], f.count > 7 && f[7] == "1" ? 1 : 0])
        }
    }

    /// The places of a database written by `importGeoNames`.
    public static func localPlaces(database: URL) throws -> [Place] {
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw GazetteerError.missingData(path: database.path)
        }
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: database.path, configuration: configuration)
        return try queue.read { db in
            var alternates: [Int64: [String]] = [:]
            let names = try Row.fetchCursor(db, sql: "SELECT geonameid, name FROM alternate_name")
            while let row = try names.next() {
                alternates[row[0], default: []].append(row[1])
            }
            var places: [Place] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT geonameid, name, ascii_name, country, admin1, lon, lat, kind, population FROM place
                """)
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let name: String = row[1]
                let ascii: String? = row[2]
                var names = alternates[id] ?? []
                if let ascii, ascii != name { names.append(ascii) }
                places.append(Place(id: "geonames:\(id)", name: name, country: row[3], admin1: row[4],
                                    coordinate: Coordinate(longitude: row[5], latitude: row[6]),
                                    kind: PlaceKind(rawValue: row[7]) ?? .village, population: row[8],
                                    alternateNames: names, source: "GeoNames (local import)"))
            }
            return places
        }
    }

    /// The embedded tables of `directory`, extended with a local GeoNames database when
    /// given: a place both know keeps its embedded row and gains the local spellings.
    public static func load(directory: URL, localDatabase: URL?) throws -> Gazetteer {
        var places = try loadPlaces(directory: directory)
        guard let localDatabase else { return Gazetteer(places: places) }
        var position: [String: Int] = [:]
        for (i, p) in places.enumerated() { position[p.id] = i }
        for local in try localPlaces(database: localDatabase) {
            if let i = position[local.id] {
                let known = Set(places[i].alternateNames + [places[i].name])
                places[i].alternateNames += local.alternateNames.filter { !known.contains($0) }
            } else {
                position[local.id] = places.count
                places.append(local)
            }
        }
        return Gazetteer(places: places)
    }
}
