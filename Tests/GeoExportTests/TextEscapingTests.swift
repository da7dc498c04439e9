import Foundation
import Testing
@testable import GeoExport

@Suite struct TextEscapingTests {
    /// Holds an eight-byte test to its byte rule on 200,000 words, half of them made of
    /// `interesting` bytes (the edges of the ranges, where the bit tricks could slip).
    private func checkWordTest(_ wordTest: (UInt64) -> Bool, interesting: [UInt8], seed: UInt64,
                               byteRule: (UInt8) -> Bool) {
        var state = seed
        for round in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var word = state
            if round % 2 == 0 {
                word = 0
                var s = state
                for k in 0..<8 {
                    word |= UInt64(interesting[Int(s % UInt64(interesting.count))]) << (8 * UInt64(k))
                    s /= UInt64(interesting.count)
                }
            }
            let expected = (0..<8).contains { byteRule(UInt8(truncatingIfNeeded: word >> UInt64(8 * $0))) }
            #expect(wordTest(word) == expected, "\(String(word, radix: 16))")
        }
    }

    /// `count` texts of up to `maxPieces` pieces each, from a fixed sequence, so escapes fall at
    /// every position around the eight-byte steps.
    private func randomTexts(_ pieces: [String], count: Int, maxPieces: Int, seed: UInt64) -> [String] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var s = state
            var text = ""
            for _ in 0..<Int(s % UInt64(maxPieces + 1)) {
                s = s &* 6_364_136_223_846_793_005 &+ 1
                text += pieces[Int((s >> 33) % UInt64(pieces.count))]
            }
            return text
        }
    }

    /// The eight-byte test must say yes exactly when one of the bytes needs escaping.
    @Test func wordTestMatchesTheByteTest() {
        checkWordTest(TextEscaping.needsEscape,
                      interesting: [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF],
                      seed: 0x5851_F42D_4C95_7F2D) { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
    }

    /// Strings with escapes at every position around the eight-byte steps give what
    /// JSONSerialization reads back as the same string.
    @Test func escapedStringsReadBack() throws {
        let pieces = ["a", "\"", "\\", "\n", "\u{01}", "\t", "é", "مكان", "12345678", "\u{1F}", " ", "😀"]
        for text in randomTexts(pieces, count: 3_000, maxPieces: 24, seed: 42) {
            var out: [UInt8] = []
            TextEscaping.appendJSONString(text, to: &out)
            let decoded = try JSONSerialization.jsonObject(with: Data(out), options: [.fragmentsAllowed]) as? String
            #expect(decoded == text, "\(text.debugDescription)")
        }
    }

    /// The CDATA writer skips eight bytes at a time; it must write what the byte-by-byte
    /// rule writes, for `]]>`, `]]`, control characters and plain runs at every offset.
    @Test func cdataMatchesTheByteRule() {
        func reference(_ text: String) -> [UInt8] {
            var out = Array("<![CDATA[".utf8)
            let bytes = Array(text.utf8)
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x5D, i + 2 < bytes.count, bytes[i + 1] == 0x5D, bytes[i + 2] == 0x3E {
                    out += Array("]]]]><![CDATA[>".utf8)
                    i += 3
                    continue
                }
                let b = bytes[i]
                out += b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D ? [0xEF, 0xBF, 0xBD] : [b]
                i += 1
            }
            return out + Array("]]>".utf8)
        }
        let pieces = ["a", "]", "]]", "]]>", ">", "\u{01}", "\t", "\n", "é", "مكان", "12345678", "\u{1F}", " ", "<b>"]
        for text in randomTexts(pieces, count: 20_000, maxPieces: 29, seed: 7) {
            var out: [UInt8] = []
            TextEscaping.appendCDATA(text, to: &out)
            #expect(out == reference(text), "\(text.debugDescription)")
        }
    }

    /// XML escaping skips eight bytes at a time: the word test must say yes whenever a byte
    /// is below 0x20 or one of `& < > " '`, and the output must be the byte rule's.
    @Test func xmlWordTestAndOutputMatchTheByteRule() {
        checkWordTest(TextEscaping.mayNeedXMLEscape,
                      interesting: [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x25, 0x26, 0x27, 0x28, 0x3B, 0x3C,
                                    0x3D, 0x3E, 0x3F, 0x7F, 0x80, 0xA6, 0xBC, 0xFF],
                      seed: 0x2545_F491_4F6C_DD1D) { $0 < 0x20 || [0x26, 0x3C, 0x3E, 0x22, 0x27].contains($0) }
        func reference(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
                case _ where scalar.value < 0x20: out += "\u{FFFD}"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let pieces = ["a", "&", "<", ">", "\"", "'", "\u{01}", "\t", "\n", "é", "مكان", "12345678", " ", "]]>"]
        for text in randomTexts(pieces, count: 20_000, maxPieces: 29, seed: 11) {
            var out: [UInt8] = []
            TextEscaping.appendXML(text, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == reference(text), "\(text.debugDescription)")
        }
    }
}
