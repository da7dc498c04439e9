import Testing
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
}
