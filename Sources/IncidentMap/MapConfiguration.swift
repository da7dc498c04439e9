import Foundation
import GeoCore

/// The map file formats `incidentmap map` can write.
public enum OutputFormat: String, Sendable, CaseIterable {
    case geojson, kml, kmz, gpkg

    /// Parses a comma-separated list such as `geojson,kml`; unknown names are an error.
    public static func parseList(_ text: String) throws -> [OutputFormat] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !names.isEmpty else { throw PipelineError.invalidOption("--format needs at least one format name") }
        return try names.map { name in
            guard let f = OutputFormat(rawValue: name) else {
                throw PipelineError.invalidOption(
                    "--format: unknown format '\(name)'; choose from \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return f
        }
    }
}

/// Everything `incidentmap map` needs to know.
public struct MapConfiguration: Sendable {
    public var inputs: [String]
    public var outputDirectory: String
    /// The article date for relative dates ("on Sunday") when an article has none.
    public var date: CalendarDate?
    /// A GeoJSON line or polygon to measure against instead of the bundled DCW border.
    public var borderFile: String?
    /// DBSCAN neighbourhood radius in km (geodesic).
    public var epsKm: Double
    /// DBSCAN minimum neighbourhood size, the point itself included.
    public var minPoints: Int
    /// Largest time gap in days between neighbours; nil clusters in space only.
    public var windowDays: Int?
    public var formats: [OutputFormat]
    public var gazetteerDirectory: String?
    /// Process the valid rows and report the rejected ones instead of stopping at the first.
    public var keepGoing: Bool

    public init(inputs: [String], outputDirectory: String, date: CalendarDate? = nil, borderFile: String? = nil,
                epsKm: Double = 5, minPoints: Int = 3, windowDays: Int? = nil,
                formats: [OutputFormat] = [.geojson, .kml, .gpkg], gazetteerDirectory: String? = nil,
                keepGoing: Bool = false) {
        self.inputs = inputs
        self.outputDirectory = outputDirectory
        self.date = date
        self.borderFile = borderFile
        self.epsKm = epsKm
        self.minPoints = minPoints
        self.windowDays = windowDays
        self.formats = formats
        self.gazetteerDirectory = gazetteerDirectory
        self.keepGoing = keepGoing
    }

    /// Checks the values a user typed; each problem is one clear message.
    public func validate() throws {
        guard epsKm.isFinite, epsKm > 0, epsKm <= 1000 else {
            throw PipelineError.invalidOption("--eps-km must be greater than 0 and at most 1000 km (got \(epsKm))")
        }
        guard (1...100_000).contains(minPoints) else {
            throw PipelineError.invalidOption("--min-points must be from 1 to 100000 (got \(minPoints))")
        }
        if let windowDays, !(0...36_500).contains(windowDays) {
            throw PipelineError.invalidOption("--window-days must be from 0 to 36500 (got \(windowDays))")
        }
        if formats.contains(.kml) && formats.contains(.kmz) {
            throw PipelineError.invalidOption("--format: choose kml or kmz, not both")
        }
    }

    /// Parses `YYYY-MM-DD` for `--date`.
    public static func parseDate(_ text: String) throws -> CalendarDate {
        guard let d = CalendarDate(iso: text) else {
            throw PipelineError.invalidOption("--date '\(text)' is not a date; write YYYY-MM-DD, e.g. 2021-03-07")
        }
        return d
    }
}
