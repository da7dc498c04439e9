import Foundation
import GeoCore

/// An offline gazetteer: every spelling of the places of SY, TR, IQ, LB and JO.
///
/// Built once (load or init), then read from any number of tasks: every look-up is a
/// read of immutable dictionaries, except the fuzzy index, built once under a lock.
public final class Gazetteer: Sendable {
    /// Scores below this leave a name unresolved.
    public static let threshold = 0.5
    /// Two candidates closer than this (in kilometres) are the same place, for ranking
    /// margins and for keeping a curated row over a GeoNames row.
    public static let samePlaceKilometres = 5.0

    public let places: [Place]
    let names: NameIndex
    let positionByID: [String: Int]
    /// Admin1 rows by "country:fold of name", to find the governorate a cue word points at.
    let areaByCountryAndName: [String: Int]
    /// What ranking reads of each place, by position, in a flat row without strings: a
    /// look-up scores every hit, and copying a `Place` retains its half-dozen strings.
    let rankFacts: [RankFacts]

    public init(places: [Place]) {
        self.places = places
        names = NameIndex(names: places.map { [$0.name] + $0.alternateNames })
        var positionByID: [String: Int] = [:]
        positionByID.reserveCapacity(places.count)
        for (i, p) in places.enumerated() where positionByID[p.id] == nil { positionByID[p.id] = i }
        self.positionByID = positionByID
        var areas: [String: Int] = [:]
        for (i, p) in places.enumerated() where p.kind == .admin1 {
            areas["\(p.country):\(NameKey.fold(p.name))"] = i
        }
        areaByCountryAndName = areas
        rankFacts = places.map(RankFacts.init)
    }

    /// The tables `load(directory:)` reads, in this order.
    public static let tableFiles = ["geonames.tsv", "admin1.tsv", "curated.tsv"]

    /// Loads the tables of `directory` (places, admin areas, curated rows); a missing table
    /// is skipped, but at least one must exist.
    public static func load(directory: URL) throws -> Gazetteer {
        Gazetteer(places: try loadPlaces(directory: directory))
    }

    static func loadPlaces(directory: URL) throws -> [Place] {
        var places: [Place] = []
        for file in tableFiles {
            let url = directory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            places += try PlaceTable.read(url)
        }
        guard !places.isEmpty else { throw GazetteerError.missingData(path: directory.path) }
        return places
    }

    /// The entry with `id`, if any.
    public func place(id: String) -> Place? { positionByID[id].map { places[$0] } }

    /// Folds case, diacritics, apostrophes, hyphens, Turkish letters, Arabic hamza forms,
    /// harakat and tatweel, and drops Arabic articles ("al-", "ash-", "ال") that precede
    /// another word: the exact-ish key names are indexed under.
    public static func normalize(_ name: String) -> String { NameKey.fold(name) }

    /// The phonetic key of `name`: `normalize` with transliteration alternations collapsed
    /// and vowels dropped ("Cerablus", "Jarabulus" and "Jarablus" give `jrbls`).
    public static func skeleton(_ name: String) -> String { NameKey.skeleton(ofFold: NameKey.fold(name)) }
}
