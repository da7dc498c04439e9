import Foundation

/// Writes a file under a temporary name in the same folder and renames it into place
/// when complete, so an interrupted run leaves the previous file or the new one.
///
/// The rename replaces the previous file in one step (rename(2)), and the file is not
/// forced to disk first: the large files written beside it are not either (what the rename
/// guards against is a run stopped half-way, not a power cut), and on ext4 forcing even a
/// 51-byte file to disk waited for the journal to take the gigabytes written before it,
/// half a second at the end of the main job with nothing else left to do.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        func fail(_ message: String) -> PipelineError {
            unlink(temporary.path)
            return PipelineError.output(path: url.path, message: message)
        }
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw fail(String(cString: strerror(errno))) }
        var problem: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    problem = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, problem == nil { problem = String(cString: strerror(errno)) }
        if let problem { throw fail(problem) }
        if rename(temporary.path, url.path) != 0 { throw fail(String(cString: strerror(errno))) }
    }
}
