internal import CGEOS

// WKT and WKB, read and written with the reader and writer cached on the context. Output is
// always two-dimensional (x longitude, y latitude) like every GeoCore geometry.

extension GEOSGeometry {
    /// Parses Well-Known Text, for example `POLYGON ((0 0, 1 0, 1 1, 0 0))`.
    ///
    /// Malformed text throws ``GEOSError/libraryFailure(function:message:)`` carrying GEOS's
    /// parser message (such as "ParseException: Expected word but encountered end of stream").
    ///
    /// The corresponding C function is `GEOSWKTReader_read_r`.
    public convenience init(wkt: String, context: GEOSContext) throws {
        let reader = try context.wktReader
        let handle = try context.pointer("GEOSWKTReader_read_r") {
            GEOSWKTReader_read_r(context.handle, reader, wkt)
        }
        self.init(owning: handle, context: context)
    }

    /// Parses Well-Known Binary (either byte order; ISO or extended flavour).
    ///
    /// The corresponding C function is `GEOSWKBReader_read_r`.
    public convenience init(wkb: [UInt8], context: GEOSContext) throws {
        let reader = try context.wkbReader
        let handle = try context.pointer("GEOSWKBReader_read_r") {
            wkb.withUnsafeBufferPointer { bytes in
                GEOSWKBReader_read_r(context.handle, reader, bytes.baseAddress, bytes.count)
            }
        }
        self.init(owning: handle, context: context)
    }

    /// Well-Known Text of this geometry, in two dimensions.
    ///
    /// - Parameters:
    ///   - trim: drop trailing zeros ("1" rather than "1.0000000000000000").
    ///   - precision: digits after the decimal point, or nil for full precision.
    ///
    /// The corresponding C function is `GEOSWKTWriter_write_r`; the options are set with
    /// `GEOSWKTWriter_setTrim_r` and `GEOSWKTWriter_setRoundingPrecision_r`.
    public func wkt(trim: Bool = true, precision: Int? = nil) throws -> String {
        precondition(precision.map { $0 >= 0 } ?? true, "WKT precision must be at least 0 digits")
        let writer = try context.wktWriter
        // The writer is shared by the context: set every option on every call.
        GEOSWKTWriter_setTrim_r(context.handle, writer, trim ? 1 : 0)
        GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, Int32(precision ?? -1))
        GEOSWKTWriter_setOutputDimension_r(context.handle, writer, 2)
        return try context.string("GEOSWKTWriter_write_r") {
            GEOSWKTWriter_write_r(context.handle, writer, handle)
        }
    }

    /// Well-Known Binary of this geometry: two dimensions, little-endian (NDR).
    ///
    /// The corresponding C function is `GEOSWKBWriter_write_r`; the buffer it returns is copied
    /// and released with `GEOSFree_r`.
    public func wkb() throws -> [UInt8] {
        let writer = try context.wkbWriter
        GEOSWKBWriter_setOutputDimension_r(context.handle, writer, 2)
        GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        return try context.bytes("GEOSWKBWriter_write_r") { size in
            GEOSWKBWriter_write_r(context.handle, writer, handle, size)
        }
    }
}
