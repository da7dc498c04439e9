import Foundation
import GeoCore

extension Gazetteer {
    /// Ranked candidates for `name` in `context`, best first, each with a score in 0...1
    /// and its reasons. The best is the answer only when it reaches `threshold` and beats
    /// any distinct runner-up (more than `samePlaceKilometres` away) by a clear margin.
    ///
    /// With `explained` false the candidates carry no reasons (the ranking is the same):
    /// text extraction resolves every mention and reads only places and scores, and
    /// writing the reasons is a good part of a resolution.
    public func resolve(_ name: String, context: ResolutionContext = .init(), explained: Bool = true) -> Resolution {
        var context = context
        let fold = Gazetteer.strippingCues(NameKey.fold(name), context: &context)
        guard !fold.isEmpty else { return Resolution(query: name, candidates: [], best: nil) }
        var hits = names.lookup(fold: fold)
        if context.adminCue { hits += areasNamedAfter(hits) }
        if !context.crossingCue { markCrossingsNamedAfterSettlements(&hits) }
        let stopWord = StopList.words.contains(fold)
        // Score every hit as a number, then explain (build reasons for) only the best few:
        // a short skeleton can meet hundreds of villages.
        let asked = Asked(query: fold, context: context, stopWord: stopWord)
        var ranked = hits.map { (hit: $0, score: score($0, asked, reasons: nil)) }
        ranked.sort { a, b in
            a.score != b.score ? a.score > b.score
                : rankFacts[a.hit.place].population > rankFacts[b.hit.place].population
        }
        let top = ranked.prefix(Gazetteer.explainedCandidates).map { item -> Explained in
            guard explained else { return Explained(place: item.hit.place, score: item.score, reasons: []) }
            var reasons: [String] = []
            let score = score(item.hit, asked, reasons: &reasons)
            return Explained(place: item.hit.place, score: score, reasons: reasons)
        }
        var candidates = mergingSamePlaces(top, explained: explained).map {
            Candidate(place: places[$0.place], score: $0.score, reasons: $0.reasons)
        }
        guard var best = candidates.first, best.score >= Gazetteer.threshold else {
            return Resolution(query: name, candidates: candidates, best: nil)
        }
        if candidates.count > 1 {
            let runnerUp = candidates[1]
            if best.score - runnerUp.score < Gazetteer.clearMargin {
                if explained {
                    candidates[0].reasons.append("ambiguous with \(runnerUp.place.name) (\(runnerUp.place.country))")
                }
                return Resolution(query: name, candidates: candidates, best: nil)
            }
        }
        best = candidates[0]
        return Resolution(query: name, candidates: candidates, best: best)
    }

    /// A crossing carries the names of the towns on either side ("Akçakale" is the Turkish
    /// town and the Tell Abyad crossing's Turkish name): a name written without a crossing
    /// cue that also names a settlement beside the crossing is the settlement's. Marks such
    /// crossing hits; scoring puts them below the settlement.
    func markCrossingsNamedAfterSettlements(_ hits: inout [NameHit]) {
        for k in hits.indices where rankFacts[hits[k].place].kind == .crossing && hits[k].quality == .fold {
            let crossing = rankFacts[hits[k].place].unit
            hits[k].namedAfterSettlement = hits.contains { other in
                let facts = rankFacts[other.place]
                guard other.quality == .fold, Gazetteer.sameLevel(facts.kind, .town) else { return false }
                return Gazetteer.chordSquared(facts.unit, crossing) < Gazetteer.crossingTownChord
            }
        }
    }

    /// `samePlaceKilometres` as a squared chord on the unit sphere.
    static let samePlaceChord = chordSquared(km: samePlaceKilometres)

    /// How far from its crossing a settlement that lends the crossing its name may lie.
    static let crossingTownKilometres = 15.0
    static let crossingTownChord = chordSquared(km: crossingTownKilometres)

