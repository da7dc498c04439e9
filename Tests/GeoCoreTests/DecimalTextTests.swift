import Testing
import GeoCore

@Suite struct DecimalTextTests {
    /// The same double as `Double(_:)`, bit for bit (the sign of zero too), or nil with it.
    private func same(_ text: String) -> Bool {
        let fast = DecimalText.double(text), slow = Double(text)
        return fast?.bitPattern == slow?.bitPattern
    }

    @Test(arguments: ["", "-", "+", ".", "5.", ".5", "-.5", "1e5", "1E-3", " 1", "1 ", "nan", "NaN", "inf", "-infinity",
                      "0x1p3", "1.2.3", "--1", "1-", "+-1", "١٢", "36,5", "0", "-0", "+0", "-0.0", "00.000",
                      "36.1234", "-179.999999", "9007199254740991", "9007199254740992", "9007199254740993",
                      "90071992547409919", "0.0000000000000000000001", "0.00000000000000000000001",
                      "123456789012345678901234567890", "1.7976931348623157", "4.9406564584124654", "0.1", "0.2",
                      "0.3", "2.5", "1.005"])
    func readsAsTheStandardLibraryDoes(_ text: String) {
        #expect(same(text))
    }

    @Test func manyDecimals() {
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for i in 0..<200_000 {
            let whole = UInt64.random(in: 0...(i % 3 == 0 ? 999 : 99_999_999_999), using: &generator)
            let places = Int.random(in: 0...20, using: &generator)
            var text = (i % 2 == 0 ? "-" : "") + String(whole)
            if places > 0 {
                text += "." + String((0..<places).map { _ in "0123456789".randomElement(using: &generator)! })
            }
            if !same(text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }
}
