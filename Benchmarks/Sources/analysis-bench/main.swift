// analysis-bench: border proximity and DBSCAN on synthetic incidents over northern Syria
// and southern Turkey, against shapely 2 (STRtree in UTM 37N) and scikit-learn DBSCAN
// (haversine), and with --postgis against PostGIS (ST_Distance on geography,
// ST_ClusterDBSCAN in UTM 37N), measured in the same run.
//
// usage: analysis-bench [BORDER_DIR] [--peer-dbscan-1m] [--postgis]
// BORDER_DIR holds tr-sy-border.geojson, syria.geojson and turkey.geojson (a copy of the
// DCW data); default /tmp/analysis-borders. Peers run from Benchmarks/peers (python3;
// postgis.sh starts a throw-away PostgreSQL 15 cluster and installs PostGIS if missing).
import Foundation
import GeoAnalysis
import GeoCore
import GeoProj

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

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU seconds of this process (all threads): on a shared machine wall time depends on the
/// other users' load; CPU time much less so.
func cpu() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
        .joined(separator: " ")
}

func peakRSS() -> String {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }
        .map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ") } ?? "?"
}

func geometry(_ json: Any) -> Geometry? {
    guard let object = json as? [String: Any], let type = object["type"] as? String else { return nil }
    if type == "FeatureCollection", let features = object["features"] as? [Any], let first = features.first {
        return geometry(first)
    }
    if type == "Feature" { return geometry(object["geometry"] as Any) }
    func coordinate(_ v: Any) -> Coordinate {
        let a = v as! [Double]
        return Coordinate(longitude: a[0], latitude: a[1])
    }
    let c = object["coordinates"] as Any
    switch type {
    case "LineString": return .lineString((c as! [Any]).map(coordinate))
    case "MultiLineString": return .multiLineString((c as! [[Any]]).map { $0.map(coordinate) })
    case "Polygon": return .polygon((c as! [[Any]]).map { $0.map(coordinate) })
    case "MultiPolygon": return .multiPolygon((c as! [[[Any]]]).map { $0.map { $0.map(coordinate) } })
    default: return nil
    }
}

func load(_ path: String) -> Geometry? {
    guard let data = FileManager.default.contents(atPath: path),
          let json = try? JSONSerialization.jsonObject(with: data) else { return nil }
    return geometry(json)
}

func runPeer(_ command: String, _ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [command] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

func write(_ values: [Double], to path: String) {
    let data = values.withUnsafeBufferPointer { Data(buffer: $0) }
    FileManager.default.createFile(atPath: path, contents: data)
}

func runPython(_ arguments: [String]) -> String? { runPeer("python3", arguments) }

/// One line of text per value, as `COPY ... TO STDOUT` writes them.
func readTextDoubles(_ path: String) -> [Double] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { Double($0) }
}

/// Median and maximum of |a - b| in metres, and the share of pairs more than 1 m apart.
func differences(_ a: [Double], _ b: [Double]) -> (median: Double, max: Double, overOneMetre: Double) {
    var d = zip(a, b).map { abs($0 - $1) }
    d.sort()
    guard !d.isEmpty else { return (.nan, .nan, .nan) }
    return (d[d.count / 2], d[d.count - 1], Double(d.lazy.filter { $0 > 1 }.count) / Double(d.count))
}

func readDoubles(_ path: String) -> [Double] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
}

let arguments = CommandLine.arguments.dropFirst()
let borderDirectory = arguments.first { !$0.hasPrefix("--") } ?? "/tmp/analysis-borders"
let peerDBSCAN1M = arguments.contains("--peer-dbscan-1m")
let withPostGIS = arguments.contains("--postgis")
// For A/B runs of two builds: ANALYSIS_BENCH_ONLY=proximity|dbscan runs one part,
// ANALYSIS_BENCH_NO_PEER=1 leaves the Python peers out.
let only = ProcessInfo.processInfo.environment["ANALYSIS_BENCH_ONLY"]
let withPeers = ProcessInfo.processInfo.environment["ANALYSIS_BENCH_NO_PEER"] == nil
let peers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("peers").path

