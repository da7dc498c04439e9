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
        // One digit, as most of a feature's integers are (precisions, counts, codes).
        if value >= 0 && value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
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
        if appendShortDecimal(value, to: &out) { return true }
        withUnsafeMutablePointer(to: &out) { pointer in
            var stream = ByteStream<Sink>(out: pointer)
            value.write(to: &stream)
        }
        return true
    }

    /// As ``appendShortest(_:to:)``, from `recent` when the value is the one formatted last:
    /// a feature's border distance and its bounds are usually the same number, and the
    /// standard library's formatting of a long one is some 600 instructions.
    static func appendShortest<Sink: ByteSink & ~Copyable>(_ value: Double, recent: inout RecentReal,
                                                            to out: inout Sink) -> Bool {
        guard value.isFinite else { return false }
        let count = recent.count
        if value.bitPattern == recent.bits {
            withUnsafeBytes(of: recent.text) { raw in
                out.appendBytes(UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[..<count]))
            }
            return true
        }
        let start = out.count
        _ = appendShortest(value, to: &out)
        let written = out.count - start
        // Always: the longest text of a double is 24 bytes.
        guard written <= MemoryLayout.size(ofValue: recent.text) else { return true }
        recent.bits = value.bitPattern
        recent.count = written
        out.withBytes { bytes in
            let text = UnsafeBufferPointer(rebasing: bytes[start..<(start + written)])
            withUnsafeMutableBytes(of: &recent.text) { $0.copyMemory(from: UnsafeRawBufferPointer(text)) }
        }
        return true
    }

    /// The shortest text of a value of at most six decimals from 0.001 up to 10⁹ (the
    /// coordinates and confidences of a table, whole numbers): `description`'s, without the
    /// standard library's general algorithm. False, appending nothing, for other values.
    ///
    /// When n, the integer nearest to |value| × 10⁶, divided by 10⁶ reads back as the value
    /// (the division is exact to the nearest double), the decimal n / 10⁶ round-trips. No
    /// shorter text does: below 10⁹ a double's spacing is under 1.2 × 10⁻⁷, so no two
    /// decimals of six places or fewer read back as the same double, and any other text of
    /// the value has more digits. In this range `description` writes plain decimals with at
    /// least one fractional digit ("100.0").
    @inline(__always)
    static func appendShortDecimal<Sink: ByteSink & ~Copyable>(_ value: Double, to out: inout Sink) -> Bool {
        let magnitude = abs(value)
        guard magnitude >= 1e-3, magnitude < 1e9 else { return false }
        // Truncating after adding one half: the nearest integer (or, at a tie the product's
        // rounding made, its neighbour, which the check below turns away).
        let n = Int(magnitude * 1_000_000 + 0.5)
        guard Double(n) / 1_000_000 == magnitude else { return false }
        var fraction = n % 1_000_000, places = 6
        if fraction == 0 {
            places = 1
        } else {
            while fraction % 10 == 0 {
                fraction /= 10
                places -= 1
            }
        }
        // Written from the end: the fraction's digits, the point, the whole part's digits
        // (at least one) and the sign, then appended at once.
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &text) { raw in
            var i = raw.count
            for _ in 0..<places {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: fraction % 10) &+ 48
                fraction /= 10
            }
            i -= 1
            raw[i] = UInt8(ascii: ".")
            var whole = n / 1_000_000
            repeat {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: whole % 10) &+ 48
                whole /= 10
            } while whole > 0
            if value < 0 {
                i -= 1
                raw[i] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
        return true
    }
}

/// The real value a writer formatted last and its text (see
/// ``NumberText/appendShortest(_:recent:to:)``); one per writer thread.
struct RecentReal {
    /// Not the bits of any finite value.
    fileprivate var bits = Double.infinity.bitPattern
    fileprivate var count = 0
    fileprivate var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
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
