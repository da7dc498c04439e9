// pipeline-bench: the main job end to end on a large ACLED-style CSV: read, border
// proximity, clustering and all three formats (GeoJSON, KML, GeoPackage), timed with
// peak memory, beside ogr2ogr converting the same CSV to the same three formats (which
// does no analysis at all) in the same run.
//
// usage: pipeline-bench [ROWS] [GAZETTEER_DIR]   (default 1000000, ../Gazetteer)
// Each phase line gives its time and the memory in use and at peak when it ended.
import Foundation
import IncidentMap

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

/// A figure of /proc/self/status in MiB: VmHWM (peak) or VmRSS (now).
func statusMiB(_ key: String) -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix(key) } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

func peakRSSMiB() -> Double { statusMiB("VmHWM") }

/// This process's CPU seconds so far, in user space and in the kernel (every thread).
func cpuTimes() -> (user: Double, kernel: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return (s(usage.ru_utime), s(usage.ru_stime))
}

/// An ACLED-export-shaped CSV: incidents in a few hundred hot spots over northern Syria and
/// southern Turkey (so DBSCAN finds clusters) across one year.
func writeCSV(rows: Int, to url: URL) throws {
    var rng = SplitMix64(state: 20_210_307)
    let types = [("Explosions/Remote violence", "Air/drone strike"),
                 ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                 ("Battles", "Armed clash"), ("Violence against civilians", "Attack")]
    let spots = (0..<400).map { _ in (Double.random(in: 35.8...42.2, using: &rng), Double.random(in: 35.5...37.8, using: &rng)) }
    // PIPELINE_BENCH_PLACES=N gives the rows the coordinates of N places, as in an export
    // where every incident in or near a town carries the town's coordinates; by default
    // every row has coordinates of its own.
    let placeCount = ProcessInfo.processInfo.environment["PIPELINE_BENCH_PLACES"].flatMap { Int($0) }.map { max(1, $0) }
    let places = (0..<(placeCount ?? 0)).map { _ in
        let spot = spots[Int.random(in: 0..<spots.count, using: &rng)]
        return (spot.0 + Double.random(in: -0.08...0.08, using: &rng), spot.1 + Double.random(in: -0.06...0.06, using: &rng))
    }
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    var chunk = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
        + "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
        + "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
        + "tags,timestamp\n"
    for i in 0..<rows {
        let spot = spots[Int.random(in: 0..<spots.count, using: &rng)]
        var lon = spot.0 + Double.random(in: -0.08...0.08, using: &rng)
        var lat = spot.1 + Double.random(in: -0.06...0.06, using: &rng)
        if !places.isEmpty { (lon, lat) = places[Int.random(in: 0..<places.count, using: &rng)] }
        let t = types[i % types.count]
        let day = 1 + Int.random(in: 0..<28, using: &rng), month = 1 + Int.random(in: 0..<12, using: &rng)
        let date = "2021-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        chunk += "SYR\(i),\(date),2021,1,Political violence,\(t.0),\(t.1),Military Forces of Russia (2000-),,8,"
            + "Civilians (Syria),,7,78,,760,Middle East,Syria,Idlib,Harim,,Place \(i % 997),"
            + String(format: "%.4f,%.4f", lat, lon) + ",\(precision(i)),SOHR,National,\"Shelling hit the area, no casualties\",0,,1618000000\n"
        if chunk.utf8.count > 1 << 20 {
            handle.write(Data(chunk.utf8))
            chunk = ""
        }
    }
    handle.write(Data(chunk.utf8))
    try handle.close()
}

/// The row's geo_precision: 70 % exact (1), 25 % near (2), 5 % region (3), so that the
/// uncertainty bounds are part of the run, as in exports where not every place is exact.
/// The shares are this benchmark's choice, not a statistic of any export.
func precision(_ row: Int) -> Int { row % 20 < 14 ? 1 : (row % 20 < 19 ? 2 : 3) }

func ogr2ogr(_ arguments: [String]) -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    let start = now()
    do { try process.run() } catch { return .nan }
    process.waitUntilExit()
    return process.terminationStatus == 0 ? now() - start : .nan
}

