/// Tests and conversions on ASCII bytes. Most of a report is ASCII, where a byte is a
/// scalar, a Character and a UTF-16 unit at once, so these stand in for the Unicode
/// property look-ups on the common path; callers keep the general path for other text.
enum ASCIIBytes {
    @inline(__always)
    static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always)
    static func isLetterOrDigit(_ c: UInt8) -> Bool { (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || isDigit(c) }

    /// Whether `s` starts with an ASCII digit (a number among lowercased words does).
    static func startsWithDigit(_ s: String) -> Bool { s.utf8.first.map(isDigit) ?? false }

    /// The bytes as a String with A to Z lowercased.
    static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            for k in bytes.indices { out[k] = isUpper(bytes[k]) ? bytes[k] + 32 : bytes[k] }
            return bytes.count
        }
    }
}
