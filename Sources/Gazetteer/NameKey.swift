import Foundation

/// The two keys a name is indexed under.
///
/// - The *fold* is exact-ish: case, diacritics, apostrophes and hyphens folded, Arabic
///   articles dropped, Turkish letters and Arabic hamza forms unified. "Ma'arrat al-Nu'man"
///   and "Ma‘arrat an Nu‘mān" share the fold `maarrat numan`.
/// - The *skeleton* is phonetic: transliteration alternations collapsed (kh/h, q/k, sh/ch/s,
///   Turkish c/j, ou/u, doubled letters, final -ah) and vowels dropped, so "Maarat al-Numan",
///   "Maarrat al Nouman" and "Ma'arrat al-Nu'man" share `mrtnmn`, and "Cerablus",
///   "Jarabulus" and "Jarablus" share `jrbls`.
///
/// Both work on Unicode scalars without Foundation in the loop: the gazetteer folds every
/// name of every place at load time and every capitalised word of every sentence.
enum NameKey {
    /// The space-separated tokens of a fold, split on bytes (Character splitting would walk
    /// grapheme clusters).
    static func foldTokens(_ fold: String) -> [Substring] {
        fold.utf8.split(separator: 0x20).map { Substring($0) }
    }

    /// The first token of a fold.
    static func firstToken(_ fold: String) -> Substring {
        let utf8 = fold.utf8
        return Substring(utf8[..<(utf8.firstIndex(of: 0x20) ?? utf8.endIndex)])
    }

    /// The last token of a fold.
    static func lastToken(_ fold: String) -> Substring {
        let utf8 = fold.utf8
        guard let space = utf8.lastIndex(of: 0x20) else { return Substring(fold) }
        return Substring(utf8[utf8.index(after: space)...])
    }

    /// Arabic articles as transliterated, sun-letter assimilations included.
    static let articles: Set<String> = [
        "al", "el", "il", "ul", "as", "es", "ash", "esh", "ad", "ed", "adh", "ar", "er", "at", "et", "ath", "az",
        "ez", "an", "en",
    ]

    /// Latin letters with diacritics, folded once through Foundation (which knows the
    /// decompositions) so the hot loop only reads a flat table: up to two ASCII letters
    /// per scalar, packed as `first | second << 8` (0 when the letter folds to nothing).
    private static let latinFoldLow: [UInt16] = latinTable(0x00C0...0x024F)
    private static let latinFoldHigh: [UInt16] = latinTable(0x1E00...0x1EFF)

    private static func latinTable(_ range: ClosedRange<Int>) -> [UInt16] {
        let special: [Int: String] = [
            0x0131: "i", 0x0130: "i", 0x00DF: "ss", 0x00E6: "ae", 0x00C6: "ae", 0x00F8: "o", 0x00D8: "o",
            0x0111: "d", 0x0110: "d", 0x0142: "l", 0x0141: "l", 0x0153: "oe", 0x0152: "oe", 0x00FE: "th",
            0x00F0: "d", 0x0127: "h", 0x0126: "h", 0x0259: "e", 0x018F: "e", 0x00D7: "", 0x00F7: "",
        ]
        return range.map { value -> UInt16 in
            guard let scalar = Unicode.Scalar(value) else { return 0 }
            let folded = special[value] ?? String(Character(scalar))
                .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .lowercased()
            let ascii = Array(folded.utf8.filter { $0 < 0x80 }.prefix(2))
            return ascii.isEmpty ? 0 : UInt16(ascii[0]) | (ascii.count > 1 ? UInt16(ascii[1]) << 8 : 0)
        }
    }

    private static func isApostrophe(_ v: UInt32) -> Bool {
        switch v {
        case 0x27, 0x60, 0xB4, 0x2BB, 0x2BC, 0x2BE, 0x2BF, 0x2018, 0x2019, 0x201B, 0x2032, 0x02C8, 0x05F3: true
        default: false
        }
    }