    /// With an admin cue and no area among the hits, the governorates named after a hit
    /// ("ريف إدلب" when the area row lacks Arabic names): the area whose name is one of the
    /// hit's own names and which holds it.
    func areasNamedAfter(_ hits: [NameHit]) -> [NameHit] {
        guard !hits.contains(where: { rankFacts[$0.place].kind == .admin1 || rankFacts[$0.place].kind == .admin2 })
        else { return [] }
        var found: [NameHit] = []
        for hit in hits {
            let p = places[hit.place]
            guard let admin1 = p.admin1, let area = areaByCountryAndName["\(p.country):\(NameKey.fold(admin1))"]
            else { continue }
            let own = Set(([p.name] + p.alternateNames).map { NameKey.fold($0) })
            if own.contains(NameKey.fold(places[area].name)), !found.contains(where: { $0.place == area }) {
                found.append(NameHit(place: area, quality: hit.quality, similarity: hit.similarity,
                                     entry: hit.entry))
            }
        }
        return found
    }

    /// Cue words written with the name ("Idlib countryside", "Bab al-Hawa crossing",
    /// "محافظة إدلب") set the cue and leave the name.
    static func strippingCues(_ fold: String, context: inout ResolutionContext) -> String {
        guard fold.utf8.contains(0x20),
              cueTokens.contains(String(NameKey.firstToken(fold)))
                || cueTokens.contains(String(NameKey.lastToken(fold)))
        else { return fold }
        var tokens = NameKey.foldTokens(fold).map(String.init)
        var changed = true
        while changed && tokens.count > 1 {
            changed = false
            for cue in adminCues where cue.count < tokens.count {
                if Array(tokens.suffix(cue.count)) == cue {
                    tokens.removeLast(cue.count); context.adminCue = true; changed = true
                } else if Array(tokens.prefix(cue.count)) == cue {
                    tokens.removeFirst(cue.count); context.adminCue = true; changed = true
                }
            }
            for cue in crossingCues where cue.count < tokens.count {
                if Array(tokens.suffix(cue.count)) == cue {
                    tokens.removeLast(cue.count); context.crossingCue = true; changed = true
                } else if Array(tokens.prefix(cue.count)) == cue {
                    tokens.removeFirst(cue.count); context.crossingCue = true; changed = true
                }
            }
            if tokens.count > 1, let last = tokens.last, ["city", "town", "village", "of", "ili"].contains(last) {
                tokens.removeLast(); changed = true
            }
            if tokens.count > 1 && (tokens.last == "of" || tokens.last == "ili") { tokens.removeLast() }
            if tokens.count > 1 && tokens.first == "of" { tokens.removeFirst() }
        }
        return tokens.joined(separator: " ")
    }

    /// Every token that begins or ends a cue: names without one skip the cue search.
    static let cueTokens: Set<String> = Set((adminCues + crossingCues).flatMap { [$0.first!, $0.last!] })
        .union(["city", "town", "village", "of", "ili"])

    static let adminCues: [[String]] = [
        "governorate", "province", "countryside", "district", "subdistrict", "region", "rural", "area", "ili",
        "\u{0645}\u{062D}\u{0627}\u{0641}\u{0638}\u{0647}", "\u{0631}\u{064A}\u{0641}",
        "\u{0645}\u{0646}\u{0637}\u{0642}\u{0647}",
    ].map { [$0] } + [["countryside", "of"], ["rural", "of"]]
    static let crossingCues: [[String]] = [
        ["border", "crossing"], ["border", "gate"], ["crossing"], ["sinir", "kapisi"], ["gumruk", "kapisi"],
        ["\u{0645}\u{0639}\u{0628}\u{0631}"],
    ]

    /// The least lead the best candidate needs over a distinct runner-up.
    static let clearMargin = 0.02

    /// How many of the ranked candidates a resolution carries.
    static let explainedCandidates = 8

    /// What one look-up asks, prepared once for scoring all its hits.
    private struct Asked {
        var query: String
        var context: ResolutionContext
        var stopWord: Bool
        /// The context's nearby places as points on the unit sphere.
        var nearby: [SIMD3<Double>]
        /// The named countries as `RankFacts.countryCode` values.
        var countryCodes: [UInt16]

        init(query: String, context: ResolutionContext, stopWord: Bool) {
            self.query = query
            self.context = context
            self.stopWord = stopWord
            nearby = context.nearby.map(Gazetteer.unitVector)
            countryCodes = context.countries.map(RankFacts.code)
        }
    }

