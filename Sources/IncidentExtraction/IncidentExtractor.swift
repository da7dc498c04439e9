import Foundation
import GeoCore
import Gazetteer

/// Reads ACLED-style incidents from articles with rules and lexicons (no network, no models).
///
/// One incident per event and place: "near the towns of Al-Bab and Jarablus" gives two.
/// Background statements (war-wide tolls, history, territory control) give none. Every
/// incident keeps its sentence, offsets and the cues that decided its coding.
///
/// Event IDs are deterministic: `IM` followed by 12 hex digits of the FNV-1a hash of the
/// document name, the sentence's start offset and the place ID, so re-running on the same
/// input gives the same IDs.
public struct IncidentExtractor: Sendable {
    public let gazetteer: Gazetteer
    /// Governorates by the name they were asked for: every sentence with a town asks for its
    /// governorate, and a document names only a few.
    private let regions = RegionCache()

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
    }

    static let strikeVerbs: Set<String> = ["struck", "hit", "hitting", "targeted", "targeting", "pounded", "bombarded"]
    static let regionCues = ["border area", "the border", "the same region", "the region", "the area"]

    /// Compass phrases for a region without a named place, with the governorate whose
    /// representative point stands for it (ACLED geo-precision 3).
    static let regionPhrases: [(String, String)] = [
        ("northwestern syria", "Idlib"), ("northwest syria", "Idlib"), ("north-west syria", "Idlib"),
        ("north-western syria", "Idlib"), ("northern syria", "Aleppo"), ("north syria", "Aleppo"),
        ("northeastern syria", "Hasaka"), ("northeast syria", "Hasaka"), ("north-east syria", "Hasaka"),
        ("north-eastern syria", "Hasaka"),
    ]

    /// Extracts the incidents of one document.
    public func extract(_ document: Document) -> ExtractionResult {
        var state = DocumentState()
        var result = ExtractionResult()
        for sentence in SentenceSplitter.split(document.text) {
            extract(sentence, of: document, state: &state, into: &result)
        }
        // An article restating an event (headline, lede, detail) reports it once.
        if result.incidents.count > 1 { result.incidents = Deduplicator.merge(result.incidents, samePlaceOnly: true) }
        return result
    }

    struct DocumentState {
        /// The last date used for an incident; later sentences without a date inherit it.
        var lastDate: DateExpression?
        /// The last governorate named, for "the same region" and "the border area".
        var lastRegion: Place?
        var nearby: [Coordinate] = []
        /// Incidents of the previous incident sentence, for tolls given in the next one.
        var lastIncidentRange: Range<Int>?
        var lastParagraph = -1
        /// Whether the last incident's date was written in its sentence (not inherited).
        var lastDateWasWritten = false
    }

    private func extract(_ sentence: Sentence, of document: Document, state: inout DocumentState,
                         into result: inout ExtractionResult) {
        let lower = LowercasedText(sentence.text)
        let words = SentenceSplitter.words(sentence.text)
        let lowers = words.map(\.lower)
        let regionHit = Self.regionPhrases.first { lower.contains($0.0) }
        if let regionHit, let region = region(named: regionHit.1) { state.lastRegion = region }

        // Event cues, ACLED precedence.
        var subEvents: [(Lexicon.SubEvent, String)] = []
        var i = 0
        while i < lowers.count {
            if i + 1 < lowers.count, Lexicon.eventPhraseFirstWords.contains(lowers[i]) {
                let pair = lowers[i] + " " + lowers[i + 1]
                if let e = Lexicon.eventPhrases[pair] { subEvents.append((e, pair)); i += 2; continue }
            }
            if let e = Lexicon.eventWords[lowers[i]] { subEvents.append((e, lowers[i])) }
            i += 1
        }
        let casualties = Casualties.read(lowers, in: lower)
        let hasAttackOnPeople = casualties.fatalities != nil && subEvents.isEmpty
            && (lower.contains("killed") || lower.contains("shot")) && !lower.contains("were killed in")
        let backReference = ["the strike", "the attack", "the raid", "the shelling", "the blast", "the explosion",
                             "the airstrike", "the bombardment", "the strikes", "the attacks", "the raids"]
            .contains(where: lower.contains)
        // A toll or a date given in the sentence after the incident ("The strike killed four.",
        // "A child was killed in Kafr Battikh.", "The strike was carried out on Thursday.").
        if let range = state.lastIncidentRange, state.lastParagraph == sentence.paragraph, subEvents.isEmpty,
           hasAttackOnPeople, !range.isEmpty {
            let named = Set(nameMentions(sentence.text, words: words).compactMap {
                gazetteer.resolve($0.surface, context: ResolutionContext(countries: ["SY"]), explained: false)
                    .best?.place.id
            })
            if named.isEmpty || range.contains(where: { named.contains(result.incidents[$0].placeID ?? "") }) {
                for k in range where named.isEmpty || named.contains(result.incidents[k].placeID ?? "") {
                    if result.incidents[k].fatalities == nil { result.incidents[k].fatalities = casualties.fatalities }
                    if result.incidents[k].injured == nil { result.incidents[k].injured = casualties.injured }
                }
                return
            }
        }
        if subEvents.isEmpty, hasAttackOnPeople { subEvents.append((.attack, "killed")) }
        if subEvents.isEmpty, !backReference, let verb = lowers.first(where: Self.strikeVerbs.contains),
           !Actors.read(lower).isEmpty {
            // A state force striking without a named weapon: ACLED codes it as remote fire.
            subEvents.append((.shelling, verb))
        }
        // Dates matter only to an event or to a sentence pointing back at one; every other
        // sentence (most of a long article) skips reading them.
        guard !subEvents.isEmpty || backReference else { return }
        // A date after a reporting verb ("the coalition said on Friday") dates the report, not the event.
        let dates = DateExpression.find(in: lowers, reference: document.date).filter { d in
            guard let k = lowers.indices.first(where: {
                d.cue.hasSuffix(lowers[$0]) && (!d.cue.hasPrefix("on ") || ($0 > 0 && lowers[$0 - 1] == "on"))
            }), k >= 2 else { return true }
            let verb = lowers[k - 1] == "on" ? lowers[k - 2] : lowers[k - 1]
            return !["said", "announced", "reported", "added", "stated", "told"].contains(verb)
        }
        if backReference, !state.lastDateWasWritten, let d = dates.first, let range = state.lastIncidentRange,
           state.lastParagraph == sentence.paragraph, !mentionsPlace(words) {
            for k in range {
                result.incidents[k].eventDate = d.date
                result.incidents[k].timePrecision = d.date == nil ? nil : d.precision
            }
            state.lastDateWasWritten = true
            state.lastDate = d
        }

        if subEvents.isEmpty || !mentionsPlace(words) {
            if let range = state.lastIncidentRange, state.lastParagraph == sentence.paragraph,
               casualties.fatalities != nil || casualties.injured != nil,
               backReference {
                for k in range {
                    if result.incidents[k].fatalities == nil { result.incidents[k].fatalities = casualties.fatalities }
                    if result.incidents[k].injured == nil { result.incidents[k].injured = casualties.injured }
                }
            }
            if subEvents.isEmpty { return }
        }
        if Lexicon.background.contains(where: lower.contains) { return }
        if let d = dates.first, !d.isRelative, let ref = document.date, let date = d.date,
           date.year < ref.year - 1 { return }  // history
        let triggered = lowers.contains(where: Lexicon.triggers.contains) || !dates.isEmpty
            || casualties.fatalities != nil || casualties.injured != nil || isBulletinLine(sentence.text)
        let hedged = Lexicon.hedges.contains(where: lower.contains)
        guard triggered, !hedged || !dates.isEmpty || casualties.fatalities != nil else { return }

        let best = subEvents.min { $0.0 < $1.0 }!
        // Remote violence in ground fighting is the battle; shelling alone beside a clash word
        // used loosely ("fighting") stays remote violence only if no clash verb is present.
        var subEvent = best.0
        var eventCues = [best.1]
        if subEvent == .armedClash, best.1 == "fighting", let other = subEvents.first(where: { $0.0 != .armedClash }) {
            subEvent = other.0
            eventCues = [other.1]
        }

        let places = locate(sentence, words: words, lower: lower, document: document, state: &state,
                            unresolved: &result.unresolved)
        var located = places
        if located.isEmpty {
            if let regionHit, let region = region(named: regionHit.1) {
                located = [Located(place: region, precision: .region, cue: regionHit.0)]
            } else if let cue = Self.regionCues.first(where: lower.contains), let region = state.lastRegion {
                located = [Located(place: region, precision: .region, cue: cue)]
            }
        }
        guard !located.isEmpty else { return }

        var dateExpr = dates.first
        state.lastDateWasWritten = dateExpr != nil
        if dateExpr == nil { dateExpr = state.lastDate } else { state.lastDate = dateExpr }
        var notes: [String] = []
        var eventDate: CalendarDate?
        var precision: TimePrecision?
        if let d = dateExpr {
            eventDate = d.date
            precision = d.date == nil ? nil : d.precision
            if d.date == nil { notes.append("relative date '\(d.cue)' not resolved: the article is undated") }
        } else if let ref = document.date {
            // No date in the text: the report's week.
            eventDate = ref
            precision = .week
            notes.append("no date in the text; coded to the article date with week precision")
        } else {
            notes.append("no date in the text and the article is undated")
        }
        if let vague = casualties.vague { notes.append("vague toll '\(vague)' not coded") }

        let actors = Actors.read(lower)
        let target = Lexicon.targets.first { lower.contains($0) }
        let first = result.incidents.count
        for loc in located {
            var confidence = 0.55
            if !actors.isEmpty { confidence += 0.1 }
            if precision == .day { confidence += 0.1 }
            if loc.precision != .region { confidence += 0.1 }
            if actors.first?.attribution == .suspected { confidence -= 0.05 }
            if hedged { confidence -= 0.1 }
            var cues = eventCues + [loc.cue]
            if let d = dateExpr { cues.append(d.cue) }
            cues += actors.map { "\($0.name): \($0.attribution.rawValue)" }
            let prov = Provenance(document: document.name, source: document.source, url: document.url,
                                  sentence: sentence.text, startOffset: sentence.startOffset,
                                  endOffset: sentence.endOffset, cues: cues)
            let incident = Incident(
                eventID: Self.eventID(document.name, sentence.startOffset, loc.place.id),
                eventDate: eventDate, timePrecision: precision, eventType: subEvent.eventType,
                subEventType: subEvent.name, actors: actors, country: Self.countryName(loc.place.country),
                admin1: loc.place.admin1, location: loc.place.name, placeID: loc.place.id,
                coordinate: loc.place.coordinate, geoPrecision: loc.precision, fatalities: casualties.fatalities,
                injured: casualties.injured, target: target,
                notes: ([sentence.text] + notes).joined(separator: " | "), confidence: min(0.95, confidence),
                provenance: [prov])
            result.incidents.append(incident)
            // Each place once: ranking measures every candidate against all of them.
            if !state.nearby.contains(loc.place.coordinate) { state.nearby.append(loc.place.coordinate) }
        }
        state.lastIncidentRange = first..<result.incidents.count
        state.lastParagraph = sentence.paragraph
    }

    private func isBulletinLine(_ text: String) -> Bool {
        guard let colon = text.prefix(40).firstIndex(of: ":") else { return false }
        return text[..<colon].first?.isUppercase == true || text.hasPrefix("-") || text.hasPrefix("*")
    }

    private func mentionsPlace(_ words: [Word]) -> Bool {
        words.contains { $0.isCapitalized && !Lexicon.notPlaces.contains($0.lower) }
    }

    static func countryName(_ code: String) -> String? {
        ["SY": "Syria", "TR": "Turkey", "IQ": "Iraq", "LB": "Lebanon", "JO": "Jordan"][code]
    }

    /// The governorate called `name`, as an admin1 entry of the gazetteer.
    func region(named name: String) -> Place? {
        regions.place(named: name) {
            gazetteer.resolve(name, context: ResolutionContext(countries: ["SY"], adminCue: true), explained: false)
                .candidates.first { $0.place.kind == .admin1 && $0.place.country == "SY" }?.place
        }
    }

    static func eventID(_ document: String, _ offset: Int, _ placeID: String) -> String {
        // FNV-1a over "document#offset#placeID", fed piece by piece rather than built.
        var hash: UInt64 = 0xcbf29ce484222325
        func feed(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x100000001b3
            }
        }
        feed(document.utf8)
        feed(CollectionOfOne(UInt8(ascii: "#")))
        feed(String(offset).utf8)
        feed(CollectionOfOne(UInt8(ascii: "#")))
        feed(placeID.utf8)
        // "IM" and the first 12 of the 16 upper-case hex digits.
        return String(unsafeUninitializedCapacity: 14) { out in
            out[0] = UInt8(ascii: "I")
            out[1] = UInt8(ascii: "M")
            for k in 0..<12 { out[2 + k] = hexDigits[Int(hash >> UInt64(60 - 4 * k) & 0xF)] }
            return 14
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}

/// The governorates `IncidentExtractor.region(named:)` has found, shared by every copy of
/// the extractor and every worker; the lock makes the first look-up of a name safe to race.
final class RegionCache: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [String: Place?] = [:]

    func place(named name: String, resolving resolve: () -> Place?) -> Place? {
        lock.lock()
        if let known = found[name] { lock.unlock(); return known }
        lock.unlock()
        let place = resolve()
        lock.lock()
        found[name] = place
        lock.unlock()
        return place
    }
}
