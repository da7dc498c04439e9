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
    /// Places already resolved in the same document, or the user's `--near LAT,LON`.
    public var nearby: [Coordinate]
    /// The name came with an admin cue word ("province", "governorate", "countryside").
    public var adminCue: Bool
    /// The name came with a crossing cue ("crossing", "border gate"): prefer crossings.
    public var crossingCue: Bool

    public init(countries: Set<String> = [], nearby: [Coordinate] = [], adminCue: Bool = false,
                crossingCue: Bool = false) {
        self.countries = countries
        self.nearby = nearby
        self.adminCue = adminCue
        self.crossingCue = crossingCue
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

    public init(query: String, candidates: [Candidate], best: Candidate?) {
        self.query = query
        self.candidates = candidates
        self.best = best
    }
}
