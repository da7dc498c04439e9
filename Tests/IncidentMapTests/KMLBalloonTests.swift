import Foundation
import GeoCore
import GeoExport
import IncidentExtraction
import Testing
@testable import IncidentMap

@Suite("Google Earth balloons and time spans of incidents")
struct KMLBalloonTests {
    static let acled = """
    event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,iso,region,country,\
    admin1,admin2,location,latitude,longitude,geo_precision,source,notes,fatalities
    SYR10,2021-03-05,2021,2,Explosions/Remote violence,Air/drone strike,A & B,,760,Middle East,Syria,Idlib,\
    Harim,Sarmada,36.18,36.72,2,Monitor,Strike on a <gas> facility,3
    """

    func incidents() throws -> Layer {
        let read = try TableReader().read(Data(Self.acled.utf8), file: "acled.csv", format: .csv)
        return IncidentLayer.make(read.incidents, analysis: nil)
    }

    private func balloon(_ layer: Layer, _ feature: Feature) -> String {
        var html = BalloonHTML()
        KMLBalloon.description(for: layer)(feature, &html)
        return html.html
    }

    @Test func balloonShowsTheIncidentEscaped() throws {
        let layer = try incidents()
        let html = balloon(layer, layer.features[0])
        #expect(html.hasPrefix("<h3>Air/drone strike</h3><table>"))
        #expect(html.contains("<tr><th>Date</th><td>2021-03-05 (precision: week)</td></tr>"))
        #expect(html.contains("<tr><th>Actors</th><td>A &amp; B (reported)</td></tr>"))
        #expect(html.contains("<tr><th>Fatalities</th><td>3</td></tr>"))
        #expect(html.contains("<tr><th>Place</th><td>Sarmada, Idlib, Syria (near the place)</td></tr>"))
        #expect(html.contains("<tr><th>Border</th><td>unknown</td></tr>"), "no analysis, no distance")
        #expect(html.hasSuffix("<p>Strike on a &lt;gas&gt; facility</p>"))
    }

    @Test func valuesOfEveryKindAreSpelledAsTheirText() throws {
        let layer = try incidents()
        var feature = layer.features[0]
        func set(_ name: String, _ value: PropertyValue) throws {
            feature.values[try #require(layer.fieldIndex(name), "\(name)")] = value
        }
        try set("sub_event_type", .null)
        try set("actor1", .null)
        try set("actor2", .text("C <D>"))
        try set("target", .integer(7))
        try set("fatalities", .real(2.5))
        try set("injured", .real(.nan))
        try set("notes", .null)
        let html = balloon(layer, feature)
        #expect(html.hasPrefix("<h3>Explosions/Remote violence</h3>"), "a null sub-event type falls back to the type")
        #expect(html.contains("<tr><th>Type</th><td>Explosions/Remote violence / unknown</td></tr>"))
        #expect(html.contains("<tr><th>Actors</th><td>C &lt;D&gt; (reported)</td></tr>"))
        #expect(html.contains("<tr><th>Target</th><td>7</td></tr>"))
        #expect(html.contains("<tr><th>Fatalities</th><td>2.5</td></tr>"))
        #expect(html.contains("<tr><th>Injured</th><td>unknown</td></tr>"), "a real that is not finite is unknown")
        #expect(html.hasSuffix("</table>"), "no notes, no paragraph")
        try set("actor2", .null)
        #expect(balloon(layer, feature).contains("<tr><th>Actors</th><td>unknown (reported)</td></tr>"))
    }

    @Test func spanFollowsTimePrecision() throws {
        let layer = try incidents()
        let span = try #require(KMLBalloon.timeSpan(for: layer)(layer.features[0]))
        #expect(span.date == "2021-03-05" && span.days == 7, "precision 2 is a week")
    }

    @Test func otherLayersGetAFieldTable() {
        var layer = Layer(name: "crossings", fields: [Field("name", .text), Field("km", .real)],
                          style: LayerStyle(color: "#000000"))
        layer.features.append(Feature(id: "c1", geometry: .point(Coordinate(longitude: 36, latitude: 36)),
                                      values: [.text("Bab <al-Hawa>"), .null]))
        #expect(balloon(layer, layer.features[0])
                    == "<table><tr><th>name</th><td>Bab &lt;al-Hawa&gt;</td></tr><tr><th>km</th><td>unknown</td></tr></table>")
        #expect(KMLBalloon.timeSpan(for: layer)(layer.features[0]) == nil)
    }

    @Test(arguments: [(PropertyValue.real(12.3), "12.30" as String?), (.real(0.004), "0.00"), (.real(0.005), "0.01"),
                      (.real(7.999), "8.00"), (.real(-1.25), "-1.25"), (.real(-0.001), "0.00"), (.real(305.0), "305.00"),
                      (.real(1_234.5), "1234.50"), (.integer(12), "12.00"), (.text("3.456"), "3.46"),
                      (.text("a < b"), "a &lt; b"), (.null, nil), (.real(.nan), nil)])
    func kilometresHaveTwoDecimals(value: PropertyValue, text: String?) {
        var html = BalloonHTML()
        let known = KMLBalloon.appendKilometres(value, to: &html)
        #expect(known == (text != nil))
        #expect(html.html == (text ?? ""))
    }

    @Test func precisionCodesAreWordsWrittenAsIntegersOrText() {
        let codes: [PropertyValue] = [.integer(1), .integer(2), .integer(3), .text("1"), .text("3"), .integer(4), .null]
        #expect(codes.map { "\(KMLBalloon.timeWords($0))" }
                    == ["day", "week", "month", "day", "month", "unknown", "unknown"])
        #expect(codes.map { "\(KMLBalloon.precisionWords($0))" }
                    == ["in the place", "near the place", "region only", "in the place", "region only", "unknown",
                        "unknown"])
    }
}
