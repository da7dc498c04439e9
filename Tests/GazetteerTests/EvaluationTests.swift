import Foundation
import GeoCore
import Testing
@testable import Gazetteer

/// Runs `Fixtures/eval-gazetteer.tsv` against real data, when `GAZETTEER_EVAL_DATA` names
/// a data directory (scripts/eval-gazetteer sets it): top-1 within 5 km of the expected
/// place for at least 98% of the rows, and no negative resolved.
@Suite("Gazetteer evaluation", .enabled(if: ProcessInfo.processInfo.environment["GAZETTEER_EVAL_DATA"] != nil))
struct EvaluationTests {
    struct Row {
        var line: Int
        var query: String
        var expected: String?
        var context: String
    }

    static func rows() throws -> [Row] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/eval-gazetteer", withExtension: "tsv"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [Row] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("query\t") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            rows.append(Row(line: n + 1, query: f[0], expected: f[1] == "-" ? nil : f[1],
                            context: f.count > 2 ? f[2] : ""))
        }
        return rows
    }

    static func context(_ spec: String, in gazetteer: Gazetteer) -> ResolutionContext {
        var context = ResolutionContext()
        for part in spec.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            switch kv[0] {
            case "country": context.countries = Set(kv[1].split(separator: ",").map(String.init))
            case "near":
                context.nearby = kv[1].split(separator: "|").compactMap { gazetteer.place(id: String($0))?.coordinate }
            case "cue": if kv[1] == "admin" { context.adminCue = true } else { context.crossingCue = true }
            default: break
            }
        }
        return context
    }

    @Test func topOneWithinFiveKilometres() throws {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GAZETTEER_EVAL_DATA"]!)
        let gazetteer = try Gazetteer.load(directory: directory)
        var hits = 0, total = 0, negativesResolved = 0, negatives = 0
        var missing: [String] = []
        for row in try Self.rows() {
            let resolution = gazetteer.resolve(row.query, context: Self.context(row.context, in: gazetteer))
            guard let expectedID = row.expected else {
                negatives += 1
                if let best = resolution.best {
                    negativesResolved += 1
                    print("NEGATIVE RESOLVED line \(row.line): '\(row.query)' -> \(best.place.id) \(best.place.name)")
                }
                continue
            }
            guard let expected = gazetteer.place(id: expectedID) else { missing.append(expectedID); continue }
            total += 1
            if let best = resolution.best,
               Gazetteer.kilometres(best.place.coordinate, expected.coordinate) <= 5 {
                hits += 1
            } else {
                let got = resolution.best.map { "\($0.place.id) \($0.place.name) \($0.place.country)" } ?? "unresolved"
                let offers = resolution.candidates.prefix(3).map {
                    "\($0.place.id) \($0.place.name) \(String(format: "%.3f", $0.score))"
                }
                print("MISS line \(row.line): '\(row.query)' expected \(expectedID) \(expected.name), got \(got); "
                      + "offers: \(offers.joined(separator: ", "))")
            }
        }
        if !missing.isEmpty {
            print("skipped \(missing.count) rows whose expected id is not in the data: "
                  + Set(missing).sorted().joined(separator: " "))
        }
        let percent = total == 0 ? 0 : 100 * Double(hits) / Double(total)
        print("top-1 within 5 km: \(String(format: "%.1f", percent))% (\(hits)/\(total)); "
              + "negatives resolved: \(negativesResolved) (of \(negatives))")
        #expect(percent >= 98)
        #expect(negativesResolved == 0)
    }
}
