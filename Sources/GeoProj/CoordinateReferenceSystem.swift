/// A coordinate reference system as PROJ reads it: an authority code ("EPSG:32637"), a
/// PROJ string ("+proj=utm +zone=37 +datum=WGS84") or WKT.
///
/// Only the text is kept; PROJ parses it when a `Transformer` is made, and an unknown
/// definition throws there with PROJ's message.
public struct CoordinateReferenceSystem: Sendable, Hashable, CustomStringConvertible {
    /// The definition passed to PROJ.
    public var definition: String

    /// A CRS from any definition PROJ accepts (authority code, PROJ string, WKT, PROJJSON).
    public init(definition: String) {
        self.definition = definition
    }

    /// The CRS with EPSG code `code`, for example 4326 or 32637.
    public static func epsg(_ code: Int) -> CoordinateReferenceSystem {
        CoordinateReferenceSystem(definition: "EPSG:\(code)")
    }

    /// WGS84 longitude and latitude in degrees (EPSG:4326, axes in longitude, latitude
    /// order once a `Transformer` has normalised them).
    public static let wgs84 = epsg(4326)

    public var description: String { definition }
}
