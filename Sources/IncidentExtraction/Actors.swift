import GeoCore

/// The actors a sentence names, each with how firmly the source puts it behind the event.
enum Actors {
    /// Reads actors from a lowercased sentence, in the order they appear; several are kept.
    static func read(_ lower: LowercasedText) -> [Actor] {
        let bytes = lower.bytes
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || b >= 0x80 }
        func text(_ a: Int, _ b: Int) -> String {
            String(decoding: bytes[max(0, a)..<min(bytes.count, max(a, b))], as: UTF8.self)
        }
        var hits: [(Int, String, Range<Int>)] = []
        var taken: [Range<Int>] = []
        for (cue, name) in Lexicon.actors {
            var from = 0
            while let start = lower.firstOffset(of: cue, from: from) {
                let r = start..<(start + cue.utf8.count)
                from = start + 1
                let beforeOK = start == 0 || !isLetter(bytes[start - 1])
                let afterOK = r.upperBound == bytes.count || !isLetter(bytes[r.upperBound])
                guard beforeOK, afterOK, !taken.contains(where: { $0.overlaps(r) }) else { continue }
                let after = text(r.upperBound, r.upperBound + 14)
                if Lexicon.notActorAfter.contains(where: { after.hasPrefix(" " + $0) || after.hasPrefix($0) }) {
                    taken.append(r)
                    continue
                }
                if cue == "unknown" || cue == "unidentified" {
                    let next = String(after.drop(while: { $0 == " " }).prefix(while: { $0.isLetter }))
                    guard Lexicon.unidentifiedNouns.contains(next) else { continue }
                }
                taken.append(r)
                hits.append((start, name, r))
            }
        }
        hits.sort { $0.0 < $1.0 }
        var actors: [Actor] = []
        let claimed = ["claimed responsibility", "claimed the attack", "said it had", "said its ", "announced that its"]
            .contains(where: lower.contains)
        for (position, name, range) in hits where !actors.contains(where: { $0.name == name }) {
            // The hedge stands in the 40 bytes before the actor's name.
            let before = (position - 40)..<range.lowerBound
            var attribution = Attribution.reported
            if ["suspected", "likely", "believed to be", "apparently", "presumed", "thought to be", "probably"]
                .contains(where: { lower.contains($0, in: before) }) {
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
