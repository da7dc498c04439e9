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

    @Test(arguments: [0, 7, -7, 1_000_000, Int.max, Int.min, -1_234_567_890])
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
}
