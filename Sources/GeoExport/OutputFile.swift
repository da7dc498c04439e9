import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written in chunks under a temporary name beside its destination, renamed over
/// the destination only by `commit()`.
///
/// Why: a million features must never need a million-feature string in memory, and an
/// interrupted run must leave either the old file or the new one, never half a file
/// (rename(2) within one folder is atomic). Full chunks go to the kernel on a background
/// queue, a few at a time, so that formatting the next chunk overlaps copying the last one
/// into the page cache (a third of writing a large GeoJSON or KML file); a failed write is
/// reported by the next `flush` or by `commit`, before anything is renamed. Not `Sendable`:
/// one writer owns it.
final class OutputFile {
    /// Where the file ends up.
    let destination: URL
    /// The temporary sibling being written (`.<name>.partial-<pid>`).
    let temporary: URL
    private var descriptor: Int32
    private var buffer: [UInt8]
    private let chunkSize: Int
    private var committed = false
    private let background: ChunkWriter

    /// Creates the temporary sibling of `destination`. `write` stands for write(2) (tests
    /// pass one that fails).
    init(destination: URL, chunkSize: Int = 1 << 20,
         write: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int = { systemWrite($0, $1, $2) }) throws {
        self.destination = destination
        self.temporary = OutputFile.temporaryURL(for: destination)
        self.chunkSize = chunkSize
        buffer = []
        buffer.reserveCapacity(chunkSize + 4096)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 {
            throw ExportError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
        background = ChunkWriter(descriptor: descriptor, path: destination.path, write: write)
    }

    deinit {
        background.drain()
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

    /// Hands the buffered bytes to the background writer; throws the first error any
    /// earlier chunk met.
    func flush() throws {
        try background.check()
        guard !buffer.isEmpty else { return }
        var full: [UInt8] = []
        full.reserveCapacity(chunkSize + 4096)
        swap(&full, &buffer)
        background.enqueue(full)
    }

    /// Flushes, waits for every chunk to reach the file, closes it and renames it over the
    /// destination.
    func commit() throws {
        try flush()
        background.drain()
        try background.check()
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

/// Writes chunks to a file descriptor in order on its own serial queue, with at most
/// `limit` chunks waiting, and keeps the first error.
private final class ChunkWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let path: String
    private let write: @Sendable (Int32, UnsafeRawPointer, Int) -> Int
    private let queue = DispatchQueue(label: "incidentmap.output-file")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var failure: ExportError?

    init(descriptor: Int32, path: String, write: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int,
         limit: Int = 4) {
        self.descriptor = descriptor
        self.path = path
        self.write = write
        slots = DispatchSemaphore(value: limit)
    }

    func enqueue(_ chunk: [UInt8]) {
        slots.wait()
        queue.async {
            defer { self.slots.signal() }
            guard self.error == nil else { return }  // after a failure, later chunks are moot
            if let failure = self.writeAll(chunk) { self.lock.withLock { self.failure = failure } }
        }
    }

    /// Returns once every chunk enqueued so far has been written (or skipped after a failure).
    func drain() { queue.sync {} }

    func check() throws {
        if let error { throw error }
    }

    private var error: ExportError? { lock.withLock { failure } }

    private func writeAll(_ chunk: [UInt8]) -> ExportError? {
        var offset = 0
        let count = chunk.count
        return chunk.withUnsafeBytes { raw -> ExportError? in
            while offset < count {
                let written = write(descriptor, raw.baseAddress! + offset, count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return ExportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
                }
                offset += written
            }
            return nil
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
