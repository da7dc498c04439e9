import Testing
import TestSupport
@testable import IncidentExtraction

@Suite struct PlaceLocatorTests {
    @Test(arguments: [
        ("near al-Bab and ash-Shaddadi", "near Al-Bab and Ash-Shaddadi"),
        ("al-bab stays", "al-bab stays"),
        ("Tal-al-Abyad", "Tal-Al-Abyad"),
        ("the al-", "the al-"),
        ("gal-Bab", "gal-Bab"),
        ("(el-Bab)", "(El-Bab)"),
        ("as-Safira, ar-Raqqa", "As-Safira, Ar-Raqqa"),
    ])
    func articlesBeforeCapitalsAreCapitalised(_ text: String, _ expected: String) {
        #expect(IncidentExtractor.capitalizingArticles(text) == expected)
    }

    /// The byte path for ASCII text must give what the Character path gives: random
    /// strings over the letters, hyphens, spaces and punctuation that article forms are
    /// made of.
    @Test func asciiPathEqualsCharacterPath() {
        let pieces = ["al-", "el-", "ash-", "as-", "ad-", "an-", "a", "e", "l", "h", "-", " ", "B", "b", "Z", "(", ",",
                      "1", "\r\n", "'", "S", "sh"]
        var mismatches: [String] = []
        for text in pieceStrings(pieces, count: 5_000, maxPieces: 12, seed: 0x1234_5678_9ABC_DEF1) {
            let bytes = IncidentExtractor.capitalizingArticles(ascii: text)
            let characters = IncidentExtractor.capitalizingArticles(characters: text)
            if bytes != characters { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(IncidentExtractor.capitalizingArticles(ascii: "al-Bāb") == nil, "non-ASCII text takes the Character path")
    }
}

@Suite struct EventIDTests {
    /// The identifier as first defined: FNV-1a of the joined string, 16 hex digits, the
    /// first 12 upper-cased after "IM". Re-runs of old inputs must keep their IDs.
    static func reference(_ document: String, _ offset: Int, _ placeID: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in "\(document)#\(offset)#\(placeID)".utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100000001b3
        }
        let hex = String(hash, radix: 16)
        return "IM" + String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12)).uppercased()
    }

    @Test func idsAreThoseOfTheJoinedString() {
        for document in ["seeds/article.md", "", "تقرير.txt", "a#b"] {
            for offset in [0, 7, 1234, 99_999_999] {
                for place in ["geonames:170017", "curated:sarmada", "", "x"] {
                    #expect(IncidentExtractor.eventID(document, offset, place) == Self.reference(document, offset, place))
                }
            }
        }
    }
}