    private static func isSeparator(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0D, 0x20, 0x2D, 0x5F, 0x2E, 0x2C, 0x2F, 0x28, 0x29, 0x3A, 0x3B, 0xA0, 0x2010...0x2015,
             0x2212, 0x2000...0x200A, 0x202F, 0x3000, 0x060C: true
        default: false
        }
    }

    /// Appends the folded form of one scalar to `out`.
    @inline(__always)
    private static func foldScalar(_ s: Unicode.Scalar, into out: inout String.UnicodeScalarView) {
        let v = s.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { out.append(Unicode.Scalar(v + 32)!) } else { out.append(s) }
            return
        }
        switch v {
        case 0x0300...0x036F, 0x064B...0x065F, 0x0670, 0x0640, 0x0621, 0x200C, 0x200D, 0x200E, 0x200F:
            return  // combining marks, harakat, tatweel, lone hamza, joiners and direction marks
        case 0x0623, 0x0625, 0x0622, 0x0671: out.append("\u{0627}")
        case 0x0629: out.append("\u{0647}")
        case 0x0649, 0x0626, 0x06CC: out.append("\u{064A}")
        case 0x0624: out.append("\u{0648}")
        case 0x06A9: out.append("\u{0643}")
        case 0x00C0...0x024F, 0x1E00...0x1EFF:
            let packed = v < 0x1E00 ? latinFoldLow[Int(v - 0xC0)] : latinFoldHigh[Int(v - 0x1E00)]
            if packed & 0xFF != 0 { out.append(Unicode.Scalar(UInt8(packed & 0xFF))) }
            if packed >> 8 != 0 { out.append(Unicode.Scalar(UInt8(packed >> 8))) }
        case 0x0600...0x06FF:
            out.append(s)  // Arabic letters have no case
        default:
            // Most scalars here (Arabic, CJK, lowercase Cyrillic) have no case: skip the
            // mapping, which allocates a String.
            if s.properties.changesWhenLowercased {
                out.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
            } else {
                out.append(s)
            }
        }
    }

    /// The folded tokens of `name`, articles kept.
    static func tokens(_ scalars: some Sequence<Unicode.Scalar>) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for s in scalars {
            let v = s.value
            if isApostrophe(v) { continue }
            if isSeparator(v) {
                if !current.isEmpty { tokens.append(String(current)); current = String.UnicodeScalarView() }
                continue
            }
            foldScalar(s, into: &current)
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// Whether `token` is an Arabic article (Latin transliteration or the bare Arabic "ال").
    static func isArticle(_ token: String) -> Bool {
        token.utf8.count <= 3 && (articles.contains(token) || token == "\u{0627}\u{0644}")
    }

    /// Drops articles that precede another token, and the attached Arabic "ال".
    static func strippingArticles(_ tokens: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(tokens.count)
        for (i, t) in tokens.enumerated() {
            if i < tokens.count - 1 && isArticle(t) { continue }
            var scalars = t.unicodeScalars
            if scalars.count > 3, scalars.first == "\u{0627}",
               scalars[scalars.index(after: scalars.startIndex)] == "\u{0644}" {
                scalars.removeFirst(2)
                out.append(String(scalars))
            } else {
                out.append(t)
            }
        }
        return out
    }

    /// The exact-ish key of `name` (see the type's documentation).
    static func fold(_ name: some StringProtocol) -> String {
        if let ascii = name.utf8.withContiguousStorageIfAvailable(foldASCII), let ascii { return ascii }
        return strippingArticles(tokens(name.unicodeScalars)).joined(separator: " ")
    }

    /// The fold of a run of scalars (a span of running text).
    static func fold(scalars: Substring.UnicodeScalarView) -> String {
        fold(Substring(scalars))
    }

    /// Articles packed as little-endian bytes, for the ASCII path.
    private static let packedArticles: Set<UInt32> = Set(articles.map { a in
        a.utf8.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    })

    /// `fold` for pure ASCII text, most Latin names, without a String per token; nil when
    /// the text is not ASCII. Must agree with the general path.
    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // One scratch buffer on the stack: the folded bytes, then the articles dropped in place.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { out -> String? in
            var n = 0, tokens = 0
            var inToken = false
            for c in bytes {
                if c >= 0x80 { return nil }
                switch c {
                case 0x27, 0x60: continue
                case 0x09, 0x0A, 0x0D, 0x20, 0x2D, 0x5F, 0x2E, 0x2C, 0x2F, 0x28, 0x29, 0x3A, 0x3B:
                    if inToken { out[n] = 0x20; n += 1; inToken = false }
                default:
                    if !inToken { tokens += 1; inToken = true }
                    out[n] = c >= 0x41 && c <= 0x5A ? c + 32 : c
                    n += 1
                }
            }
            if n > 0 && out[n - 1] == 0x20 { n -= 1 }
            guard tokens > 1 else { return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self) }
            // Kept tokens move left over dropped ones; the write position never passes the read one.
            var kept = 0, start = 0, token = 0
            while start < n {
                var end = start
                while end < n && out[end] != 0x20 { end += 1 }
                token += 1
                var isArticle = false
                if token < tokens && end - start <= 3 {
                    var packed: UInt32 = 0
                    for j in start..<end { packed |= UInt32(out[j]) << (8 * UInt32(j - start)) }
                    isArticle = packedArticles.contains(packed)
                }
                if !isArticle {
                    if kept > 0 { out[kept] = 0x20; kept += 1 }
                    for j in start..<end { out[kept] = out[j]; kept += 1 }
                }
                start = end + 1
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[..<kept]), as: UTF8.self)
        }
    }

    /// The phonetic key of a *folded* name (see the type's documentation).
    static func skeleton(ofFold fold: String) -> String {
        var fold = fold
        let ascii = fold.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { out in
                var n = 0, start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count && bytes[end] != 0x20 { end += 1 }
                    if end > start { latinSkeleton(bytes, start..<end, into: out, count: &n) }
                    start = end + 1
                }
                return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
            }
        }
        return ascii ?? generalSkeleton(ofFold: fold)
    }

    /// `skeleton(ofFold:)` token by token, for folds with Arabic (or other non-ASCII)
    /// tokens: Latin tokens first, then the Arabic ones.
    static func generalSkeleton(ofFold fold: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(fold.utf8.count)
        var arabic = String.UnicodeScalarView()
        for token in foldTokens(fold) {
            if token.utf8.allSatisfy({ $0 < 0x80 }) {
                latinSkeleton(Array(token.utf8), into: &out)
            } else {
                arabicSkeleton(token, into: &arabic)
            }
        }
        return String(decoding: out, as: UTF8.self) + String(arabic)
    }

    private static func isVowel(_ c: UInt8) -> Bool {
        c == 0x61 || c == 0x65 || c == 0x69 || c == 0x6F || c == 0x75 || c == 0x79 || c == 0x77  // a e i o u y w
    }

    /// `latinSkeleton` over one token of a buffer, without a copy: the mapping, the
    /// collapse of doubled letters and the vowel drop in one pass. Appends to `out` at
    /// `count`, which must have room for the token's length.
    private static func latinSkeleton(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Range<Int>,
                                      into out: UnsafeMutableBufferPointer<UInt8>, count n: inout Int) {
        var end = token.upperBound
        if end - token.lowerBound > 2, bytes[end - 1] == 0x68, isVowel(bytes[end - 2]) { end -= 1 }
        var i = token.lowerBound
        var previous = -1
        var first = true
        while i < end {
            let c = bytes[i], next: UInt8 = i + 1 < end ? bytes[i + 1] : 0
            let mapped: UInt8
            switch (c, next) {
            case (0x6B, 0x68): mapped = 0x68; i += 2
            case (0x67, 0x68): mapped = 0x67; i += 2
            case (0x73, 0x68), (0x63, 0x68): mapped = 0x73; i += 2
            case (0x64, 0x68): mapped = 0x7A; i += 2
            case (0x74, 0x68): mapped = 0x74; i += 2
            case (0x70, 0x68): mapped = 0x66; i += 2
            case (0x64, 0x6A): mapped = 0x6A; i += 2
            case (0x63, 0x6B): mapped = 0x6B; i += 2
            case (0x6F, 0x75): mapped = 0x75; i += 2
            case (0x71, _): mapped = 0x6B; i += 1
            case (0x63, _): mapped = 0x6A; i += 1
            case (0x70, _): mapped = 0x62; i += 1
            case (0x76, _): mapped = 0x77; i += 1
            default: mapped = c; i += 1
            }
            if Int(mapped) == previous { continue }
            previous = Int(mapped)
            if first {
                out[n] = mapped != 0x79 && mapped != 0x77 && isVowel(mapped) ? 0x61 : mapped
                n += 1
                first = false
            } else if !isVowel(mapped) {
                out[n] = mapped
                n += 1
            }
        }
    }

    private static func latinSkeleton(_ t: [UInt8], into out: inout [UInt8]) {
        var t = t
        // Final -ah/-eh/-ih: "Raqqah" is "Raqqa".
        if t.count > 2, t.last == 0x68, isVowel(t[t.count - 2]) { t.removeLast() }
        var mapped: [UInt8] = []
        mapped.reserveCapacity(t.count)
        var i = 0
        while i < t.count {
            let c = t[i], next: UInt8 = i + 1 < t.count ? t[i + 1] : 0
            switch (c, next) {
            case (0x6B, 0x68): mapped.append(0x68); i += 2                  // kh -> h (Turkish Han, Halep)
            case (0x67, 0x68): mapped.append(0x67); i += 2                  // gh -> g (Turkish ğ)
            case (0x73, 0x68), (0x63, 0x68): mapped.append(0x73); i += 2    // sh, ch -> s (Turkish ş, French ch)
            case (0x64, 0x68): mapped.append(0x7A); i += 2                  // dh -> z
            case (0x74, 0x68): mapped.append(0x74); i += 2                  // th -> t
            case (0x70, 0x68): mapped.append(0x66); i += 2                  // ph -> f
            case (0x64, 0x6A): mapped.append(0x6A); i += 2                  // dj -> j (French)
            case (0x63, 0x6B): mapped.append(0x6B); i += 2                  // ck -> k
            case (0x6F, 0x75): mapped.append(0x75); i += 2                  // ou -> u (French)
            case (0x71, _): mapped.append(0x6B); i += 1                     // q -> k
            case (0x63, _): mapped.append(0x6A); i += 1                     // Turkish c is j: Cerablus
            case (0x70, _): mapped.append(0x62); i += 1                     // p -> b: Halep
            case (0x76, _): mapped.append(0x77); i += 1                     // Turkish v renders w
            default: mapped.append(c); i += 1
            }
        }
        // Doubled letters collapse before the vowels go, so "Azaz" keeps both z's.
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(mapped.count)
        for c in mapped where collapsed.last != c { collapsed.append(c) }
        for (j, c) in collapsed.enumerated() {
            if j == 0 {
                // A leading y or w is a consonant; any other leading vowel is marked as "a".
                out.append(c != 0x79 && c != 0x77 && isVowel(c) ? 0x61 : c)
            } else if !isVowel(c) {
                out.append(c)
            }
        }
    }

    private static func arabicSkeleton(_ token: Substring, into out: inout String.UnicodeScalarView) {
        // Long vowels (alif, waw, ya) are written or left out at will; keep only the first letter.
        var previous: Unicode.Scalar?
        for (j, s) in token.unicodeScalars.enumerated() {
            if j > 0 && (s == "\u{0627}" || s == "\u{0648}" || s == "\u{064A}") { continue }
            if s == previous { continue }
            out.append(s)
            previous = s
        }
    }
}
