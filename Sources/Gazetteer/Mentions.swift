import Foundation

extension Gazetteer {
    /// Spans of `text` that name a gazetteer entry: longest match on word boundaries,
    /// left to right, not overlapping.
    ///
    /// A span starts at a capitalised word (or an "al-Bab" form, or Arabic script), runs
    /// over at most a few words inside one clause, and must meet an indexed name on its
    /// fold; spans of several words or in Arabic script may also meet on the skeleton.
    /// Months, weekdays, people and words like "Major" are skipped, and so is a capital
    /// speaking for its government ("Ankara said").
    public func mentions(in text: String) -> [PlaceMention] {
        let words = Gazetteer.words(of: text)
        var result: [PlaceMention] = []
        var i = 0
        while i < words.count {
            let w = words[i]
            guard w.startsName else { i += 1; continue }
            let firstFold = NameKey.fold(scalars: text.unicodeScalars[w.start..<w.end])
            var firstToken = String(NameKey.firstToken(firstFold))
            // "El Bab": a capitalised article opens the name that follows it.
            if NameKey.isArticle(firstToken), i + 1 < words.count, words[i + 1].joinsPrevious {
                let next = NameKey.fold(scalars: text.unicodeScalars[words[i + 1].start..<words[i + 1].end])
                firstToken = String(NameKey.firstToken(next))
            }
            guard let longest = names.longestByFirstToken[firstToken] else { i += 1; continue }
            var upper = min(words.count - i, longest + 2, 7)
            for k in i + 1..<i + upper where !words[k].joinsPrevious {
                upper = k - i
                break
            }
            var matched = 0
            for n in stride(from: upper, through: 1, by: -1) {
                let span = text.unicodeScalars[w.start..<words[i + n - 1].end]
                let fold = n == 1 ? firstFold : NameKey.fold(scalars: span)
                if n == 1 && (StopList.words.contains(fold) || StopList.mentionOnly.contains(fold)) { break }
                var found = names.byFold[fold] != nil
                if !found && (n > 1 || w.isArabic) && fold.unicodeScalars.count >= 6 {
                    found = names.bySkeleton[NameKey.skeleton(ofFold: fold)] != nil
                }
                guard found else { continue }
                if n == 1, Gazetteer.capitals.contains(fold), i + 1 < words.count, words[i + 1].joinsPrevious,
                   Gazetteer.speechVerbs.contains(
                       NameKey.fold(scalars: text.unicodeScalars[words[i + 1].start..<words[i + 1].end])) {
                    break
                }
                result.append(PlaceMention(surface: String(Substring(span)),
                                           startOffset: w.utf16Start, endOffset: words[i + n - 1].utf16End))
                matched = n
                break
            }
            i += max(1, matched)
        }
        return result
    }

    static let capitals: Set<String> = ["ankara", "damascus", "baghdad", "beirut", "amman", "moscow", "tehran",
                                        "washington"]
    static let speechVerbs: Set<String> = ["said", "says", "announced", "claimed", "accused", "denied", "warned",
                                           "stated", "responded", "rejected", "condemned", "insists", "insisted",
                                           "confirmed", "reported", "urged", "demanded"]

    /// A word of running text: letters and digits, with apostrophes and hyphens inside.
    struct Word {
        var start: String.UnicodeScalarView.Index
        var end: String.UnicodeScalarView.Index
        var utf16Start: Int
        var utf16End: Int
        /// Capitalised, Arabic script, or an article joined to a capitalised word ("al-Bab").
        var startsName: Bool
        var isArabic: Bool
        /// Only spaces (or a hyphen) separate it from the previous word: same clause.
        var joinsPrevious: Bool
    }

    static func words(of text: String) -> [Word] {
        var words: [Word] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var utf16 = 0
        var gapIsSpace = true
        while index < scalars.endIndex {
            let s = scalars[index]
            guard isWordScalar(s) else {
                if !(s == " " || s == "\u{A0}" || s == "-") { gapIsSpace = false }
                utf16 += s.utf16.count
                index = scalars.index(after: index)
                continue
            }
            let start = index, utf16Start = utf16
            var end = index
            var upperAfterArticleHyphen = false
            var position = 0
            while index < scalars.endIndex {
                let c = scalars[index]
                if isWordScalar(c) {
                    if position > 0 && scalars[scalars.index(before: index)] == "-" && Self.isUppercase(c) {
                        upperAfterArticleHyphen = true
                    }
                    position += 1
                    utf16 += c.utf16.count
                    index = scalars.index(after: index)
                    end = index
                } else if isJoiner(c), scalars.index(after: index) < scalars.endIndex,
                          isWordScalar(scalars[scalars.index(after: index)]) {
                    utf16 += c.utf16.count
                    index = scalars.index(after: index)
                } else {
                    break
                }
            }
            let isArabic = (0x0600...0x06FF).contains(s.value)
            words.append(Word(start: start, end: end, utf16Start: utf16Start, utf16End: utf16,
                              startsName: Self.isUppercase(s) || isArabic || upperAfterArticleHyphen,
                              isArabic: isArabic, joinsPrevious: gapIsSpace))
            gapIsSpace = true
        }
        return words
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        // ASCII by its bytes: letters and digits are its only alphabetic and numeric scalars.
        if s.value < 0x80 {
            let v = s.value | 0x20
            return (v >= 0x61 && v <= 0x7A) || (s.value >= 0x30 && s.value <= 0x39)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
            || (0x0300...0x036F).contains(s.value) || (0x064B...0x065F).contains(s.value) || s.value == 0x0640
    }

    private static func isUppercase(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x80 ? s.value >= 0x41 && s.value <= 0x5A : s.properties.isUppercase
    }

    private static func isJoiner(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x27, 0x2D, 0x60, 0x2BB, 0x2BC, 0x2BE, 0x2BF, 0x2018, 0x2019, 0x2010, 0x2011: true
        default: false
        }
    }
}
