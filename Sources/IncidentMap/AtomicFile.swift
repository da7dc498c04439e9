import Foundation

/// Writes a file under a temporary name in the same folder and renames it into place
/// when complete, so an interrupted run leaves the previous file or the new one.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            _ = try? FileManager.default.removeItem(at: url)
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError.output(path: url.path, message: error.localizedDescription)
        }
    }
}
