import GeoCore

/// The actors a sentence names, each with how firmly the source puts it behind the event.
enum Actors {
    /// Reads actors from a lowercased sentence, in the order they appear; several are kept.
    static func read(_ lower: String) -> [Actor] {
        var hits: [(Int, String, Range<String.Index>)] = []
        var taken: [Range<String.Index>] = []
        for (cue, name) in Lexicon.actors {
            var search = lower.startIndex..<lower.endIndex
            while let r = lower.range(of: cue, range: search) {
                search = r.upperBound..<lower.endIndex
                let beforeOK = r.lowerBound == lower.startIndex || !lower[lower.index(before: r.lowerBound)].isLetter
                let afterOK = r.upperBound == lower.endIndex || !lower[r.upperBound].isLetter
                guard beforeOK, afterOK, !taken.contains(where: { $0.overlaps(r) }) else { continue }
                let after = lower[r.upperBound...].prefix(14)
                if Lexicon.notActorAfter.contains(where: { after.hasPrefix(" " + $0) || after.hasPrefix($0) }) {
                    taken.append(r)
                    continue
                }
                if cue == "unknown" || cue == "unidentified" {
                    let next = after.drop(while: { $0 == " " }).prefix(while: { $0.isLetter })
                    guard ["gunmen", "aircraft", "warplanes", "warplane", "drone", "drones", "attackers", "assailants",
                           "armed", "jets", "helicopter", "source", "party", "group", "militants"].contains(String(next)),
                          next != "source", next != "party" else { continue }
                }
                taken.append(r)
                hits.append((lower.distance(from: lower.startIndex, to: r.lowerBound), name, r))
            }
        }
        hits.sort { $0.0 < $1.0 }
        var actors: [Actor] = []
        let claimed = lower.contains("claimed responsibility") || lower.contains("claimed the attack")
            || lower.contains("said it had") || lower.contains("said its ") || lower.contains("announced that its")
        for (position, name, range) in hits where !actors.contains(where: { $0.name == name }) {
            let start = lower.index(range.lowerBound, offsetBy: -min(position, 40))
            let before = lower[start..<range.lowerBound]
            var attribution = Attribution.reported
            if ["suspected", "likely", "believed to be", "apparently", "presumed", "thought to be", "probably"]
                .contains(where: before.contains) {
                attribution = .suspected
            } else if claimed {
                attribution = .claimed
            }
            actors.append(Actor(name: name, attribution: attribution))
        }
        // A second actor of a list shares the first one's hedge: "suspected Russian and regime airstrikes".
        if actors.count > 1, actors[0].attribution == .suspected {
            for k in 1..<actors.count where actors[k].attribution == .reported { actors[k].attribution = .suspected }
        }
        return actors
    }
}
