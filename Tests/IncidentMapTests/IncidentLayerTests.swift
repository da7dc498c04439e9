import Foundation
import GeoCore
import IncidentExtraction
import Testing
@testable import IncidentMap

@Suite("The incidents layer keeps an ACLED export's own columns")
struct IncidentLayerTests {
    static let acled = """
    event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,iso,region,country,\
    admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities,tags,id
    SYR10,2021-03-05,2021,1,Explosions/Remote violence,Air/drone strike,A,,760,Middle East,Syria,Idlib,\
    Harim,Sarmada,36.18,36.72,2,Monitor,Strike on a gas facility,0,crowd size=no report,77
    SYR11,2021-03-06,2021,1,Battles,Armed clash,B,C,760,Middle East,Syria,Aleppo,,Al-Bab,36.37,37.51,1,,,,,x9
    """

    func layer() throws -> Layer {
        let read = try TableReader().read(Data(Self.acled.utf8), file: "acled.csv", format: .csv)
        let article = Incident(eventID: "article-1", eventDate: nil, timePrecision: nil,
                               eventType: "Battles", subEventType: "Armed clash", actors: [], country: "Syria",
                               admin1: nil, location: "Afrin", placeID: nil,
                               coordinate: Coordinate(longitude: 36.87, latitude: 36.51), geoPrecision: .exact,
                               confidence: 0.5, provenance: [])
        return IncidentLayer.make(read.incidents + [article], analysis: nil)
    }

    func value(_ layer: Layer, _ row: Int, _ name: String) -> PropertyValue? {
        layer.fields.firstIndex { $0.name == name }.map { layer.features[row].values[$0] }
    }

