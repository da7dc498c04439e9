import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GeoCore
import Testing
import ZIPFoundation
@testable import GeoExport

/// Collects each Placemark's name, description, time span, SimpleData and coordinates.
private final class PlacemarkCollector: NSObject, XMLParserDelegate {
    struct Placemark {
        var name = "", description = "", begin = "", end = "", coordinates = "", styleUrl = ""
        var data: [String: String] = [:]
        var folderPath: [String] = []
    }
    var placemarks: [Placemark] = []
    var schemaFields: [String: String] = [:]
    private var current: Placemark?
    private var text = ""
    private var simpleDataName: String?
    private var folders: [String] = []
    private var elements: [String] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
        text = ""
        switch name {
        case "Placemark": current = Placemark(folderPath: folders)
        case "SimpleData": simpleDataName = attributes["name"]
        case "SimpleField": schemaFields[attributes["name"] ?? ""] = attributes["type"]
        case "Folder": folders.append("")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, foundCDATA data: Data) { text += String(decoding: data, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        elements.removeLast()
        switch name {
        case "name":
            if current != nil { current!.name = text } else if elements.last == "Folder" {
                folders[folders.count - 1] = text
            }
        case "description": current?.description = text
        case "begin": current?.begin = text
        case "end": current?.end = text
        case "coordinates": current?.coordinates += text
        case "styleUrl": current?.styleUrl = text
        case "SimpleData": if let key = simpleDataName { current?.data[key] = text }
        case "Placemark": if let p = current { placemarks.append(p) }; current = nil
        case "Folder": folders.removeLast()
        default: break
        }
        text = ""
    }
}

@Suite struct KMLWriterTests {
    private func parse(_ data: Data) throws -> PlacemarkCollector {
        let parser = XMLParser(data: data)
        let collector = PlacemarkCollector()
        parser.delegate = collector
        #expect(parser.parse(), "KML is not well-formed: \(String(describing: parser.parserError))")
        return collector
    }

    @Test func roundTripsAttributesNamesAndTimeSpans() throws {
        let url = try SampleLayers.folder().appendingPathComponent("map.kml")
        try KMLWriter().write(SampleLayers.all, to: url)
        let kml = try parse(Data(contentsOf: url))
        let all = SampleLayers.all
        #expect(kml.placemarks.count == all.reduce(0) { $0 + $1.features.count })
        #expect(kml.schemaFields["fatalities"] == "int")
        #expect(kml.schemaFields["border_distance_km"] == "double")
        #expect(kml.schemaFields["event_date"] == "string")
        #expect(kml.schemaFields["confirmed"] == "bool")
        let points = SampleLayers.points
        for feature in points.features {
            let placemark = try #require(kml.placemarks.first { $0.data["event_id"] == feature.id }
                                         ?? kml.placemarks.first { $0.name == feature.values[5].textValue })
            for (field, value) in zip(points.fields, feature.values) {
                switch value {
                case .null: #expect(placemark.data[field.name] == nil)
                case .real(let v): #expect(placemark.data[field.name].flatMap(Double.init) == v)
                case .boolean(let v): #expect(placemark.data[field.name] == (v ? "1" : "0"))
                default: #expect(placemark.data[field.name] == value.textValue)
                }
            }
        }
        let first = try #require(kml.placemarks.first { $0.data["event_id"] == "SYR1" })
        #expect(first.name == SampleLayers.hostile, "location names the placemark, escaped and read back intact")
        #expect(first.begin == "2024-03-01" && first.end == "2024-03-02")
        #expect(first.folderPath == ["Incidents", "Explosions"])
        #expect(first.styleUrl == "#incidents-c1")
        #expect(first.description.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"), "values are HTML-escaped in the balloon")
        let second = try #require(kml.placemarks.first { $0.data["event_id"] == "SYR2" })
        #expect(second.begin == "2024-02-28" && second.end == "2024-03-06", "7-day span crosses February's end")
        #expect(second.coordinates == "-0.000000,36.000000")
        let third = try #require(kml.placemarks.first { $0.name == "x" })
        #expect(third.begin.isEmpty, "no date, no time span")
        #expect(third.folderPath == ["Incidents", "Other"])
    }

    /// A balloon's pieces come out in order, escaped where they are text, past its first
    /// allocation; a copy appends to bytes of its own.
    @Test func balloonAppendsInOrderAndCopiesOnWrite() {
        var html = BalloonHTML()
        html.markup("<p>")
        html.text("a < b & c")
        html.value(.real(2.5), ifUnknown: "unknown")
        html.value(.null, ifUnknown: "unknown")
        html.markup("</p>" + String(repeating: "x", count: 1_100))
        var copy = html
        copy.markup("<i>copy</i>")
        html.value(.integer(-42), ifUnknown: "unknown")
        let start = "<p>a &lt; b &amp; c2.5unknown</p>" + String(repeating: "x", count: 1_100)
        #expect(html.html == start + "-42")
        #expect(copy.html == start + "<i>copy</i>")
        html.removeAll()
        #expect(html.isEmpty && !copy.isEmpty)
    }

    @Test func customDescriptionEscapesCDATAEnd() throws {
        let url = try SampleLayers.folder().appendingPathComponent("map.kml")
        let options = KMLOptions(description: .custom { _, feature in "<p>\(feature.id)</p> ]]> <b>x</b>" })
        try KMLWriter(options).write([SampleLayers.lines], to: url)
        let kml = try parse(Data(contentsOf: url))
        #expect(kml.placemarks.first?.description == "<p>b</p> ]]> <b>x</b>")
    }

    @Test func polygonRingsAreOriented() throws {
        let url = try SampleLayers.folder().appendingPathComponent("map.kml")
        try KMLWriter().write([SampleLayers.polygons], to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        let outer = try #require(text.range(of: "<outerBoundaryIs><LinearRing><coordinates>"))
        let rest = text[outer.upperBound...]
        let coordinates = rest[..<rest.range(of: "<")!.lowerBound]
        let ring = coordinates.split(separator: " ").map { pair -> Coordinate in
            let parts = pair.split(separator: ",").compactMap { Double($0) }
            return Coordinate(longitude: parts[0], latitude: parts[1])
        }
        #expect(RingOrientation.signedDoubleArea(ring) > 0)
    }

    @Test func kmzHoldsOneDocKML() throws {
        let folder = try SampleLayers.folder()
        let url = folder.appendingPathComponent("map.kmz")
        try KMLWriter().write(SampleLayers.all, to: url, kmz: true)
        let archive = try Archive(url: url, accessMode: .read)
        let entries = Array(archive)
        #expect(entries.map(\.path) == ["doc.kml"])
        var data = Data()
        _ = try archive.extract(entries[0]) { data.append($0) }
        #expect(try parse(data).placemarks.count == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["map.kmz"])
    }

    @Test func failureMidWriteKeepsOldFileAndLeavesNoPartial() throws {
        let folder = try SampleLayers.folder()
        let url = folder.appendingPathComponent("map.kml")
        try Data("old".utf8).write(to: url)
        var broken = SampleLayers.lines
        broken.style.color = "red"  // rejected only once the temporary file is open
        #expect(throws: ExportError.self) { try KMLWriter().write([SampleLayers.points, broken], to: url) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["map.kml"])
    }
}
