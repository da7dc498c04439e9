import Foundation
import GeoCore
import Testing
@testable import GeoExport

/// Placemark ids are assembled on bytes and kept unique in a hash table of their own; both
/// are held to the plain definitions: `KMLStyleSheet.ncName` and a `Set<String>`.
@Suite struct KMLPlacemarkIDsTests {
    /// The id rule as first written, on strings: the reference.
    private func referenceIDs(_ featureIDs: [String], prefix: String) -> [String] {
        var used = Set<String>()
        return featureIDs.map { featureID in
            var id = "\(prefix).\(KMLStyleSheet.ncName(featureID))"
            if !used.insert(id).inserted {
                var n = 2
                while !used.insert("\(id).\(n)").inserted { n += 1 }
                id = "\(id).\(n)"
            }
            return id
        }
    }

    private func ids(_ featureIDs: [String], prefix: String, reserving: Int = 0) -> [String] {
        var table = KMLPlacemarkIDs()
        table.reserve(reserving)
        return featureIDs.map { featureID in
            var out: [UInt8] = Array("<Placemark id=\"".utf8)
            table.appendUnique(prefix: Array(prefix.utf8), featureID: featureID, to: &out)
            return String(decoding: out.dropFirst(15), as: UTF8.self)
        }
    }

    @Test func ncNameOnBytesMatchesTheStringRule() {
        let samples = ["", "SYR1", "1abc", "-x", ".x", "_x", "Al-Bab", "الباب", "İdlib", "a b/c", "é", "9",
                       "Jarablus 🇸🇾", "x\u{0}y", "Z", "[a]", "`a", "{a"]
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "0", "-", ".", "_", " ", "/", "é", "ب", "🙂", "\u{301}", "@", "[", "`", "{"]
        let generated = (0..<2000).map { _ in
            (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        for text in samples + generated {
            var out: [UInt8] = [0x41]
            KMLPlacemarkIDs.appendNCName(text, to: &out)
            #expect(String(decoding: out.dropFirst(), as: UTF8.self) == KMLStyleSheet.ncName(text), "\(text)")
        }
    }

    @Test func uniqueAsWithASet() {
        var random = SystemRandomNumberGenerator()
        // Many repeats, ids that look like suffixed ones ("a.2"), and enough distinct ids to
        // make the table grow several times.
        var featureIDs = (0..<20_000).map { _ in "P\(Int.random(in: 0..<6000, using: &random))" }
        featureIDs += ["a", "a", "a.2", "a", "a.2", "a.2.2", "b", "b.3", "b", "b", "b", "", "", "1", "_1"]
        featureIDs.shuffle(using: &random)
        let made = ids(featureIDs, prefix: "incidents")
        #expect(made == referenceIDs(featureIDs, prefix: "incidents"))
        #expect(Set(made).count == made.count)
    }

    /// After `removeAll` a table gives ids as a new one does, past its growth; and a run's
    /// ids are recorded all together only when none is taken.
    @Test func startsOverAndRecordsRunsWhole() {
        let featureIDs = (0..<3_000).map { "P\($0 % 2_000)" }
        var table = KMLPlacemarkIDs()
        var out: [UInt8] = []
        for id in featureIDs { table.appendUnique(prefix: Array("incidents".utf8), featureID: id, to: &out) }
        table.removeAll()
        #expect(table.count == 0)
        let again = featureIDs.map { featureID in
            var out: [UInt8] = []
            table.appendUnique(prefix: Array("incidents".utf8), featureID: featureID, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(again == ids(featureIDs, prefix: "incidents"))
        // A table with room made beforehand (as a document's is) gives the same ids.
        #expect(ids(featureIDs, prefix: "incidents", reserving: featureIDs.count) == again)

        func recordAll(_ ids: [String]) -> Bool {
            let bytes = ids.map { Array($0.utf8) }
            let pointers = bytes.map { b in
                let p = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, b.count))
                p.initialize(from: b, count: b.count)
                return UnsafeBufferPointer(start: UnsafePointer(p), count: b.count)
            }
            defer { for p in pointers { p.deallocate() } }
            return table.recordAll(pointers)
        }
        let before = table.count
        #expect(!recordAll(["new.1", "incidents.P5", "new.2"]))
        #expect(table.count == before, "a run that meets a taken id records nothing")
        #expect(recordAll(["new.1", "new.2"]) && table.count == before + 2)
        #expect(!recordAll(["new.3", "new.2"]))

        // A run sent back after the table grew for it leaves every earlier id taken and
        // every one of its own free.
        let earlier = table.count
        let run = (0..<5_000).map { "run.\($0)" }
        #expect(!recordAll(run + ["new.1"]))
        #expect(table.count == earlier)
        for taken in ["new.1", "new.2", "incidents.P5", "incidents.P999.2", "incidents.P1999"] {
            #expect(!recordAll([taken]), "\(taken)")
        }
        #expect(recordAll(run) && table.count == earlier + run.count)
    }

    @Test func timeSpanCacheKeys() {
        #expect(PlacemarkContext.cacheKey(date: "2024-02-29", days: 1) == (20240229 << 20 | 1))
        #expect(PlacemarkContext.cacheKey(date: "2024-02-29", days: 7) != PlacemarkContext.cacheKey(date: "2024-02-29",
                                                                                                     days: 1))
        #expect(PlacemarkContext.cacheKey(date: "2024-02-28", days: 1) != PlacemarkContext.cacheKey(date: "2024-02-29",
                                                                                                     days: 1))
        for odd in ["2024-2-29", "2024/02/29", "20240229", "2024-02-2x", "2024-02-291", ""] {
            #expect(PlacemarkContext.cacheKey(date: odd, days: 1) == nil, "\(odd)")
        }
        #expect(PlacemarkContext.cacheKey(date: "2024-02-29", days: -1) == nil)
        #expect(PlacemarkContext.cacheKey(date: "2024-02-29", days: 1 << 20) == nil)
    }

    /// Time spans are cached per date and span, and the cache starts again when it holds
    /// 65,536 of them: spans after that must still be right.
    @Test func timeSpansStayRightPastTheCacheLimit() throws {
        let count = 65_536 + 40
        var layer = Layer(name: "spans", fields: [Field("event_date", .date), Field("span_days", .integer)],
                          style: LayerStyle(color: "#d7301f"),
                          metadata: [KMLWriter.timeFieldKey: "event_date", KMLWriter.spanDaysFieldKey: "span_days"])
        for i in 0..<count {
            // Every feature a (date, span) pair of its own, and the first ones again at the end.
            let days = i < count - 20 ? i + 1 : i - (count - 20) + 1
            layer.features.append(Feature(id: "f\(i)", geometry: .point(Coordinate(longitude: 0, latitude: 0)),
                                          values: [.date("2024-01-01"), .integer(days)]))
        }
        let url = try SampleLayers.folder().appendingPathComponent("spans.kml")
        var options = KMLOptions(description: .none)
        options.categorySubfolders = false
        try KMLWriter(options).write([layer], to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        let ends = text.components(separatedBy: "<end>").dropFirst().map { String($0.prefix(10)) }
        #expect(ends.count == count)
        for i in [0, 1, 65_535, 65_536, 65_537, count - 21, count - 20, count - 1] {
            let days = i < count - 20 ? i + 1 : i - (count - 20) + 1
            let expected = try #require(KMLTimeSpan(date: "2024-01-01", days: days)).end
            #expect(ends[i] == expected, "feature \(i)")
        }
    }
}
