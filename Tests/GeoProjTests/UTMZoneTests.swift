import GeoCore
import Testing
@testable import GeoProj

@Suite("UTM zone choice")
struct UTMZoneTests {
    @Test("the standard zone matches GeoConvert's", arguments: try GeoConvertCase.load())
    func matchesGeoConvert(_ reference: GeoConvertCase) {
        let zone = UTMZone(containing: reference.coordinate)
        #expect(zone?.number == reference.zone)
        if let zone {
            #expect(zone.hemisphere == (reference.north ? .north : .south))
        }
    }

    @Test("EPSG codes are 326zz north and 327zz south")
    func epsgCodes() {
        #expect(UTMZone(number: 37, hemisphere: .north).epsgCode == 32637)
        #expect(UTMZone(number: 1, hemisphere: .south).epsgCode == 32701)
        #expect(UTMZone(number: 60, hemisphere: .south).crs == .epsg(32760))
        #expect(UTMZone(number: 37, hemisphere: .north).centralMeridian == 39)
        #expect(UTMZone(containing: Coordinate(longitude: 37.1, latitude: 0))?.hemisphere == .north)
        #expect(UTMZone(containing: Coordinate(longitude: 37.1, latitude: -0.000_001))?.epsgCode == 32737)
    }

    @Test("no zone for non-finite coordinates", arguments: [Double.nan, .infinity])
    func nonFinite(_ value: Double) {
        #expect(UTMZone(containing: Coordinate(longitude: value, latitude: 36)) == nil)
        #expect(UTMZone(containing: Coordinate(longitude: 37, latitude: value)) == nil)
    }
}
