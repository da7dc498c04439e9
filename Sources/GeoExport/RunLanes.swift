import Foundation

/// Work over a generated layer's features in runs on two threads, the caller's and a serial
/// queue of this call's own, each taking the next run as it gets free; each run's result is
/// then taken on the caller's thread in the layer's order.
///
/// Why: making a generated layer's features and formatting them is most of writing its
/// GeoJSON or KML, and each file is written by one worker of Dispatch's shared pool (which a
/// nested `concurrentPerform` would not widen), so the other core idled whenever one large
/// file was left. A queue per call keeps two files written at once from waiting on each
/// other's runs. Runs are handed out in turn rather than two at a time: in pairs, the
/// thread that finished its run first waited for the other's at every pair, and the two
/// cores of this project's virtual machines do not always run at the same speed.
enum RunLanes {
    /// Features per run of one thread.
    static let featuresPerRun = 1024
    /// Runs formatted and not yet taken, at most: a lane each.
    static let laneCount = 4

    /// Makes `laneCount` lanes with `lane` (the state of one run: its bytes, its first
    /// error, ...), calls `format(lane, run)` for runs of `length` over `0 ..< count` on
    /// whichever of the two threads is free, and `take(lane, run)` for each run in order on
    /// the caller's thread.
    static func forEach<Lane: ~Copyable>(count: Int, length: Int = featuresPerRun, lanes lane: () -> Lane,
                                         format: @Sendable (inout Lane, _ run: Range<Int>) -> Void,
                                         take: (inout Lane, _ run: Range<Int>) throws -> Void) rethrows {
        let lanes = UnsafeMutablePointer<Lane>.allocate(capacity: laneCount)
        for k in 0..<laneCount { (lanes + k).initialize(to: lane()) }
        defer {
            lanes.deinitialize(count: laneCount)
            lanes.deallocate()
        }
        let schedule = Schedule(runCount: (count + length - 1) / length)
        let helperDone = DispatchGroup()
        @Sendable func run(_ k: Int) -> Range<Int> { k * length..<min(count, (k + 1) * length) }
        // A lane is touched by one thread at a time: the one formatting its run, then the
        // caller taking it, as `schedule` hands them over.
        nonisolated(unsafe) let shared = lanes
        try withoutActuallyEscaping(format) { format in
            // `format` outlives no call, and no lane is freed under the helper: it is waited
            // for before this returns, and after an error in `take` it stops at its next run.
            defer {
                schedule.stop()
                helperDone.wait()
            }
            if schedule.runCount > 1 {
                DispatchQueue(label: "incidentmap.run-lanes").async(group: helperDone) {
                    while let k = schedule.next() {
                        format(&shared[k % laneCount], run(k))
                        schedule.formatted(k)
                    }
                }
            }
            for k in 0..<schedule.runCount {
                // Format runs here too until run k is formatted, by this thread or the helper.
                while let mine = schedule.next(awaiting: k) {
                    format(&lanes[mine % laneCount], run(mine))
                    schedule.formatted(mine)
                }
                try take(&lanes[k % laneCount], run(k))
                schedule.taken(k)
            }
        }
    }

    /// Which runs are handed out, formatted and taken, under one condition lock.
    private final class Schedule: @unchecked Sendable {
        let runCount: Int
        private let condition = NSCondition()
        private var nextRun = 0
        private var taken = 0
        private var done = Set<Int>()
        private var stopped = false

        init(runCount: Int) {
            self.runCount = runCount
        }

        /// The next run to format, once its lane is free. Without `awaiting` (the helper):
        /// nil when every run is handed out, or after `stop`. With it (the caller, which
        /// takes the runs in order): nil once run `awaiting` is formatted.
        func next(awaiting: Int? = nil) -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let awaiting, done.contains(awaiting) { return nil }
                if awaiting == nil && (stopped || nextRun >= runCount) { return nil }
                if nextRun < runCount && nextRun - taken < RunLanes.laneCount {
                    nextRun += 1
                    return nextRun - 1
                }
                condition.wait()
            }
        }

        func formatted(_ k: Int) {
            condition.lock()
            done.insert(k)
            condition.broadcast()
            condition.unlock()
        }

        func taken(_ k: Int) {
            condition.lock()
            done.remove(k)
            taken = k + 1
            condition.broadcast()
            condition.unlock()
        }

        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
