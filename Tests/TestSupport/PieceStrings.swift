/// Strings joined from random picks of `pieces` (1 to `maxPieces` each), from a fixed
/// xorshift sequence so every run tests the same inputs: what the differential tests feed
/// a fast path and the reference it must agree with.
public func pieceStrings(_ pieces: [String], count: Int, maxPieces: Int, seed: UInt64) -> [String] {
    var state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
    func next() -> Int {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Int(truncatingIfNeeded: state >> 1)
    }
    return (0..<count).map { _ in
        (0..<(1 + next() % maxPieces)).map { _ in pieces[next() % pieces.count] }.joined()
    }
}
