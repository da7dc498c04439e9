import Foundation

/// Consecutive ranges of `0..<count`, handed out one at a time to whichever worker asks.
///
/// Why: with a fixed share each, workers finish apart whenever the cost of the items is
/// unevenly spread over the shares. Dealing points in turn was not enough: the main job's
/// benchmark rows give every twentieth row pattern of precisions, so one worker got half
/// as many costly near-precision points again as the other and ran on alone for up to
/// 1.9 s of a 5.5 s phase. Whoever is free takes the next range instead.
public final class WorkChunks: @unchecked Sendable {
    // The lock guards `next` and `end`; everything else is set once.
    private let lock = NSLock()
    /// Ranges before `next` were handed out from the front, those from `end` on from the back.
    private var next = 0
    private var end: Int
    private let size: Int

    /// `size` items per range (at least one).
    public init(count: Int, size: Int) {
        self.size = max(1, size)
        end = count
    }

    /// The next range not yet handed out, or nil when all have been (or after `finish`).
    public func take() -> Range<Int>? {
        lock.withLock {
            guard next < end else { return nil }
            let range = next..<min(end, next + size)
            next = range.upperBound
            return range
        }
    }

    /// The last range not yet handed out, or nil when all have been (or after `finish`):
    /// the same ranges as `take` gives (multiples of `size` apart), from the back.
    ///
    /// Why: a worker taking from the back works far from one taking from the front. Rows
    /// of a table that are near each other share their cells' strings (`CellInterner`), and
    /// two threads retaining the same strings at once contend for their reference counts.
    public func takeLast() -> Range<Int>? {
        lock.withLock {
            guard next < end else { return nil }
            let range = max(next, (end - 1) / size * size)..<end
            end = range.lowerBound
            return range
        }
    }

    /// Hands out no more ranges: those handed out from the front so far are all before any
    /// later one, so a worker taking from the front that met an error in its range stops the
    /// others once the ranges in front of it are done. (One taking from the back, which met
    /// an error, just stops taking: the ranges in front of its own are still to do.)
    public func finish() {
        lock.withLock { next = end }
    }
}
