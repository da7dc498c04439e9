import Foundation
import Gazetteer
import GeoCore
import Testing
@testable import IncidentExtraction

/// The fixture gazetteer: rows copied from the GeoNames, Natural Earth and curated tables.
func fixtureGazetteer() throws -> Gazetteer {
    let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    return try Gazetteer.load(directory: dir.appendingPathComponent("gazetteer"))
}

/// The seed article of `seeds/`, read from the repository next to this file.
func seedDocument(dateOverride: CalendarDate? = nil) throws -> Document {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try ArticleReader.read(url: root.appendingPathComponent("seeds/northwest-syria-strikes.txt"),
                                  dateOverride: dateOverride)
}

@Suite struct SeedArticleTests {
    let result: ExtractionResult
    let gazetteer: Gazetteer

    init() throws {
        gazetteer = try fixtureGazetteer()
        result = IncidentExtractor(gazetteer: gazetteer).extract(try seedDocument())
    }

    func incident(at name: String) -> Incident? {
        result.incidents.first { Gazetteer.normalize($0.location).contains(Gazetteer.normalize(name)) }
    }

    @Test func fiveIncidentsAndNoBackground() {
        #expect(result.incidents.count == 5)
        #expect(!result.incidents.contains { $0.provenance[0].sentence.contains("388,000") })
        #expect(!result.incidents.contains { $0.provenance[0].sentence.contains("spokesman") })
    }

    @Test func gasFacilityNearSarmada() throws {
        let i = try #require(incident(at: "Sarmada"))
        #expect(i.geoPrecision == .near)
        #expect(i.provenance[0].cues.contains("near"))
        #expect(i.eventType == "Explosions/Remote violence")
        #expect(i.subEventType == "Air/drone strike")
        #expect(i.actors == [Actor(name: "Military Forces of Russia (2000-)", attribution: .suspected),
                             Actor(name: "Military Forces of Syria (2000-)", attribution: .suspected)])
        #expect(i.target == "gas facility")
        #expect(i.fatalities == nil)
        #expect(i.eventDate == CalendarDate(year: 2021, month: 3, day: 21))
        #expect(i.timePrecision == .day)
        let sarmada = try #require(gazetteer.place(id: "curated:sarmada"))
        #expect(i.coordinate == sarmada.coordinate)
    }

    /// Al-Bab and Jarablus have a GeoNames and a curated row; either is right within 5 km.
    @Test(arguments: ["curated:al-bab", "curated:jarablus"])
    func refineriesEarlierThisMonth(placeID: String) throws {
        let place = try #require(gazetteer.place(id: placeID))
        let i = try #require(result.incidents.first {
            Deduplicator.distance($0.coordinate, place.coordinate) <= 5_000
        })
        #expect(i.geoPrecision == .near)
        #expect(i.subEventType == "Shelling/artillery/missile attack")
        #expect(i.actor1 == "Military Forces of Russia (2000-)")
        #expect(i.attribution == .reported)
        #expect(i.eventDate == CalendarDate(year: 2021, month: 3, day: 1))
        #expect(i.timePrecision == .month)
        #expect(i.target == "oil refineries")
        #expect(i.fatalities == nil)  // "dozens of oil refineries" is not a toll
    }

    @Test func cementFactoryInTheRegion() throws {
        let i = try #require(result.incidents.first { $0.target == "cement factory" })
        #expect(i.geoPrecision == .region)
        #expect(i.placeID == "admin1:SY12")
        #expect(i.subEventType == "Air/drone strike")
        #expect(i.actor1 == "Military Forces of Russia (2000-)")
        #expect(i.eventDate == CalendarDate(year: 2021, month: 3, day: 21))
    }

    @Test func hospitalTollIsKeptApartFromTargets() throws {
        let i = try #require(result.incidents.first { $0.target == "hospital" })
        #expect(i.fatalities == 7)
        #expect(i.injured == 14)
        #expect(i.actor1 == "Military Forces of Syria (2000-)")
        #expect(i.geoPrecision == .region)
    }

    @Test func provenanceOffsetsPointAtTheSentence() throws {
        let doc = try seedDocument()
        let units = Array(doc.text.utf16)
        for i in result.incidents {
            let p = i.provenance[0]
            #expect(String(decoding: units[p.startOffset..<p.endOffset], as: UTF16.self) == p.sentence)
            #expect(p.document.hasSuffix("northwest-syria-strikes.txt"))
            #expect(i.eventID.hasPrefix("IM"))
        }
        #expect(Set(result.incidents.map(\.eventID)).count == result.incidents.count)
    }

    @Test func undatedArticleLeavesRelativeDatesOpen() throws {
        var doc = try seedDocument()
        doc.date = nil
        let undated = IncidentExtractor(gazetteer: gazetteer).extract(doc)
        #expect(undated.incidents.count == 5)
        for i in undated.incidents {
            #expect(i.eventDate == nil)
            #expect(i.notes?.contains("undated") == true)
        }
    }
}

