import Foundation
import Testing
@testable import IncidentExtraction

@Suite struct LowercasedTextTests {
    /// The byte-pair filter may only skip phrases that are not there: every search gives
    /// what a plain search of the lowercased text gives, from every start.
    @Test func searchesAgreeWithAPlainSearch() {
        let sentences = [
            "Suspected Russian and regime airstrikes struck a gas facility near Sarmada on Sunday.",
            "A missile strike set oil refineries ablaze near the towns of Al-Bab and Jarablus.",
            "Ma’arrat al-Nu’man: shelling killed 3 and wounded 12 — قصف مدفعي على إدلب",
            "aaaa abab", "", "x",
        ]
        let phrases = ["airstrike", "airstrikes struck", "gas facility", "near", "s", "ab", "aba", "aaa",
                       "ma'arrat", "killed 3", "wounded", "إدلب", "refineries ablaze near the", "zz", "sarmada.",
                       "jarablus.", "sunday. ", "ablaze near the towns of al-bab and jarablus. and more"]
        for sentence in sentences {
            let text = LowercasedText(sentence)
            let hay = Array(text.string.utf8)
            for phrase in phrases {
                let needle = Array(phrase.utf8)
                for start in 0...max(0, hay.count) {
                    var expected: Int?
                    if !needle.isEmpty, start < hay.count, needle.count <= hay.count - start {
                        expected = (start...(hay.count - needle.count)).first { Array(hay[$0..<$0 + needle.count]) == needle }
                    }
                    #expect(text.firstOffset(of: phrase, from: start) == expected, "\(phrase) in \(sentence) from \(start)")
                }
                // Inside a window: only occurrences that end by the window's end count.
                for start in stride(from: -3, through: hay.count, by: 3) {
                    for end in stride(from: start, through: hay.count + 2, by: 4) {
                        let lo = max(0, start), hi = min(end, hay.count)
                        let inside = !needle.isEmpty && lo <= hi - needle.count
                            && (lo...(hi - needle.count)).contains { Array(hay[$0..<$0 + needle.count]) == needle }
                        #expect(text.contains(phrase, in: start..<end) == inside,
                                "\(phrase) in \(sentence) within \(start)..<\(end)")
                    }
                }
                #expect(text.contains(phrase) == (text.firstOffset(of: phrase, from: 0) != nil))
            }
        }
    }
}