    /// Squared chord lengths on the unit sphere for the nearby-place distances that ranking
    /// tells apart: the chord grows with the distance, so comparing chords needs no
    /// trigonometry per hit.
    private static let chord30 = chordSquared(km: 30), chord100 = chordSquared(km: 100),
                       chord400 = chordSquared(km: 400)

    /// The score of `hit` in 0...1; appends the reasons when `reasons` is given.
    private func score(_ hit: NameHit, _ asked: Asked, reasons: UnsafeMutablePointer<[String]>?) -> Double {
        let context = asked.context, stopWord = asked.stopWord, fold = asked.query
        let p = rankFacts[hit.place]
        var score: Double
        let explain = Explanation(reasons)
        switch hit.quality {
        case .fold:
            score = 0.80
            explain.append("exact name")
        case .skeleton:
            // Skeleton keys drop vowels and weak letters, so unrelated names can share one
            // ("Qwertyville" and "Kartal" both give krtl, similarity 0.52): below 0.55 the
            // spellings are too unlike for a variant, and the score stays under the threshold.
            score = hit.similarity >= 0.55 ? 0.50 + 0.20 * hit.similarity : 0.45 * hit.similarity
            explain.append("spelling variant of \(names.spelling(of: hit, query: fold))")
        case .fuzzy:
            score = 0.36 + 0.20 * hit.similarity
            explain.append("near spelling of \(names.spelling(of: hit, query: fold))")
        }
        if !context.countries.isEmpty {
            let named = p.countryCode != 0 ? asked.countryCodes.contains(p.countryCode)
                : context.countries.contains(places[hit.place].country)
            if named {
                score += 0.08
                explain.append("country \(places[hit.place].country) named")
            } else {
                score -= 0.10
            }
        }
        if !asked.nearby.isEmpty {
            var chord = Double.infinity
            for c in asked.nearby {
                chord = min(chord, Gazetteer.chordSquared(c, p.unit))
            }
            func km() -> Int { Int(Gazetteer.kilometres(chordSquared: chord).rounded()) }
            if chord < Gazetteer.chord30 {
                score += 0.14
                explain.append("near a place of the same text (\(km()) km)")
            } else if chord < Gazetteer.chord100 {
                score += 0.07
                explain.append("within 100 km of a place of the same text (\(km()) km)")
            } else if chord > Gazetteer.chord400 {
                score -= 0.06
            }
        }
        let isArea = p.kind == .admin1 || p.kind == .admin2
        if context.adminCue {
            if isArea { score += 0.20; explain.append("admin cue") } else { score -= 0.08 }
        }
        if context.crossingCue {
            if p.kind == .crossing { score += 0.20; explain.append("crossing cue") } else { score -= 0.08 }
        }
        switch p.kind {
        case .seat: score += 0.05
        case .admin1: score += 0.045
        case .town, .admin2, .country: score += 0.03
        case .crossing: score += context.crossingCue ? 0.02 : -0.06  // a crossing is named as one
        case .village: break
        case .feature: score -= 0.02
        }
        if p.population > 0 {
            score += p.populationScore
            if p.population >= 10_000 { explain.append("population \(p.population)") }
        }
        if p.isCurated {
            score += 0.03
            explain.append("curated: \(places[hit.place].source)")
        }
        if hit.namedAfterSettlement {
            score -= 0.20
            explain.append("also the name of the settlement beside the crossing, and no crossing cue")
        }
        if stopWord {
            score = min(score, Gazetteer.threshold - 0.15)
            explain.append("also a common word or person name")
        }
        return min(1, max(0, score))
    }

    /// Collects reasons only when asked: string interpolation is most of a look-up's cost.
    private struct Explanation {
        let target: UnsafeMutablePointer<[String]>?
        init(_ target: UnsafeMutablePointer<[String]>?) { self.target = target }
        func append(_ reason: @autoclosure () -> String) { target?.pointee.append(reason()) }
    }

    /// A scored hit with its reasons, before it becomes a `Candidate` (which copies the place).
    private struct Explained {
        var place: Int
        var score: Double
        var reasons: [String]
    }

