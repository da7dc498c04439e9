import Foundation
import Testing

/// One bad input: the arguments after `map` and what the single error line must say.
struct BadInput: CustomTestStringConvertible, Sendable {
    var name: String
    var arguments: [String]
    /// Every string must appear in stderr.
    var mentions: [String]

    var testDescription: String { name }
}

private func bad(_ file: String) -> String { CLIRunner.fixture("bad/\(file)") }

@Suite("Bad input gets one clear message and a non-zero exit")
struct BadInputTests {
    static let cases: [BadInput] = [
        BadInput(name: "missing file", arguments: ["map", "/nonexistent/report.txt"],
                 mentions: ["/nonexistent/report.txt", "no such file"]),
        BadInput(name: "missing folder", arguments: ["map", "/nonexistent/folder/"], mentions: ["no such file or folder"]),
        BadInput(name: "folder with nothing readable", arguments: ["map", CLIRunner.fixture("empty-folder")],
                 mentions: ["empty-folder", "nothing incidentmap can read"]),
        BadInput(name: "unsupported extension", arguments: ["map", bad("report.pdf")], mentions: ["report.pdf", ".pdf"]),
        BadInput(name: "empty article", arguments: ["map", bad("empty.txt")], mentions: ["empty.txt", "empty"]),
        BadInput(name: "article not UTF-8", arguments: ["map", bad("latin1.txt")], mentions: ["latin1.txt", "UTF-8"]),
        BadInput(name: "HTML without text", arguments: ["map", bad("notext.html")], mentions: ["notext.html", "text"]),
        BadInput(name: "ragged CSV row", arguments: ["map", bad("ragged.csv")],
                 mentions: ["ragged.csv:3", "4 fields where the header has 3"]),
        BadInput(name: "unparseable number", arguments: ["map", bad("nan.csv")],
                 mentions: ["nan.csv:2", "'thirty-six' is not a number"]),
        BadInput(name: "latitude out of range", arguments: ["map", bad("outofrange.csv")],
                 mentions: ["outofrange.csv:2", "out of range"]),
        BadInput(name: "swapped coordinates", arguments: ["map", bad("swapped.csv")], mentions: ["swapped.csv:2", "swapped"]),
        BadInput(name: "invalid GeoJSON", arguments: ["map", bad("broken.geojson")],
                 mentions: ["broken.geojson", "not valid JSON"]),
        BadInput(name: "GeoJSON line instead of points", arguments: ["map", bad("line.geojson")],
                 mentions: ["line.geojson: feature 0", "not a Point"]),
        BadInput(name: "GeoJSON without type", arguments: ["map", bad("notype.geojson")],
                 mentions: ["notype.geojson", "no \"type\""]),
        BadInput(name: "empty CSV", arguments: ["map", bad("empty.csv")], mentions: ["empty.csv", "empty"]),
        BadInput(name: "CSV without coordinates or places", arguments: ["map", bad("nocoords.csv")],
                 mentions: ["nocoords.csv:1", "no latitude/longitude columns"]),
        BadInput(name: "bad JSON line", arguments: ["map", bad("bad.jsonl")], mentions: ["bad.jsonl:2", "not a JSON object"]),
        BadInput(name: "unclosed quote", arguments: ["map", bad("unclosed.csv")], mentions: ["unclosed.csv:2", "never closed"]),
        BadInput(name: "geo_precision out of codes", arguments: ["map", bad("precision.csv")],
                 mentions: ["precision.csv:2", "geo_precision 7"]),
        BadInput(name: "count that is not a number", arguments: ["map", bad("count.csv")],
                 mentions: ["count.csv:2", "'dozens' is not a whole number"]),
        BadInput(name: "unknown format", arguments: ["map", "--format", "geojson,shp", CLIRunner.fixture("good")],
                 mentions: ["unknown format 'shp'"]),
        BadInput(name: "eps zero", arguments: ["map", "--eps-km", "0", CLIRunner.fixture("good")], mentions: ["--eps-km"]),
        BadInput(name: "eps not finite", arguments: ["map", "--eps-km", "nan", CLIRunner.fixture("good")],
                 mentions: ["--eps-km"]),
        BadInput(name: "min-points zero", arguments: ["map", "--min-points", "0", CLIRunner.fixture("good")],
                 mentions: ["--min-points"]),
        BadInput(name: "negative window", arguments: ["map", "--window-days=-3", CLIRunner.fixture("good")],
                 mentions: ["--window-days"]),
        BadInput(name: "bad date", arguments: ["map", "--date", "07/03/2021", CLIRunner.fixture("good")],
                 mentions: ["--date", "YYYY-MM-DD"]),
        BadInput(name: "kml and kmz together", arguments: ["map", "--format", "kml,kmz", CLIRunner.fixture("good")],
                 mentions: ["kml or kmz"]),
        BadInput(name: "missing border file", arguments: ["map", "--border", "/nonexistent/line.geojson",
                                                          CLIRunner.fixture("good")],
                 mentions: ["/nonexistent/line.geojson"]),
        BadInput(name: "border file that is not GeoJSON", arguments: ["map", "--border", bad("broken.geojson"),
                                                                      CLIRunner.fixture("good")],
                 mentions: ["broken.geojson"]),
        BadInput(name: "gazetteer folder without data", arguments: ["map", "--gazetteer", "/tmp",
                                                                    CLIRunner.fixture("good")],
                 mentions: ["/tmp", "gazetteer"]),
        BadInput(name: "first bad row stops the run", arguments: ["map", bad("mixed.csv")], mentions: ["mixed.csv:3"]),
    ]

    @Test(arguments: cases)
    func badInputIsReportedClearly(_ input: BadInput) throws {
        let out = CLIRunner.temporaryDirectory().appendingPathComponent("out")
        var arguments = input.arguments
        arguments.insert(contentsOf: ["--out", out.path, "--quiet"], at: 1)
        let result = try CLIRunner.run(arguments)
        #expect(result.status != 0)
        for mention in input.mentions {
            #expect(result.stderr.contains(mention), "stderr: \(result.stderr)")
        }
        #expect(!result.stderr.contains("Fatal error"), "a crash, not a message: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 3, "one message, not a dump: \(result.stderr)")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
        #expect(!written.contains("incidents.geojson"), "a failed run must not leave outputs")
    }

    @Test func keepGoingListsRejectedRowsInTheReport() throws {
        let out = CLIRunner.temporaryDirectory().appendingPathComponent("out")
        let result = try CLIRunner.run(["map", bad("mixed.csv"), "--out", out.path, "--keep-going", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json")))
            as? [String: Any]
        let rejected = report?["rejected"] as? [[String: Any]]
        #expect(rejected?.count == 1)
        #expect(rejected?.first?["line"] as? Int == 3)
        #expect((rejected?.first?["reason"] as? String)?.contains("not a number") == true)
        let incidents = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("incidents.geojson"))) as? [String: Any]
        #expect((incidents?["features"] as? [Any])?.count == 2)
    }
}
