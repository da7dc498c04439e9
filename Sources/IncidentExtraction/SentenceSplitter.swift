/// A sentence of a document with its UTF-16 offsets in the document text.
struct Sentence: Sendable, Hashable {
    var text: String
    var startOffset: Int
    var endOffset: Int
    /// Index of the paragraph (blank-line separated block) the sentence belongs to.
    var paragraph: Int
}

/// A word of a sentence: letters, digits and inner hyphens or apostrophes.
struct Word: Sendable, Hashable {
    var text: String
    var lower: String
    /// UTF-16 offsets in the sentence text.
    var start: Int
    var end: Int
    var isCapitalized: Bool
}

/// Splits text into sentences without breaking at abbreviations ("Maj.", "U.S.", "Jan.") or
/// initials, and at every line break, since bulletins put one incident per line.
enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "col", "maj", "lt", "capt", "sgt", "st", "no", "u.s", "u.n", "e.g", "i.e",
        "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "brig",
        "cpl", "prof", "sen", "rep", "gov", "km", "fig", "al", "u.k", "mt",
    ]

    static func split(_ text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        let units = Array(text.utf16)
        var start = 0
        var paragraph = 0
        var pendingParagraphBreak = false
        func emit(_ end: Int) {
            var s = start, e = end
            while s < e, isSpace(units[s]) { s += 1 }
            while e > s, isSpace(units[e - 1]) { e -= 1 }
            if e > s {
                if pendingParagraphBreak { paragraph += 1; pendingParagraphBreak = false }
                let str = Self.string(units[s..<e])
                sentences.append(Sentence(text: str, startOffset: s, endOffset: e, paragraph: paragraph))
            }
            start = end
        }
        var i = 0
        while i < units.count {
            let u = units[i]
            if u == 0x0A {
                emit(i)
                if i + 1 < units.count, units[i + 1] == 0x0A { pendingParagraphBreak = true }
                i += 1
                start = i
                continue
            }
            if u == 0x2E || u == 0x21 || u == 0x3F {  // . ! ?
                var j = i + 1
                // Closing quotes and brackets stay with the sentence.
                while j < units.count, [0x22, 0x27, 0x29, 0x201D, 0x2019].contains(units[j]) { j += 1 }
                guard j >= units.count || isSpace(units[j]) else { i += 1; continue }
                var k = j
                while k < units.count, isSpace(units[k]), units[k] != 0x0A { k += 1 }
                let nextStartsSentence = k >= units.count || units[k] == 0x0A || isUpperOrDigitOrQuote(units[k])
                if u == 0x2E, !nextStartsSentence || isAbbreviation(units, before: i) {
                    i += 1
                    continue
                }
                emit(j)
                i = j
                continue
            }
            i += 1
        }
        emit(units.count)
        return sentences
    }

    /// The text of UTF-16 code units, transcoded here to UTF-8 bytes: the standard
    /// library's UTF-16 decoding of an array slice takes its slow generic path, which was a
    /// fifth of an article's extraction time. Lone surrogates become U+FFFD, as there.
    static func string(_ units: ArraySlice<UInt16>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(units.count + units.count / 2)
        var i = units.startIndex
        while i < units.endIndex {
            let u = UInt32(units[i])
            i += 1
            var scalar = u
            if u >= 0xD800 && u < 0xDC00, i < units.endIndex, units[i] >= 0xDC00 && units[i] < 0xE000 {
                scalar = 0x10000 + ((u - 0xD800) << 10) + (UInt32(units[i]) - 0xDC00)
                i += 1
            } else if u >= 0xD800 && u < 0xE000 {
                scalar = 0xFFFD
            }
            switch scalar {
            case ..<0x80:
                bytes.append(UInt8(scalar))
            case ..<0x800:
                bytes.append(UInt8(0xC0 | scalar >> 6)); bytes.append(UInt8(0x80 | scalar & 0x3F))
            case ..<0x10000:
                bytes.append(UInt8(0xE0 | scalar >> 12)); bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | scalar & 0x3F))
            default:
                bytes.append(UInt8(0xF0 | scalar >> 18)); bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F)); bytes.append(UInt8(0x80 | scalar & 0x3F))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0xA0 }

    private static func isUpperOrDigitOrQuote(_ u: UInt16) -> Bool {
        (0x41...0x5A).contains(u) || (0x30...0x39).contains(u) || u == 0x22 || u == 0x201C || u == 0x2018 || u == 0x27
            || u >= 0xC0
    }

    private static func isAbbreviation(_ units: [UInt16], before dot: Int) -> Bool {
        var s = dot
        while s > 0, !isSpace(units[s - 1]), units[s - 1] != 0x28 { s -= 1 }
        let word = string(units[s..<dot]).lowercased()
        if word.count == 1, word.first?.isLetter == true { return true }  // an initial
        return abbreviations.contains(word)
    }

    /// The words of `text` with their UTF-16 offsets.
    static func words(_ text: String) -> [Word] {
        var text = text
        if let ascii = text.withUTF8({ asciiWords($0) }) { return ascii }
        var words: [Word] = []
        let scalars = text.unicodeScalars
        var wordStart: String.UnicodeScalarView.Index?
        var start = 0
        var offset = 0
        var wordIsASCII = true
        /// Ends the word running up to `end`: one copy of its scalars, not one append each.
        func flush(upTo end: String.UnicodeScalarView.Index) {
            guard let from = wordStart else { return }
            wordStart = nil
            var current = String(Substring(scalars[from..<end]))
            if wordIsASCII {
                // Most words: letters, digits, hyphens and apostrophes of ASCII.
                if let word = current.withUTF8({ asciiWord($0, start: start) }) { words.append(word) }
                return
            }
            // Characters are read only where a scalar cannot settle it: a word ending in an
            // ASCII letter or digit has nothing to trim, and one starting with an ASCII
            // scalar is capitalised when that scalar is A to Z.
            if let last = current.unicodeScalars.last, last.value >= 0x80 || last == "-" || last == "'" {
                while let last = current.last, last == "-" || last == "'" || last == "’" { current.removeLast() }
            }
            if let first = current.unicodeScalars.first {
                var lower = current.lowercased()
                if lower.unicodeScalars.contains("’") { lower = lower.replacingOccurrences(of: "’", with: "'") }
                let isCapitalized = first.value < 0x80 ? first.value >= 0x41 && first.value <= 0x5A
                    : current.first!.isUppercase
                words.append(Word(text: current, lower: lower, start: start,
                                  end: start + current.utf16.count, isCapitalized: isCapitalized))
            }
        }
        // Scalar by scalar rather than by Character: grapheme breaking and Character
        // properties were a tenth of extraction. A Character is a letter or a number by its
        // first scalar, and the scalars that extend it (combining marks, joiners) follow a
        // letter here, so the words are the same (SentenceSplitterTests compares them).
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let v = scalar.value
            let inWord = wordStart != nil
            let isWordChar: Bool
            if v < 0x80 {
                isWordChar = ASCIIBytes.isLetterOrDigit(UInt8(v)) || (inWord && (v == 0x2D || v == 0x27))
            } else {
                let p = scalar.properties
                isWordChar = p.isAlphabetic || p.numericType != nil
                    || (inWord && (v == 0x2019 || Self.extendsCharacter(p, v)))
            }
            if isWordChar {
                if !inWord { wordStart = index; start = offset; wordIsASCII = true }
                if v >= 0x80 { wordIsASCII = false }
            } else {
                flush(upTo: index)
            }
            offset += v < 0x10000 ? 1 : 2
            scalars.formIndex(after: &index)
        }
        flush(upTo: scalars.endIndex)
        return words
    }

    /// `words` for ASCII text, on its bytes (a byte is a scalar, a Character and a UTF-16
    /// unit there); nil for other text.
    private static func asciiWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [Word]? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var words: [Word] = []
        var i = 0
        while i < bytes.count {
            guard ASCIIBytes.isLetterOrDigit(bytes[i]) else { i += 1; continue }
            let start = i
            while i < bytes.count, ASCIIBytes.isLetterOrDigit(bytes[i]) || bytes[i] == 0x2D || bytes[i] == 0x27 {
                i += 1
            }
            if let word = asciiWord(UnsafeBufferPointer(rebasing: bytes[start..<i]), start: start) { words.append(word) }
        }
        return words
    }

    /// The word of ASCII `bytes` (a run of letters, digits, hyphens and apostrophes) at
    /// UTF-16 offset `start`, its trailing hyphens and apostrophes dropped; nil if nothing
    /// is left.
    private static func asciiWord(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Word? {
        var count = bytes.count
        while count > 0, bytes[count - 1] == 0x2D || bytes[count - 1] == 0x27 { count -= 1 }
        guard count > 0 else { return nil }
        let word = UnsafeBufferPointer(rebasing: bytes[..<count])
        return Word(text: String(decoding: word, as: UTF8.self), lower: ASCIIBytes.lowercased(word),
                    start: start, end: start + count, isCapitalized: ASCIIBytes.isUpper(word[0]))
    }

    /// Whether a scalar continues the Character before it (Unicode's Grapheme_Extend,
    /// spacing marks and the zero-width joiner).
    private static func extendsCharacter(_ p: Unicode.Scalar.Properties, _ v: UInt32) -> Bool {
        p.isGraphemeExtend || p.generalCategory == .spacingMark || v == 0x200D
    }
}
