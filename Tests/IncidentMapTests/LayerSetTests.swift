import Foundation
import GeoCore
import Testing
@testable import IncidentMap

@Suite("The admin areas layer counts the incidents in each area")
struct LayerSetTests {
    @Test("names are matched without regard to case, in runs or scattered, and incidents without one are not counted")
    func adminAreasCountTheirIncidents() {
        let square = Geometry.polygon([[Coordinate(longitude: 36, latitude: 35), Coordinate(longitude: 37, latitude: 35),
                                        Coordinate(longitude: 37, latitude: 36), Coordinate(longitude: 36, latitude: 35)]])
        let reference = ReferenceData(borderLines: [], borderSource: "test", sides: [], crossings: [],
                                      adminAreas: [AdminArea(id: "SY07", name: "Idlib", country: "SY", geometry: square),
                                                   AdminArea(id: "SY02", name: "Aleppo", country: "SY", geometry: square),
                                                   AdminArea(id: "SY03", name: "Hama", country: "SY", geometry: square)])
        let admin1: [String?] = ["Idlib", "Idlib", "idlib", nil, nil, "Aleppo", "IDLIB", "Idlib", nil, "Aleppo"]
        let incidents = admin1.enumerated().map { i, name in
            Incident(eventID: "E\(i)", eventDate: nil, timePrecision: nil, eventType: "Battles",
                     subEventType: "Armed clash", actors: [], country: "Syria", admin1: name, location: "Somewhere",
                     placeID: nil, coordinate: Coordinate(longitude: 36.5, latitude: 35.5), geoPrecision: .exact,
                     confidence: 1, provenance: [])
        }
        let layer = LayerSet.adminAreas(reference, touchedBy: incidents)
        let counts = layer.features.map { "\($0.id ?? ""):\($0.values[3])" }
        #expect(counts == ["SY07:\(PropertyValue.integer(5))", "SY02:\(PropertyValue.integer(2))"],
                "Hama has no incident and no feature")
    }
}
