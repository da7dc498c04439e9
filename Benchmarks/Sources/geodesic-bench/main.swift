// Geodesic inverse calls per second through incidentmap's Swift API against a plain C loop
// over geod_inverse, on the same inputs in the same run.
//
//   cd Benchmarks && swift build -c release --product geodesic-bench
//   .build/release/geodesic-bench [pairs] [rounds]
//
// Inputs: random pairs (fixed seed) in lon 35..43, lat 32..38, the region incidentmap
// maps. Each variant runs `rounds` times, interleaved with the others so that load from
// other processes hits all of them alike, and the best round (in thread CPU time) counts.
import CGeodesicLoop
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GeoCore
import GeoProj

/// SplitMix64: a fixed, portable sequence so every run measures the same inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// CPU seconds this thread spends in `body`. The machine is shared, so wall-clock time
/// mostly measures the other processes; thread CPU time leaves out the time spent
/// descheduled (cache disturbance from neighbours remains, hence best of several rounds).
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
    let start = now()
    body()
    return now() - start
}

func fixed(_ value: Double, _ digits: Int) -> String {
    let scale = (0..<digits).reduce(1.0) { acc, _ in acc * 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    }
    return text
}

func run() {
    let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
    let pairs = arguments.first ?? 2_000_000
    let rounds = arguments.dropFirst().first ?? 5

    var rng = SplitMix64(state: 20_240_101)
    func randomPoint() -> Coordinate {
        let longitude = Double.random(in: 35...43, using: &rng)
        return Coordinate(longitude: longitude, latitude: Double.random(in: 32...38, using: &rng))
    }
    let from = (0..<pairs).map { _ in randomPoint() }
    let to = (0..<pairs).map { _ in randomPoint() }
    let lon1 = from.map(\.longitude), lat1 = from.map(\.latitude)
    let lon2 = to.map(\.longitude), lat2 = to.map(\.latitude)

    let geodesic = Geodesic.wgs84
    var cOut = [Double](repeating: 0, count: pairs)
    var loopOut = [Double](repeating: 0, count: pairs)
    var batchOut = [Double](repeating: 0, count: pairs)
    var allocatingOut: [Double] = []

    var best = ["c": Double.infinity, "loop": .infinity, "batch": .infinity, "allocating": .infinity]
    for _ in 0..<rounds {
        best["c"] = min(best["c"]!, seconds {
            cOut.withUnsafeMutableBufferPointer { out in
                cgeodesic_inverse_distances(geodesic.equatorialRadius, geodesic.flattening,
                                            lon1, lat1, lon2, lat2, out.baseAddress, pairs)
            }
        })
        best["loop"] = min(best["loop"]!, seconds {
            for i in 0..<pairs {
                loopOut[i] = geodesic.distance(from: from[i], to: to[i])
            }
        })
        best["batch"] = min(best["batch"]!, seconds {
            geodesic.distances(from: from, to: to, into: &batchOut)
        })
        best["allocating"] = min(best["allocating"]!, seconds {
            allocatingOut = geodesic.distances(from: from, to: to)
        })
    }

    // The same numbers from every path, or the comparison means nothing.
    precondition(loopOut == cOut && batchOut == cOut && allocatingOut == cOut, "Swift and C results differ")

    func rate(_ key: String) -> Double { Double(pairs) / best[key]! }
    print("geodesic-bench: \(pairs) geod_inverse pairs in lon 35..43, lat 32..38,",
          "best of \(rounds) rounds, thread CPU time")
    print("C loop over geod_inverse                 \(fixed(rate("c") / 1e6, 3)) M calls/s")
    let rows: [(String, String)] = [
        ("loop", "Swift Geodesic.distance(from:to:) loop"),
        ("batch", "Swift distances(from:to:into:)"),
        ("allocating", "Swift distances(from:to:) -> [Double]"),
    ]
    for (key, label) in rows {
        let padded = label.padding(toLength: 40, withPad: " ", startingAt: 0)
        print("\(padded) \(fixed(rate(key) / 1e6, 3)) M calls/s  \(fixed(100 * rate(key) / rate("c"), 1))% of C")
    }
}

run()
