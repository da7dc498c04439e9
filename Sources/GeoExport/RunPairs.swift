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

    /// Makes two lanes with `lane` (the state of one thread's run: its bytes, its first
    /// error, ...), then calls `format(lane, run)` for runs of `length` over `0 ..< count`,
    /// two at a time (lane 0 on the caller's thread, lane 1 on the other one), and
    /// `take(lane, run)` for both in order before the next pair.
    static func forEach<Lane: ~Copyable>(count: Int, length: Int = featuresPerRun, lanes lane: () -> Lane,
                                         format: @Sendable (inout Lane, _ run: Range<Int>) -> Void,
                                         take: (inout Lane, _ run: Range<Int>) throws -> Void) rethrows {
        let lanes = UnsafeMutablePointer<Lane>.allocate(capacity: 2)
        lanes.initialize(to: lane())
        (lanes + 1).initialize(to: lane())
        defer {
            lanes.deinitialize(count: 2)
            lanes.deallocate()
        }
        // Each thread touches its own lane only, and the pair is waited for before either
        // is taken.
        nonisolated(unsafe) let shared = lanes
        let helper = DispatchQueue(label: "incidentmap.run-pairs")
        try withoutActuallyEscaping(format) { format in
            for start in stride(from: 0, to: count, by: 2 * length) {
                let first = start..<min(count, start + length)
                let second = first.upperBound..<min(count, first.upperBound + length)
                let done = DispatchGroup()
                // `format` outlives no call: the pair is waited for before the next one.
                if !second.isEmpty { helper.async(group: done) { format(&shared[1], second) } }
                format(&lanes[0], first)
                done.wait()
                try take(&lanes[0], first)
                if !second.isEmpty { try take(&lanes[1], second) }
            }
        }
    }
}
