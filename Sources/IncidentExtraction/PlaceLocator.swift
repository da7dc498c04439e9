import GeoCore
import Gazetteer

/// A place an incident happened at, with ACLED's geo-precision and the words that decided it.
struct Located: Sendable, Hashable {
    var place: Place
    var precision: GeoPrecision
    var cue: String
}

extension IncidentExtractor {
    /// Words before a name that make the location approximate (ACLED geo-precision 2).
    static let nearCues = ["near the towns of", "near the villages of", "near the town of", "near the village of",
                           "near the city of", "near", "close to", "outskirts of", "on the outskirts of", "around",
                           "vicinity of", "between", "countryside of", "east of", "west of", "north of", "south of",
                           "northeast of", "northwest of", "southeast of", "southwest of", "kilometres from",
                           "km from", "kilometers from", "miles from", "rural", "surroundings of", "edge of"]
    /// Words before a name that put the event in it (geo-precision 1).
    static let inCues = ["in the towns of", "in the villages of", "in the town of", "in the village of",
                         "in the city of", "in", "at", "on", "into", "targeting", "struck", "hit", "shelled", "pounded",
                         "town of", "village of", "city of", "towns of", "villages of", "cities of"]
    /// The cues with the space that separates them from the name, made once.
    static let nearCuesSpaced = nearCues.map { (cue: $0, spaced: $0 + " ") }
    static let inCuesSpaced = inCues.map { (cue: $0, spaced: $0 + " ") }
    /// Words after a name that make it a governorate (geo-precision 3) or approximate (2).
    static let afterRegion = [" province", " governorate", " region", " provinces"]
    static let afterNear = [" countryside", " outskirts", "'s outskirts", " suburbs", " plain"]

