import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written in 64 KB chunks under a temporary name beside its destination, renamed
/// over the destination only by `commit()`.
///
/// Why: a million features must never need a million-feature string in memory, and an
/// interrupted run must leave either the old file or the new one, never half a file
/// (rename(2) within one folder is atomic). Not `Sendable`: one writer owns it.
final class OutputFile {
    /// Where the file ends up.
    let destination: URL
    /// The temporary sibling being written (`.<name>.partial-<pid>`).
    let temporary: URL
    private var descriptor: Int32
    private var buffer: [UInt8]
    private let chunkSize: Int
    private var committed = false

    /// Creates the temporary sibling of `destination`.
    init(destination: URL, chunkSize: Int = 64 * 1024) throws {
        self.destination = destination
        self.temporary = OutputFile.temporaryURL(for: destination)
        self.chunkSize = chunkSize
        buffer = []
        buffer.reserveCapacity(chunkSize + 4096)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 {
            throw ExportError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed { unlink(temporary.path) }
    }

    /// A hidden sibling of `destination` in the same folder, so the final rename never
    /// crosses file systems.
    static func temporaryURL(for destination: URL) -> URL {
        let name = ".\(destination.lastPathComponent).partial-\(getpid())"
        return destination.deletingLastPathComponent().appendingPathComponent(name)
    }

    @inline(__always)
    func write(_ byte: UInt8) throws {
        buffer.append(byte)
        if buffer.count >= chunkSize { try flush() }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    func write(_ text: String) throws {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= chunkSize { try flush() }
    }

    /// Lets a caller append bytes straight into the buffer (formatters, escapers), then
    /// flushes when a chunk is full.
    func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Writes the buffered bytes to the temporary file.
    func flush() throws {
        var offset = 0
        let count = buffer.count
        try buffer.withUnsafeBytes { raw in
            while offset < count {
                let written = systemWrite(descriptor, raw.baseAddress! + offset, count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw ExportError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the temporary file over the destination.
    func commit() throws {
        try flush()
        let status = close(descriptor)
        descriptor = -1
        if status != 0 {
            throw ExportError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
        try OutputFile.replace(destination, with: temporary)
        committed = true
    }

    /// Renames `source` over `destination` atomically.
    static func replace(_ destination: URL, with source: URL) throws {
        if rename(source.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(source.path)
            throw ExportError.cannotWrite(path: destination.path, reason: reason)
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
