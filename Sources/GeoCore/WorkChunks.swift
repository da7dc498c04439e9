import Foundation

/// Consecutive ranges of `0..<count`, handed out one at a time to whichever worker asks.
///
/// Why: with a fixed share each, workers finish apart whenever the cost of the items is
/// unevenly spread over the shares. Dealing points in turn was not enough: the main job's
/// benchmark rows give every twentieth row pattern of precisions, so one worker got half
/// as many costly near-precision points again as the other and ran on alone for up to
/// 1.9 s of a 5.5 s phase. Whoever is free takes the next range instead.
public final class WorkChunks: @unchecked Sendable {
    // The lock guards `next`; everything else is set once.
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private let size: Int

    /// `size` items per range (at least one).
    public init(count: Int, size: Int) {
        self.count = count
        self.size = max(1, size)
    }

    /// The next range not yet handed out, or nil when all have been (or after `finish`).
    public func take() -> Range<Int>? {
        lock.withLock {
            guard next < count else { return nil }
            let range = next..<min(count, next + size)
            next = range.upperBound
            return range
        }
    }

    /// Hands out no more ranges: those handed out so far are all before any later one, so
    /// a worker that met an error in its range stops the others once the ranges in front of
    /// it are done.
    public func finish() {
        lock.withLock { next = count }
    }
}
