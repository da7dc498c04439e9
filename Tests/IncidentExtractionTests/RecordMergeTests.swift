import GeoCore
import Testing
@testable import IncidentExtraction

@Suite("Article reports merge into table records")
struct RecordMergeTests {
    func incident(_ id: String, lon: Double, lat: Double, precision: GeoPrecision = .exact, target: String? = nil,
                  notes: String? = nil, day: Int = 21, subEvent: String = "Air/drone strike") -> Incident {
        Incident(eventID: id, eventDate: CalendarDate(year: 2021, month: 3, day: day), timePrecision: .day,
                 eventType: "Explosions/Remote violence", subEventType: subEvent, actors: [], country: "Syria",
                 admin1: "Idlib", location: id, placeID: nil, coordinate: Coordinate(longitude: lon, latitude: lat),
                 geoPrecision: precision, target: target, notes: notes, confidence: 0.8,
                 provenance: [Provenance(document: id, sentence: id, startOffset: 0, endOffset: 0)])
    }

    @Test func nearbyReportJoinsItsRecordAndKeepsTheRecordID() {
        let records = [incident("R1", lon: 36.70, lat: 36.20, notes: "strike on a gas facility"),
                       incident("R2", lon: 37.50, lat: 36.60)]
        let report = incident("A1", lon: 36.71, lat: 36.21, target: "gas facility")
        let merged = Deduplicator.merge(reports: [report], into: records)
        #expect(merged.map(\.eventID) == ["R1", "R2"])
        #expect(merged[0].provenance.count == 2)
        #expect(merged[0].target == "gas facility")
    }

    @Test func differentTargetsDateOrPlaceStayApart() {
        let records = [incident("R1", lon: 36.70, lat: 36.20, notes: "strike on a cement factory")]
        let reports = [incident("A1", lon: 36.71, lat: 36.21, target: "gas facility"),
                       incident("A2", lon: 36.71, lat: 36.21, day: 10),
                       incident("A3", lon: 37.40, lat: 36.21)]
        let merged = Deduplicator.merge(reports: reports, into: records)
        #expect(merged.map(\.eventID) == ["R1", "A1", "A2", "A3"])
        #expect(merged[0].provenance.count == 1)
    }

    @Test func regionOnlyRecordMatchesAReportOfTheSameGovernorate() {
        let records = [incident("R1", lon: 36.63, lat: 35.93, precision: .region, notes: "a cement factory was hit")]
        let report = incident("A1", lon: 36.40, lat: 35.80, precision: .region, target: "cement factory")
        let merged = Deduplicator.merge(reports: [report], into: records)
        #expect(merged.count == 1)
        #expect(merged[0].provenance.count == 2)
        let other = incident("A2", lon: 36.40, lat: 35.80, precision: .region, subEvent: "Shelling/artillery/missile attack")
        #expect(Deduplicator.merge(reports: [other], into: records).count == 2)
    }
}
