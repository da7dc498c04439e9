/// Reading a decimal number from text, as `Double(_:)` reads it.
public enum DecimalText {
    /// Powers of ten that are exact doubles.
    static let powersOfTen: [Double] = (0...22).map { k in
        (0..<k).reduce(1.0) { value, _ in value * 10 }
    }

    /// The value of `text`, exactly as `Double(text)` gives it, or nil where that is nil.
    ///
    /// Text of the form `[+-]digits[.digits]` whose digits make an integer m below 2^53 with
    /// at most 22 after the point (a table's coordinates: "36.1234") is read directly:
    /// m and 10^k are exact doubles, so m / 10^k, one correctly rounded division, is the
    /// double nearest to the decimal, which is what `Double(_:)` returns (Clinger's fast
    /// path). Anything else (exponents, more digits, spaces, "nan", hex) goes to
    /// `Double(_:)` itself. Why: the standard library hands every text to C's `strtod`,
    /// some 800 instructions for a coordinate, and a table gives two per row.
    public static func double(_ text: String) -> Double? {
        let parsed: Double? = text.withUTF8Bytes { bytes in
            var i = 0
            let n = bytes.count
            guard n > 0 else { return nil }
            var negative = false
            if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
                negative = bytes[0] == UInt8(ascii: "-")
                i = 1
            }
            let limit: UInt64 = 1 << 53
            var mantissa: UInt64 = 0, digits = 0, places = 0, point = false
            while i < n {
                let b = bytes[i]
                if b == UInt8(ascii: "."), !point {
                    point = true
                } else {
                    let d = b &- UInt8(ascii: "0")
                    guard d < 10 else { return nil }
                    mantissa = mantissa * 10 + UInt64(d)
                    guard mantissa < limit else { return nil }
                    digits += 1
                    if point { places += 1 }
                }
                i += 1
            }
            // Digits before the point and, if there is one, after it too: "5." and ".5" are
            // left to `Double(_:)`.
            guard digits > places, !point || places > 0, places < powersOfTen.count else { return nil }
            let magnitude = Double(mantissa) / powersOfTen[places]
            return negative ? -magnitude : magnitude
        }
        return parsed ?? Double(text)
    }
}
