import Foundation
import GeoCore
import Gazetteer
import GeoAnalysis

/// An admin area (governorate or province) polygon.
public struct AdminArea: Sendable {
    public var id: String
    public var name: String
    public var country: String
    public var geometry: Geometry
}

/// The border, country outlines, crossings and admin areas an analysis runs against,
/// with the provenance every output names.
public struct ReferenceData: Sendable {
    public var borderLines: [[Coordinate]]
    /// Where the border comes from and at what scale ("DCW 1:1,000,000 (gmt-dcw 2.1.1)").
    public var borderSource: String
    public var sides: [BorderSide]
    public var crossings: [Place]
    public var adminAreas: [AdminArea]

    public static let borderFile = "borders/tr-sy-border.geojson"
    public static let outlineFiles = [("SY", "borders/syria.geojson"), ("TR", "borders/turkey.geojson")]
    public static let adminFile = "borders/admin1.geojson"

    /// Loads the shipped data from `dataDirectory`; `borderFile` replaces the shipped border.
    public static func load(dataDirectory: URL, borderFile: String?, gazetteer: Gazetteer) throws -> ReferenceData {
        ReferenceData(try readGeometries(dataDirectory: dataDirectory, borderFile: borderFile),
                      crossingsFrom: gazetteer)
    }

    /// What the reference data reads from its GeoJSON files: all of it but the crossings,
    /// which come from the gazetteer.
    struct Geometries: Sendable {
        var borderLines: [[Coordinate]]
        var borderSource: String
        var sides: [BorderSide]
        var adminAreas: [AdminArea]
    }

    /// Reads the border (or `borderFile`), the country outlines and the admin areas.
    static func readGeometries(dataDirectory: URL, borderFile: String?) throws -> Geometries {
        let borderURL = borderFile.map { URL(fileURLWithPath: $0) } ?? dataDirectory.appendingPathComponent(Self.borderFile)
        let borderItems = try GeoJSONGeometries.read(borderURL)
        let lines = borderItems.flatMap { BorderProximity.lines(of: $0.geometry) }.filter { $0.count >= 2 }
        guard !lines.isEmpty else {
            throw PipelineError.input(.init(file: borderURL.path, problem: "holds no line or polygon to measure to",
                                            hint: "give a GeoJSON LineString, MultiLineString or Polygon"))
        }
        let source: String
        if let borderFile {
            source = "user border \(borderFile)"
        } else {
            source = borderItems.first?.properties["source"] as? String ?? "DCW 1:1,000,000"
        }
        var sides: [BorderSide] = []
        for (code, file) in outlineFiles {
            let url = dataDirectory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            for item in try GeoJSONGeometries.read(url) { sides.append(BorderSide(code: code, outline: item.geometry)) }
        }
        var admin: [AdminArea] = []
        let adminURL = dataDirectory.appendingPathComponent(adminFile)
        if FileManager.default.fileExists(atPath: adminURL.path) {
            for item in try GeoJSONGeometries.read(adminURL) {
                admin.append(AdminArea(id: item.properties["id"] as? String ?? "",
                                       name: item.properties["name"] as? String ?? "",
                                       country: item.properties["country"] as? String ?? "",
                                       geometry: item.geometry))
            }
        }
        return Geometries(borderLines: lines, borderSource: source, sides: sides, adminAreas: admin)
    }
}

extension ReferenceData {
    /// The reference data of `geometries`, with the gazetteer's border crossings.
    init(_ geometries: Geometries, crossingsFrom gazetteer: Gazetteer) {
        self.init(borderLines: geometries.borderLines, borderSource: geometries.borderSource, sides: geometries.sides,
                  crossings: gazetteer.places.filter { $0.kind == .crossing }, adminAreas: geometries.adminAreas)
    }
}
