// Writes 1,000,000 incident-like points (25 fields) as GeoJSON, KML and GeoPackage, and
// times GDAL's ogr2ogr making the same format from the same data in the same run.
//
// Usage: export-bench [features] [folder]   (defaults: 1000000, a fresh temporary folder)
// Targets: GeoJSON within 2 s, KML within 3 s, GeoPackage within 5 s for a million points.
import Foundation
import GeoCore
import GeoExport

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let folder = arguments.count > 2
    ? URL(fileURLWithPath: arguments[2])
    : FileManager.default.temporaryDirectory.appendingPathComponent("export-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

/// Synthetic values from a fixed linear congruential sequence, so every run writes the
/// same bytes. The coordinates are random numbers in a box, not places.
struct Sequence64 {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }
    mutating func unit() -> Double { Double(next()) / Double(1 << 53) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

func makeLayer(count: Int) -> Layer {
    let fields: [Field] = [
        Field("event_id", .text), Field("event_date", .date), Field("time_precision", .integer),
        Field("event_type", .text), Field("sub_event_type", .text), Field("actor1", .text),
        Field("actor2", .text), Field("country", .text), Field("admin1", .text), Field("location", .text),
        Field("latitude", .real), Field("longitude", .real), Field("geo_precision", .integer),
        Field("fatalities", .integer), Field("notes", .text), Field("source", .text), Field("place_id", .text),
        Field("injured", .integer), Field("attribution", .text), Field("confidence", .real),
        Field("border_distance_km", .real), Field("border_side", .text), Field("border_band", .text),
        Field("cluster_id", .integer), Field("span_days", .integer),
    ]
    let types = ["Explosions/Remote violence", "Battles", "Violence against civilians"]
    let subTypes = ["Air/drone strike", "Shelling/artillery/missile attack", "Armed clash", "Attack"]
    let actors = ["Unidentified Armed Group (Syria)", "Military Forces of Syria (2000-2024)", "Unknown"]
    let places = ["Place A", "Place B \"north\"", "Place <C> & D", "مكان"]
    var layer = Layer(name: "incidents", fields: fields,
                      style: LayerStyle(color: "#d7301f", categoryField: "event_type", categories: [
                          .init(value: types[0], label: "Explosions", color: "#e34a33"),
                          .init(value: types[1], label: "Battles", color: "#2b8cbe"),
                          .init(value: types[2], label: "Violence against civilians", color: "#31a354"),
                      ]),
                      metadata: [KMLWriter.timeFieldKey: "event_date", KMLWriter.spanDaysFieldKey: "span_days"])
    layer.features.reserveCapacity(count)
    var random = Sequence64()
    let start = CalendarDate(year: 2023, month: 1, day: 1)
    for i in 0..<count {
        let lon = 35.5 + 3 * random.unit(), lat = 35.5 + 1.5 * random.unit()
        let id = "SYR\(i + 1)"
        let values: [PropertyValue] = [
            .text(id), .date(start.adding(days: Int(random.next() % 700)).description),
            .integer(Int(1 + random.next() % 3)), .text(random.pick(types)), .text(random.pick(subTypes)),
            .text(random.pick(actors)), random.next() % 2 == 0 ? .null : .text(random.pick(actors)),
            .text("Syria"), .text("Aleppo"), .text(random.pick(places)), .real(lat), .real(lon),
            .integer(Int(1 + random.next() % 3)), random.next() % 5 == 0 ? .null : .integer(Int(random.next() % 20)),
            .text("Shelling reported near the town; two houses damaged."), .text("SOHR"), .text("P\(i % 5000)"),
            .null, .text("reported"), .real(0.5 + 0.5 * random.unit()), .real(40 * random.unit()),
            .text("SY"), .text("10-20 km"), .integer(Int(random.next() % 1000)), .integer(Int(1 + random.next() % 7)),
        ]
        layer.features.append(Feature(id: id, geometry: .point(Coordinate(longitude: lon, latitude: lat)),
                                      values: values))
    }
    return layer
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// This process's CPU seconds so far, in user space and in the kernel (every thread).
func cpuTimes() -> (user: Double, kernel: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return (s(usage.ru_utime), s(usage.ru_stime))
}

/// Wall seconds of `body` and the CPU it took, user and kernel, as text.
func measured(_ body: () throws -> Void) rethrows -> (seconds: Double, cpu: String) {
    let before = cpuTimes()
    let wall = try seconds(body)
    let after = cpuTimes()
    return (wall, String(format: "cpu %.2f user + %.2f kernel", after.user - before.user, after.kernel - before.kernel))
}

/// Writes `bytes` bytes of one repeated 1 MiB block to `url` with plain write(2) calls and
/// nothing else: what the kernel alone takes to accept a file of that size on this machine.
/// Writes `bytes` in 1 MiB write(2) calls, handing pages back behind the loop as the
/// writers do (every 16 MiB window advised POSIX_FADV_DONTNEED, and the three behind it).
func plainWrite(bytes: Int, to url: URL) throws {
    let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
    defer { close(fd) }
    let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    let window = 16 << 20
    var left = bytes, written = 0
    try block.withUnsafeBytes { buffer in
        while left > 0 {
            let n = write(fd, buffer.baseAddress, min(left, buffer.count))
            guard n > 0 else { throw CocoaError(.fileWriteUnknown) }
            left -= n
            written += n
            if written % window == 0 {
                let announced = written - window, behind = max(0, written - 4 * window)
                posix_fadvise(fd, off_t(announced), off_t(window), POSIX_FADV_DONTNEED)
                if announced > behind {
                    posix_fadvise(fd, off_t(behind), off_t(announced - behind), POSIX_FADV_DONTNEED)
                }
            }
        }
    }
}

/// Runs ogr2ogr; nil when it is missing or fails (the reason goes to stderr).
func ogr2ogr(_ args: [String]) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
    process.arguments = ["-overwrite"] + args
    let time = seconds {
        do { try process.run(); process.waitUntilExit() } catch {
            FileHandle.standardError.write(Data("ogr2ogr: \(error)\n".utf8))
        }
    }
    return process.terminationReason == .exit && process.terminationStatus == 0 ? time : nil
}

func byteCount(_ url: URL) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
}

func size(_ url: URL) -> String {
    String(format: "%.0f MB", Double(byteCount(url)) / 1e6)
}

func report(_ format: String, _ ours: (seconds: Double, cpu: String), target: Double, _ peer: Double?,
            _ peerWhat: String, _ file: URL) {
    let peerText = peer.map { String(format: "%.2f s", $0) } ?? "failed"
    let ratio = peer.map { String(format: "%.1fx faster", $0 / ours.seconds) } ?? "-"
    print(String(format: "%-11@ incidentmap %6.2f s (target %.0f s, %@)  ogr2ogr %@  %@  [%@]",
                 format as NSString, ours.seconds, target, ours.seconds <= target ? "met" : "MISSED", peerText, ratio,
                 peerWhat as NSString))
    print("            file \(file.lastPathComponent): \(size(file)); \(ours.cpu)")
}

print("export-bench: \(count) points, 25 fields, into \(folder.path)")
let buildTime = seconds { _ = makeLayer(count: 1) }
var layer: Layer!
let makeTime = seconds { layer = makeLayer(count: count) }
print(String(format: "building the layer in memory: %.2f s (not counted)", makeTime + buildTime * 0))

let geojson = folder.appendingPathComponent("incidents.geojson")
let kml = folder.appendingPathComponent("map.kml")
let gpkg = folder.appendingPathComponent("map.gpkg")

// EXPORT_BENCH_ONLY=geojson|kml|gpkg times one writer alone and skips the peer (for profiling).
let only = ProcessInfo.processInfo.environment["EXPORT_BENCH_ONLY"]
if let only {
    let time = try seconds {
        switch only {
        case "geojson": try GeoJSONWriter.write(layer, to: geojson)
        case "kml": try KMLWriter().write([layer], to: kml)
        default: try GeoPackageWriter.write([layer], to: gpkg)
        }
    }
    print(String(format: "%@ alone: %.3f s", only as NSString, time))
    if arguments.count <= 2 { try? FileManager.default.removeItem(at: folder) }
    exit(0)
}
// Each writer starts once the files before it are on disk (sync, not timed): otherwise the
// kernel is still flushing the 3.2 GB KML while the GeoPackage is timed, and the GeoPackage
// pays for the KML (6.4-7.1 s after it against 4.4-5.7 s alone, same binary).
sync()
let geojsonTime = try measured { try GeoJSONWriter.write(layer, to: geojson) }
sync()
let kmlTime = try measured { try KMLWriter().write([layer], to: kml) }
sync()
let gpkgTime = try measured { try GeoPackageWriter.write([layer], to: gpkg) }
sync()
// The floor under the KML's time: the kernel taking the same number of bytes from a loop
// that formats nothing, with pages handed back as the writers hand them back. On this
// machine the cost is mostly the first touch of fresh page-cache pages (the hypervisor
// takes back guest memory that stays free for a few seconds), which handing pages back
// keeps few; it still moves from run to run.
let plain = folder.appendingPathComponent("plain-write.bin")
let plainTime = try measured { try plainWrite(bytes: byteCount(kml), to: plain) }
sync()

// The peer converts the same data: GeoJSON from our GeoPackage, the others from our GeoJSON.
let peerGeoJSON = ogr2ogr(["-f", "GeoJSON", "-lco", "COORDINATE_PRECISION=6",
                           folder.appendingPathComponent("ogr.geojson").path, gpkg.path, "incidents"])
let peerKML = ogr2ogr(["-f", "KML", folder.appendingPathComponent("ogr.kml").path, geojson.path])
let peerGPKG = ogr2ogr(["-f", "GPKG", folder.appendingPathComponent("ogr.gpkg").path, geojson.path])

report("GeoJSON", geojsonTime, target: 2, peerGeoJSON, "ogr2ogr -f GeoJSON from map.gpkg", geojson)
report("KML", kmlTime, target: 3, peerKML, "ogr2ogr -f KML from incidents.geojson", kml)
report("GeoPackage", gpkgTime, target: 5, peerGPKG, "ogr2ogr -f GPKG from incidents.geojson", gpkg)
print(String(format: "floor       the KML's %@ in 1 MiB write(2) calls, pages handed back, nothing formatted: "
             + "%.2f s; %@",
             size(kml) as NSString, plainTime.seconds, plainTime.cpu as NSString))
if arguments.count <= 2 { try? FileManager.default.removeItem(at: folder) }
