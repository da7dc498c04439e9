import GeoCore
import Testing

@Suite struct FeatureTests {
    static let values: [PropertyValue] = [
        .text("Explosions/Remote violence"), .integer(3), .real(36.2), .null, .date("2021-03-05"), .boolean(true),
        .text("Sarmada"),
    ]

    /// Taking gives each value as it was and leaves a null in its place.
    @Test func takingMovesEachValueOut() {
        var feature = Feature(id: "a", geometry: .point(Coordinate(longitude: 36.7, latitude: 36.2)),
                              values: Self.values)
        var taken: [PropertyValue] = []
        for i in feature.values.indices { taken.append(feature.takeValue(at: i)) }
        #expect(taken == Self.values)
        #expect(feature.values == [PropertyValue](repeating: .null, count: Self.values.count))
        #expect(feature.id == "a")
    }

    /// Taking from a copy leaves the feature it was copied from, and its values, as they
    /// were: a stored layer's features stay whole when a writer takes from its copies.
    @Test func takingFromACopyLeavesTheOriginal() {
        let original = Feature(id: "b", geometry: .point(Coordinate(longitude: 36.7, latitude: 36.2)),
                               values: Self.values)
        var copy = original
        #expect(copy.takeValue(at: 0) == Self.values[0])
        #expect(copy.values[0] == .null)
        #expect(original.values == Self.values)
    }
}
