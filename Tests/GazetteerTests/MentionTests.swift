import Foundation
import GeoCore
import Testing
@testable import Gazetteer

@Suite("Mentions in running text")
struct MentionTests {
    @Test func longestMatchWins() throws {
        let g = try fixtureGazetteer()
        let text = "Shelling hit Kafr Dellan Border Crossing and Ma'arrat al-Tuffah on Tuesday."
        let found = g.mentions(in: text).map(\.surface)
        #expect(found == ["Kafr Dellan Border Crossing", "Ma'arrat al-Tuffah"])
    }

    @Test func offsetsAreUTF16() throws {
        let g = try fixtureGazetteer()
        let text = "Near 🚀 Qarawān, then قروان."
        let mentions = g.mentions(in: text)
        #expect(mentions.map(\.surface) == ["Qarawān", "قروان"])
        let utf16 = Array(text.utf16)
        for m in mentions {
            let slice = String(decoding: utf16[m.startOffset..<m.endOffset], as: UTF16.self)
            #expect(slice == m.surface)
        }
    }

    @Test func lowercaseWordsAndStopWordsAreNotPlaces() throws {
        let g = try fixtureGazetteer()
        #expect(g.mentions(in: "In March the qarawan market reopened.").isEmpty)
    }

    @Test func spansDoNotCrossPunctuation() throws {
        let g = try fixtureGazetteer()
        let found = g.mentions(in: "Kafr Dellan, Border Crossing staff said.").map(\.surface)
        #expect(found == ["Kafr Dellan"])
    }

    @Test func articleJoinedFormsStartAName() {
        let bab = Place(id: "test:bab", name: "Al-Bab", country: "XA",
                        coordinate: .init(longitude: 1, latitude: 1), kind: .town, source: "test")
        let g = Gazetteer(places: [bab])
        #expect(g.mentions(in: "Clashes near al-Bab and El Bab.").map(\.surface) == ["al-Bab", "El Bab"])
    }

    @Test func arabicWordsOfReportsAreNotPlaces() {
        let city = Place(id: "test:madina", name: "Madina", country: "XA", coordinate: .init(longitude: 1, latitude: 1),
                         kind: .town, alternateNames: ["المدينة"], source: "test")
        let idlib = Place(id: "test:idlib", name: "Idlib", country: "XA", coordinate: .init(longitude: 2, latitude: 2),
                          kind: .town, alternateNames: ["إدلب"], source: "test")
        let g = Gazetteer(places: [city, idlib])
        #expect(g.mentions(in: "قصفت طائرات حربية مدينة إدلب").map(\.surface) == ["إدلب"])
    }

    @Test func capitalSpeakingForItsGovernmentIsNotAPlace() {
        let ankara = Place(id: "test:ankara", name: "Ankara", country: "XA",
                           coordinate: .init(longitude: 1, latitude: 1), kind: .seat, source: "test")
        let g = Gazetteer(places: [ankara])
        #expect(g.mentions(in: "Ankara said the strike was lawful.").isEmpty)
        #expect(g.mentions(in: "Protests in Ankara grew.").map(\.surface) == ["Ankara"])
    }
}

@Suite("JSON report")
struct ReportTests {
    @Test func reportCarriesTheFieldsTheCLIPrints() throws {
        let g = try fixtureGazetteer()
        let data = try ResolutionReport.json([g.resolve("Qarawan"), g.resolve("March")])
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(array.count == 2)
        #expect(array[0]["query"] as? String == "Qarawan")
        #expect(array[0]["resolved"] as? Bool == true)
        #expect(array[1]["resolved"] as? Bool == false)
        let first = try #require((array[0]["candidates"] as? [[String: Any]])?.first)
        for key in ["id", "name", "country", "admin1", "lat", "lon", "kind", "score", "reasons"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect(first["id"] as? String == "test:northtown")
        #expect(first["lat"] as? Double == 40.0)
    }
}

@Suite("Table errors")
struct TableErrorTests {
    @Test(arguments: [
        ("id\tname\nx\ty\n", 2, "columns"),
        ("h\nx\tA\tXA\t\tabc\t1\ttown\t\t0\ts\t\n", 2, "lon/lat"),
        ("h\n# c\nx\tA\tXA\t\t1\t1\tcastle\t\t0\ts\t\n", 3, "kind"),
        ("h\nx\tA\tXA\t\t1\t1\ttown\tmany\t0\ts\t\n", 2, "population"),
    ])
    func malformedRowsNameFileAndLine(_ text: String, _ line: Int, _ word: String) {
        #expect {
            try PlaceTable.parse(Data(text.utf8), file: "bad.tsv")
        } throws: { error in
            guard case .malformedRow(let file, let l, let problem) = error as? GazetteerError else { return false }
            return file == "bad.tsv" && l == line && problem.contains(word)
        }
    }

    @Test func missingDirectoryIsMissingData() {
        #expect(throws: GazetteerError.self) {
            try Gazetteer.load(directory: URL(fileURLWithPath: "/nonexistent-gazetteer-dir"))
        }
    }

    @Test func tableRoundTrips() throws {
        let g = try fixtureGazetteer()
        let again = try PlaceTable.parse(Data(PlaceTable.write(g.places).utf8), file: "round.tsv")
        #expect(again == g.places)
    }
}
