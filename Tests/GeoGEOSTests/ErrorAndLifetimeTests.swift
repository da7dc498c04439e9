import Foundation
import GeoCore
import GeoGEOS
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` with the process's stderr sent to a temporary file, and returns what was written.
private func capturingStandardError(_ body: () throws -> Void) rethrows -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("geogeos-stderr-\(UUID().uuidString)").path
    fflush(nil)
    let saved = dup(STDERR_FILENO)
    let file = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
    dup2(file, STDERR_FILENO)
    close(file)
    defer {
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        try? FileManager.default.removeItem(atPath: path)
    }
    try body()
    fflush(nil)
    return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}

@Suite("Errors carry GEOS's text; geometries come and go without trouble", .serialized)
struct ErrorAndLifetimeTests {
    @Test("malformed WKT throws GEOS's parser message and prints nothing")
    func malformedWKT() throws {
        let context = GEOSContext()
        var thrown: GEOSError?
        let printed = capturingStandardError {
            do {
                _ = try GEOSGeometry(wkt: "POLYGON ((0 0, 1 0, 1 1", context: context)
            } catch let error as GEOSError {
                thrown = error
            } catch {}
        }
        // Other tests finishing meanwhile may print into the captured stream; GEOS must not.
        #expect(!printed.contains("ParseException"))
        guard case .libraryFailure(let function, let message)? = thrown else {
            Issue.record("expected a library failure, got \(String(describing: thrown))")
            return
        }
        #expect(function == "GEOSWKTReader_read_r")
        #expect(message.contains("ParseException"))
        #expect(thrown?.description.hasPrefix("GEOSWKTReader_read_r failed: ParseException") == true)
    }

    @Test("the stderr capture used above does see what is written to stderr")
    func captureWorks() {
        let printed = capturingStandardError {
            FileHandle.standardError.write(Data("written to stderr\n".utf8))
        }
        #expect(printed.contains("written to stderr\n"))
    }

    @Test("a failure does not leave a stale message on the next success")
    func noStaleMessage() throws {
        let context = GEOSContext()
        #expect(throws: GEOSError.self) { try GEOSGeometry(wkt: "NOT WKT", context: context) }
        #expect(throws: GEOSError.self) { try GEOSGeometry(wkb: [1, 2, 3], context: context) }
        let point = try GEOSGeometry(wkt: "POINT (1 2)", context: context)
        #expect(try point.geometry() == .point(xy(1, 2)))
    }

    @Test("validity notices are captured, not printed")
    func noticesCaptured() throws {
        let context = GEOSContext()
        let printed = try capturingStandardError {
            let bowTie = try GEOSGeometry(wkt: "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))", context: context)
            #expect(try !bowTie.isValid)
        }
        // The whole process's standard error is captured, so the test runner's own lines
        // about tests finishing meanwhile may be in it; GEOS's notice must not.
        #expect(!printed.contains("Self-intersection") && !printed.localizedCaseInsensitiveContains("GEOS"))
        #expect(context.lastNotice?.contains("Self-intersection") == true)
    }

    @Test("ten thousand geometries made, measured and dropped in one context")
    func manyGeometries() throws {
        let context = GEOSContext()
        var totalArea = 0.0
        for i in 0..<10_000 {
            let side = 1 + Double(i % 10)
            let polygon = try square(west: Double(i), south: 0, side: side, in: context)
            let grown = try polygon.buffer(width: 0.5, quadrantSegments: 2)
            totalArea += try polygon.area
            _ = try grown.wkb()
            _ = try grown.wkt(precision: 2)
            if i.isMultiple(of: 100) {
                let prepared = try PreparedGeometry(grown)
                #expect(try prepared.contains([xy(Double(i) + 0.5, 0.5)]) == [true])
            }
        }
        // Sides 1...10 repeat 1,000 times: 1,000 * (1 + 4 + ... + 100) = 385,000.
        #expect(totalArea == 385_000)
    }

    @Test("many contexts, each with its own geometries, in sequence")
    func manyContexts() throws {
        for i in 0..<1_000 {
            let context = GEOSContext()
            let point = try GEOSGeometry(point: xy(Double(i), 0), context: context)
            #expect(try point.buffer(width: 1).area > 3)
        }
        #expect(GEOSContext.libraryVersion.hasPrefix("3."))
    }
}
