import Foundation
import GeoCore
import Testing

/// Reference values written by GeographicLib's command-line tools (see the scripts named in
/// each fixture's header), read from Tests/GeoProjTests/Fixtures.
enum ReferenceFixture {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The data lines of `name`.txt split into fields, with comment lines dropped.
    static func rows(_ name: String) throws -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures") else {
            throw Failure(description: "Fixtures/\(name).txt missing from the test bundle")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            line.split(separator: " ").map(String.init)
        }
    }

    static func number(_ field: String, in row: [String]) throws -> Double {
        guard let value = Double(field) else {
            throw Failure(description: "not a number: \(field) in \(row.joined(separator: " "))")
        }
        return value
    }
}

/// One line of GeodSolve's full output (`-w -f`): both points, their azimuths, the distance
/// and the arc length.
struct GeodSolveCase: Sendable, CustomTestStringConvertible {
    var name: String
    var start: Coordinate
    var azimuth1: Double
    var end: Coordinate
    var azimuth2: Double
    /// Distance in metres.
    var distance: Double
    /// Arc length in degrees on the auxiliary sphere; 180 marks antipodal points.
    var arc: Double

    var testDescription: String { name }

    init(row: [String]) throws {
        guard row.count >= 9 else {
            throw ReferenceFixture.Failure(description: "short line: \(row.joined(separator: " "))")
        }
        let n = try row.dropFirst().prefix(8).map { try ReferenceFixture.number($0, in: row) }
        name = row[0]
        start = Coordinate(longitude: n[0], latitude: n[1])
        azimuth1 = n[2]
        end = Coordinate(longitude: n[3], latitude: n[4])
        azimuth2 = n[5]
        distance = n[6]
        arc = n[7]
    }

    static func load(_ name: String) throws -> [GeodSolveCase] {
        try ReferenceFixture.rows(name).map(GeodSolveCase.init(row:))
    }
}

/// One line of GeoConvert's UTM output: the point and its standard zone with easting and
/// northing, or no zone for the polar caps.
struct GeoConvertCase: Sendable, CustomTestStringConvertible {
    var name: String
    var coordinate: Coordinate
    /// Zone number, nil for UPS.
    var zone: Int?
    var north: Bool
    /// Easting in metres.
    var easting: Double
    /// Northing in metres.
    var northing: Double

    var testDescription: String { name }

    init(row: [String]) throws {
        guard row.count == 6 else {
            throw ReferenceFixture.Failure(description: "bad line: \(row.joined(separator: " "))")
        }
        name = row[0]
        coordinate = Coordinate(longitude: try ReferenceFixture.number(row[1], in: row),
                                latitude: try ReferenceFixture.number(row[2], in: row))
        let zoneField = row[3]
        north = zoneField.hasSuffix("n")
        zone = Int(zoneField.dropLast())
        easting = try ReferenceFixture.number(row[4], in: row)
        northing = try ReferenceFixture.number(row[5], in: row)
    }

    static func load() throws -> [GeoConvertCase] {
        try ReferenceFixture.rows("geoconvert-utm").map(GeoConvertCase.init(row:))
    }
}

/// The difference between two azimuths in degrees, in [0, 180].
func azimuthDifference(_ a: Double, _ b: Double) -> Double {
    let d = abs((a - b).truncatingRemainder(dividingBy: 360))
    return min(d, 360 - d)
}