// Border: the DCW line if present, else a synthetic meander (said in the output).
let borderPath = borderDirectory + "/tr-sy-border.geojson"
var borderLines: [[Coordinate]]
var borderSource: String
if let border = load(borderPath) {
    borderLines = BorderProximity.lines(of: border)
    borderSource = "DCW 1:1,000,000 (\(borderPath))"
} else {
    borderLines = [stride(from: 35.9, through: 42.4, by: 0.01).map {
        Coordinate(longitude: $0, latitude: 36.8 + 0.25 * sin($0 * 2.1))
    }]
    borderSource = "synthetic meander (no \(borderPath))"
}
var sides: [BorderSide] = []
for (code, file) in [("SY", "syria.geojson"), ("TR", "turkey.geojson")] {
    if let outline = load(borderDirectory + "/" + file) { sides.append(BorderSide(code: code, outline: outline)) }
}
// Crossings: stand-ins on the border every 40 vertices (the gazetteer's crossings are not
// needed to measure speed; their count is similar).
let vertices = borderLines.flatMap { $0 }
let crossings = stride(from: 0, to: vertices.count, by: 40).map { k in
    Place(id: "bench:\(k)", name: "crossing \(k)", country: "SY", coordinate: vertices[k], kind: .crossing,
          source: "benchmark stand-in")
}
print("border: \(borderSource), \(vertices.count) vertices; sides: \(sides.map(\.code)); "
      + "\(crossings.count) stand-in crossings")

// Incidents: 80 % in 4,000 clusters of 0.3–1.5 km spread, 20 % spread uniformly,
// over 35.8–42.5° E, 35.5–38.2° N; days over two years.
var rng = SplitMix64(state: 2026)
let total = 1_000_000
let centres = (0..<4_000).map { _ in
    (Coordinate(longitude: Double.random(in: 35.8...42.5, using: &rng),
                latitude: Double.random(in: 35.5...38.2, using: &rng)), Double.random(in: 300...1_500, using: &rng))
}
var points = [Coordinate]()
points.reserveCapacity(total)
for k in 0..<total {
    if k % 5 == 0 {
        points.append(Coordinate(longitude: Double.random(in: 35.8...42.5, using: &rng),
                                 latitude: Double.random(in: 35.5...38.2, using: &rng)))
    } else {
        let (c, spread) = centres[Int.random(in: 0..<centres.count, using: &rng)]
        // Gaussian offsets (Box–Muller) in metres.
        let u = Double.random(in: Double.ulpOfOne...1, using: &rng), v = Double.random(in: 0..<1, using: &rng)
        let r = spread * (-2 * log(u)).squareRoot()
        let dLat = r * cos(2 * .pi * v) / 111_000, dLon = r * sin(2 * .pi * v) / (111_000 * cos(c.latitude * .pi / 180))
        points.append(Coordinate(longitude: c.longitude + dLon, latitude: c.latitude + dLat))
    }
}
let days = (0..<total).map { _ in 19_000 + Int.random(in: 0..<730, using: &rng) }

let proximity = BorderProximity(lines: borderLines, sides: sides, crossings: crossings)
let tmp = FileManager.default.temporaryDirectory.path
let borderForPeer: String = {
    if FileManager.default.fileExists(atPath: borderPath) { return borderPath }
    let path = tmp + "/analysis-bench-border.geojson"
    let coords = vertices.map { "[\($0.longitude),\($0.latitude)]" }.joined(separator: ",")
    let text = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
        + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[\(coords)]}}]}"
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
}()

let sizes = [10_000, 30_000, 100_000, 300_000, 1_000_000]
for n in sizes {
    write(points.prefix(n).flatMap { [$0.longitude, $0.latitude] }, to: tmp + "/analysis-bench-points-\(n).f64")
}

