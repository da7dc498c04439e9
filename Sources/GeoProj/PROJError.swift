/// A failure reported by PROJ, carrying PROJ's own message.
///
/// PROJ writes its useful text ("proj_create: crs not found") only to the context's log
/// handler; `proj_context_errno_string` alone often says "Unknown error". Each `Transformer`
/// installs a handler that keeps the last error line, and the errors below carry it.
public enum PROJError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A PROJ function returned NULL or an error code.
    ///
    /// `function` is the C function that failed (for example `proj_create_crs_to_crs`),
    /// `message` PROJ's text for the failure.
    case libraryFailure(function: String, message: String)

    /// A coordinate could not be transformed (PROJ returned `HUGE_VAL` or NaN, or set its errno).
    ///
    /// `index` is the position of the first failing point in the batch (0 for a single
    /// point).
    case coordinateFailure(function: String, index: Int, message: String)

    /// PROJ's message for the failure.
    public var message: String {
        switch self {
        case .libraryFailure(_, let message), .coordinateFailure(_, _, let message):
            return message
        }
    }

    public var description: String {
        switch self {
        case .libraryFailure(let function, let message):
            return "\(function) failed: \(message)"
        case .coordinateFailure(let function, let index, let message):
            return "\(function) failed for point \(index): \(message)"
        }
    }
}
