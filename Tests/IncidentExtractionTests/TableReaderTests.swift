import Foundation
import GeoCore
import Gazetteer
import Testing
@testable import IncidentExtraction

@Suite("Incident tables")
struct TableReaderTests {
    let reader = TableReader()

    func read(_ text: String, format: TableFormat = .csv, options: TableOptions = .init()) throws -> TableReadResult {
        try TableReader(options: options).read(Data(text.utf8), file: "t.csv", format: format)
    }

    func error(_ text: String, format: TableFormat = .csv) -> InputError? {
        do { _ = try read(text, format: format); return nil } catch let e as InputError { return e } catch { return nil }
    }

    @Test func acledHeaderIsRecognisedAndColumnsKept() throws {
        let csv = """
        event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,location,\
        latitude,longitude,geo_precision,source,notes,fatalities
        SYR1,2021-03-05,1,Explosions/Remote violence,Air/drone strike,"Military Forces of Russia (2000-)",,Syria,\
        Idlib,Sarmada,36.18,36.72,2,Reuters,"Strikes hit a gas facility, trailers burned",0
        SYR2,5 March 2021,2,Battles,Armed clash,A,B,Syria,Aleppo,X,36.5,37.1,1,,,
        """
        let result = try read(csv)
        #expect(result.format == .acled)
        #expect(result.incidents.count == 2)
        let first = result.incidents[0]
        #expect(first.eventID == "SYR1")
        #expect(first.eventDate == CalendarDate(year: 2021, month: 3, day: 5))
        #expect(first.geoPrecision == .near)
        #expect(first.coordinate == Coordinate(longitude: 36.72, latitude: 36.18))
        #expect(first.notes == "Strikes hit a gas facility, trailers burned")
        #expect(first.fatalities == 0)
        #expect(first.actor1 == "Military Forces of Russia (2000-)")
        #expect(first.extra.count == 16)
        #expect(result.incidents[1].eventDate == CalendarDate(year: 2021, month: 3, day: 5))
        #expect(result.incidents[1].timePrecision == .week)
        #expect(result.incidents[1].fatalities == nil, "an empty count is unknown, not 0")
    }

