import Foundation

/// Work over a generated layer's features in runs, two runs at a time: the first on the
/// caller's thread, the second on a serial queue of this call's own, then each run's result
/// taken on the caller's thread in the layer's order.
///
/// Why: making a generated layer's features and formatting them is most of writing its
/// GeoJSON or KML, and each file is written by one worker of Dispatch's shared pool (which a
/// nested `concurrentPerform` would not widen), so the other core idled whenever one large
/// file was left. A queue per call keeps two files written at once from waiting on each
/// other's runs.
enum RunPairs {
    /// Features per run of one thread.
    static let featuresPerRun = 1024

    /// Calls `format(lane, run)` for runs of `length` (0: the caller's thread, 1: the other
    /// one) over `0 ..< count`, then `take(lane, run)` for both in order before the next pair.
    /// Each lane's state is the caller's, touched by `format` on that lane only.
    static func forEach(count: Int, length: Int = featuresPerRun,
                        format: @Sendable (_ lane: Int, _ run: Range<Int>) -> Void,
                        take: (_ lane: Int, _ run: Range<Int>) throws -> Void) rethrows {
        let helper = DispatchQueue(label: "incidentmap.run-pairs")
        try withoutActuallyEscaping(format) { format in
            for start in stride(from: 0, to: count, by: 2 * length) {
                let first = start..<min(count, start + length)
                let second = first.upperBound..<min(count, first.upperBound + length)
                let done = DispatchGroup()
                // `format` outlives no call: the pair is waited for before the next one.
                if !second.isEmpty { helper.async(group: done) { format(1, second) } }
                format(0, first)
                done.wait()
                try take(0, first)
                if !second.isEmpty { try take(1, second) }
            }
        }
    }
}
