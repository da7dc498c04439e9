internal import CGEOS

// GEOS return conventions, normalised in one place. Every GEOS call in this target goes
// through one of these methods, so no call site compares a result with 2, 0 or -1 by hand:
//
//   pointer  NULL on exception                  (constructors, operations, readers)
//   boolean  char 0 false, 1 true, 2 exception  (predicates, GEOSisValid_r)
//   status   int 1 success, 0 exception         (GEOSArea_r, GEOSDistance_r, getters)
//   count    int -1 on exception                (GEOSGetNumGeometries_r, GEOSGeomTypeId_r)
//   string   char* NULL on exception, freed with GEOSFree_r
//
// Each method clears the context's last error before the call, so the message thrown is the
// one that call produced and never a stale one.

extension GEOSContext {
    /// The error for a failed call of `function`, carrying the captured message.
    func failure(_ function: String) -> GEOSError {
        let message = lastErrorMessage ?? "GEOS reported a failure without a message"
        lastErrorMessage = nil
        return .libraryFailure(function: function, message: message)
    }

    /// Runs a call that returns a pointer, NULL meaning an exception.
    func pointer<T>(_ function: String, _ call: () -> T?) throws -> T {
        lastErrorMessage = nil
        guard let result = call() else { throw failure(function) }
        return result
    }

    /// Runs a call that returns a GEOS boolean: 0 false, 1 true, 2 (or anything else) an exception.
    func boolean(_ function: String, _ call: () -> CChar) throws -> Bool {
        lastErrorMessage = nil
        switch call() {
        case 0: return false
        case 1: return true
        default: throw failure(function)
        }
    }

    /// Runs a call that returns a status: 1 success, 0 an exception.
    func status(_ function: String, _ call: () -> Int32) throws {
        lastErrorMessage = nil
        guard call() != 0 else { throw failure(function) }
    }

    /// Runs a call that writes a double through an out-pointer and returns a status.
    func double(_ function: String, _ call: (UnsafeMutablePointer<Double>) -> Int32) throws -> Double {
        var value = 0.0
        try status(function) { call(&value) }
        return value
    }

    /// Runs a call that returns a count or an enumeration value, -1 meaning an exception.
    func count(_ function: String, _ call: () -> Int32) throws -> Int {
        lastErrorMessage = nil
        let result = call()
        guard result >= 0 else { throw failure(function) }
        return Int(result)
    }

    /// Runs a call that returns a GEOS-allocated C string, copies it and frees it with
    /// `GEOSFree_r` (never Swift's `deallocate`: the buffer belongs to GEOS's allocator).
    func string(_ function: String, _ call: () -> UnsafeMutablePointer<CChar>?) throws -> String {
        let text = try pointer(function, call)
        defer { GEOSFree_r(handle, text) }
        return String(cString: text)
    }

    /// Runs a call that returns a GEOS-allocated byte buffer and its size, copies it and frees
    /// it with `GEOSFree_r`.
    func bytes(_ function: String, _ call: (UnsafeMutablePointer<Int>) -> UnsafeMutablePointer<UInt8>?)
        throws -> [UInt8]
    {
        var size = 0
        let buffer = try pointer(function) { call(&size) }
        defer { GEOSFree_r(handle, buffer) }
        return Array(UnsafeBufferPointer(start: buffer, count: size))
    }
}
