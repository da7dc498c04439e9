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
        var expected: [UInt8] = []
        for i in 0..<20_000 {
            let line = Array("line \(i)\n".utf8)
            try file.append { $0.append(contentsOf: line) }
            expected += line
        }
        try file.commit()
        #expect(try Data(contentsOf: url) == Data(expected))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.txt"])
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
}

/// Counts calls from the writer's queue.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { defer { value += 1 }; return value } }
}
