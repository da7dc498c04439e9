/// Deaths and injuries read from a sentence, kept apart from counts of things hit
/// ("dozens of oil refineries" is not a toll).
struct Casualties: Sendable, Hashable {
    var fatalities: Int?
    var injured: Int?
    /// A vague count ("several") left uncoded.
    var vague: String?

    static func number(_ words: [String], _ i: Int) -> (Int, Int)? {
        guard i < words.count else { return nil }
        let w = words[i]
        if let n = Int(w), n < 100_000 { return (n, 1) }
        if w == "a" || w == "an", i + 1 < words.count, words[i + 1] == "dozen" { return (12, 2) }
        if w == "a" || w == "an" || w == "one", i + 1 < words.count, Lexicon.personWords.contains(words[i + 1]) {
            return (1, 1)
        }
        if let n = Lexicon.numberWords[w] { return (n, 1) }
        // "twenty-one": only a hyphenated word can be one, and most words are not.
        guard w.utf8.contains(UInt8(ascii: "-")) else { return nil }
        let parts = w.split(separator: "-")
        if parts.count == 2, let tens = Lexicon.numberWords[String(parts[0])],
           let units = Lexicon.numberWords[String(parts[1])], tens >= 20, units < 10 {
            return (tens + units, 1)
        }
        return nil
    }

    /// The words `read` can start from: killed and injured words, number words, vague
    /// counts, "to" (a toll rising to), and "a", "an", "one" (a dozen, one civilian).
    static let countOpeners: Set<String> = Lexicon.killedWords.union(Lexicon.injuredWords)
        .union(Lexicon.numberWords.keys).union(Lexicon.vagueCounts).union(["to", "a", "an", "one"])

    /// Whether a count rule can start at `w`: a digit, a hyphenated word ("twenty-one"), or
    /// one of `countOpeners`.
    static func mayOpenCount(_ w: String) -> Bool {
        ASCIIBytes.startsWithDigit(w) || w.utf8.contains(UInt8(ascii: "-")) || countOpeners.contains(w)
    }

    /// Reads counts like "seven civilians were killed", "killing three", "14 injured",
    /// "the death toll rose to 9", "no casualties".
    static func read(_ words: [String], in lower: LowercasedText) -> Casualties {
        var c = Casualties()
        if ["no casualties", "no one was killed", "no deaths", "without casualties", "no injuries"]
            .contains(where: lower.contains) {
            c.fatalities = 0
        }
        guard Lexicon.casualtyCues.contains(where: lower.contains) else { return c }
        var i = 0
        while i < words.count {
            let w = words[i]
            // Every rule below starts at a number, a toll word, a vague count or "to": one
            // look-up (or a first byte) rules out the other words.
            if !Self.mayOpenCount(w) { i += 1; continue }
            // Verb first: "killed seven", "injuring at least 14".
            if Lexicon.killedWords.contains(w) || Lexicon.injuredWords.contains(w) || w == "to" {
                var k = i + 1
                if k + 1 < words.count, words[k] == "at", ["least", "most"].contains(words[k + 1]) { k += 2 }
                if words.indices.contains(k), ["about", "around", "nearly"].contains(words[k]) { k += 1 }
                // "killing 12 of" is a toll; "to 40 km" or "to 30 percent" is not.
                if let (n, len) = number(words, k),
                   !(words.indices.contains(k + len) && ["of", "km", "kilometres", "percent", "days"]
                       .contains(words[k + len]) && n != 12) {
                    if w == "to" {
                        if i >= 2, words[i - 2] == "toll" || words[i - 1] == "rose" && words[max(0, i - 3)] == "toll" {
                            c.fatalities = c.fatalities.flatMap { $0 == 0 ? nil : $0 } ?? n
                        }
                    } else if Lexicon.killedWords.contains(w), w != "dead", w != "bodies" {
                        if c.fatalities == nil || c.fatalities == 0 { c.fatalities = n }
                    } else if Lexicon.injuredWords.contains(w), w != "injuries" {
                        if c.injured == nil { c.injured = n }
                    }
                    i = k + len
                    continue
                }
            }
            // Number first: "seven civilians were killed", "14 injured", "two dead".
            if let (n, len) = number(words, i) {
                var k = i + len
                let limit = min(words.count, k + 5)
                var kind: Int? = nil
                while k < limit {
                    let v = words[k]
                    if v == "of", words[i] != "dozens" && words[i] != "hundreds" && words[i] != "tens" { break }
                    if ["and", "in", "on", "at", "after", "when", "as"].contains(v) { break }
                    if Lexicon.killedWords.contains(v) { kind = 0; break }
                    if Lexicon.injuredWords.contains(v) { kind = 1; break }
                    k += 1
                }
                if let kind {
                    if kind == 0, c.fatalities == nil || c.fatalities == 0 { c.fatalities = n }
                    if kind == 1, c.injured == nil { c.injured = n }
                    i = k + 1
                    continue
                }
            }
            if Lexicon.vagueCounts.contains(w), i + 3 < words.count,
               words[(i + 1)...(i + 3)].contains(where: {
                   Lexicon.killedWords.contains($0) || Lexicon.injuredWords.contains($0)
               }) {
                c.vague = w
            }
            i += 1
        }
        return c
    }
}