@Suite struct ExtractionRuleTests {
    let extractor: IncidentExtractor

    init() throws { extractor = IncidentExtractor(gazetteer: try fixtureGazetteer()) }

    func run(_ text: String, date: CalendarDate? = CalendarDate(year: 2021, month: 3, day: 22)) -> ExtractionResult {
        extractor.extract(Document(name: "t.txt", date: date, text: text))
    }

    @Test func placeNamedWithInIsExact() throws {
        let r = run("Regime artillery shelled Saraqib on Sunday, killing two civilians.")
        let i = try #require(r.incidents.first)
        #expect(i.geoPrecision == .exact)
        #expect(i.fatalities == 2)
        #expect(i.subEventType == "Shelling/artillery/missile attack")
    }

    @Test func outskirtsAndCountrysideAreNear() {
        #expect(run("Jets struck the outskirts of Ariha on Sunday.").incidents.first?.geoPrecision == .near)
        #expect(run("Drones hit the Saraqib countryside on Sunday.").incidents.first?.geoPrecision == .near)
    }

    @Test func provinceIsRegion() throws {
        let i = try #require(run("Russian jets bombed villages in Idlib province on Sunday.").incidents.first)
        #expect(i.geoPrecision == .region)
        #expect(i.placeID == "admin1:SY12")
    }

    @Test func unknownPlaceIsReportedNotDropped() {
        let r = run("An airstrike hit a bakery in Kafr Zita on Sunday, killing four.")
        #expect(r.incidents.isEmpty)
        #expect(r.unresolved.map(\.text) == ["Kafr Zita"])
    }

    @Test func weekdayWithoutArticleDateIsNotADate() throws {
        let i = try #require(run("Jets struck Saraqib on Sunday.", date: nil).incidents.first)
        #expect(i.eventDate == nil)
        #expect(i.timePrecision == nil)
    }

    @Test func dozensIsTwelveAsACLEDCodesIt() {
        #expect(run("Shelling on Saraqib on Sunday killed dozens of people.").incidents.first?.fatalities == 12)
    }

    @Test func undatedHeadlineAndLedeAreOneIncident() {
        let text = "Russian jets target cement factory in northwestern Syria\n\n"
            + "Russian military jets targeted a cement factory in northwestern Syria on Sunday, witnesses said."
        let r = run(text, date: nil)
        #expect(r.incidents.count == 1)
        #expect(r.incidents.first?.provenance.count == 2)
    }

    @Test func claimedAttribution() {
        let r = run("Islamic State claimed responsibility for a car bomb that exploded in Saraqib on Sunday.")
        #expect(r.incidents.first?.actors.first == Actor(name: "Islamic State (Syria)", attribution: .claimed))
        #expect(r.incidents.first?.subEventType == "Remote explosive/landmine/IED")
    }
}

@Suite struct DeduplicatorTests {
    @Test func sameEventFromTwoReportsMerges() throws {
        let extractor = IncidentExtractor(gazetteer: try fixtureGazetteer())
        let seed = extractor.extract(try seedDocument()).incidents
        let other = extractor.extract(Document(
            name: "other.txt", date: CalendarDate(year: 2021, month: 3, day: 22), source: "Monitor",
            text: "Warplanes struck a gas station in Sarmada yesterday, burning trucks loaded with goods."))
            .incidents
        #expect(other.count == 1)
        let merged = Deduplicator.merge(seed + other)
        #expect(merged.count == seed.count)
        let sarmada = try #require(merged.first { $0.placeID == "curated:sarmada" })
        #expect(sarmada.provenance.count == 2)
        #expect(sarmada.geoPrecision == .exact)  // the more precise report wins
    }

    @Test func differentDaysOrPlacesStayApart() throws {
        let extractor = IncidentExtractor(gazetteer: try fixtureGazetteer())
        let a = extractor.extract(Document(name: "a", date: CalendarDate(year: 2021, month: 3, day: 22),
                                           text: "Jets struck Sarmada on Sunday.")).incidents
        let b = extractor.extract(Document(name: "b", date: CalendarDate(year: 2021, month: 3, day: 30),
                                           text: "Jets struck Sarmada on Tuesday.")).incidents
        let c = extractor.extract(Document(name: "c", date: CalendarDate(year: 2021, month: 3, day: 22),
                                           text: "Jets struck Saraqib on Sunday.")).incidents
        #expect(Deduplicator.merge(a + b + c).count == 3)
    }
}
