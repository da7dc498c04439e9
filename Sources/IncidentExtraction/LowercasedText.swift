/// A lowercased sentence searched for many short phrases.
///
/// `String.contains` with Foundation imported goes through `CFStringFind` and was most of the
/// extraction time; phrases here are ASCII, so a plain byte search answers the same.
struct LowercasedText {
    let string: String
    let bytes: [UInt8]

    init(_ text: String) {
        let lower = text.lowercased()
        string = lower.unicodeScalars.contains("’") ? lower.replacingOccurrences(of: "’", with: "'") : lower
        bytes = Array(string.utf8)
    }

    /// Whether `phrase` occurs anywhere.
    func contains(_ phrase: String) -> Bool { firstOffset(of: phrase, from: 0) != nil }

    /// The UTF-8 offset of the first `phrase` at or after `start`.
    func firstOffset(of phrase: String, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        var phrase = phrase
        return phrase.withUTF8 { needle -> Int? in
            guard needle.count > 0, needle.count <= bytes.count - start else { return nil }
            return bytes.withUnsafeBufferPointer { hay -> Int? in
                let first = needle[0], last = hay.count - needle.count
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
