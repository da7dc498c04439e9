import Foundation
import Testing
import TestSupport
@testable import IncidentExtraction

@Suite("Sentences")
struct SentenceSplitterTests {
    @Test(arguments: ["Jets struck Sarmada.", "الباب", "İdlib ve Cerablus", "a 😀 b", "Maʿarrat al-Nuʿmān", ""])
    func codeUnitsBecomeTheSameText(text: String) {
        let units = Array(text.utf16)
        #expect(SentenceSplitter.string(units[...]) == text)
    }

    /// Lone surrogates (which no Swift string holds, but UTF-16 data can) become U+FFFD.
    @Test(arguments: [[0x78, 0xD800, 0x79], [0xDC00], [0x65, 0x20, 0xD83D], [0xDE00, 0xD83D, 0xDE00]] as [[UInt16]])
    func loneSurrogatesAreReplaced(units: [UInt16]) {
        #expect(SentenceSplitter.string(units[...]) == String(decoding: units, as: UTF16.self))
    }

    @Test func offsetsPointAtTheSentenceInTheText() {
        let text = "Warplanes hit Sarmada. Shelling near الباب killed 2.\nA drone 😀 struck Azaz."
        let sentences = SentenceSplitter.split(text)
        #expect(sentences.map(\.text) == ["Warplanes hit Sarmada.", "Shelling near الباب killed 2.",
                                          "A drone 😀 struck Azaz."])
        let units = Array(text.utf16)
        for s in sentences {
            #expect(String(decoding: units[s.startOffset..<s.endOffset], as: UTF16.self) == s.text)
        }
    }

    /// The words as the splitter found them Character by Character, before it went scalar
    /// by scalar; the two must agree. (They differ only where a combining mark sits on a
    /// hyphen or apostrophe inside a word, or an emoji skin tone on a letter, which no
    /// report writes: the scalar splitter keeps the punctuation or drops the tone.)
    static func referenceWords(_ text: String) -> [Word] {
        var words: [Word] = []
        var current = ""
        var start = 0, offset = 0
        func flush() {
            while let last = current.last, last == "-" || last == "'" || last == "’" { current.removeLast() }
            if !current.isEmpty {
                var lower = current.lowercased()
                if lower.unicodeScalars.contains("’") { lower = lower.replacingOccurrences(of: "’", with: "'") }
                words.append(Word(text: current, lower: lower, start: start,
                                  end: start + current.utf16.count, isCapitalized: current.first!.isUppercase))
            }
            current = ""
        }
        for ch in text {
            if ch.isLetter || ch.isNumber || (!current.isEmpty && (ch == "-" || ch == "'" || ch == "’")) {
                if current.isEmpty { start = offset }
                current.append(ch)
            } else {
                flush()
            }
            offset += ch.utf16.count
        }
        flush()
        return words
    }

    @Test(arguments: [
        "Jets struck Sarmada's gas facility, killing 3 (three) people.",
        "Maʿarrat al-Nuʿmān — Ma’arrat al-Nu’man; 'quoted' -dash- trailing' x-",
        "e\u{301}tat re\u{301}sume\u{301} cafe\u{301}s", "İdlib ve Cerablus'ta ŞIRNAK ığdır",
        "مَعَرَّة النُّعْمَان إدلب الباب ١٢ قتيلا", "a 😀 b 👩‍👩‍👧 c 1️⃣ d", "x\r\ny\r\n", "\u{301}lead x\u{301}\u{302}y",
        "ǅemal Ωmega ß 2021-03-05 ²³ ½ Ⅻ", "", "   ", "क्षत्रिय ไทย 한국어 ᄀᄀᄀ각",
    ])
    func wordsMatchCharacterByCharacter(text: String) {
        #expect(SentenceSplitter.words(text) == Self.referenceWords(text))
    }

    @Test func wordsMatchOnEveryEvaluationAndSeedText() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        var checked = 0, asciiLines = 0
        for folder in ["eval/extract/articles", "eval/extract-heldout/articles", "seeds", "scripts/fuzz-corpus/article",
                       "scripts/fuzz-corpus/html"] {
            let dir = root.appendingPathComponent(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                guard let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else { continue }
                #expect(SentenceSplitter.words(text) == Self.referenceWords(text), "\(folder)/\(name)")
                checked += 1
                // Line by line too: most lines are ASCII and take the byte path.
                for line in text.split(separator: "\n").map(String.init) {
                    #expect(SentenceSplitter.words(line) == Self.referenceWords(line), "\(folder)/\(name): \(line)")
                    if line.utf8.allSatisfy({ $0 < 0x80 }) { asciiLines += 1 }
                }
            }
        }
        #expect(checked > 60)
        #expect(asciiLines > 200)
    }

    /// Random ASCII strings of letters, digits, hyphens, apostrophes, spaces and
    /// punctuation: the byte path must split as the Character reference does.
    @Test func asciiWordsMatchTheReference() {
        let pieces = ["al", "Bab", "-", "'", " ", "7", "x", "--", "''", ".", "\r\n", "Q", "(", "a-", "'s", "\t"]
        for text in pieceStrings(pieces, count: 3_000, maxPieces: 10, seed: 0x0123_4567_89AB_CDEF) {
            #expect(SentenceSplitter.words(text) == Self.referenceWords(text), "\(text.debugDescription)")
        }
    }
}
