internal import CGEOS

/// One GEOS context: the handle every reentrant GEOS call takes, and the place GEOS's
/// error and notice text lands.
///
/// GEOS reports failures by calling a message handler and returning a sentinel (NULL, 0,
/// 2, -1), so the text of the last error belongs to the context. The handlers installed
/// here copy the text into this object instead of letting it reach stderr, and the calls in
/// `ReturnConventions.swift` read it back into a ``GEOSError``.
///
/// A context is cheap to create (tens of nanoseconds) but carries per-call state (the last
/// error message, cached WKT/WKB readers and writers), so it is **not** `Sendable`: GEOS
/// contexts must never be used by two threads at once. Create one per worker, keep it for
/// the worker's life, and build every geometry, prepared geometry and tree that worker uses
/// from it. Never create a context per call.
///
/// The corresponding C functions are `GEOS_init_r` and `GEOS_finish_r`.
public final class GEOSContext {
    /// The reentrant handle; valid from `init` until `deinit`.
    let handle: OpaquePointer

    /// The text of the last error GEOS reported through this context, if any since the last
    /// call that reset it.
    var lastErrorMessage: String?

    /// The text of the last notice GEOS emitted (for example the reason `GEOSisValid_r` gives
    /// for an invalid geometry). Kept so that nothing is printed; useful when debugging.
    public private(set) var lastNotice: String?

    // Readers and writers are created on first use and reused: they are per-context state
    // and allocating them per call would put a C allocation in every conversion.
    private var cachedWKTReader: OpaquePointer?
    private var cachedWKTWriter: OpaquePointer?
    private var cachedWKBReader: OpaquePointer?
    private var cachedWKBWriter: OpaquePointer?

    /// Creates a context with message handlers that capture GEOS's text.
    ///
    /// Traps if GEOS cannot allocate a context, which only happens when memory is exhausted.
    public init() {
        guard let handle = GEOS_init_r() else {
            preconditionFailure("GEOS_init_r returned NULL: GEOS could not allocate a context")
        }
        self.handle = handle
        // Unretained: the context owns the handle, so the handlers can never outlive `self`.
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let userdata else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            context.lastErrorMessage = message.map { String(cString: $0) } ?? ""
        }, userdata)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { message, userdata in
            guard let userdata else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            context.lastNotice = message.map { String(cString: $0) } ?? ""
        }, userdata)
    }

    deinit {
        // Readers and writers belong to the context: destroy them before finishing it.
        if let reader = cachedWKTReader { GEOSWKTReader_destroy_r(handle, reader) }
        if let writer = cachedWKTWriter { GEOSWKTWriter_destroy_r(handle, writer) }
        if let reader = cachedWKBReader { GEOSWKBReader_destroy_r(handle, reader) }
        if let writer = cachedWKBWriter { GEOSWKBWriter_destroy_r(handle, writer) }
        GEOS_finish_r(handle)
    }

    /// The GEOS version this process runs against, for example "3.11.1-CAPI-1.17.1".
    ///
    /// The corresponding C function is `GEOSversion`.
    public static var libraryVersion: String {
        String(cString: GEOSversion())
    }

    var wktReader: OpaquePointer {
        get throws {
            if let reader = cachedWKTReader { return reader }
            let reader = try pointer("GEOSWKTReader_create_r") { GEOSWKTReader_create_r(handle) }
            cachedWKTReader = reader
            return reader
        }
    }

    var wktWriter: OpaquePointer {
        get throws {
            if let writer = cachedWKTWriter { return writer }
            let writer = try pointer("GEOSWKTWriter_create_r") { GEOSWKTWriter_create_r(handle) }
            cachedWKTWriter = writer
            return writer
        }
    }

    var wkbReader: OpaquePointer {
        get throws {
            if let reader = cachedWKBReader { return reader }
            let reader = try pointer("GEOSWKBReader_create_r") { GEOSWKBReader_create_r(handle) }
            cachedWKBReader = reader
            return reader
        }
    }

    var wkbWriter: OpaquePointer {
        get throws {
            if let writer = cachedWKBWriter { return writer }
            let writer = try pointer("GEOSWKBWriter_create_r") { GEOSWKBWriter_create_r(handle) }
            cachedWKBWriter = writer
            return writer
        }
    }
}

// A context is per-thread state; say so to the compiler so that no extension can make it
// Sendable by accident.
@available(*, unavailable, message: "GEOS contexts must not be shared between threads; create one per worker")
extension GEOSContext: Sendable {}
