import Foundation
import Testing
@testable import GeoExport

@Suite("Runs formatted on two threads are taken whole and in order")
struct RunLanesTests {
    struct Stop: Error {}

    @Test("every run is formatted once and taken in order, whatever the run length")
    func runsComeInOrder() {
        for (count, length) in [(0, 5), (1, 5), (5, 5), (6, 5), (10_000, 7), (10_000, 1), (3_000, 1_000)] {
            var taken: [Int] = []
            RunLanes.forEach(count: count, length: length, lanes: { [Int]() }, format: { lane, run in
                lane = Array(run)
            }, take: { lane, run in
                #expect(lane == Array(run), "run \(run) holds what was formatted for it")
                taken += lane
            })
            #expect(taken == Array(0..<count), "\(count) items in runs of \(length)")
        }
    }

    @Test("an error in taking a run stops the work and is thrown")
    func errorInTakeStops() {
        for stopAt in [0, 1, 37, 1_428] {
            var taken = 0
            #expect(throws: Stop.self) {
                try RunLanes.forEach(count: 10_000, length: 7, lanes: { 0 }, format: { lane, run in
                    lane = run.lowerBound
                }, take: { lane, run in
                    if run.lowerBound / 7 == stopAt { throw Stop() }
                    taken += 1
                })
            }
            #expect(taken == stopAt)
        }
    }
}