    /// The places of a sentence where its event happened; names that cannot be resolved go to
    /// `unresolved`.
    func locate(_ sentence: Sentence, words: [Word], lower: LowercasedText, document: Document,
                state: inout DocumentState, unresolved: inout [UnresolvedMention]) -> [Located] {
        let text = sentence.text
        let utf16 = Array(lower.string.utf16)
        func slice(_ a: Int, _ b: Int) -> String {
            SentenceSplitter.string(utf16[max(0, a)..<min(utf16.count, max(a, b))])
        }
        var countries: Set<String> = ["SY"]
        if lower.contains("turkey's") && (lower.contains("province") || lower.contains("border town")) {
            countries.insert("TR")
        }
        if lower.contains("in turkey") || lower.contains("turkish town") || lower.contains("turkish city")
            || lower.contains("turkish border town") || lower.contains("turkish province") { countries = ["TR"] }

        var found: [Located] = []
        var covered: [Range<Int>] = []
        var previousEnd: Int?
        var previous: Located?
        var skipNext = false
        for mention in nameMentions(text, words: words) {
            covered.append(mention.startOffset..<mention.endOffset)
            let surfaceLower = slice(mention.startOffset, mention.endOffset)
            if Lexicon.notPlaces.contains(surfaceLower) { previousEnd = nil; continue }
            let before = slice(mention.startOffset - 45, mention.startOffset)
            let after = slice(mention.endOffset, mention.endOffset + 14)
            // Origins and actor names are not where the event happened.
            if before.hasSuffix("from ") || before.hasSuffix("-")
                || ["-backed", "-based", " military council"].contains(where: after.hasPrefix) {
                previousEnd = nil
                continue
            }
            if skipNext { skipNext = false; previousEnd = mention.endOffset; continue }
            // A bulletin's heading ("Idlib: shelling on ...") labels the lines, it is not a place of the event.
            if after.hasPrefix(":"), before.trimmingSpaces.isEmpty || before.hasSuffix("\n") {
                previousEnd = nil
                continue
            }
            let isRegion = Self.afterRegion.contains(where: after.hasPrefix) || before.hasSuffix("province of ")
                || before.hasSuffix("governorate of ")
            let context = ResolutionContext(countries: countries, nearby: state.nearby, adminCue: isRegion)
            let resolution = gazetteer.resolve(mention.surface, context: context, explained: false)
            var chosen = resolution.best?.place
            if isRegion, let admin = resolution.candidates.first(where: { $0.place.kind == .admin1 }) {
                chosen = admin.place
            } else if !isRegion, chosen?.kind == .admin1,
                      let town = resolution.candidates.first(where: {
                          $0.place.kind != .admin1 && $0.score >= Gazetteer.threshold
                      }) {
                chosen = town.place
            }
            guard let place = chosen else {
                unresolved.append(UnresolvedMention(
                    text: mention.surface, document: document.name, sentence: text,
                    startOffset: sentence.startOffset + mention.startOffset,
                    reason: resolution.candidates.isEmpty ? "no candidate" : "below threshold \(Gazetteer.threshold)",
                    candidates: resolution.candidates.prefix(3).map {
                        "\($0.place.name) (\($0.place.country), \(String(format: "%.2f", $0.score)))"
                    }))
                previousEnd = nil
                continue
            }
            // A name in a list inherits the list's cue: "near the towns of Al-Bab and Jarablus".
            let gap = previousEnd.map { slice($0, mention.startOffset) } ?? ""
            let inList = previous != nil && previousEnd != nil
                && [" and ", ", ", ", and ", " or ", " & ", ","].contains(gap)
            var located: Located
            if isRegion || place.kind == .admin1 {
                located = Located(place: place, precision: .region,
                                  cue: Self.afterRegion.first(where: after.hasPrefix)?.trimmingSpaces ?? "province")
            } else if inList, let previous {
                located = Located(place: place, precision: previous.precision, cue: previous.cue)
            } else if let near = Self.afterNear.first(where: after.hasPrefix) {
                located = Located(place: place, precision: .near, cue: near.trimmingSpaces)
            } else if let near = Self.nearCuesSpaced.first(where: { before.hasSuffix($0.spaced) })?.cue {
                located = Located(place: place, precision: .near, cue: near)
                if near == "between" { skipNext = true }
            } else {
                let cue = Self.inCuesSpaced.first(where: { before.hasSuffix($0.spaced) })?.cue ?? "named town"
                located = Located(place: place, precision: .exact, cue: cue)
            }
            previousEnd = mention.endOffset
            previous = located
            if let k = found.firstIndex(where: { $0.place.id == place.id }) {
                if located.precision < found[k].precision { found[k] = located }
                continue
            }
            found.append(located)
        }
        unresolved += unknownNames(sentence, words: words, covered: covered, document: document)
        if found.contains(where: { $0.precision != .region }) {
            // A town and its governorate named together: the town is where it happened.
            found.removeAll { $0.precision == .region }
        }
        for f in found where f.place.kind == .admin1 { state.lastRegion = f.place }
        if let town = found.first, town.place.kind != .admin1, let admin1 = town.place.admin1,
           let region = region(named: admin1) {
            state.lastRegion = region
        }
        return found
    }

    /// Words that may stand lowercase inside a place name ("Jisr ash Shughur", "Tell Abu Rasin").
    static let nameConnectors: Set<String> = ["al", "ash", "an", "as", "ar", "ad", "at", "az", "el", "ed", "es", "bin",
                                              "ibn", "abu", "um", "umm", "of", "de", "la"]

    /// The gazetteer's mentions, searched only in runs of capitalized words: names are written
    /// capitalized, and searching the whole sentence costs several times more.
    func nameMentions(_ text: String, words: [Word]) -> [PlaceMention] {
        var result: [PlaceMention] = []
        let units = Array(text.utf16)
        var i = 0
        while i < words.count {
            guard words[i].isCapitalized || Self.hasArabicArticle(words[i].text) else { i += 1; continue }
            var j = i
            while j + 1 < words.count {
                let next = words[j + 1]
                if next.isCapitalized || Self.hasArabicArticle(next.text) { j += 1; continue }
                if Self.nameConnectors.contains(next.lower), j + 2 < words.count, words[j + 2].isCapitalized {
                    j += 2
                    continue
                }
                break
            }
            let start = words[i].start, end = words[j].end
            let span = Self.capitalizingArticles(SentenceSplitter.string(units[start..<end]))
            for var m in gazetteer.mentions(in: span) {
                m.startOffset += start
                m.endOffset += start
                result.append(m)
            }
            i = j + 1
        }
        return result
    }

