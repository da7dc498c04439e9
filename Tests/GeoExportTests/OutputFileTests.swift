import Foundation
import Testing
@testable import GeoExport

#if canImport(Glibc)
import Glibc
#endif

@Suite struct OutputFileTests {
    /// Chunks written in the background arrive whole and in order.
    @Test func chunksArriveInOrder() throws {
        let dir = try SampleLayers.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out.txt")
        let file = try OutputFile(destination: url, chunkSize: 100)
        let expected = try appendLines(20_000, to: file)
        try file.commit()
        #expect(try Data(contentsOf: url) == Data(expected))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.txt"])
    }

    /// Buffers handed over whole (`write(taking:)`), of sizes that grow and shrink, and
    /// appends in between, arrive whole and in order while written chunks' allocations are
    /// taken again for the next buffers.
    @Test func buffersTakenWholeArriveInOrderOverRecycledAllocations() throws {
        let dir = try SampleLayers.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out.txt")
        let file = try OutputFile(destination: url, chunkSize: 256)
        var expected: [UInt8] = []
        var buffer = ByteBuffer(capacity: 64)
        for k in 0..<300 {
            let run = [UInt8](repeating: UInt8(ascii: "a") + UInt8(k % 26), count: (k * 37) % 1_500 + 1)
            buffer.append(contentsOf: run)
            try file.write(taking: &buffer)
            let emptied = buffer.isEmpty
            #expect(emptied)
            expected += run
            expected += try appendLines(3, to: file)
        }
        try file.commit()
        #expect(try Data(contentsOf: url) == Data(expected))
    }

    /// A written chunk's allocation is kept for the next buffer that fits in it, up to
    /// `spares` of them; the rest are freed.
    @Test func writtenChunksAreKeptForTheNextBuffers() throws {
        let dir = try SampleLayers.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let descriptor = open(dir.appendingPathComponent("out.txt").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(descriptor) }
        let writer = ChunkWriter(descriptor: descriptor, path: "out.txt", write: { Glibc.write($0, $1, $2) },
                                 release: PageRelease(), limit: 2)
        var given: [UnsafeMutablePointer<UInt8>] = []
        for capacity in [100, 200, 300, 400, 500] {
            let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            base.initialize(repeating: 0, count: capacity)
            given.append(base)
            writer.enqueue(Chunk(base: base, count: capacity, capacity: capacity))
        }
        writer.drain()
        #expect(writer.spare(ofAtLeast: 250) == nil, "only the first two allocations are kept")
        let big = try #require(writer.spare(ofAtLeast: 150))
        #expect(big.base == given[1] && big.capacity == 200)
        let small = try #require(writer.spare(ofAtLeast: 1))
        #expect(small.base == given[0] && small.capacity == 100)
        for spare in [big, small] { spare.base.deallocate() }
    }

    /// A write that fails in the background is reported before the rename: the old file
    /// stays and no temporary file is left.
    @Test func failedBackgroundWriteKeepsTheOldFile() throws {
        let dir = try SampleLayers.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out.txt")
        try Data("old".utf8).write(to: url)
        let calls = Counter()
        var thrown: Error?
        do {
            let file = try OutputFile(destination: url, chunkSize: 64) { fd, bytes, count in
                if calls.next() >= 3 {
                    errno = ENOSPC
                    return -1
                }
                return Glibc.write(fd, bytes, count)
            }
            for _ in 0..<1_000 { try file.write("0123456789abcdef") }
            try file.commit()
        } catch {
            thrown = error
        }
        #expect(thrown != nil, "a failed write must be reported")
        #expect("\(thrown.map { "\($0)" } ?? "")".contains("No space left"))
        #expect(try String(contentsOf: url, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.txt"])
    }

    /// The file's pages are advised away a window at a time as the writer passes them:
    /// each complete window once to start its writeback, then the windows behind it again
    /// to free what is clean; never a byte past what was written, and the file is whole.
    @Test func writtenWindowsAreReleasedBehindTheWriter() throws {
        let dir = try SampleLayers.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out.txt")
        let calls = Recorder()
        let release = PageRelease(window: 1_000, lookBehind: 2) { _, offset, length in calls.add(offset, length) }
        let file = try OutputFile(destination: url, chunkSize: 300, release: release)
        let expected = try appendLines(1_000, to: file)
        try file.commit()
        #expect(try Data(contentsOf: url) == Data(expected))
        // 8,890 bytes ("line 0\n" ... "line 999\n"): windows 0..<8 complete, 890 bytes stay.
        let windows = expected.count / 1_000
        var wanted: [Recorder.Call] = []
        for k in 0..<windows {
            wanted.append(.init(offset: k * 1_000, length: 1_000))
            let behind = max(0, (k - 2) * 1_000)
            if k > 0 { wanted.append(.init(offset: behind, length: k * 1_000 - behind)) }
        }
        #expect(calls.calls == wanted)
    }

    /// The advice the writer gives by default frees a written file's pages once they are
    /// on disk: after it, fewer than half of them are still cached.
    @Test func defaultAdviceFreesCleanPages() throws {
        let dir = try SampleLayers.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out.bin")
        try Data(repeating: 0x41, count: 32 << 20).write(to: url)
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        #expect(fdatasync(descriptor) == 0)
        let pages = try residentPages(of: url)
        PageRelease.dontNeed(descriptor, 0, 32 << 20)
        #expect(try residentPages(of: url) < pages / 2)
    }
}

/// Appends "line 0\n", "line 1\n", ... to `file` one by one; returns the bytes appended.
private func appendLines(_ count: Int, to file: OutputFile) throws -> [UInt8] {
    var appended: [UInt8] = []
    for i in 0..<count {
        let line = Array("line \(i)\n".utf8)
        try file.append { $0.append(contentsOf: line) }
        appended += line
    }
    return appended
}

/// How many of the file's pages are in the page cache (mincore(2) over a mapping of it).
private func residentPages(of url: URL) throws -> Int {
    let descriptor = open(url.path, O_RDONLY)
    defer { close(descriptor) }
    let size = Int(lseek(descriptor, 0, SEEK_END))
    guard let map = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), map != MAP_FAILED else { return -1 }
    defer { munmap(map, size) }
    let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    var vector = [UInt8](repeating: 0, count: (size + pageSize - 1) / pageSize)
    guard mincore(map, size, &vector) == 0 else { return -1 }
    return vector.reduce(0) { $0 + Int($1 & 1) }
}

/// Records page-release advice from the writer's queue.
private final class Recorder: @unchecked Sendable {
    struct Call: Equatable { var offset, length: Int }
    private let lock = NSLock()
    private var recorded: [Call] = []
    func add(_ offset: Int, _ length: Int) { lock.withLock { recorded.append(Call(offset: offset, length: length)) } }
    var calls: [Call] { lock.withLock { recorded } }
}

/// Counts calls from the writer's queue.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { defer { value += 1 }; return value } }
}
