// Measures IncidentExtraction's throughput on articles of about 500 words, and runs the
// extraction evaluation set (eval/extract) for scripts/eval-extract.
//
//   extract-bench bench GAZETTEER_DIR [ARTICLES_DIR]   articles per second on one core
//   extract-bench eval GAZETTEER_DIR EVAL_DIR          recall, precision, place and date scores
//   extract-bench dump GAZETTEER_DIR FILE...           the incidents of some articles, one per line
//
// The peer a user would otherwise use for text is a human coder; there is no program to run
// beside it here, so this prints the absolute rate.
import Foundation
import Gazetteer
import GeoCore
import IncidentExtraction

let args = CommandLine.arguments
guard args.count >= 3 else {
    FileHandle.standardError.write("usage: extract-bench bench|eval|dump GAZETTEER_DIR [...]\n".data(using: .utf8)!)
    exit(2)
}
let gazetteer = try Gazetteer.load(directory: URL(fileURLWithPath: args[2]))
let extractor = IncidentExtractor(gazetteer: gazetteer)

func line(_ i: Incident) -> String {
    let actors = i.actors.map { "\($0.name)[\($0.attribution.rawValue)]" }.joined(separator: "; ")
    return "\(i.eventID) \(i.eventDate?.description ?? "-")/\(i.timePrecision?.rawValue ?? 0) \(i.subEventType) | "
        + "\(i.location) (\(i.placeID ?? "-")) gp\(i.geoPrecision.rawValue) | \(actors) | "
        + "fat \(i.fatalities.map(String.init) ?? "-") inj \(i.injured.map(String.init) ?? "-") | \(i.target ?? "-") | "
        + "cues \(i.provenance[0].cues.joined(separator: ","))"
}

switch args[1] {
case "dump":
    for path in args.dropFirst(3) {
        let doc = try ArticleReader.read(url: URL(fileURLWithPath: path))
        let result = extractor.extract(doc)
        print("== \(path) (\(doc.date?.description ?? "undated"))")
        for i in result.incidents { print(line(i)) }
        for u in result.unresolved { print("   unresolved: \(u.text) (\(u.reason))") }
    }
case "eval":
    try Evaluation.run(extractor: extractor, gazetteer: gazetteer, directory: URL(fileURLWithPath: args[3]))
case "bench":
    let dir = args.count > 3 ? args[3] : "eval/extract/articles"
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
    var bodies: [String] = []
    for f in files {
        if let d = try? ArticleReader.read(url: URL(fileURLWithPath: dir + "/" + f)) { bodies.append(d.text) }
    }
    // Articles of about 500 words: the evaluation texts, concatenated in rotation.
    var articles: [Document] = []
    var k = 0
    for n in 0..<200 {
        var text = ""
        while text.split(separator: " ").count < 500 { text += bodies[k % bodies.count] + "\n\n"; k += 1 }
        articles.append(Document(name: "bench-\(n)", date: CalendarDate(year: 2021, month: 3, day: 21), text: text))
    }
    let words = articles.reduce(0) { $0 + $1.text.split(separator: " ").count }
    var incidents = 0
    _ = extractor.extract(articles[0])
    /// CPU time of this thread: on a shared virtual machine a neighbour's load stretches
    /// wall time and, less, CPU time; each round is timed and the best and median printed.
    func threadSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let rounds = 10
    var times: [Double] = []
    for _ in 0..<rounds {
        let start = threadSeconds()
        for a in articles { incidents += extractor.extract(a).incidents.count }
        times.append(threadSeconds() - start)
    }
    times.sort()
    let perRound = Double(articles.count)
    print(String(format: "extract: %d articles (mean %.0f words), one core: %.1f articles/s in the best round "
                     + "(median %.1f), %.0f words/s, %d incidents",
                 articles.count * rounds, Double(words) / Double(articles.count), perRound / times[0],
                 perRound / times[rounds / 2], Double(words) / times[0], incidents))
default:
    FileHandle.standardError.write("unknown mode \(args[1])\n".data(using: .utf8)!)
    exit(2)
}
