/// A lowercased sentence searched for many short phrases.
///
/// `String.contains` with Foundation imported goes through `CFStringFind` and was most of the
/// extraction time; phrases here are ASCII, so a plain byte search answers the same.
struct LowercasedText {
    let string: String
    let bytes: [UInt8]
    /// Which byte pairs occur (hashed into 4,096 bits): most of the hundreds of phrases
    /// asked of a sentence are not in it, and one of their pairs missing says so at once.
    private let pairs: [UInt64]

    init(_ text: String) {
        let lower = text.lowercased()
        string = lower.unicodeScalars.contains("’") ? lower.replacingOccurrences(of: "’", with: "'") : lower
        bytes = Array(string.utf8)
        var pairs = [UInt64](repeating: 0, count: 64)
        if bytes.count > 1 {
            for i in 1..<bytes.count {
                let h = Self.pairHash(bytes[i - 1], bytes[i])
                pairs[h >> 6] |= 1 << UInt64(h & 63)
            }
        }
        self.pairs = pairs
    }

    @inline(__always)
    private static func pairHash(_ a: UInt8, _ b: UInt8) -> Int { (Int(a) << 5 ^ Int(b)) & 4095 }

    /// Whether every byte pair of `needle` occurs somewhere (false: the phrase cannot).
    @inline(__always)
    private func mayContain(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count > 1 else { return true }
        for i in 1..<needle.count {
            let h = Self.pairHash(needle[i - 1], needle[i])
            if pairs[h >> 6] & (1 << UInt64(h & 63)) == 0 { return false }
        }
        return true
    }

    /// Whether `phrase` occurs anywhere.
    func contains(_ phrase: String) -> Bool { firstOffset(of: phrase, from: 0) != nil }

    /// Whether `phrase` occurs wholly inside the UTF-8 offsets `range`.
    func contains(_ phrase: String, in range: Range<Int>) -> Bool {
        firstOffset(of: phrase, from: max(0, range.lowerBound), before: range.upperBound) != nil
    }

    /// The UTF-8 offset of the first `phrase` at or after `start` that ends by `end`
    /// (default: the end of the text).
    func firstOffset(of phrase: String, from start: Int, before end: Int = .max) -> Int? {
        let end = min(end, bytes.count)
        guard start < end else { return nil }
        var phrase = phrase
        return phrase.withUTF8 { needle -> Int? in
            guard needle.count > 0, needle.count <= end - start, mayContain(needle) else { return nil }
            return bytes.withUnsafeBufferPointer { hay -> Int? in
                let first = needle[0], last = end - needle.count
                var i = start
                outer: while i <= last {
                    if hay[i] != first { i += 1; continue }
                    for k in 1..<needle.count where hay[i + k] != needle[k] { i += 1; continue outer }
                    return i
                }
                return nil
            }
        }
    }
}
