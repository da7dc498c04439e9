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
/// reported by the next `flush` or by `commit`, before anything is renamed. Behind the
/// last few windows written, the file's pages leave the page cache as soon as they are on
/// disk (`PageRelease`). Not `Sendable`: one writer owns it.
final class OutputFile {
    /// Where the file ends up.
    let destination: URL
    /// The temporary sibling being written (`.<name>.partial-<pid>`).
    let temporary: URL
    private var descriptor: Int32
    private var buffer: ByteBuffer
    private let chunkSize: Int
    private var committed = false
    private let background: ChunkWriter

    /// Creates the temporary sibling of `destination`. `write` stands for write(2) (tests
    /// pass one that fails); `release` for the page-cache advice of `PageRelease`.
    init(destination: URL, chunkSize: Int = 1 << 20,
         write: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int = { systemWrite($0, $1, $2) },
         release: PageRelease = PageRelease()) throws {
        self.destination = destination
        self.temporary = OutputFile.temporaryURL(for: destination)
        self.chunkSize = chunkSize
        buffer = ByteBuffer(capacity: chunkSize + 4096)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if descriptor < 0 {
            throw ExportError.cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
        background = ChunkWriter(descriptor: descriptor, path: destination.path, write: write, release: release)
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
        buffer.append(utf8: text)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Lets a caller append bytes straight into the buffer (formatters, escapers), then
    /// flushes when a chunk is full.
    func append(_ body: (inout ByteBuffer) -> Void) throws {
        body(&buffer)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Writes the bytes `buffer` holds after everything appended so far, handing its
    /// allocation to the background writer without a copy; `buffer` starts over empty, with
    /// the same capacity.
    func write(taking buffer: inout ByteBuffer) throws {
        try flush()
        let capacity = buffer.capacity
        enqueue(&buffer, reserving: capacity)
    }

    /// Hands the buffered bytes to the background writer; throws the first error any
    /// earlier chunk met.
    func flush() throws {
        try background.check()
        enqueue(&buffer, reserving: chunkSize + 4096)
    }

    /// Hands `bytes`' allocation to the background writer, unless it is empty; `bytes`
    /// starts over with a new one of `capacity` bytes.
    private func enqueue(_ bytes: inout ByteBuffer, reserving capacity: Int) {
        guard !bytes.isEmpty else { return }
        let full = bytes.detach(reserving: capacity, reusing: background.spare(ofAtLeast: capacity))
        background.enqueue(Chunk(base: full.base, count: full.count, capacity: full.capacity))
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

/// Files written whole from bytes in memory (a report, a small table), the way the layer
/// writers write theirs: under a temporary name beside the destination, renamed over it
/// when complete (`OutputFile`).
public enum WholeFile {
    /// Writes `bytes` as the whole of `destination`; throws `ExportError.cannotWrite`.
    public static func write(_ bytes: [UInt8], to destination: URL) throws {
        let file = try OutputFile(destination: destination)
        try file.write(bytes)
        try file.commit()
    }
}

/// Writes chunks to a file descriptor in order on its own serial queue, with at most
/// `limit` chunks waiting, and keeps the first error. A written chunk's allocation is kept
/// for the next buffer (`spare`), up to `spares` of them.
///
/// Why: a buffer of a run of placemarks or features is a few megabytes, and a new one for
/// each run came from fresh pages, each cleared by the kernel on its first touch (and, on
/// this project's virtual machines, taken from the host too); a file's own 1 MiB chunks
/// mostly came back from the allocator warm, but nothing promised it.
final class ChunkWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let path: String
    private let write: @Sendable (Int32, UnsafeRawPointer, Int) -> Int
    private let queue = DispatchQueue(label: "incidentmap.output-file")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var failure: ExportError?
    /// Written chunks' allocations, under `lock`.
    private var spares: [ByteBuffer.Allocation] = []
    private let spareLimit: Int
    /// Touched on `queue` only.
    private var release: PageRelease

    init(descriptor: Int32, path: String, write: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int,
         release: PageRelease, limit: Int = 4, spares: Int = 2) {
        self.descriptor = descriptor
        self.path = path
        self.write = write
        self.release = release
        slots = DispatchSemaphore(value: limit)
        spareLimit = spares
    }

    deinit {
        for spare in spares { spare.base.deallocate() }
    }

    /// A written chunk's allocation of at least `capacity` bytes, which the caller now owns.
    func spare(ofAtLeast capacity: Int) -> ByteBuffer.Allocation? {
        lock.withLock {
            guard let k = spares.firstIndex(where: { $0.capacity >= capacity }) else { return nil }
            return spares.remove(at: k)
        }
    }

    /// Keeps a written chunk's allocation for `spare`, or frees it when enough are kept.
    private func recycle(_ chunk: Chunk) {
        let kept = lock.withLock {
            guard spares.count < spareLimit else { return false }
            spares.append((chunk.base, chunk.capacity))
            return true
        }
        if !kept { chunk.base.deallocate() }
    }

    func enqueue(_ chunk: Chunk) {
        slots.wait()
        queue.async {
            defer {
                self.recycle(chunk)
                self.slots.signal()
            }
            guard self.error == nil else { return }  // after a failure, later chunks are moot
            if let failure = self.writeAll(chunk) {
                self.lock.withLock { self.failure = failure }
            } else {
                self.release.wrote(chunk.count, descriptor: self.descriptor)
            }
        }
    }

    /// Returns once every chunk enqueued so far has been written (or skipped after a failure).
    func drain() { queue.sync {} }

    func check() throws {
        if let error { throw error }
    }

    private var error: ExportError? { lock.withLock { failure } }

    private func writeAll(_ chunk: Chunk) -> ExportError? {
        var offset = 0
        while offset < chunk.count {
            let written = write(descriptor, chunk.base + offset, chunk.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return ExportError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        return nil
    }
}

/// A full buffer on its way to the file: owns its allocation until `ChunkWriter` recycles
/// it once written.
struct Chunk: @unchecked Sendable {
    let base: UnsafeMutablePointer<UInt8>
    let count: Int
    let capacity: Int
}

/// Hands a file's pages back to the kernel once they are on disk, a window at a time,
/// as the file is written from start to end.
///
/// Why: on this project's machines (virtual machines whose free memory the host takes
/// back), a page-cache page never used before costs a fault in the host on its first
/// touch, and a 3 GB KML took 5-6 s of kernel time for its pages alone. Pages that go back
/// as soon as they are clean are taken again for the next windows while still warm: the
/// same 3.2 GB took 1.3-1.6 s of kernel time so, against 4.7-5.7 s (`Benchmarks/write-floor`).
/// It also keeps a run's output from filling the page cache on any machine. No call waits
/// for the disk: a window is asked to go to disk when complete (`POSIX_FADV_DONTNEED`
/// starts writeback of dirty pages and frees clean ones), and the windows behind it are
/// asked again, when their pages are clean and so freed; on a disk slower than the
/// writer, pages just stay cached as before.
struct PageRelease {
    /// Bytes per window.
    let window: Int
    /// How many windows behind the newest are asked again to free their pages.
    let lookBehind: Int
    /// posix_fadvise(2) with `POSIX_FADV_DONTNEED` over (offset, length); tests record the calls.
    let advise: @Sendable (Int32, Int, Int) -> Void
    /// Bytes written so far, and where the first window not yet complete starts.
    private var written = 0
    private var announced = 0

    init(window: Int = 16 << 20, lookBehind: Int = 3,
         advise: @escaping @Sendable (Int32, Int, Int) -> Void = PageRelease.dontNeed) {
        self.window = window
        self.lookBehind = lookBehind
        self.advise = advise
    }

    /// Records `count` more bytes written to `descriptor` and advises on the windows they complete.
    mutating func wrote(_ count: Int, descriptor: Int32) {
        written += count
        while written - announced >= window {
            advise(descriptor, announced, window)
            let behind = max(0, announced - lookBehind * window)
            if announced > behind { advise(descriptor, behind, announced - behind) }
            announced += window
        }
    }

    static let dontNeed: @Sendable (Int32, Int, Int) -> Void = { descriptor, offset, length in
        #if os(Linux)
        // Advice only: a failure changes nothing that is written.
        _ = posix_fadvise(descriptor, off_t(offset), off_t(length), POSIX_FADV_DONTNEED)
        #endif
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif
