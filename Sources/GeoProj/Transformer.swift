internal import CPROJ

/// Which way a `Transformer` converts.
public enum TransformDirection: Sendable, Hashable {
    /// From the recipe's source CRS to its target CRS.
    case forward
    /// From the target CRS back to the source CRS.
    case inverse

    var projDirection: PJ_DIRECTION { self == .forward ? PJ_FWD : PJ_INV }
}

/// Converts coordinates between two CRSs with PROJ, always in x, y order on this side:
/// longitude then latitude (degrees) for geographic CRSs, easting then northing (metres)
/// for projected ones, whatever axis order the EPSG definition declares.
///
/// Not `Sendable`: it owns a `PJ_CONTEXT`, and PROJ contexts carry mutable state (errno,
/// caches, the proj.db connection) that two threads must never touch at once. Share a
/// `TransformerRecipe` instead and make one transformer per worker.
public final class Transformer {
    /// The source and target this transformer was made from.
    public let recipe: TransformerRecipe

    // Declared before `context` only for reading order; the destroy order is enforced in
    // `deinit`, which frees the PJ while `context` is still alive.
    private let operation: OpaquePointer
    private let context: PROJContext

    /// A transformer from `source` to `target`.
    ///
    /// Throws `PROJError.libraryFailure` with PROJ's message when a definition is unknown
    /// or no operation links the two CRSs.
    ///
    /// The corresponding C functions are `proj_create_crs_to_crs` and
    /// `proj_normalize_for_visualization`.
    public convenience init(from source: CoordinateReferenceSystem,
                            to target: CoordinateReferenceSystem) throws(PROJError) {
        try self.init(TransformerRecipe(source: source, target: target))
    }

    /// A transformer for `recipe`, with its own PROJ context.
    public init(_ recipe: TransformerRecipe) throws(PROJError) {
        self.recipe = recipe
        let context = try PROJContext()
        context.resetErrors()
        guard let raw = proj_create_crs_to_crs(context.handle, recipe.source.definition,
                                               recipe.target.definition, nil) else {
            throw context.failure("proj_create_crs_to_crs")
        }
        // PROJ follows each CRS's declared axis order (latitude first for EPSG:4326);
        // the normalised operation takes and returns x, y (longitude, latitude) instead.
        let normalized = proj_normalize_for_visualization(context.handle, raw)
        proj_destroy(raw)
        guard let normalized else {
            throw context.failure("proj_normalize_for_visualization")
        }
        self.operation = normalized
        self.context = context
    }

    deinit {
        // The PJ belongs to `context`; it must be destroyed first. `context` itself is
        // released (and its PJ_CONTEXT destroyed) only after this body returns.
        proj_destroy(operation)
    }

    /// One point transformed: `x` and `y` in the source CRS's units (degrees of longitude
    /// and latitude, or metres), the result in the target's (or the reverse for `.inverse`).
    ///
    /// Throws `PROJError.coordinateFailure` when PROJ cannot transform the point.
    ///
    /// The corresponding C function is `proj_trans_generic`.
    public func transform(x: Double, y: Double,
                          direction: TransformDirection = .forward) throws(PROJError) -> (x: Double, y: Double) {
        var x = x, y = y
        try withUnsafeMutablePointer(to: &x) { (px) throws(PROJError) in
            try withUnsafeMutablePointer(to: &y) { (py) throws(PROJError) in
                try transform(x: px, y: py, count: 1, direction: direction)
            }
        }
        return (x, y)
    }

    /// Transforms the points `(x[i], y[i])` in place; the arrays must have equal length.
    ///
    /// One call into PROJ for the whole batch, without per-point allocation. When a point
    /// fails the error names the first failing index; the arrays then hold transformed
    /// values, `HUGE_VAL` for failed points, and should be discarded.
    ///
    /// The corresponding C function is `proj_trans_generic`.
    public func transform(x: inout [Double], y: inout [Double],
                          direction: TransformDirection = .forward) throws(PROJError) {
        precondition(x.count == y.count, "transform(x:y:) needs arrays of equal length")
        let count = x.count
        try x.withUnsafeMutableBufferPointer { (xs) throws(PROJError) in
            try y.withUnsafeMutableBufferPointer { (ys) throws(PROJError) in
                guard let px = xs.baseAddress, let py = ys.baseAddress else { return }
                try transform(x: px, y: py, count: count, direction: direction)
            }
        }
    }

    /// Transforms `count` points in caller-owned buffers, in place.
    ///
    /// The corresponding C function is `proj_trans_generic`.
    public func transform(x: UnsafeMutableBufferPointer<Double>, y: UnsafeMutableBufferPointer<Double>,
                          direction: TransformDirection = .forward) throws(PROJError) {
        precondition(x.count == y.count, "transform(x:y:) needs buffers of equal length")
        guard let px = x.baseAddress, let py = y.baseAddress else { return }
        try transform(x: px, y: py, count: x.count, direction: direction)
    }

    private func transform(x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>, count: Int,
                           direction: TransformDirection) throws(PROJError) {
        let stride = MemoryLayout<Double>.stride
        context.resetErrors(of: operation)
        let done = proj_trans_generic(operation, direction.projDirection,
                                      x, stride, count, y, stride, count,
                                      nil, 0, 0, nil, 0, 0)
        let errno = proj_errno(operation)
        // PROJ marks a failed point with HUGE_VAL; errno alone may have been set by a
        // point and says nothing about which one.
        var failed: Int?
        for i in 0..<count where x[i] == .infinity || y[i] == .infinity || x[i].isNaN || y[i].isNaN {
            failed = i
            break
        }
        if failed == nil && errno == 0 && done == count { return }
        let message = context.message(errno: errno, fallback: "PROJ returned HUGE_VAL for the point without a message")
        throw .coordinateFailure(function: "proj_trans_generic", index: failed ?? 0, message: message)
    }
}
