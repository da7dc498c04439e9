import Foundation
import Gazetteer
import GeoCore
import IncidentExtraction

/// Scores the extractor against eval/extract/gold.json.
///
/// A predicted incident matches a gold one of the same article when their event types agree
/// and the predicted point is within 50 km of the gold place (greedy, nearest first). Recall is
/// matched gold over gold, precision matched predictions over predictions; among matches,
/// "place" counts points within 5 km of the gold place and "date" counts equal dates (both
/// unknown counts as equal).
enum Evaluation {
    struct Gold: Decodable {
        var place: String
        var place_id: String?
        var lon: Double?
        var lat: Double?
        var date: String?
        var time_precision: Int?
        var event_type: String
        var sub_event_type: String
    }

    static func run(extractor: IncidentExtractor, gazetteer: Gazetteer, directory: URL) throws {
        let gold = try JSONDecoder().decode([String: [Gold]].self,
                                            from: Data(contentsOf: directory.appendingPathComponent("gold.json")))
        var goldCount = 0, predCount = 0, matched = 0, placeOK = 0, dateOK = 0, subOK = 0, unplaced = 0
        for (article, expected) in gold.sorted(by: { $0.key < $1.key }) {
            let doc = try ArticleReader.read(url: directory.appendingPathComponent("articles/\(article)"))
            let predicted = extractor.extract(doc).incidents
            goldCount += expected.count
            predCount += predicted.count
            var used = Set<Int>()
            var misses: [String] = []
            for g in expected {
                var coordinate: Coordinate?
                if let lon = g.lon, let lat = g.lat { coordinate = Coordinate(longitude: lon, latitude: lat) }
                if coordinate == nil, let id = g.place_id { coordinate = gazetteer.place(id: id)?.coordinate }
                guard let c = coordinate else {
                    unplaced += 1
                    misses.append("gold place unknown: \(g.place)")
                    continue
                }
                let best = predicted.indices.filter { !used.contains($0) && predicted[$0].eventType == g.event_type }
                    .map { ($0, distance(predicted[$0].coordinate, c)) }.filter { $0.1 <= 50_000 }
                    .min { $0.1 < $1.1 }
                guard let (k, d) = best else { misses.append("missed: \(g.place) \(g.sub_event_type)"); continue }
                used.insert(k)
                matched += 1
                if d <= 5_000 { placeOK += 1 } else { misses.append("place off \(Int(d / 1000)) km: \(g.place)") }
                let date = predicted[k].eventDate?.description
                if date == g.date {
                    dateOK += 1
                } else {
                    misses.append("date \(date ?? "nil") != \(g.date ?? "nil"): \(g.place)")
                }
                if predicted[k].subEventType == g.sub_event_type { subOK += 1 }
                else { misses.append("sub-event \(predicted[k].subEventType) != \(g.sub_event_type): \(g.place)") }
            }
            for k in predicted.indices where !used.contains(k) {
                misses.append("extra: \(predicted[k].location) \(predicted[k].subEventType)")
            }
            if !misses.isEmpty { print("\(article): " + misses.joined(separator: "; ")) }
        }
        func pct(_ a: Int, _ b: Int) -> String {
            b == 0 ? "n/a" : String(format: "%.1f%% (%d/%d)", 100 * Double(a) / Double(b), a, b)
        }
        print("articles \(gold.count), gold incidents \(goldCount), predicted \(predCount)")
        print("recall     \(pct(matched, goldCount))")
        print("precision  \(pct(matched, predCount))")
        print("place<=5km \(pct(placeOK, matched))")
        print("date       \(pct(dateOK, matched))")
        print("sub-event  \(pct(subOK, matched))")
        if unplaced > 0 { print("gold places missing from the gazetteer: \(unplaced)") }
    }

    static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let r = 6_371_008.8
        let p1 = a.latitude * .pi / 180, p2 = b.latitude * .pi / 180
        let h = pow(sin((p2 - p1) / 2), 2) + cos(p1) * cos(p2) * pow(sin((b.longitude - a.longitude) * .pi / 360), 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }
}
