import GeoCore
import GeoGEOS

/// Shorthand for test positions: x is longitude, y latitude (planar test units).
func xy(_ x: Double, _ y: Double) -> Coordinate {
    Coordinate(longitude: x, latitude: y)
}

/// A closed axis-aligned square ring, counter-clockwise from its south-west corner.
func squareRing(west: Double, south: Double, side: Double) -> [Coordinate] {
    [xy(west, south), xy(west + side, south), xy(west + side, south + side), xy(west, south + side), xy(west, south)]
}

func square(west: Double, south: Double, side: Double, in context: GEOSContext) throws -> GEOSGeometry {
    try GEOSGeometry(.polygon([squareRing(west: west, south: south, side: side)]), context: context)
}

/// SplitMix64: a small seeded generator so that the random cases repeat exactly from run to run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    mutating func coordinate(in range: ClosedRange<Double>) -> Coordinate {
        xy(Double.random(in: range, using: &self), Double.random(in: range, using: &self))
    }
}