/// PostGIS's figures for one sample size, from one line of peers/postgis.sh.
struct PostGISRun {
    var loadSeconds, distanceSeconds, distanceCPU, dbscanSeconds, dbscanCPU: Double
    var clusters, noise: Int
    var distances: [Double]
}
var postGIS: [Int: PostGISRun] = [:]
if withPostGIS {
    // One throw-away cluster for all sizes; loading the points is timed apart and not compared.
    print("\n== PostGIS (peers/postgis.sh): load average before: \(loadAverage())")
    var postGISArguments = [peers + "/postgis.sh", borderForPeer, "1000", "10"]
    for n in sizes {
        postGISArguments += [tmp + "/analysis-bench-points-\(n).f64", tmp + "/analysis-bench-postgis-\(n).txt"]
    }
    if let text = runPeer("bash", postGISArguments) {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ").map(String.init)
            if parts.first == "versions" { print("  PostgreSQL " + parts.dropFirst().joined(separator: " ")) }
            guard parts.first == "points", parts.count == 10, let n = Int(parts[2]), let load = Double(parts[3]),
                  let distance = Double(parts[4]), let distanceCPU = Double(parts[5]), let dbscan = Double(parts[6]),
                  let dbscanCPU = Double(parts[7]), let clusters = Int(parts[8]), let noise = Int(parts[9])
            else { continue }
            postGIS[n] = PostGISRun(loadSeconds: load, distanceSeconds: distance, distanceCPU: distanceCPU,
                                    dbscanSeconds: dbscan, dbscanCPU: dbscanCPU, clusters: clusters, noise: noise,
                                    distances: readTextDoubles(tmp + "/analysis-bench-postgis-\(n).txt"))
            print(String(format: "  n %d: COPY + geometry column %.3f s (not compared)", n, load))
        }
    } else {
        print("  PostGIS peer failed (see its message above); its columns show n/a")
    }
    print("  load average after: \(loadAverage())")
}

if only == nil || only == "proximity" {
    print("\n== border proximity (distance, nearest point, side, band, nearest crossing), 2 workers ==")
    print("load average at start: \(loadAverage()) (2 cores)")
    print("n        incidentmap s (cpu s)         shapely+UTM s   ratio   |UTM - geodesic| median / max m"
          + (withPostGIS ? "   PostGIS geography s (cpu s)   ratio wall / cpu   |PostGIS - ours| median / max m, share > 1 m" : ""))
    var largest: (results: [ProximityResult], seconds: Double) = ([], 0)
    for n in sizes {
        let sample = Array(points.prefix(n))
        _ = proximity.measure(Array(sample.prefix(1000)))
        // The previous size's peer has just exited: let the kernel hand its memory back
        // before timing (without the pause the 1M run took 3.1-3.3 s right after the 300k
        // peer, against 2.35 s alone). The peer runs right after ours, as before.
        if withPeers { Thread.sleep(forTimeInterval: 5) }
        let t0 = now(), c0 = cpu()
        let results = proximity.measure(sample)
        let ours = now() - t0, oursCPU = cpu() - c0
        if n == sizes.last { largest = (results, ours) }
        let metres = results.map { $0.distanceKm * 1000 }
        let input = tmp + "/analysis-bench-points-\(n).f64"
        let output = tmp + "/analysis-bench-shapely-\(n).f64"
        var peerText = "      n/a       n/a   n/a"
        if withPeers, let line = runPython([peers + "/proximity_shapely.py", input, borderForPeer, output]),
           let peer = Double(line) {
            let d = differences(metres, readDoubles(output))
            peerText = String(format: "%12.3f   %6.2f   %.1f / %.1f", peer, peer / ours, d.median, d.max)
        }
        if withPostGIS {
            if let run = postGIS[n], run.distances.count == n {
                let d = differences(metres, run.distances)
                peerText += String(format: "   %18.3f (%7.2f)   %6.2f / %6.2f   %.4f / %.1f, %.2f %%", run.distanceSeconds,
                                   run.distanceCPU, run.distanceSeconds / ours, run.distanceCPU / oursCPU, d.median, d.max,
                                   100 * d.overOneMetre)
            } else {
                peerText += "                  n/a"
            }
        }
        print(String(format: "%-8d %12.3f (%7.3f) ", n, ours, oursCPU) + peerText)
}
    // The floor under the largest run: the two geodesic distances every point's answer
    // contains (to its nearest border point, to its nearest crossing), through PROJ's
    // geod_inverse on the same 2 workers, with no search, no side, no band and not even the
    // geod_position of the nearest point (so a lower bound on any exact method through PROJ).
    let n = largest.results.count
    let floorInputs = (0..<2).map { w -> (points: [Coordinate], feet: [Coordinate], crossings: [Coordinate]) in
        let range = (n * w / 2)..<(n * (w + 1) / 2)
        return (Array(points[range]), range.map { largest.results[$0].nearestPoint },
                range.map { crossings[largest.results[$0].nearestCrossingIndex ?? 0].coordinate })
    }
    let f0 = now(), fc0 = cpu()
    DispatchQueue.concurrentPerform(iterations: 2) { w in
        let input = floorInputs[w]
        var metres = [Double](repeating: 0, count: input.points.count)
        Geodesic.wgs84.distances(from: input.feet, to: input.points, into: &metres)
        Geodesic.wgs84.distances(from: input.points, to: input.crossings, into: &metres)
    }
    let floor = now() - f0
    print(String(format: "floor at %d: the two geod_inverse calls each answer holds (border, crossing), alone, "
                 + "2 workers: %.3f s (%.3f cpu s), %.0f %% of incidentmap's %.3f s", n, floor, cpu() - fc0,
                 100 * floor / largest.seconds, largest.seconds))
print("peak RSS after proximity: \(peakRSS())")
}