    @Test("a table past the mapping size reads from its file as from its bytes, errors and all")
    func largeFileIsReadFromItsMapping() throws {
        // Long notes keep the row count, and so the test's time, small.
        let notes = String(repeating: "shelling reported, houses damaged; ", count: 40)
        let row = TableReader.mappedBytes / notes.utf8.count + 1
        let text = "event_id,event_date,latitude,longitude,notes\n" + (1...row).map {
            "E\($0),2024-02-\(10 + $0 % 18),36.\($0 % 1000),37.\($0 % 977),\"\(notes)\($0)\"\n"
        }.joined()
        #expect(text.utf8.count > TableReader.mappedBytes)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("incidentmap-large-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        #expect(try TableReader.contents(of: url) == Data(text.utf8))
        let fromFile = try reader.read(url)
        let fromBytes = try reader.read(Data(text.utf8), file: url.path, format: .csv)
        #expect(fromFile.incidents.count == row)
        #expect(fromFile.incidents.map(\.eventID) == fromBytes.incidents.map(\.eventID))
        #expect(fromFile.incidents.last?.coordinate == fromBytes.incidents.last?.coordinate)
        // A bad last row is found at its line in the mapped file too.
        try Data((text + "E0,2024-13-45,36.1,37.1,bad date\n").utf8).write(to: url)
        #expect(throws: InputError.self) { try reader.read(url) }
        do { _ = try reader.read(url) } catch let e as InputError { #expect(e.line == row + 2) }
    }

    @Test func quotedFieldsWithNewlinesKeepLineNumbers() throws {
        let csv = "id,lat,lon,notes\n1,36,37,\"two\nlines\"\n2,36,37,x,extra\n"
        let e = error(csv)
        #expect(e?.line == 4)
        #expect(e?.problem.contains("5 fields") == true)
    }

    @Test(arguments: [
        ("id,lat,lon\n1,abc,37\n", "not a number", 2),
        ("id,lat,lon\n1,95,37\n", "out of range", 2),
        ("id,lat,lon\n1,36,37\n2,36,37,9\n", "fields where the header has", 3),
        ("id,lat,lon,fatalities\n1,36,37,many\n", "not a whole number", 2),
        ("id,lat,lon,event_date\n1,36,37,2021-02-30\n", "is not a date", 2),
        ("id,lat,lon,geo_precision\n1,36,37,4\n", "geo_precision 4", 2),
        ("id,value\n1,2\n", "no latitude/longitude columns", 1),
        ("id,lat,lon\n1,\"36,37\n", "never closed", 2),
    ])
    func badRowsNameLineAndProblem(csv: String, problem: String, line: Int) {
        let e = error(csv)
        #expect(e != nil)
        #expect(e?.problem.contains(problem) == true, "\(String(describing: e))")
        #expect(e?.line == line)
        #expect(e?.hint != nil)
    }

    @Test func swappedCoordinatesGetAHint() {
        let e = error("id,latitude,longitude\n1,120.5,36.2\n")
        #expect(e?.hint?.contains("swapped") == true)
    }

    @Test func emptyAndNonUTF8FilesAreRejected() {
        #expect(error("")?.problem == "the file is empty")
        let bytes = Data([0x69, 0x64, 0x2C, 0x6C, 0x61, 0x74, 0x2C, 0x6C, 0x6F, 0x6E, 0x0A, 0x31, 0x2C, 0xFF, 0x2C, 0x33])
        do {
            _ = try reader.read(bytes, file: "b.csv", format: .csv)
            Issue.record("non-UTF-8 text was accepted")
        } catch let e as InputError {
            #expect(e.problem.contains("UTF-8"))
            #expect(e.line == 2)
        } catch { Issue.record("\(error)") }
    }

    @Test func keepGoingCollectsEveryRejectedRow() throws {
        let csv = "id,lat,lon\n1,36,37\n2,x,37\n3,36,37\n4,91,200\n"
        let result = try read(csv, options: TableOptions(keepGoing: true))
        #expect(result.incidents.map(\.eventID) == ["1", "3"])
        #expect(result.rejected.map(\.error.line) == [3, 5])
    }

    @Test func forcedColumnsOverrideDetection() throws {
        let csv = "id,northing_deg,easting_deg\n1,36.2,36.7\n"
        let result = try read(csv, options: TableOptions(latitudeColumn: "northing_deg", longitudeColumn: "easting_deg"))
        #expect(result.incidents.first?.coordinate == Coordinate(longitude: 36.7, latitude: 36.2))
        let e = error("id,a\n1,2\n")
        #expect(e != nil)
        do {
            _ = try read(csv, options: TableOptions(latitudeColumn: "nope"))
            Issue.record("unknown forced column accepted")
        } catch let e as InputError { #expect(e.problem.contains("no column named 'nope'")) } catch {}
    }

    @Test func placeNamesResolveThroughTheGazetteerOrStayUnresolved() throws {
        let place = Place(id: "t:1", name: "Testabad", country: "SY", admin1: "Idlib",
                          coordinate: Coordinate(longitude: 36.5, latitude: 36.0), kind: .town, source: "test")
        let reader = TableReader(gazetteer: Gazetteer(places: [place]))
        let result = try reader.read(Data("id,location\n1,Testabad\n2,Nowhereville\n".utf8), file: "p.csv", format: .csv)
        #expect(result.incidents.count == 1)
        #expect(result.incidents.first?.placeID == "t:1")
        #expect(result.incidents.first?.coordinate == place.coordinate)
        #expect(result.incidents.first?.country == "Syria", "the country is named as ACLED names it")
        #expect(result.unresolved.map(\.text) == ["Nowhereville"])
    }

    @Test func geoJSONPointsAndErrors() throws {
        let good = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[36.7,36.2]},
           "properties":{"event_date":"2021-03-01","fatalities":3}}]}
        """
        let result = try read(good, format: .geojson)
        #expect(result.incidents.first?.eventID == "a")
        #expect(result.incidents.first?.fatalities == 3)
        #expect(error("{", format: .geojson)?.problem.contains("not valid JSON") == true)
        let line = """
        {"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString",\
        "coordinates":[[0,0],[1,1]]},"properties":{}}]}
        """
        let e = error(line, format: .geojson)
        #expect(e?.feature == 0)
        #expect(e?.problem.contains("not a Point") == true)
    }

    @Test func jsonLinesNameTheirLine() throws {
        let text = "{\"id\":\"1\",\"lat\":36,\"lon\":37}\n\n{\"id\":2,\"lat\":\"x\",\"lon\":37}\n"
        let e = error(text, format: .jsonl)
        #expect(e?.line == 3)
        let ok = try read("{\"id\":\"1\",\"latitude\":36.1,\"longitude\":37.2,\"injured\":4}\n", format: .jsonl)
        #expect(ok.incidents.first?.injured == 4)
    }

    /// A table of `rows` rows mixing coordinates, resolvable and unknown place names, and the
    /// bad rows at `bad` (a latitude that is not a number).
    static func mixedTable(rows: Int, bad: Set<Int>) -> Data {
        var text = "id,location,latitude,longitude,fatalities\n"
        for k in 0..<rows {
            if bad.contains(k) {
                text += "\(k),,north,36.5,1\n"
            } else if k % 7 == 3 {
                text += "\(k),\(k % 2 == 0 ? "Testabad" : "Nowhere \(k)"),,,\n"
            } else {
                text += "\(k),,\(35 + Double(k % 900) / 300),\(36 + Double(k % 1_100) / 400),\(k % 5)\n"
            }
        }
        return Data(text.utf8)
    }

    @Test("rows decoded on two threads give what one pass gives: order, rejections, first error")
    func parallelDecodingMatchesOnePass() throws {
        let place = Place(id: "t:1", name: "Testabad", country: "SY", admin1: "Idlib",
                          coordinate: Coordinate(longitude: 36.5, latitude: 36.0), kind: .town, source: "test")
        let gazetteer = Gazetteer(places: [place])
        func reader(workers: Int, keepGoing: Bool) -> TableReader {
            var options = TableOptions(keepGoing: keepGoing)
            options.workers = workers
            return TableReader(options: options, gazetteer: gazetteer)
        }
        // Bad rows in both halves of 30,000 rows (the threads split at 15,000).
        let data = Self.mixedTable(rows: 30_000, bad: [40, 15_001, 29_999])
        let one = try reader(workers: 1, keepGoing: true).read(data, file: "m.csv", format: .csv)
        let two = try reader(workers: 2, keepGoing: true).read(data, file: "m.csv", format: .csv)
        #expect(one.incidents.count > 20_000 && one.unresolved.count > 1_000 && one.rejected.count == 3)
        #expect(two.incidents == one.incidents)
        #expect(two.unresolved == one.unresolved)
        #expect(two.rejected == one.rejected)
        #expect(two.rejected.map(\.error.line) == [42, 15_003, 30_001])

        // Without keepGoing the first error in file order stops the read, whichever thread met
        // it: one thread takes runs from the front, the other from the back, which meets the
        // last bad row first.
        for bad: Set<Int> in [[40, 15_001], [15_001], [29_999], [15_001, 29_999], [29_000, 29_999]] {
            let data = Self.mixedTable(rows: 30_000, bad: bad)
            for workers in [1, 2] {
                do {
                    _ = try reader(workers: workers, keepGoing: false).read(data, file: "m.csv", format: .csv)
                    Issue.record("bad rows \(bad) accepted")
                } catch let error as InputError {
                    #expect(error.line == bad.min()! + 2, "\(workers) worker(s), bad rows \(bad)")
                }
            }
        }
    }

    @Test("a cell loses the spaces and tabs around it; an empty one is nil")
    func cellsAreTrimmed() {
        let cases: [(String, String?)] = [
            ("", nil), (" ", nil), ("\t \t", nil), ("a", "a"), (" a", "a"), ("a ", "a"), ("\ta\t", "a"),
            ("Idlib", "Idlib"), (" Idlib\t", "Idlib"),
            // Longer than 15 bytes: stored on the heap, not inline.
            ("Explosions/Remote violence", "Explosions/Remote violence"),
            ("  Explosions/Remote violence ", "Explosions/Remote violence"),
            ("الباب", "الباب"), (" الباب ", "الباب"), ("Cerablus\u{00A0}", "Cerablus\u{00A0}"),
        ]
        for (cell, expected) in cases {
            #expect(TableReader.trimmed(cell) == expected, "\(cell.debugDescription)")
        }
    }
}