    /// Keeps one candidate per place: rows within `samePlaceKilometres` of a better one are
    /// the same place (a curated row absorbs the GeoNames row it refines).
    private func mergingSamePlaces(_ ranked: [Explained], explained: Bool) -> [Explained] {
        var kept: [Explained] = []
        for c in ranked {
            let facts = rankFacts[c.place]
            if let j = kept.firstIndex(where: {
                let other = rankFacts[$0.place]
                return Gazetteer.sameLevel(other.kind, facts.kind)
                    && Gazetteer.chordSquared(other.unit, facts.unit) < Gazetteer.samePlaceChord
            }) {
                if facts.isCurated && !rankFacts[kept[j].place].isCurated {
                    let absorbed = kept[j].reasons.first ?? "a GeoNames row"
                    kept[j] = Explained(place: c.place, score: max(c.score, kept[j].score),
                                        reasons: explained ? c.reasons + ["same place as \(absorbed)"] : [])
                }
                continue
            }
            kept.append(c)
        }
        kept.sort { $0.score > $1.score }
        return kept
    }

    /// What ranking reads of a place (see `rankFacts`).
    struct RankFacts: Sendable {
        var kind: PlaceKind
        /// 0 when unknown.
        var population: Int
        /// The population's share of the score, worked out once: a logarithm per hit is
        /// a good part of a look-up.
        var populationScore: Double
        var isCurated: Bool
        /// The place on the unit sphere.
        var unit: SIMD3<Double>
        /// A two-letter ASCII country code as its two bytes; 0 for any other code, which is
        /// then compared as a string.
        var countryCode: UInt16

        static func code(_ country: String) -> UInt16 {
            let bytes = Array(country.utf8)
            guard bytes.count == 2, bytes.allSatisfy({ $0 < 0x80 }) else { return 0 }
            return UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        }

        init(_ place: Place) {
            kind = place.kind
            unit = Gazetteer.unitVector(place.coordinate)
            countryCode = Self.code(place.country)
            population = place.population ?? 0
            populationScore = population > 0 ? 0.10 * min(1, log10(Double(population) + 1) / 6.5) : 0
            isCurated = Gazetteer.isCurated(place)
        }
    }

    /// Compared as bytes: `hasPrefix` compares canonically, which costs more than the
    /// rest of a candidate's score.
    static func isCurated(_ p: Place) -> Bool { p.id.utf8.starts(with: "curated:".utf8) }

    /// An area, a settlement and a crossing at the same point are different answers.
    static func sameLevel(_ a: PlaceKind, _ b: PlaceKind) -> Bool { level(a) == level(b) }

    private static func level(_ k: PlaceKind) -> Int {
        switch k {
        case .admin1, .admin2, .country: 0
        case .crossing: 1
        case .feature: 2
        case .seat, .town, .village: 3
        }
    }

    /// A point on the unit sphere.
    static func unitVector(_ c: Coordinate) -> SIMD3<Double> {
        let rad = Double.pi / 180
        let lat = c.latitude * rad, lon = c.longitude * rad
        return SIMD3(cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
    }

    /// The squared chord, on the unit sphere, of a great-circle distance on the sphere of
    /// `kilometres(_:_:)`.
    static func chordSquared(km: Double) -> Double {
        let c = 2 * sin(km / (2 * 6371))
        return c * c
    }

    /// The squared chord between two points on the unit sphere.
    @inline(__always)
    static func chordSquared(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
        let d = a - b
        return (d * d).sum()
    }

    /// The great-circle distance of a squared chord on the unit sphere (the haversine's
    /// h is a quarter of it).
    static func kilometres(chordSquared: Double) -> Double {
        2 * 6371 * asin(min(1, chordSquared.squareRoot() / 2))
    }

    /// Great-circle distance in kilometres on a sphere of 6,371 km: good enough to rank
    /// candidates (the exact WGS84 geodesic belongs to GeoProj).
    public static func kilometres(_ a: Coordinate, _ b: Coordinate) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad
        let h = sin(dLat / 2) * sin(dLat / 2)
            + cos(a.latitude * rad) * cos(b.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, sqrt(h)))
    }
}
