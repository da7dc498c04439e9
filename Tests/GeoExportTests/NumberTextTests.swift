import Foundation
import Testing
@testable import GeoExport

@Suite struct NumberTextTests {
    static let edges: [Double] = [
        0, -0.0, 1, -1, 0.5, 0.0000005, -0.0000005, 0.0000015, 0.0000025, 0.0000004999, 1.0000005, 2.5e-7,
        179.9999995, -179.9999995, 36.1234565, 36.1234575, 0.1, 0.7, 1e-7, -1e-7, 123456.654321, 8_999_999_999.5,
        1e12, -1e12, 0.9999995, 0.99999949999, 3.0000005, 35.0000015,
    ]

    private func fixed(_ v: Double) -> String {
        var out: [UInt8] = []
        NumberText.appendFixed6(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: edges)
    func matchesPrintfOnEdges(_ value: Double) {
        #expect(fixed(value) == String(format: "%.6f", value))
    }

    @Test func matchesPrintfOnManyValues() {
        var generator = SystemRandomNumberGenerator()
        var mismatches: [Double] = []
        for i in 0..<200_000 {
            var v: Double
            switch i % 4 {
            case 0: v = Double.random(in: -180...180, using: &generator)
            case 1: v = (Double(Int.random(in: -180_000_000...180_000_000, using: &generator)) + 0.5) / 1e6
            case 2: v = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            default: v = Double.random(in: -1e-5...1e-5, using: &generator)
            }
            if !v.isFinite { v = 1 }
            if fixed(v) != String(format: "%.6f", v) { mismatches.append(v) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    @Test(arguments: [0, 7, 9, 10, -1, -7, 99, 1_000_000, Int.max, Int.min, -1_234_567_890])
    func integers(_ value: Int) {
        var out: [UInt8] = []
        NumberText.appendInteger(value, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(value))
    }

    /// Reals are written through `Double.write(to:)` into the buffer; the text must be
    /// `description`'s, which reads back as the same value, appended after what was there.
    @Test func shortestIsDescription() {
        var generator = SystemRandomNumberGenerator()
        var values = Self.edges + [.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.ulpOfOne, 1e-300, 123.0]
        for i in 0..<100_000 {
            let v = i % 2 == 0 ? Double.random(in: -400...400, using: &generator)
                : Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            if v.isFinite { values.append(v) }
        }
        for v in values {
            var out: [UInt8] = Array("x:".utf8)
            #expect(NumberText.appendShortest(v, to: &out))
            #expect(String(decoding: out, as: UTF8.self) == "x:" + v.description)
        }
        var out: [UInt8] = []
        #expect(!NumberText.appendShortest(.nan, to: &out) && !NumberText.appendShortest(-.infinity, to: &out))
        #expect(out.isEmpty)
    }

    /// Values of a few decimals (a table's coordinates, whole numbers) take the short path;
    /// its text must still be `description`'s, at the edges of its range and just past them.
    @Test func shortDecimalsAreDescription() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0.001, -0.001, 0.0009999999999999998, 0.0010000000000000002, 0.000999, 0.0015, 1e9, -1e9,
            999_999_999.999999, 999_999_999.9999999, 999_999_999.0, 100, 36.1234, 35.9276, 0.1, 0.2, 0.3,
            0.1 + 0.2, 4.35, 1.005, 123_456.000001, 0.000001, 0.0000015, 5e-4, 2.5, 1_000_000.5,
        ]
        for i in 0..<200_000 {
            let places = i % 9
            let scale = [1e-3, 1, 1e3, 1e6, 1e8][i % 5]
            let digits = Double(Int.random(in: -999_999...999_999, using: &generator)) * scale
            let v = (digits / pow(10, Double(places)))
            if v.isFinite { values.append(v) }
            values.append(v.nextUp)
        }
        var mismatches: [Double] = []
        for v in values {
            var out: [UInt8] = []
            _ = NumberText.appendShortest(v, to: &out)
            if String(decoding: out, as: UTF8.self) != v.description { mismatches.append(v) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// A value formatted again right after itself is copied from `recent`: the text is the
    /// same as formatting each anew, through repeats, alternations and values that are not
    /// written at all.
    @Test func repeatedRealsAreCopiedAsTheyWere() {
        let values: [Double] = [65.50464436956383, 65.50464436956383, 65.50464436956383, 36.1234, 36.1234, -0.0,
                                0.0, 0.0, .nan, 0.0, 1e-300, 1e-300, 65.50464436956383, .infinity, 1.0, 1.0,
                                -2.2250738585072014e-308, -2.2250738585072014e-308, 36.1234, 36.1234.nextUp,
                                36.1234.nextUp.nextUp, 36.1234.nextDown]
        var recent = RecentReal()
        var memo: [UInt8] = [], fresh: [UInt8] = []
        for v in values {
            let written = NumberText.appendShortest(v, recent: &recent, to: &memo)
            #expect(written == NumberText.appendShortest(v, to: &fresh))
            memo.append(UInt8(ascii: ","))
            fresh.append(UInt8(ascii: ","))
        }
        #expect(String(decoding: memo, as: UTF8.self) == String(decoding: fresh, as: UTF8.self))
        #expect(String(decoding: memo, as: UTF8.self).hasPrefix(
            "65.50464436956383,65.50464436956383,65.50464436956383,36.1234,36.1234,-0.0,0.0,0.0,,0.0,1e-300,1e-300,"))
    }
}