if only == nil || only == "proximity" || only == "near" {
    // Imprecise locations: the same points at geo-precision 2 (within 5 km of the place), so
    // each gets the border distance bounds over its disc. No peer computes these; the line
    // is here to follow the cost of the disc search from one build to the next.
    let n = 100_000
    let sample = Array(points.prefix(n))
    let t0 = now(), c0 = cpu()
    let results = proximity.measure(sample, precisions: Array(repeating: .near, count: n),
                                    areaBoundsKm: Array(repeating: nil, count: n))
    let undecided = results.lazy.filter { $0.band == nil }.count
    print(String(format: "\nnear precision (5 km disc: distance bounds and band), %d points, 2 workers: %.3f s (%.3f cpu s), "
                 + "%d with the band undecided", n, now() - t0, cpu() - c0, undecided))
}

if only == nil || only == "dbscan" {
    print("\n== DBSCAN eps 1 km, minPoints 10 (exact geodesic), 2 workers ==")
    print("n        incidentmap s (cpu s)    clusters   noise      sklearn haversine s   clusters   peak MB   ratio"
          + (withPostGIS ? "   PostGIS UTM 37N s (cpu s)   clusters     noise   ratio wall / cpu" : ""))
    for n in sizes {
        let sample = Array(points.prefix(n))
        let t0 = now(), c0 = cpu()
        let labels = DBSCAN(epsKm: 1, minPoints: 10).cluster(sample)
        let ours = now() - t0, oursCPU = cpu() - c0
        let noise = labels.labels.lazy.filter { $0 == nil }.count
        var peerText = "   (not run: memory; pass --peer-dbscan-1m)"
        if !withPeers {
            peerText = ""
        } else if n < 1_000_000 || peerDBSCAN1M {
            let input = tmp + "/analysis-bench-points-\(n).f64"
            if let line = runPython([peers + "/dbscan_sklearn.py", input, "1", "10"]) {
                let parts = line.split(separator: " ").map(String.init)
                if parts.count == 3, let peer = Double(parts[0]) {
                    peerText = String(format: "   %12.3f   %8@   %7@   %6.2f", peer, parts[1], parts[2], peer / ours)
                }
            } else {
                peerText = "   (peer failed)"
            }
        }
        if withPostGIS {
            peerText = peerText.padding(toLength: 45, withPad: " ", startingAt: 0)
            if let run = postGIS[n] {
                peerText += String(format: "   %17.3f (%7.2f)   %8d   %7d   %6.2f / %6.2f", run.dbscanSeconds,
                                   run.dbscanCPU, run.clusters, run.noise, run.dbscanSeconds / ours, run.dbscanCPU / oursCPU)
            } else {
                peerText += "                 n/a"
            }
        }
        print(String(format: "%-8d %12.3f (%7.3f)   %8d   %7d", n, ours, oursCPU, labels.clusterCount, noise) + peerText)
        print("  peak RSS so far (VmHWM): \(peakRSS())")
}

print("load average now: \(loadAverage())")
print("\n== spatio-temporal DBSCAN eps 1 km, minPoints 10, window 30 days, 1M ==")
let t0 = now()
let spaceTime = DBSCAN(epsKm: 1, minPoints: 10, windowDays: 30).cluster(points, days: days)
print(String(format: "%.3f s, %d clusters; peak RSS %@", now() - t0, spaceTime.clusterCount, peakRSS()))
}
