internal import CPROJ

/// One `PJ_CONTEXT` with a log handler that keeps PROJ's last error line.
///
/// A PROJ context holds mutable state (errno, the proj.db connection, caches) and must
/// never be used by two threads at once, so this type is not `Sendable` and each
/// `Transformer` owns its own. Creating one costs about a millisecond; keep it.
final class PROJContext {
    let handle: OpaquePointer
    private let log: PROJLog

    init() throws(PROJError) {
        guard let handle = proj_context_create() else {
            throw .libraryFailure(function: "proj_context_create", message: "PROJ could not create a context")
        }
        self.handle = handle
        log = PROJLog()
        // The context keeps only a raw pointer to the log; `self` holds the strong
        // reference and destroys the context in `deinit` before `log` is released.
        proj_log_func(handle, Unmanaged.passUnretained(log).toOpaque(), projLogHandler)
    }

    deinit {
        // Every PJ made in this context must be gone by now: their owners hold a strong
        // reference to this context, so they are destroyed first.
        proj_context_destroy(handle)
    }

    /// Forgets earlier messages before a call whose failure must be explained; with
    /// `object`, also resets that object's errno (and the context's) as PROJ requires
    /// before a transform.
    ///
    /// The corresponding C function is `proj_errno_reset`.
    func resetErrors(of object: OpaquePointer? = nil) {
        log.lastError = nil
        if let object { proj_errno_reset(object) }
    }

    /// The message for the latest failure: the last error line PROJ logged, otherwise
    /// the text for `errno`, otherwise `fallback`.
    ///
    /// The corresponding C function is `proj_context_errno_string`.
    func message(errno: Int32, fallback: String) -> String {
        if let logged = log.lastError, !logged.isEmpty { return logged }
        if errno != 0, let text = proj_context_errno_string(handle, errno) {
            return String(cString: text)
        }
        return fallback
    }

    /// A `PROJError.libraryFailure` for `function` with PROJ's message.
    func failure(_ function: String) -> PROJError {
        .libraryFailure(function: function,
                        message: message(errno: proj_context_errno(handle), fallback: "\(function) failed"))
    }
}

/// The last error line a context logged. Written only by the thread using the context.
final class PROJLog {
    var lastError: String?
}

/// Keeps error lines (PJ_LOG_ERROR) and drops debug and trace output, so the library
/// never prints to stderr on its own.
private func projLogHandler(_ userData: UnsafeMutableRawPointer?, _ level: Int32,
                            _ text: UnsafePointer<CChar>?) {
    guard let userData, let text else { return }
    let log = Unmanaged<PROJLog>.fromOpaque(userData).takeUnretainedValue()
    if level == Int32(PJ_LOG_ERROR.rawValue) {
        log.lastError = String(cString: text)
    }
}
