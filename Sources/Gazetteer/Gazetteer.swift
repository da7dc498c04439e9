import Foundation
import GeoCore

/// Why a name was (or was not) resolved to a place.
public struct Candidate: Sendable, Hashable {
    public var place: Place
    /// From 0 to 1; the answer must reach `Gazetteer.threshold`.
    public var score: Double
    /// Human-readable reasons ("exact name", "near Sarmada (12 km)", "country SY named").
    public var reasons: [String]

    public init(place: Place, score: Double, reasons: [String]) {
        self.place = place
        self.score = score
        self.reasons = reasons
    }
}

/// What the text around a name says, for ranking its candidates.
public struct ResolutionContext: Sendable, Hashable {
    /// Countries named in the document (ISO alpha-2).
    public var countries: Set<String>
    /// Places already resolved in the same document.
    public var nearby: [Coordinate]
    /// The name came with an admin cue word ("province", "governorate", "countryside").
    public var adminCue: Bool

    public init(countries: Set<String> = [], nearby: [Coordinate] = [], adminCue: Bool = false) {
        self.countries = countries
        self.nearby = nearby
        self.adminCue = adminCue
    }
}

/// The ranked answer for one name.
public struct Resolution: Sendable, Hashable {
    public var query: String
    /// Best first.
    public var candidates: [Candidate]
    /// The best candidate when it reaches the threshold; nil otherwise (the candidates are
    /// then offers, never the answer).
    public var best: Candidate?

    public var isResolved: Bool { best != nil }
}

/// A span of text that names a gazetteer entry (longest match on word boundaries).
public struct PlaceMention: Sendable, Hashable {
    /// The text as written.
    public var surface: String
    /// UTF-16 offsets of the surface in the searched text.
    public var startOffset: Int
    public var endOffset: Int
}

/// Errors reading gazetteer data.
public enum GazetteerError: Error, Sendable, CustomStringConvertible {
    case missingData(path: String)
    case malformedRow(file: String, line: Int, problem: String)

    public var description: String {
        switch self {
        case .missingData(let path):
            "gazetteer data not found at \(path); pass --gazetteer DIR or set INCIDENTMAP_DATA"
        case .malformedRow(let file, let line, let problem):
            "\(file):\(line): \(problem)"
        }
    }
}

/// An offline gazetteer: every spelling of the places of SY, TR, IQ, LB and JO.
public final class Gazetteer: Sendable {
    /// Scores below this leave a name unresolved.
    public static let threshold = 0.5

    public let places: [Place]
    let index: [String: [Int]]

    public init(places: [Place]) {
        self.places = places
        var index: [String: [Int]] = [:]
        for (i, p) in places.enumerated() {
            for name in Set([p.name] + p.alternateNames).map(Gazetteer.normalize) where !name.isEmpty {
                index[name, default: []].append(i)
            }
        }
        self.index = index
    }

    /// Loads every `*.tsv` table of `directory` (places, admin areas, curated rows).
    public static func load(directory: URL) throws -> Gazetteer {
        var places: [Place] = []
        for file in ["geonames.tsv", "admin1.tsv", "curated.tsv"] {
            let url = directory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            places += try PlaceTable.read(url)
        }
        guard !places.isEmpty else { throw GazetteerError.missingData(path: directory.path) }
        return Gazetteer(places: places)
    }

    /// The entry with `id`, if any.
    public func place(id: String) -> Place? { places.first { $0.id == id } }

    /// Folds case, diacritics, apostrophes, hyphens and a leading Arabic article.
    public static func normalize(_ name: String) -> String {
        var s = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        s = String(s.unicodeScalars.filter { !"'’‘ʿʾ`".unicodeScalars.contains($0) })
        s = s.replacingOccurrences(of: "-", with: " ")
        for article in ["al ", "el "] where s.hasPrefix(article) { s.removeFirst(article.count) }
        return s.split(separator: " ").joined(separator: " ")
    }

    /// Ranked candidates for `name` in `context`.
    public func resolve(_ name: String, context: ResolutionContext = .init()) -> Resolution {
        let hits = index[Gazetteer.normalize(name)] ?? []
        var candidates = hits.map { i -> Candidate in
            let p = places[i]
            var score = 0.7
            var reasons = ["name matches"]
            if context.countries.contains(p.country) { score += 0.1; reasons.append("country \(p.country) named") }
            if context.adminCue && p.kind == .admin1 { score += 0.2; reasons.append("admin cue") }
            return Candidate(place: p, score: min(1, score), reasons: reasons)
        }
        candidates.sort { ($0.score, $0.place.population ?? 0) > ($1.score, $1.place.population ?? 0) }
        let best = candidates.first.flatMap { $0.score >= Gazetteer.threshold ? $0 : nil }
        return Resolution(query: name, candidates: candidates, best: best)
    }

    /// Spans of `text` that name a gazetteer entry, longest match first, not overlapping.
    public func mentions(in text: String) -> [PlaceMention] {
        let words = text.split(whereSeparator: { !$0.isLetter && $0 != "-" && $0 != "'" && $0 != "’" })
        var result: [PlaceMention] = []
        var i = 0
        while i < words.count {
            var matched = 0
            for n in stride(from: min(5, words.count - i), through: 1, by: -1) {
                let start = words[i].startIndex, end = words[i + n - 1].endIndex
                let surface = String(text[start..<end])
                if surface.first?.isUppercase == true || surface.unicodeScalars.first.map({ $0.value >= 0x600 }) == true,
                   index[Gazetteer.normalize(surface)] != nil {
                    result.append(PlaceMention(surface: surface,
                                               startOffset: text.utf16.distance(from: text.startIndex, to: start),
                                               endOffset: text.utf16.distance(from: text.startIndex, to: end)))
                    matched = n
                    break
                }
            }
            i += max(1, matched)
        }
        return result
    }
}
