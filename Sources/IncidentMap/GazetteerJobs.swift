import Foundation
import GeoCore
import Gazetteer

/// Loading the gazetteer the way every command does, and the `gazetteer` and `geocode` jobs.
public enum GazetteerJobs {
    /// Where `gazetteer import` writes and every command looks for the local GeoNames
    /// database: `$INCIDENTMAP_LOCAL_GAZETTEER`, else `~/.local/share/incidentmap/local-gazetteer.sqlite`.
    public static func defaultLocalDatabase(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["INCIDENTMAP_LOCAL_GAZETTEER"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/incidentmap/local-gazetteer.sqlite")
    }

    /// The embedded gazetteer, extended by the local database when one exists.
    public static func load(directory explicit: String?) throws -> (gazetteer: Gazetteer, directory: URL) {
        let directory = try DataDirectory.locate(explicit: explicit)
        return (try load(dataDirectory: directory), directory)
    }

    /// The gazetteer of a data directory already located, extended as `load(directory:)` does.
    static func load(dataDirectory directory: URL) throws -> Gazetteer {
        let local = defaultLocalDatabase()
        do {
            let exists = FileManager.default.fileExists(atPath: local.path)
            return try Gazetteer.load(directory: directory, localDatabase: exists ? local : nil)
        } catch let error as GazetteerError {
            throw PipelineError.dataNotFound(error.description)
        }
    }

    /// Resolves each name; `near` is a `LAT,LON` pair that ranks candidates near it first.
    public static func geocode(_ names: [String], country: String?, near: String?,
                               gazetteer: Gazetteer) throws -> [Resolution] {
        var context = ResolutionContext()
        if let country {
            guard country.count == 2, country.allSatisfy(\.isLetter) else {
                throw PipelineError.invalidOption("--country '\(country)' is not a two-letter code such as SY or TR")
            }
            context.countries = [country.uppercased()]
        }
        if let near {
            let parts = near.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let lat = parts[0], let lon = parts[1],
                  Coordinate(longitude: lon, latitude: lat).isValid else {
                throw PipelineError.invalidOption("--near '\(near)' is not LAT,LON in degrees, e.g. 36.2,36.7")
            }
            context.nearby = [Coordinate(longitude: lon, latitude: lat)]
        }
        return names.map { gazetteer.resolve($0, context: context) }
    }

    /// A human-readable line per resolution.
    public static func text(_ resolutions: [Resolution]) -> String {
        resolutions.map { r in
            if let best = r.best {
                let p = best.place
                return "\(r.query)\t\(p.name) (\(p.country)\(p.admin1.map { ", \($0)" } ?? ""))\t"
                    + String(format: "%.5f, %.5f", p.coordinate.latitude, p.coordinate.longitude)
                    + "\t\(p.kind.rawValue)\tscore \(String(format: "%.2f", best.score))\t\(p.id)"
            }
            let offers = r.candidates.prefix(3).map { "\($0.place.name) (\($0.place.country), "
                + String(format: "%.2f", $0.score) + ")" }
            return "\(r.query)\tunresolved" + (offers.isEmpty ? "" : "\tcandidates: " + offers.joined(separator: "; "))
        }.joined(separator: "\n") + "\n"
    }

    /// Builds the local GeoNames database from dumps in GeoNames' tab format.
    public static func importDumps(_ dumps: [String], alternateNames: String?, database: URL) throws -> Int {
        for path in dumps + [alternateNames].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: path) {
            throw PipelineError.input(.init(file: path, problem: "no such file", hint: "check the path"))
        }
        try FileManager.default.createDirectory(at: database.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try Gazetteer.importGeoNames(dumps: dumps.map { URL(fileURLWithPath: $0) },
                                         alternateNames: alternateNames.map { URL(fileURLWithPath: $0) },
                                         into: database)
            return try Gazetteer.localPlaces(database: database).count
        } catch let error as GazetteerError {
            throw PipelineError.input(.init(file: dumps.joined(separator: ", "), problem: error.description))
        }
    }

    /// Counts per source, country and kind.
    public static func info(_ gazetteer: Gazetteer, directory: URL) -> [String: Any] {
        var bySource: [String: Int] = [:], byCountry: [String: Int] = [:], byKind: [String: Int] = [:]
        var names = 0
        for p in gazetteer.places {
            let source = p.id.split(separator: ":").first.map(String.init) ?? "?"
            bySource[source, default: 0] += 1
            byCountry[p.country, default: 0] += 1
            byKind[p.kind.rawValue, default: 0] += 1
            names += 1 + p.alternateNames.count
        }
        let local = defaultLocalDatabase()
        return ["directory": directory.path, "places": gazetteer.places.count, "names": names,
                "by_source": bySource, "by_country": byCountry, "by_kind": byKind,
                "local_database": FileManager.default.fileExists(atPath: local.path) ? local.path : NSNull()]
    }
}