    static let arabicArticles = ["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ed-", "es-", "et-"]

    /// Whether `word` is a name written with a lowercase Arabic article ("al-Bab").
    static func hasArabicArticle(_ word: String) -> Bool {
        // Every article starts with a or e and ends with a hyphen by the fourth byte: most
        // words are ruled out on their bytes before any prefix comparison.
        let bytes = word.utf8
        guard let first = bytes.first, first == UInt8(ascii: "a") || first == UInt8(ascii: "e"),
              bytes.prefix(4).contains(UInt8(ascii: "-")),
              let a = arabicArticles.first(where: word.hasPrefix) else { return false }
        return word.dropFirst(a.count).first?.isUppercase == true
    }

    /// `text` with a lowercase Arabic article capitalized ("al-Bab" -> "Al-Bab"), so that names
    /// written the common way are found; every offset stays the same.
    static func capitalizingArticles(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "-")) else { return text }
        return capitalizingArticles(ascii: text) ?? capitalizingArticles(characters: text)
    }

    /// `capitalizingArticles` Character by Character, for any text.
    static func capitalizingArticles(characters text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var atWordStart = true
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            if atWordStart, ch == "a" || ch == "e",
               let a = arabicArticles.first(where: { text[index...].hasPrefix($0) }) {
                let rest = text[text.index(index, offsetBy: a.count)...]
                if rest.first?.isUppercase == true {
                    out += a.prefix(1).uppercased() + a.dropFirst()
                    index = rest.startIndex
                    atWordStart = false
                    continue
                }
            }
            out.append(ch)
            atWordStart = !(ch.isLetter || ch.isNumber)
            index = text.index(after: index)
        }
        return out
    }

    /// `capitalizingArticles` for ASCII text, on its bytes (where a Character is a byte, a
    /// letter or digit is a byte range and a capital is A to Z); nil for other text.
    static func capitalizingArticles(ascii text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var out = bytes
        var atWordStart = true
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if atWordStart, c == UInt8(ascii: "a") || c == UInt8(ascii: "e"),
               let a = asciiArticles.first(where: { bytes[i...].starts(with: $0) }),
               i + a.count < bytes.count, ASCIIBytes.isUpper(bytes[i + a.count]) {
                out[i] = c - 32
                i += a.count
                atWordStart = false
                continue
            }
            atWordStart = !ASCIIBytes.isLetterOrDigit(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let asciiArticles = arabicArticles.map { Array($0.utf8) }

    /// Words after which a capitalised word the gazetteer does not know is reported.
    static let unknownNameCues: Set<String> = ["in", "near", "of", "around", "outskirts", "between", "and"]

    /// Capitalized names after a place cue that the gazetteer does not know ("near Sarmada").
    private func unknownNames(_ sentence: Sentence, words: [Word], covered: [Range<Int>],
                              document: Document) -> [UnresolvedMention] {
        var out: [UnresolvedMention] = []
        let cueWords = Self.unknownNameCues
        var i = 1
        while i < words.count {
            let w = words[i]
            let prev = words[i - 1].lower
            guard w.isCapitalized || Self.hasArabicArticle(w.text), cueWords.contains(prev),
                  !Lexicon.notPlaces.contains(w.lower),
                  !covered.contains(where: { $0.contains(w.start) }),
                  prev != "and" || (i >= 2 && covered.contains(where: { $0.contains(words[i - 2].start) })) else {
                i += 1
                continue
            }
            if prev == "of", i >= 2, !["town", "towns", "village", "villages", "city", "outskirts", "countryside",
                                       "province", "vicinity"].contains(words[i - 2].lower) {
                i += 1
                continue
            }
            var j = i
            while j + 1 < words.count, words[j + 1].isCapitalized || Self.hasArabicArticle(words[j + 1].text),
                  !Lexicon.notPlaces.contains(words[j + 1].lower) { j += 1 }
            let u = Array(sentence.text.utf16)
            let surface = SentenceSplitter.string(u[w.start..<words[j].end])
            out.append(UnresolvedMention(text: surface, document: document.name, sentence: sentence.text,
                                         startOffset: sentence.startOffset + w.start, reason: "no candidate"))
            i = j + 1
        }
        return out
    }
}