    @Test func columnsTheContractLacksFollowItsFieldsTyped() throws {
        let layer = try layer()
        let kept = layer.fields.dropFirst(IncidentLayer.fields.count).map { "\($0.name):\($0.type)" }
        #expect(kept == ["event_id_cnty:text", "year:integer", "iso:integer", "region:text", "admin2:text",
                         "tags:text", "input_id:text"])
        #expect(value(layer, 0, "year") == .integer(2021))
        #expect(value(layer, 0, "admin2") == .text("Harim"))
        #expect(value(layer, 1, "admin2") == .null, "an empty cell is null")
        #expect(value(layer, 0, "tags") == .text("crowd size=no report"))
        #expect(value(layer, 0, "input_id") == .text("77"), "a column called id is renamed, not lost")
        #expect(value(layer, 2, "year") == .null, "an article's incident has no table columns")
        #expect(layer.features.allSatisfy { $0.values.count == layer.fields.count })
    }

    @Test func contractColumnsAreNotRepeated() throws {
        let names = try layer().fields.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.filter { $0 == "event_date" || $0 == "latitude" || $0 == "notes" }.count == 3)
    }

    /// A writer may read one value without making the feature (the KML writer groups by
    /// event type so): every value read so must be the made feature's, including an empty
    /// event type, which is unknown.
    @Test func valuesReadAloneAreTheFeaturesValues() throws {
        let base = try layer()
        let blank = Incident(eventID: "article-2", eventDate: nil, timePrecision: nil, eventType: "",
                             subEventType: "Attack", actors: [], country: "Syria", admin1: nil, location: "Afrin",
                             placeID: nil, coordinate: Coordinate(longitude: 36.87, latitude: 36.51),
                             geoPrecision: .exact, confidence: 0.5, provenance: [])
        let read = try TableReader().read(Data(Self.acled.utf8), file: "acled.csv", format: .csv)
        let layers = [base, IncidentLayer.make(read.incidents + [blank], analysis: nil)]
        for layer in layers {
            #expect(layer.generator?.value != nil)
            for i in 0..<layer.featureCount {
                let made = layer.feature(at: i).values
                for field in layer.fields.indices {
                    #expect(layer.value(at: i, field: field) == made[field], "feature \(i), \(layer.fields[field].name)")
                }
            }
        }
        let eventType = try #require(layers[1].fields.firstIndex { $0.name == "event_type" })
        #expect(layers[1].value(at: layers[1].featureCount - 1, field: eventType) == .null)
    }

    /// A writer keeps one feature and has each next one filled over it: whatever it held
    /// before (another row's table columns or none, values taken out, another layer's
    /// feature), the result is the feature made afresh.
    @Test func aFeatureFilledOverAnotherIsTheOneMadeAfresh() throws {
        let layer = try layer()
        let foreign = Feature(id: "x", geometry: .lineString([Coordinate(longitude: 1, latitude: 2)]),
                              values: [.text("a"), .integer(3)])
        for i in 0..<layer.featureCount {
            for before in 0..<layer.featureCount {
                var feature = layer.feature(at: before)
                for k in feature.values.indices where k % 3 == 0 { _ = feature.takeValue(at: k) }
                layer.featureFiller(i, &feature)
                #expect(feature == layer.feature(at: i), "feature \(i) over feature \(before)")
            }
            var feature = foreign
            layer.featureFiller(i, &feature)
            #expect(feature == layer.feature(at: i), "feature \(i) over another layer's")
        }
        // A stored layer's feature is given as it is stored.
        var feature = Feature.empty
        Layer(name: "stored", fields: [], features: [foreign], style: layer.style).featureFiller(0, &feature)
        #expect(feature == foreign)
    }

    @Test("a column is an integer one only when every row's value is, whichever half a row is in")
    func integerColumnsAreCheckedOverEveryRow() throws {
        let header = ["event_id_cnty", "year", "inter1", "tags"]
        func incidents(rows: Int, oddValueAt odd: Int?) -> [Incident] {
            (0..<rows).map { i in
                var incident = Incident(eventID: "E\(i)", eventDate: nil, timePrecision: nil, eventType: "Battles",
                                        subEventType: "Armed clash", actors: [], country: nil, admin1: nil,
                                        location: "Afrin", placeID: nil,
                                        coordinate: Coordinate(longitude: 36.87, latitude: 36.51),
                                        geoPrecision: .exact, confidence: 1, provenance: [])
                incident.setExtra(keys: header, values: ["E\(i)", "2021", i == odd ? "eight" : "8", i == 3 ? "a" : ""])
                return incident
            }
        }
        func types(_ layer: Layer) -> [String] {
            layer.fields.dropFirst(IncidentLayer.fields.count).map { "\($0.name):\($0.type)" }
        }
        // 30,000 rows are read in two halves; the odd value in the first, the second, or none.
        for odd in [nil, 10, 29_999] {
            let layer = IncidentLayer.make(incidents(rows: 30_000, oddValueAt: odd), analysis: nil)
            #expect(types(layer) == ["event_id_cnty:text", "year:integer", "inter1:\(odd == nil ? "integer" : "text")",
                                     "tags:text"], "odd value at \(odd.map(String.init) ?? "none")")
        }
    }

    @Test("each row gives its own integers, whichever half it is in and whatever its header's order")
    func integerValuesAreEachRowsOwn() throws {
        // Two tables' headers with the integer columns in different places, in blocks that
        // straddle the halves; some cells empty.
        let headers = [["event_id_cnty", "year", "inter1"], ["inter1", "notes_extra", "year", "event_id_cnty"]]
        func year(_ i: Int) -> String { String(1990 + i % 37) }
        func inter1(_ i: Int) -> String { i % 5 == 0 ? "" : String(i % 9 - 4) }
        let incidents = (0..<30_000).map { i in
            var incident = Incident(eventID: "E\(i)", eventDate: nil, timePrecision: nil, eventType: "Battles",
                                    subEventType: "Armed clash", actors: [], country: nil, admin1: nil,
                                    location: "Afrin", placeID: nil,
                                    coordinate: Coordinate(longitude: 36.87, latitude: 36.51),
                                    geoPrecision: .exact, confidence: 1, provenance: [])
            let header = headers[(i / 7_000) % 2]
            incident.setExtra(keys: header, values: header.map { name in
                switch name {
                case "year": year(i)
                case "inter1": inter1(i)
                case "notes_extra": "row \(i)"
                default: "E\(i)"
                }
            })
            return incident
        }
        let layer = IncidentLayer.make(incidents, analysis: nil)
        let yearField = try #require(layer.fields.firstIndex { $0.name == "year" })
        let inter1Field = try #require(layer.fields.firstIndex { $0.name == "inter1" })
        #expect(layer.fields[yearField].type == .integer && layer.fields[inter1Field].type == .integer)
        var wrong: [Int] = []
        for i in 0..<layer.featureCount {
            let values = layer.feature(at: i).values
            let expected: PropertyValue = inter1(i).isEmpty ? .null : .integer(Int(inter1(i))!)
            if values[yearField] != .integer(Int(year(i))!) || values[inter1Field] != expected { wrong.append(i) }
        }
        #expect(wrong.count == 0, "rows with other values, the first: \(wrong.prefix(5))")
    }
}
