/// A failure reported by GEOS, or an input GEOS cannot represent.
///
/// Errors carry GEOS's own text and the C function that failed, so that a message such as
/// "GEOSBuffer_r failed: TopologyException: ..." can be traced to the call.
public enum GEOSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A GEOS function reported failure; `message` is the text its error handler received
    /// (for example "ParseException: Expected word but encountered end of stream").
    case libraryFailure(function: String, message: String)
    /// A geometry value that GEOS would reject or that would be ambiguous, found before
    /// calling GEOS: for example a polygon ring that is not closed or has fewer than four
    /// positions. `reason` says what is wrong and where.
    case invalidGeometry(reason: String)
    /// A GEOS geometry whose type has no counterpart in ``GeoCore/Geometry`` (for example a
    /// GeometryCollection or an empty Point). `typeName` is GEOS's name for the type.
    case unrepresentable(typeName: String)

    public var description: String {
        switch self {
        case .libraryFailure(let function, let message):
            "\(function) failed: \(message)"
        case .invalidGeometry(let reason):
            "invalid geometry: \(reason)"
        case .unrepresentable(let typeName):
            "a GEOS \(typeName) has no GeoCore Geometry counterpart; "
                + "take its parts with geometry(at:) or convert it to WKT instead"
        }
    }
}
