import Foundation

/// Number formatting for the writers: fixed six decimals for coordinates (about 0.11 m of
/// latitude) and the shortest round-trip text for attribute values.
///
/// Why not `String(format: "%.6f")`: it goes through Foundation's formatter and costs about
/// a microsecond a number, which is seconds for a million points. The result here is
/// byte-for-byte what `%.6f` prints (glibc rounds the exact binary value, ties to even),
/// which the tests check on many values.
enum NumberText {
    /// Largest magnitude formatted by the fast path: beyond it `value * 1e6` loses integer
    /// precision, so `%.6f` is used instead.
    private static let fastLimit = 9.0e9

    /// Appends `value` with exactly six decimals, as `%.6f` would ("-0.000000" for -0.0).
    /// Non-finite values are appended as `%.6f` prints them ("nan", "inf").
    static func appendFixed6<Sink: ByteSink & ~Copyable>(_ value: Double, to out: inout Sink) {
        guard value.isFinite, abs(value) < fastLimit else {
            out.append(contentsOf: Array(String(format: "%.6f", value).utf8))
            return
        }
        let magnitude = abs(value)
        // p + residual is exactly magnitude * 1e6 (1e6 is exact, the FMA gives the lost bits).
        let p = magnitude * 1_000_000
        let residual = (-p).addingProduct(magnitude, 1_000_000)
        let floorP = p.rounded(.down)
        // Exact: both p - floorP and that minus 0.5 are representable. The rounded sum keeps
        // the sign of the exact sum, which is all the comparison with one half needs. When p
        // is an integer and the residual negative, the true fraction is 1 + residual, above
        // one half, and rounds back up to p: the same answer as the test below gives.
        let aboveHalf = (p - floorP - 0.5) + residual
        var n = Int(floorP)
        if aboveHalf > 0 || (aboveHalf == 0 && n & 1 == 1) {
            n += 1
        }
        if value.sign == .minus { out.append(UInt8(ascii: "-")) }
        appendInteger(n / 1_000_000, to: &out)
        out.append(UInt8(ascii: "."))
        var fraction = n % 1_000_000
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            for i in stride(from: 5, through: 0, by: -1) {
                raw[i] = UInt8(truncatingIfNeeded: fraction % 10) &+ 48
                fraction /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(raw))
        }
    }

    /// Appends a decimal integer.
    static func appendInteger<Sink: ByteSink & ~Copyable>(_ value: Int, to out: inout Sink) {
        if value == 0 { out.append(UInt8(ascii: "0")); return }
        if value == Int.min { out.append(contentsOf: Array(String(value).utf8)); return }
        var v = value
        if v < 0 { out.append(UInt8(ascii: "-")); v = -v }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var i = raw.count
            while v > 0 {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
                v /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    /// Appends the shortest text that reads back as the same `Double` (Swift's
    /// `description`: "3.0", "0.1", "1e-07"), so a real field stays real in GDAL even when a
    /// value is whole. Returns false, appending nothing, for non-finite values.
    static func appendShortest<Sink: ByteSink & ~Copyable>(_ value: Double, to out: inout Sink) -> Bool {
        guard value.isFinite else { return false }
        withUnsafeMutablePointer(to: &out) { pointer in
            var stream = ByteStream<Sink>(out: pointer)
            value.write(to: &stream)
        }
        return true
    }
}

/// Lets `Double.write(to:)` hand its digits straight to a byte buffer: the standard library
/// formats a float into a stack buffer and passes it to `_writeASCII`, where
/// `description` would first make a `String` (a heap allocation above 15 bytes, so for
/// most coordinates and distances). Measured: 0.14 s against 0.25 s a million values.
/// A stream that lacked `_writeASCII` would still get the same text through `write(_:)`.
private struct ByteStream<Sink: ByteSink & ~Copyable>: TextOutputStream {
    let out: UnsafeMutablePointer<Sink>

    mutating func write(_ string: String) {
        out.pointee.append(utf8: string)
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        out.pointee.append(contentsOf: buffer)
    }
}