let arguments = CommandLine.arguments
let rows = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let gazetteer = arguments.count > 2 ? arguments[2] : "../Gazetteer"
let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("incidentmap-pipeline-bench")
try? FileManager.default.removeItem(at: work)
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
let csv = work.appendingPathComponent("acled.csv")
try writeCSV(rows: rows, to: csv)
print("pipeline-bench: \(rows) ACLED-style rows, geo_precision 1/2/3 in 70/25/5 % (\(((try? FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int) ?? 0) / 1_048_576) MiB)"
      + (ProcessInfo.processInfo.environment["PIPELINE_BENCH_PLACES"].map { ", at \($0) places" } ?? ""))

// PIPELINE_BENCH_FORMATS=kml (a comma-separated list) writes only those formats, for A/B
// runs of one writer; the targets below hold for all three.
let formats = try ProcessInfo.processInfo.environment["PIPELINE_BENCH_FORMATS"].map(OutputFormat.parseList)
    ?? [.geojson, .kml, .gpkg]
if formats.count < 3 { print("pipeline-bench: writing \(formats.map(\.rawValue).joined(separator: ",")) only") }
let configuration = MapConfiguration(inputs: [csv.path], outputDirectory: work.appendingPathComponent("out").path,
                                     epsKm: 1, minPoints: 10, formats: formats,
                                     gazetteerDirectory: gazetteer)
let start = now(), startCPU = cpuTimes()
var last = start, lastCPU = startCPU
let summary = try Pipeline.map(configuration) { phase in
    let t = now(), c = cpuTimes()
    // Wall time and CPU (user + kernel) of the phase that ends, memory in use and the peak so far.
    print(String(format: "  %6.2f s  (cpu %5.2f + %5.2f)  (%5.0f MiB now, %5.0f MiB peak)  then: %@", t - last,
                 c.user - lastCPU.user, c.kernel - lastCPU.kernel, statusMiB("VmRSS"), peakRSSMiB(), phase))
    last = t
    lastCPU = c
}
let seconds = now() - start, endCPU = cpuTimes()
print(String(format: "incidentmap map (read, proximity, DBSCAN eps 1 km/min 10, GeoJSON+KML+GPKG): %.2f s, peak RSS %.0f MiB",
             seconds, peakRSSMiB()))
print(String(format: "  cpu %.2f s user + %.2f s kernel (%.2f s of wall on both cores)", endCPU.user - startCPU.user,
             endCPU.kernel - startCPU.kernel, (endCPU.user - startCPU.user + endCPU.kernel - startCPU.kernel) / 2))
print("  \(summary.report.counts.incidents) incidents, \(summary.report.counts.clusters) clusters")

print(seconds <= 15 ? "target (15 s): met" : "target (15 s): NOT met")
print(peakRSSMiB() <= 2048 ? "target (2 GB): met" : "target (2 GB): NOT met")
// PIPELINE_BENCH_NO_PEER=1 stops here, for profiling incidentmap alone.
if ProcessInfo.processInfo.environment["PIPELINE_BENCH_NO_PEER"] != nil {
    try? FileManager.default.removeItem(at: work)
    exit(0)
}

let csvOpen = ["-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude", "-a_srs", "EPSG:4326"]
let peer = [
    ogr2ogr(["-f", "GeoJSON", work.appendingPathComponent("peer.geojson").path, csv.path] + csvOpen),
    ogr2ogr(["-f", "KML", work.appendingPathComponent("peer.kml").path, csv.path] + csvOpen),
    ogr2ogr(["-f", "GPKG", work.appendingPathComponent("peer.gpkg").path, csv.path] + csvOpen),
]
let peerTotal = peer.reduce(0, +)
print(String(format: "ogr2ogr CSV -> GeoJSON %.2f s, KML %.2f s, GPKG %.2f s; total %.2f s (conversion only, no analysis)",
             peer[0], peer[1], peer[2], peerTotal))
print(String(format: "ratio: incidentmap takes %.2fx the time of ogr2ogr's three conversions", seconds / peerTotal))
try? FileManager.default.removeItem(at: work)
