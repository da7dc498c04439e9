import Foundation
import GeoExport

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
        do {
            try WholeFile.write([UInt8](data), to: url)
        } catch ExportError.cannotWrite(_, let reason) {
            throw PipelineError.output(path: url.path, message: reason)
        }
    }
}
