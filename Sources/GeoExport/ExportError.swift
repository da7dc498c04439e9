import Foundation

/// Why an export failed. Every case names the file, so a user knows which output to check.
public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// The output (or its temporary sibling) could not be created, written or renamed.
    case cannotWrite(path: String, reason: String)
    /// A layer cannot be written as asked (an empty or duplicate name, an unusable field name, ...).
    case invalidLayer(layer: String, reason: String)
    /// SQLite refused a statement while writing a GeoPackage.
    case geoPackage(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            "\(path): cannot write (\(reason)); check that the folder exists and is writable"
        case .invalidLayer(let layer, let reason):
            "layer \(layer): \(reason)"
        case .geoPackage(let path, let reason):
            "\(path): GeoPackage write failed (\(reason)); the previous file, if any, is left as it was"
        }
    }
}
